"""Several municipalities on one host: one line each in hosting.toml, one command to
add one, a supervisord file running every process and an nginx front balancing each
municipality's clients."""

from iasolutions.policy import hosting
import os
from pathlib import Path
import pytest
import subprocess
import sys
from tests.policy.test_cli import iasolutions
from tests.servers import free_port
from tests.servers import wait_for_port
import urllib.request


BIN = Path(sys.executable).parent


def seneffe(**changes):
    values = {
        "site": "seneffe",
        "title": "Ville de Seneffe",
        "profile": "seneffe",
        "port": 8091,
        "clients": 2,
        "storage": "zeo",
    }
    values.update(changes)
    return hosting.Municipality(**values)


def test_a_municipality_is_one_line_read_back_as_written(tmp_path):
    path = tmp_path / "hosting.toml"
    hosting.add(path, seneffe())
    hosting.add(path, hosting.Municipality("cpas-seneffe", "CPAS de Seneffe", "cpas", 8095))
    lines = [line for line in path.read_text().splitlines() if line.startswith(("seneffe", "cpas"))]
    assert len(lines) == 2
    assert hosting.load(path) == [
        seneffe(),
        hosting.Municipality("cpas-seneffe", "CPAS de Seneffe", "cpas", 8095),
    ]
    # adding the same line again is harmless (a re-run after a failed site creation)
    hosting.add(path, seneffe())
    assert len(hosting.load(path)) == 2


@pytest.mark.parametrize(
    "municipality,message",
    [
        (seneffe(site="Seneffe!"), "lowercase letters"),
        (seneffe(profile="ville"), "unknown profile 'ville'"),
        (seneffe(storage="mysql"), "unknown storage 'mysql'"),
        (seneffe(storage="filestorage"), "FileStorage serves one client only"),
        (seneffe(clients=0), "clients must be a number from 1 to 8"),
        (seneffe(port=80), "port must be a number from 1024"),
        (seneffe(title=" "), "give a title"),
    ],
)
def test_a_municipality_that_cannot_be_served_is_refused(tmp_path, municipality, message):
    path = tmp_path / "hosting.toml"
    with pytest.raises(hosting.HostingError, match=message):
        hosting.add(path, municipality)
    assert not path.exists()


def test_ports_are_not_shared(tmp_path):
    path = tmp_path / "hosting.toml"
    hosting.add(path, seneffe())
    with pytest.raises(hosting.HostingError, match="port 8092 is already used by seneffe"):
        hosting.add(path, hosting.Municipality("binche", "Ville de Binche", "commune", 8092))
    with pytest.raises(hosting.HostingError, match="other settings"):
        hosting.add(path, seneffe(clients=3))


@pytest.mark.parametrize(
    "text,message",
    [
        ("[municipalities]\nx = 1\n", "expected a table"),
        ('[municipalities]\nbinche = { title = "B", profile = "commune" }\n', "port"),
        (
            '[municipalities]\nbinche = { title = "B", profile = "commune", port = 9000, '
            "colour = 1 }\n",
            "unknown setting",
        ),
        ("[municipalities\n", "hosting.toml"),
    ],
)
def test_a_broken_hosting_file_is_reported(tmp_path, text, message):
    path = tmp_path / "hosting.toml"
    path.write_text(text)
    with pytest.raises(hosting.HostingError, match=message):
        hosting.load(path)


def test_the_front_balances_each_municipality_and_supervisord_runs_everything(tmp_path):
    hosting.add(tmp_path / "hosting.toml", seneffe())
    hosting.add(
        tmp_path / "hosting.toml",
        hosting.Municipality("binche", "Ville de Binche", "commune", 8101, 2, "relstorage"),
    )
    hosting.write_host(tmp_path)
    nginx = (tmp_path / "nginx.conf").read_text()
    assert "upstream seneffe {\n    least_conn;\n    server 127.0.0.1:8091;" in nginx
    assert "server 127.0.0.1:8092;" in nginx and "location /binche {" in nginx
    assert "VirtualHostBase/$scheme/$host:$server_port/VirtualHostRoot$request_uri" in nginx
    supervisor = (tmp_path / "supervisord.conf").read_text()
    assert "[program:seneffe-zeo]" in supervisor and "[program:binche-client2]" in supervisor
    assert "[program:binche-zeo]" not in supervisor
    assert "[program:binche-worker]" in supervisor and "[program:seneffe-worker]" in supervisor
    client = (tmp_path / "binche" / "client2" / "etc" / "zope.conf").read_text()
    assert "dsn dbname=binche host=127.0.0.1 port=5432 user=zope" in client
    zeo_client = (tmp_path / "seneffe" / "client2" / "etc" / "zope.ini").read_text()
    assert "listen = 127.0.0.1:8092" in zeo_client


@pytest.mark.storage
def test_two_municipalities_on_one_host(tmp_path):
    """``iasolutions host add`` twice, then supervisord serves both, the ZEO one on
    two clients."""
    root = tmp_path / "hosting"
    ports = [free_port() for _ in range(3)]
    added = iasolutions(
        "host",
        "--root",
        str(root),
        "add",
        "seneffe",
        "--title",
        "Ville de Seneffe",
        "--profile",
        "seneffe",
        "--port",
        str(ports[0]),
        "--clients",
        "2",
        "--storage",
        "zeo",
        "--modules",
        "mail",
    )
    assert added.returncode == 0, added.stderr[-2000:]
    # the second client of seneffe takes the next port: the other municipality after it
    added = iasolutions(
        "host",
        "--root",
        str(root),
        "add",
        "cpas",
        "--title",
        "CPAS de Démo",
        "--profile",
        "cpas",
        "--port",
        str(ports[0] + 5),
        "--modules",
        "delib",
    )
    assert added.returncode == 0, added.stderr[-2000:]
    listed = iasolutions("host", "--root", str(root), "list")
    assert listed.stdout.splitlines() == [
        f"seneffe\tzeo\t{ports[0]}, {ports[0] + 1}\tVille de Seneffe",
        f"cpas\tfilestorage\t{ports[0] + 5}\tCPAS de Démo",
    ]
    supervisord = subprocess.Popen(
        [str(BIN / "supervisord"), "-n", "-c", str(root / "supervisord.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=dict(os.environ),
    )
    try:
        for port, site in (
            (ports[0], "seneffe"),
            (ports[0] + 1, "seneffe"),
            (ports[0] + 5, "cpas"),
        ):
            wait_for_port(port, seconds=180)
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{site}", timeout=60) as page:
                assert page.status == 200
    finally:
        supervisord.terminate()
        supervisord.wait(timeout=120)
