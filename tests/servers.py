"""Servers the storage tests start on loopback: a ZEO server, a PostgreSQL cluster,
a Redis server (the jobs' shared broker).

Each runs from a temporary directory and is stopped by the test's fixture; nothing
runs as a system service. PostgreSQL and Redis come from Debian (``make install``).
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
REDIS_SERVER = Path(os.environ.get("IASOLUTIONS_REDIS_SERVER", "/usr/bin/redis-server"))


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, seconds=60, process=None):
    """Until something listens on ``port``; ``process``: the server, which must not exit."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server for port {port} exited ({process.returncode})")
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

    halt = stop  # its data stays in its directory: ``start`` again is a restart


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

    def start(self, settings=""):
        if not (PG_BIN / "initdb").exists():
            raise RuntimeError(f"PostgreSQL is not installed ({PG_BIN}): run `make install`")
        self.directory.mkdir(parents=True, exist_ok=True)
        if not self.data.exists():
            self._run(str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres")
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.directory} {settings}"
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

    def halt(self):
        """Stop the server, keep its data (``start`` again: a restart)."""
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def stop(self):
        self.halt()
        shutil.rmtree(self.directory, ignore_errors=True)


class RedisServer:
    """A private redis-server on a free loopback port, its files in ``directory``
    (nothing saved to disk: a throwaway broker)."""

    def __init__(self, directory):
        self.directory = Path(directory)
        self.port = free_port()
        self.process = None

    def url(self, database=0):
        return f"redis://127.0.0.1:{self.port}/{database}"

    def start(self):
        if not REDIS_SERVER.exists():
            raise RuntimeError(f"Redis is not installed ({REDIS_SERVER}): run `make install`")
        self.directory.mkdir(parents=True, exist_ok=True)
        log = open(self.directory / "redis.out", "ab")  # noqa: SIM115 -- kept for the process
        self.process = subprocess.Popen(
            [str(REDIS_SERVER), "--bind", "127.0.0.1", "--port", str(self.port),
             "--dir", str(self.directory), "--save", "", "--appendonly", "no"],
            stdout=log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        wait_for_port(self.port, process=self.process)

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.process = None


PLAIN_SITE = """
from Products.CMFPlone.factory import addPloneSite
import transaction
if "plain" not in app.objectIds():
    addPloneSite(app, "plain", extension_ids=["plone.app.contenttypes:default",
                                              "plone.restapi:default"])
    transaction.commit()
"""


def run(command, **options):
    result = subprocess.run(command, capture_output=True, text=True, **options)
    if result.returncode != 0:
        raise RuntimeError(f"{command[0]} failed:\n{result.stderr[-3000:]}")
    return result


class Deployment:
    """One municipality as a host runs it: its storage server (ZEO or PostgreSQL,
    started here on loopback; none for FileStorage), ``clients`` Zope instances
    written by ``make-instance`` and served by waitress, the site ``commune``
    (commune profile, the modules asked) and, with ``plain``, a plain Plone site
    beside it for side-by-side measures."""

    def __init__(self, folder, storage="zeo", clients=2, threads=None):
        from iasolutions.policy import instance

        if storage == "filestorage" and clients != 1:
            raise ValueError("FileStorage serves one client")
        self.folder, self.storage = Path(folder), storage
        self.servers, self.processes, self.ports, self.confs = [], {}, [], []
        options = self._storage_options(instance)
        for number in range(clients):
            port = free_port()
            directory = self.folder / f"client{number + 1}"
            made = instance.make_instance(directory, port=port, threads=threads, **options)
            self.confs.append(made)
            self.ports.append(port)

    def _storage_options(self, instance):
        if self.storage == "zeo":
            zeo = ZeoServer(self.folder / "zeo")
            instance.make_zeo(zeo.directory, address=zeo.address)
            zeo.start()
            self.servers.append(zeo)
            return {"storage": "zeo", "zeo_address": zeo.address, "zeo_var": zeo.var}
        if self.storage == "relstorage":
            cluster = PostgresCluster(self.folder / "pg")
            cluster.start()
            self.servers.append(cluster)
            cluster.create_database("municipality")
            return {"storage": "relstorage", "dsn": cluster.dsn("municipality")}
        return {}

    @property
    def server(self):
        return self.servers[0]

    def bases(self, site="commune"):
        return [f"http://127.0.0.1:{port}/{site}" for port in self.ports]

    def build(self, modules=("mail",), plain=False, demo=False):
        conf = str(self.confs[0])
        run([str(BIN / "addzopeuser"), "-c", conf, "admin", "admin"])
        run([str(BIN / "iasolutions"), "-C", conf, "create-site", "commune", "--title",
             "Commune", "--profile", "commune", "--modules", *modules,
             *(["--demo"] if demo else [])])  # fmt: skip
        if plain:
            script = self.folder / "plain.py"
            script.write_text(PLAIN_SITE)
            run([str(BIN / "zconsole"), "run", conf, str(script)])
        return self

    def start_client(self, number):
        conf, port = self.confs[number], self.ports[number]
        log = open(conf.parent.parent / "runwsgi.out", "ab")  # noqa: SIM115 -- kept for the process
        self.processes[number] = subprocess.Popen(
            [str(BIN / "runwsgi"), str(conf.with_name("zope.ini"))],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        wait_for_port(port, seconds=300, process=self.processes[number])

    def serve(self):
        for number in range(len(self.confs)):
            self.start_client(number)
        return self

    def kill_client(self, number):
        """SIGKILL: no shutdown, no last commit, as a crash or the OOM killer does."""
        self.processes.pop(number).kill()

    def stop(self):
        for process in self.processes.values():
            process.terminate()
            process.wait(timeout=60)
        self.processes.clear()
        for server in reversed(self.servers):
            server.stop()
