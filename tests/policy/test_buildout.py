"""The administrators' buildout: same pins as pip's, and it builds a working bin/instance."""

import configparser
from iasolutions.policy import instance as make_instance
import os
from pathlib import Path
import pytest
import signal
import socket
import subprocess
import sys
import time
import urllib.request


ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def pins_of_constraints():
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.strip().split("==")
            pins[name.lower().replace("_", "-").replace(".", "-")] = version
    return pins


def pins_of_versions_cfg():
    parser = configparser.ConfigParser()
    parser.read(ROOT / "versions.cfg")
    return {
        name.lower().replace("_", "-").replace(".", "-"): version
        for name, version in parser["versions"].items()
    }


def test_buildout_and_pip_use_the_same_pins():
    assert pins_of_versions_cfg() == pins_of_constraints()


def buildout_option(name, section, option):
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ROOT / name)
    return parser[section][option]


def pipeline_of(wsgi_ini):
    parser = configparser.ConfigParser(interpolation=None)
    parser.read_string(wsgi_ini)
    return parser["pipeline:main"]["pipeline"].split()


def test_the_buildout_pipeline_answers_503_when_the_storage_is_away():
    """As make-instance's zope.ini: the storage_unavailable filter around Zope."""
    pipeline = buildout_option("buildout.cfg", "instance", "pipeline").split()
    assert pipeline[-3:] == [
        "egg:iasolutions#storage_unavailable",
        "egg:Zope#httpexceptions",
        "zope",
    ]


def test_the_buildout_zeo_clients_are_zeo_clientstorages_with_server_sync():
    """zeo.cfg writes ZEO's <clientstorage> as make-instance does (checked again on the
    zope.conf a real buildout writes in test_zeo_buildout_serves_two_clients_on_one_storage)."""
    section = buildout_option("zeo.cfg", "client1", "storage-wrapper")
    assert "%%import ZEO" in section and "<clientstorage>" in section
    assert "server-sync on" in section
    assert f"wait-timeout {make_instance.ZEO_WAIT_SECONDS}" in section


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.buildout
def test_buildout_builds_a_working_instance(tmp_path):
    port = free_port()
    eggs = Path(
        os.environ.get(
            "IASOLUTIONS_BUILDOUT_EGGS", Path.home() / ".cache" / "iasolutions-buildout-eggs"
        )
    )
    (tmp_path / "buildout.cfg").write_text(
        f"[buildout]\nextends = {ROOT}/buildout.cfg\ndevelop = {ROOT}\n"
        f"eggs-directory = {eggs}\n[instance]\nhttp-address = 127.0.0.1:{port}\n"
    )
    result = subprocess.run(
        [str(BIN / "buildout"), "-c", "buildout.cfg"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    instance = tmp_path / "bin" / "instance"
    assert instance.exists()
    zope_conf = (tmp_path / "parts" / "instance" / "etc" / "zope.conf").read_text()
    assert "blob-dir" in zope_conf
    assert "IASOLUTIONS_JOBS_WORKER inline" in zope_conf  # one process: the worker inside
    wsgi_ini = (tmp_path / "parts" / "instance" / "etc" / "wsgi.ini").read_text()
    assert pipeline_of(wsgi_ini)[-3:] == [
        "egg:iasolutions#storage_unavailable",
        "egg:Zope#httpexceptions",
        "zope",
    ]

    check = tmp_path / "check.py"
    check.write_text(
        "import redis  # the redis extra: the jobs on a shared Redis when jobs-redis is set\n"
        "from Products.GenericSetup.registry import _profile_registry\n"
        "print('PROFILES', sorted(p['id'] for p in _profile_registry.listProfileInfo()"
        " if p['id'].startswith('iasolutions.policy')))\n"
    )
    result = subprocess.run(
        [str(instance), "run", str(check)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert "iasolutions.policy:commune" in result.stdout
    assert "iasolutions.policy:seneffe" in result.stdout

    server = subprocess.Popen(
        [str(instance), "fg"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        status = None
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    status = response.status
                    break
            except OSError:
                time.sleep(1)
        assert status == 200
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


def answers(port, seconds=120):
    for _ in range(seconds):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                return response.status
        except OSError:
            time.sleep(1)
    return None


@pytest.mark.buildout
def test_zeo_buildout_serves_two_clients_on_one_storage(tmp_path):
    """``zeo.cfg``: a ZEO server and two Zope clients, each answering on its port."""
    zeo_port, *client_ports = free_port(), free_port(), free_port()
    eggs = Path(
        os.environ.get(
            "IASOLUTIONS_BUILDOUT_EGGS", Path.home() / ".cache" / "iasolutions-buildout-eggs"
        )
    )
    (tmp_path / "buildout.cfg").write_text(
        f"[buildout]\nextends = {ROOT}/zeo.cfg\ndevelop = {ROOT}\neggs-directory = {eggs}\n"
        f"[zeoserver]\nzeo-address = 127.0.0.1:{zeo_port}\n"
        f"[client1]\nhttp-address = 127.0.0.1:{client_ports[0]}\n"
        f"[client2]\nhttp-address = 127.0.0.1:{client_ports[1]}\n"
        "jobs-redis = redis://10.0.0.5:6379/1\n"
    )
    built = subprocess.run(
        [str(BIN / "buildout"), "-c", "buildout.cfg"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    for client in ("client1", "client2"):
        conf = (tmp_path / "parts" / client / "etc" / "zope.conf").read_text()
        assert f"server 127.0.0.1:{zeo_port}" in conf and "shared-blob-dir on" in conf
        assert "IASOLUTIONS_JOBS_WORKER external" in conf  # bin/iasolutions … worker
        # ZEO's own client section, as make-instance writes it, in place of the recipe's
        assert "%import ZEO" in conf and "<clientstorage>" in conf and "<zeoclient>" not in conf
        assert "server-sync on" in conf
        assert f"wait-timeout {make_instance.ZEO_WAIT_SECONDS}" in conf
        assert "<filestorage>" not in conf and f"name {client}" in conf
        wsgi_ini = (tmp_path / "parts" / client / "etc" / "wsgi.ini").read_text()
        assert "egg:iasolutions#storage_unavailable" in pipeline_of(wsgi_ini)
    # the jobs of client2 on a shared Redis, client1's in the SQLite file
    client1, client2 = (
        (tmp_path / "parts" / client / "etc" / "zope.conf").read_text()
        for client in ("client1", "client2")
    )
    assert "IASOLUTIONS_JOBS_REDIS redis://10.0.0.5:6379/1" in client2
    assert "IASOLUTIONS_JOBS_REDIS redis" not in client1
    processes = []

    def start(name):
        processes.append(
            subprocess.Popen(
                [str(tmp_path / "bin" / name), "fg"],
                cwd=tmp_path,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        )

    try:
        start("zeoserver")
        # On a new storage the first client writes Zope's root objects: it starts
        # alone (docs/operations.rst), the second one then shares them.
        start("client1")
        assert answers(client_ports[0]) == 200
        start("client2")
        assert answers(client_ports[1]) == 200
    finally:
        for process in reversed(processes):
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=60)


def test_relstorage_buildout_is_history_free_with_a_blob_cache():
    """``relstorage.cfg`` (built like zeo.cfg; its PostgreSQL is the administrator's)."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ROOT / "relstorage.cfg")
    for client in ("client1", "client2"):
        storage = parser[client]["rel-storage"]
        assert "type postgresql" in storage and "keep-history false" in storage
        assert "shared-blob-dir false" in storage and f"blobcache-{client}" in storage
