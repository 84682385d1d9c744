"""Several municipalities on one host (``iasolutions host …``).

One file, ``hosting.toml``, holds one line per municipality::

    [municipalities]
    seneffe = { title = "Ville de Seneffe", profile = "seneffe", port = 8091, clients = 2, storage = "zeo" }

From it ``write_host`` writes, under the file's directory, each municipality's
instances (``<site>/client1`` … and ``<site>/zeo`` for ZEO), a supervisord
configuration running them all, and an nginx configuration balancing each
municipality's clients (``/<site>`` on the front goes to that municipality's
clients). Ports: the clients take ``port``, ``port + 1``…; a ZEO server takes
``port + 1000``. RelStorage municipalities use ``dsn`` (default: a database named
after the site on the local PostgreSQL).
"""

from dataclasses import asdict
from dataclasses import dataclass
from iasolutions.policy.instance import STORAGES
from iasolutions.policy.instance import InstanceError
from iasolutions.policy.instance import make_instance
from iasolutions.policy.instance import make_zeo
from iasolutions.policy.sites import ORGANISATION_PROFILES
import json
from pathlib import Path
import re
import sys
import tomllib


SITE_ID = re.compile(r"^[a-z][a-z0-9-]{0,39}$")
ZEO_PORT_OFFSET = 1000
MAX_CLIENTS = 8
HEADER = """\
# Municipalities served by this host: one line each (iasolutions host add).
# Keys: title, profile, port (first client), clients, storage (filestorage, zeo,
# relstorage), dsn (relstorage), modules (default: every module).
[municipalities]
"""


class HostingError(ValueError):
    """A hosting file or a municipality that cannot be served as written."""


@dataclass(frozen=True)
class Municipality:
    site: str
    title: str
    profile: str
    port: int
    clients: int = 1
    storage: str = "filestorage"
    dsn: str = ""
    modules: tuple = ()

    def check(self):
        if not SITE_ID.match(self.site):
            raise HostingError(f"{self.site!r}: a site id is lowercase letters, digits and '-'")
        if not isinstance(self.title, str) or not self.title.strip():
            raise HostingError(f"{self.site}: give a title")
        if self.profile not in ORGANISATION_PROFILES:
            known = ", ".join(ORGANISATION_PROFILES)
            raise HostingError(f"{self.site}: unknown profile {self.profile!r} ({known})")
        if self.storage not in STORAGES:
            known = ", ".join(STORAGES)
            raise HostingError(f"{self.site}: unknown storage {self.storage!r} ({known})")
        self._check_numbers()
        return self

    def _check_numbers(self):
        if not isinstance(self.port, int) or not 1024 <= self.port <= 64000:
            raise HostingError(f"{self.site}: port must be a number from 1024 to 64000")
        if not isinstance(self.clients, int) or not 1 <= self.clients <= MAX_CLIENTS:
            raise HostingError(f"{self.site}: clients must be a number from 1 to {MAX_CLIENTS}")
        if self.storage == "filestorage" and self.clients != 1:
            raise HostingError(
                f"{self.site}: FileStorage serves one client only; use zeo or relstorage"
            )

    @property
    def client_ports(self):
        return [self.port + number for number in range(self.clients)]

    @property
    def zeo_address(self):
        return f"127.0.0.1:{self.port + ZEO_PORT_OFFSET}"

    @property
    def ports(self):
        return self.client_ports + ([self.port + ZEO_PORT_OFFSET] if self.storage == "zeo" else [])

    @property
    def database_dsn(self):
        return self.dsn or f"dbname={self.site} host=127.0.0.1 port=5432 user=zope"

    def line(self):
        """Its line in hosting.toml (TOML strings are JSON strings)."""
        values = {k: v for k, v in asdict(self).items() if k != "site" and v not in ("", ())}
        values["modules"] = list(self.modules) if self.modules else None
        fields = ", ".join(f"{k} = {json.dumps(v)}" for k, v in values.items() if v is not None)
        return f"{self.site} = {{ {fields} }}\n"


def municipality(site, values):
    if not isinstance(values, dict):
        raise HostingError(f"{site}: expected a table of settings")
    known = set(Municipality.__dataclass_fields__) - {"site"}
    unknown = sorted(set(values) - known)
    if unknown:
        raise HostingError(f"{site}: unknown setting(s) {', '.join(unknown)}")
    values = dict(values, modules=tuple(values.get("modules") or ()))
    try:
        return Municipality(site=site, **values).check()
    except TypeError as error:  # a required setting is missing
        raise HostingError(f"{site}: {error}") from None


def load(path):
    """The municipalities of a hosting file, checked, in file order."""
    path = Path(path)
    if not path.exists():
        return []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise HostingError(f"{path}: {error}") from None
    found = [municipality(site, values) for site, values in data.get("municipalities", {}).items()]
    check_ports(found)
    return found


def check_ports(municipalities):
    taken = {}
    for one in municipalities:
        for port in one.ports:
            if port in taken:
                raise HostingError(f"{one.site}: port {port} is already used by {taken[port]}")
            taken[port] = one.site


def add(path, new):
    """Append a municipality's line to the hosting file (created if missing)."""
    path = Path(path)
    present = load(path)
    same = [one for one in present if one.site == new.site]
    if same and same[0] == new:
        return new  # added before (its site may not have been created): go on
    if same:
        raise HostingError(f"{new.site} is already served by this host, with other settings")
    check_ports([*present, new.check()])
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    path.write_text(text + new.line(), encoding="utf-8")
    return new


