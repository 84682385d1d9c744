"""Back up and restore one municipality (``iasolutions backup`` / ``restore``).

The storage is read from the configuration that holds it:

- a FileStorage (an instance's ``zope.conf`` with ``<filestorage>``, or a ZEO
  server's ``zeo.conf``): ``repozo`` (incremental after the first full backup;
  it reads a FileStorage in use) and an archive of the blob directory per backup;
- RelStorage: ``pg_dump`` of its database (the blobs are in it).

A ZEO client's ``zope.conf`` holds no storage: back up its server's ``zeo.conf``.
"""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile


BIN = Path(sys.executable).parent


class BackupError(RuntimeError):
    """A backup or a restore that cannot be done, with the reason."""


@dataclass(frozen=True)
class Storage:
    kind: str  # "filestorage" or "relstorage"
    path: Path = None
    blob_dir: Path = None
    dsn: str = ""


def _defines(text):
    return dict(re.findall(r"^\s*%define\s+(\S+)\s+(.*?)\s*$", text, re.MULTILINE))


def _expand(value, defines):
    return re.sub(r"\$(\w+)", lambda match: defines.get(match.group(1), match.group(0)), value)


def _section(text, name):
    match = re.search(rf"<{name}(?:\s[^>]*)?>(.*?)</{name}>", text, re.DOTALL)
    return match.group(1) if match else None


def _setting(section, key, defines):
    match = re.search(rf"^\s*{key}\s+(.*?)\s*$", section, re.MULTILINE)
    return _expand(match.group(1), defines) if match else None


def storage_of(conf):
    """The storage a zope.conf or zeo.conf holds."""
    conf = Path(conf)
    if not conf.exists():
        raise BackupError(f"No configuration at {conf}")
    text = conf.read_text()
    defines = _defines(text)
    relstorage = _section(text, "relstorage")
    if relstorage is not None:
        return Storage("relstorage", dsn=_setting(relstorage, "dsn", defines) or "")
    filestorage = _section(text, "filestorage")
    if filestorage is not None:
        path = _setting(filestorage, "path", defines)
        blobs = _setting(filestorage, "blob-dir", defines)
        return Storage("filestorage", Path(path), Path(blobs) if blobs else None)
    if _section(text, "clientstorage") is not None or _section(text, "zeoclient") is not None:
        raise BackupError("A ZEO client holds no data: back up its server's zeo.conf")
    raise BackupError(f"{conf} names no FileStorage or RelStorage")


def _run(command):
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()[-500:]}")
    return result


def backup(conf, target):
    """Back up the storage of ``conf`` into the folder ``target``; return what was written."""
    storage = storage_of(conf)
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y-%m-%d-%H-%M-%S")
    if storage.kind == "relstorage":
        dump = target / f"database-{stamp}.dump"
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", storage.dsn])
        return [dump]
    (target / "filestorage").mkdir(exist_ok=True)
    _run(
        [
            str(BIN / "repozo"),
            "-B",
            "-z",
            "-r",
            str(target / "filestorage"),
            "-f",
            str(storage.path),
        ]
    )
    written = [target / "filestorage"]
    if storage.blob_dir is not None and storage.blob_dir.exists():
        archive = target / f"blobs-{stamp}.tar.gz"
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(storage.blob_dir, arcname="blobs")
        written.append(archive)
    return written


def _latest(folder, pattern):
    found = sorted(Path(folder).glob(pattern))
    if not found:
        raise BackupError(f"No {pattern} in {folder}")
    return found[-1]


def restore(conf, source):
    """Restore the latest backup in ``source`` into the (stopped, empty) storage of ``conf``."""
    storage = storage_of(conf)
    source = Path(source)
    if storage.kind == "relstorage":
        dump = _latest(source, "database-*.dump")
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--clean",
                "--if-exists",
                f"--dbname={storage.dsn}",
                str(dump),
            ]
        )
        return dump
    if storage.path.exists() and storage.path.stat().st_size > 0:
        raise BackupError(f"{storage.path} exists: restore into a new instance, or move it away")
    storage.path.parent.mkdir(parents=True, exist_ok=True)
    _run([str(BIN / "repozo"), "-R", "-r", str(source / "filestorage"), "-o", str(storage.path)])
    if storage.blob_dir is not None:
        archive = _latest(source, "blobs-*.tar.gz")
        if storage.blob_dir.exists():
            shutil.rmtree(storage.blob_dir)
        unpacked = Path(tempfile.mkdtemp(dir=storage.blob_dir.parent))
        with tarfile.open(archive) as tar:
            tar.extractall(unpacked, filter="data")
        (unpacked / "blobs").rename(storage.blob_dir)
        unpacked.rmdir()
    return storage.path
