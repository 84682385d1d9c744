"""Servers the storage tests start on loopback: a ZEO server, a PostgreSQL cluster.

Each runs from a temporary directory and is stopped by the test's fixture; nothing
runs as a system service. PostgreSQL comes from Debian (``make install``).
"""

import os
from pathlib import Path
import shutil
import socket
import subprocess
import sys
import tempfile
import time


BIN = Path(sys.executable).parent
PG_BIN = Path(os.environ.get("IASOLUTIONS_PG_BIN", "/usr/lib/postgresql/15/bin"))


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"nothing answers on port {port} after {seconds} s")


class ZeoServer:
    def __init__(self, directory):
        self.directory = Path(directory)
        self.port = free_port()
        self.address = f"127.0.0.1:{self.port}"
        self.process = None

    @property
    def var(self):
        return self.directory / "var"

    def start(self):
        conf = self.directory / "etc" / "zeo.conf"
        log = open(self.directory / "runzeo.out", "ab")  # noqa: SIM115 -- kept for the process
        self.process = subprocess.Popen(
            [str(BIN / "runzeo"), "-C", str(conf)], stdout=log, stderr=subprocess.STDOUT
        )
        wait_for_port(self.port)

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.process = None


class PostgresCluster:
    """A throwaway cluster (``initdb -A trust``) on a free loopback port."""

    def __init__(self, directory):
        if os.getuid() == 0:
            # run as Debian's postgres user, who cannot enter root's pytest folders
            directory = tempfile.mkdtemp(prefix="iasolutions-pg-")
            shutil.chown(directory, "postgres")
        self.directory = Path(directory)
        self.port = free_port()
        self.data = self.directory / "data"

    def dsn(self, database):
        return f"dbname={database} host=127.0.0.1 port={self.port} user=postgres"

    def _run(self, *command):
        # initdb refuses to run as root: the cluster then belongs to Debian's postgres user.
        if os.getuid() == 0:
            command = ("runuser", "-u", "postgres", "--", *command)
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def start(self):
        if not (PG_BIN / "initdb").exists():
            raise RuntimeError(f"PostgreSQL is not installed ({PG_BIN}): run `make install`")
        self.directory.mkdir(parents=True, exist_ok=True)
        self._run(str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres")
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.directory}"
        self._run(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.directory / "postgres.log"),
            "-w",
            "start",
        )

    def create_database(self, name):
        import psycopg2

        connection = psycopg2.connect(self.dsn("postgres"))
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        connection.close()

    def stop(self):
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")
        shutil.rmtree(self.directory, ignore_errors=True)