def client_conf(root, one, number):
    return Path(root) / one.site / f"client{number}" / "etc" / "zope.conf"


def write_municipality(root, one):
    """Write the instances of one municipality; return the zope.conf of its clients."""
    base = Path(root) / one.site
    zeo_var = base / "zeo" / "var"
    if one.storage == "zeo":
        make_zeo(base / "zeo", address=one.zeo_address)
    confs = []
    for number, port in enumerate(one.client_ports, start=1):
        try:
            confs.append(
                make_instance(
                    base / f"client{number}",
                    port=port,
                    storage=one.storage,
                    zeo_address=one.zeo_address,
                    zeo_var=zeo_var,
                    dsn=one.database_dsn,
                )
            )
        except InstanceError as error:
            raise HostingError(f"{one.site}: {error}") from None
    return confs


def write_host(root):
    """Write every municipality's instances and the host's supervisord and nginx files."""
    root = Path(root).resolve()
    municipalities = load(root / "hosting.toml")
    for one in municipalities:
        write_municipality(root, one)
    (root / "supervisord.conf").write_text(supervisord_conf(root, municipalities))
    (root / "nginx.conf").write_text(nginx_conf(municipalities))
    return municipalities


def supervisord_conf(root, municipalities):
    bin_dir = Path(sys.executable).parent
    lines = [
        "[supervisord]",
        f"logfile = {root}/supervisord.log",
        f"pidfile = {root}/supervisord.pid",
        "",
        "[unix_http_server]",
        f"file = {root}/supervisord.sock",
        "",
        "[supervisorctl]",
        f"serverurl = unix://{root}/supervisord.sock",
        "",
        "[rpcinterface:supervisor]",
        "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface",
    ]
    for one in municipalities:
        if one.storage == "zeo":
            conf = root / one.site / "zeo" / "etc" / "zeo.conf"
            lines += program(f"{one.site}-zeo", f"{bin_dir}/runzeo -C {conf}", priority=10)
        for number in range(1, one.clients + 1):
            ini = client_conf(root, one, number).with_name("zope.ini")
            lines += program(f"{one.site}-client{number}", f"{bin_dir}/runwsgi {ini}")
        if one.storage != "filestorage":  # FileStorage: the worker is in the client
            command = f"{bin_dir}/iasolutions -C {client_conf(root, one, 1)} worker"
            lines += program(f"{one.site}-worker", command, priority=30)
    return "\n".join(lines) + "\n"


def program(name, command, priority=20):
    return [
        "",
        f"[program:{name}]",
        f"command = {command}",
        f"priority = {priority}",
        "autorestart = true",
        "stopsignal = TERM",
        "redirect_stderr = true",
    ]


def nginx_conf(municipalities):
    """An nginx front: each municipality's clients balanced, its site under /<site>."""
    lines = ["# Include in nginx's http block (docs/operations.rst)."]
    for one in municipalities:
        servers = "\n".join(f"    server 127.0.0.1:{port};" for port in one.client_ports)
        lines.append(f"upstream {one.site} {{\n    least_conn;\n{servers}\n}}")
    locations = "\n".join(
        f"    location /{one.site} {{\n"
        f"        proxy_pass http://{one.site}/VirtualHostBase/$scheme/$host:$server_port"
        f"/VirtualHostRoot$request_uri;\n"
        f"        proxy_set_header Host $host;\n"
        f"        proxy_next_upstream error timeout http_502 http_503;\n"
        f"    }}"
        for one in municipalities
    )
    lines.append(f"server {{\n    listen 80;\n    client_max_body_size 50m;\n{locations}\n}}")
    return "\n\n".join(lines) + "\n"


def create_site(root, one, demo=False):
    """Create the municipality's site through its first client (its storage started
    for the while if it is a ZEO server that is not running)."""
    import subprocess

    conf = client_conf(root, one, 1)
    command = [str(Path(sys.executable).parent / "iasolutions"), "-C", str(conf), "create-site"]
    command += [one.site, "--title", one.title, "--profile", one.profile]
    command += ["--modules", *one.modules] if one.modules else ["--all-modules"]
    command += ["--demo"] if demo else []
    server = None
    if one.storage == "zeo" and not _answers(one.port + ZEO_PORT_OFFSET):
        zeo_conf = Path(root) / one.site / "zeo" / "etc" / "zeo.conf"
        server = subprocess.Popen([str(Path(sys.executable).parent / "runzeo"), "-C", zeo_conf])
        _wait_for(one.port + ZEO_PORT_OFFSET)
    if one.storage == "relstorage":
        ensure_database(one.database_dsn)
    try:
        return subprocess.run(command, check=False).returncode
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=60)


def ensure_database(dsn):
    """Create the PostgreSQL database a RelStorage municipality names, if missing."""
    import psycopg2
    from psycopg2 import sql

    settings = dict(part.split("=", 1) for part in dsn.split())
    name = settings.pop("dbname")
    server = " ".join(f"{key}={value}" for key, value in settings.items())
    try:
        connection = psycopg2.connect(f"dbname=postgres {server}")
    except psycopg2.OperationalError as error:
        raise HostingError(f"PostgreSQL cannot be reached with {server!r}: {error}") from None
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    connection.close()


def _answers(port):
    import socket

    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _wait_for(port, seconds=60):
    import time

    deadline = time.monotonic() + seconds
    while not _answers(port):
        if time.monotonic() > deadline:
            raise HostingError(f"the ZEO server did not start on port {port}")
        time.sleep(0.2)
