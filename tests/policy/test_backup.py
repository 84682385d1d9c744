"""Back up one municipality and restore it into a fresh instance: the same contents,
file data included (FileStorage with repozo and its blobs; RelStorage with pg_dump)."""

from iasolutions.policy import backup
from iasolutions.policy import instance
import json
import pytest
import subprocess
from tests.policy.test_cli import BIN
from tests.policy.test_cli import iasolutions
from tests.policy.test_cli import state
from tests.servers import PostgresCluster


def test_the_storage_is_read_from_its_configuration(tmp_path):
    conf = instance.make_instance(tmp_path / "fs")
    found = backup.storage_of(conf)
    assert found.kind == "filestorage"
    assert found.path == tmp_path / "fs" / "var" / "filestorage" / "Data.fs"
    assert found.blob_dir == tmp_path / "fs" / "var" / "blobstorage"

    server = backup.storage_of(instance.make_zeo(tmp_path / "zeo"))
    assert server.path == tmp_path / "zeo" / "var" / "filestorage" / "Data.fs"

    dsn = "dbname=commune host=127.0.0.1 port=5432 user=zope"
    rel = backup.storage_of(instance.make_instance(tmp_path / "rel", storage="relstorage", dsn=dsn))
    assert (rel.kind, rel.dsn) == ("relstorage", dsn)

    client = instance.make_instance(
        tmp_path / "client", storage="zeo", zeo_address="127.0.0.1:8100", zeo_var=tmp_path / "zeo"
    )
    with pytest.raises(backup.BackupError, match="back up its server's zeo.conf"):
        backup.storage_of(client)


def test_a_restore_never_overwrites_a_storage(tmp_path):
    conf = instance.make_instance(tmp_path / "fs")
    data = tmp_path / "fs" / "var" / "filestorage" / "Data.fs"
    data.write_bytes(b"FS21 data")
    result = iasolutions("restore", "--from", str(tmp_path / "nothing"), conf=conf)
    assert result.returncode == 2 and "exists: restore into a new instance" in result.stderr
    assert data.read_bytes() == b"FS21 data"


FILE_SCRIPT = """
import sys, transaction
from zope.component.hooks import setSite
from plone import api
from plone.namedfile.file import NamedBlobFile
site = app.unrestrictedTraverse("commune")
setSite(site)
if sys.argv[-1] == "write":
    with api.env.adopt_roles(["Manager"]):
        api.content.create(container=site, type="File", id="statuts", title="Statuts",
                           file=NamedBlobFile(b"%PDF-1.4 statuts" * 1000, filename="statuts.pdf"))
    transaction.commit()
data = site["statuts"].file.data
print("FILE " + str(len(data)) + " " + str(data[:16]))
"""


def file_in(conf, action):
    script = conf.parent.parent / "file.py"
    script.write_text(FILE_SCRIPT)
    result = subprocess.run(
        [str(BIN / "zconsole"), "run", str(conf), str(script), action],
        capture_output=True,
        text=True,
        timeout=600,
    )
    return next(line for line in result.stdout.splitlines() if line.startswith("FILE ")), result


def make_site(conf):
    created = iasolutions(
        "create-site", "commune", "--title", "Commune", "--profile", "commune", conf=conf
    )
    assert created.returncode == 0, created.stderr[-2000:]


@pytest.mark.storage
def test_filestorage_backup_restored_into_a_new_instance(tmp_path):
    conf = instance.make_instance(tmp_path / "original")
    make_site(conf)
    written, _ = file_in(conf, "write")
    saved = iasolutions("backup", "--to", str(tmp_path / "backups"), conf=conf)
    assert saved.returncode == 0, saved.stderr
    assert list((tmp_path / "backups" / "filestorage").glob("*.fsz"))  # repozo, compressed

    fresh = instance.make_instance(tmp_path / "restored")
    restored = iasolutions("restore", "--from", str(tmp_path / "backups"), conf=fresh)
    assert restored.returncode == 0, restored.stderr
    assert state(fresh, "commune") == state(conf, "commune")
    assert file_in(fresh, "read")[0] == written


@pytest.mark.storage
def test_relstorage_backup_restored_into_a_new_database(tmp_path):
    cluster = PostgresCluster(tmp_path / "pg")
    cluster.start()
    try:
        for name in ("commune", "restored"):
            cluster.create_database(name)
        conf = instance.make_instance(
            tmp_path / "original", storage="relstorage", dsn=cluster.dsn("commune")
        )
        make_site(conf)
        written, _ = file_in(conf, "write")
        saved = iasolutions("backup", "--to", str(tmp_path / "backups"), conf=conf)
        assert saved.returncode == 0, saved.stderr
        fresh = instance.make_instance(
            tmp_path / "restored", storage="relstorage", dsn=cluster.dsn("restored")
        )
        restored = iasolutions("restore", "--from", str(tmp_path / "backups"), conf=fresh)
        assert restored.returncode == 0, restored.stderr
        assert json.dumps(state(fresh, "commune")) == json.dumps(state(conf, "commune"))
        assert file_in(fresh, "read")[0] == written
    finally:
        cluster.stop()
