"""An instance on each kind of storage, as an administrator writes and runs it:
embedded FileStorage, ZEO (two Zope clients on one server) and RelStorage on
PostgreSQL (history-free, blobs in the database)."""

from iasolutions.policy import instance
import pytest
from tests.policy.test_cli import iasolutions
from tests.policy.test_cli import state
from tests.servers import PostgresCluster
from tests.servers import ZeoServer


def test_each_storage_writes_its_section(tmp_path):
    filestorage = instance.make_instance(tmp_path / "fs").read_text()
    assert "<filestorage>" in filestorage and "$VAR/filestorage/Data.fs" in filestorage

    zeo = instance.make_instance(
        tmp_path / "client1", storage="zeo", zeo_address="127.0.0.1:8100", zeo_var=tmp_path / "zv"
    ).read_text()
    assert "<clientstorage>" in zeo and "server 127.0.0.1:8100" in zeo
    # a request waits 5 s for a server that went away, then fails (503 after Zope's retries)
    assert "wait-timeout 5" in zeo
    # clients on the server's host share its blob directory
    assert f"blob-dir {tmp_path / 'zv' / 'blobstorage'}" in zeo and "shared-blob-dir on" in zeo

    dsn = "dbname=commune host=127.0.0.1 port=5432 user=zope"
    rel = instance.make_instance(tmp_path / "rel", storage="relstorage", dsn=dsn).read_text()
    assert "%import relstorage" in rel and f"dsn {dsn}" in rel
    assert "keep-history false" in rel and "shared-blob-dir false" in rel

    # unless asked: one waitress thread a client of a shared storage, two for the
    # single process of a FileStorage (scale with clients, not threads)
    assert "threads = 2" in (tmp_path / "fs" / "etc" / "zope.ini").read_text()
    assert "threads = 1" in (tmp_path / "client1" / "etc" / "zope.ini").read_text()
    assert "threads = 1" in (tmp_path / "rel" / "etc" / "zope.ini").read_text()
    instance.make_instance(tmp_path / "four", threads=4)
    assert "threads = 4" in (tmp_path / "four" / "etc" / "zope.ini").read_text()
    assert "server-sync on" in zeo  # a retried request starts from fresh objects

    # the jobs in the instance's SQLite file, unless a shared Redis is named
    assert "IASOLUTIONS_JOBS_DB" in zeo and "IASOLUTIONS_JOBS_REDIS" not in zeo
    redis = "redis://10.0.0.5:6379/1"
    shared = instance.make_instance(tmp_path / "shared", jobs_redis=redis).read_text()
    assert f"  IASOLUTIONS_JOBS_REDIS {redis}\n" in shared

    server = instance.make_zeo(tmp_path / "zeo", address="127.0.0.1:8100").read_text()
    assert "address 127.0.0.1:8100" in server and "<filestorage 1>" in server


@pytest.mark.parametrize(
    "options,message",
    [
        (["--storage", "zeo"], "ZEO client needs the server's address"),
        (["--storage", "relstorage"], "PostgreSQL DSN"),
        (["--storage", "mysql"], "Unknown storage 'mysql'"),
        (["--jobs-redis", "10.0.0.5:6379"], "A Redis URL starts with redis://"),
    ],
)
def test_an_incomplete_storage_is_refused_with_a_message(tmp_path, options, message):
    result = iasolutions("make-instance", str(tmp_path / "instance"), *options)
    assert result.returncode == 2 and message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "instance" / "etc" / "zope.conf").exists()


@pytest.fixture
def zeo_server(tmp_path):
    server = ZeoServer(tmp_path / "zeo")
    instance.make_zeo(server.directory, address=server.address)
    server.start()
    yield server
    server.stop()


@pytest.mark.storage
def test_two_zeo_clients_share_one_municipality(tmp_path, zeo_server):
    clients = []
    for number in (1, 2):
        result = iasolutions(
            "make-instance",
            str(tmp_path / f"client{number}"),
            "--port",
            str(8090 + number),
            "--storage",
            "zeo",
            "--zeo-address",
            zeo_server.address,
            "--zeo-var",
            str(zeo_server.var),
        )
        assert result.returncode == 0, result.stderr
        clients.append(tmp_path / f"client{number}" / "etc" / "zope.conf")
    # the command line writes while the server runs (FileStorage would be locked)
    created = iasolutions(
        "create-site", "commune", "--title", "Commune", "--profile", "commune", conf=clients[0]
    )
    assert created.returncode == 0, created.stderr
    seen = state(clients[1], "commune")
    assert seen["sites"] == ["commune"] and seen["profile"] == "iasolutions.policy:commune"
    assert seen["services"] > 0


@pytest.fixture
def postgres(tmp_path):
    cluster = PostgresCluster(tmp_path / "pg")
    cluster.start()
    yield cluster
    cluster.stop()


@pytest.mark.storage
def test_a_municipality_on_relstorage(tmp_path, postgres):
    postgres.create_database("commune")
    made = iasolutions(
        "make-instance",
        str(tmp_path / "instance"),
        "--storage",
        "relstorage",
        "--dsn",
        postgres.dsn("commune"),
    )
    assert made.returncode == 0, made.stderr
    conf = tmp_path / "instance" / "etc" / "zope.conf"
    created = iasolutions(
        "create-site",
        "commune",
        "--title",
        "Commune",
        "--profile",
        "commune",
        "--all-modules",
        conf=conf,
    )
    assert created.returncode == 0, created.stderr
    seen = state(conf, "commune")
    assert seen["sites"] == ["commune"] and seen["functions"] > 2
    # the objects are rows of PostgreSQL (history-free: one state per object)
    import psycopg2

    with psycopg2.connect(postgres.dsn("commune")) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM object_state")
        assert cursor.fetchone()[0] > 1000
