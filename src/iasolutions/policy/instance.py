"""Write a WSGI Zope instance for the suite (``iasolutions make-instance``), and
the ZEO server several instances share (``iasolutions make-zeo``).

An instance's storage is one of:

- ``filestorage`` (the default, ``make start``): embedded FileStorage + blobs
  under ``var/``; one process only;
- ``zeo``: a client of a ZEO server (``make-zeo``) on this host, sharing its
  blob directory; several instances (Zope clients) on one storage;
- ``relstorage``: RelStorage on PostgreSQL, history-free, blobs kept in the
  database with a local blob cache (RelStorage's advice when the clients do
  not share a file system).

The jobs' queue and records are in ``var/jobs.sqlite``, or on a Redis server
shared by several hosts (``jobs_redis``, ``--jobs-redis``). Waitress listens on
loopback. Buildout administrators get the same from ``buildout.cfg`` instead.
"""

from pathlib import Path


STORAGES = ("filestorage", "zeo", "relstorage")

# Waitress threads of a Zope client. Python runs one thread at a time: threads beyond
# what waits on I/O only stretch each request's transaction, and a longer transaction
# meets more concurrent ones (ZODB conflicts; docs/operations.rst has the figures).
# Scale with clients (one per core), not threads: a client of a shared storage has
# one thread, the single process of a FileStorage two.
DEFAULT_THREADS = {"filestorage": 2, "zeo": 1, "relstorage": 1}

FILESTORAGE = """\
  <filestorage>
    path $VAR/filestorage/Data.fs
    blob-dir $VAR/blobstorage
  </filestorage>"""

# server-sync: each transaction starts with a round trip to the server, so that it
# has every invalidation up to then. Without it a request that Zope retries after a
# ConflictError may start again from the same stale objects and conflict again
# (measured: the failed requests were those conflicting four times in a row).
#
# How long a request waits for a ZEO server that went away before it fails (503
# after Zope's retries, about four times this): long enough for a restart.
ZEO_WAIT_SECONDS = 5

ZEO_CLIENT = """\
  %import ZEO
  <clientstorage>
    server {zeo_address}
    storage 1
    name {name}
    blob-dir {zeo_blobs}
    shared-blob-dir on
    cache-size 256MB
    server-sync on
    wait-timeout {zeo_wait}
  </clientstorage>"""

RELSTORAGE = """\
  %import relstorage
  <relstorage>
    keep-history false
    shared-blob-dir false
    blob-dir $VAR/blobcache
    blob-cache-size 512mb
    <postgresql>
      dsn {dsn}
    </postgresql>
  </relstorage>"""


ZOPE_CONF = """\
%define INSTANCE {instance}
%define VAR {var}
instancehome $INSTANCE
default-zpublisher-encoding utf-8

<environment>
  CHAMELEON_CACHE $VAR/cache
  IASOLUTIONS_JOBS_DB $VAR/jobs.sqlite
  IASOLUTIONS_JOBS_WORKER {worker}{jobs_redis}
  zope_i18n_compile_mo_files true
  zope_i18n_allowed_languages fr en nl de
  PTS_LANGUAGES fr en nl de
</environment>

<dos_protection>
  form-memory-limit 50MB
</dos_protection>

<zodb_db main>
  cache-size 50000
{storage}
  mount-point /
</zodb_db>
"""

ZOPE_INI = """\
[app:zope]
use = egg:Zope#main
zope_conf = %(here)s/zope.conf

[server:main]
use = egg:waitress#main
listen = {host}:{port}
threads = {threads}

[pipeline:main]
pipeline =
    egg:iasolutions#storage_unavailable
    egg:Zope#httpexceptions
    zope

[loggers]
keys = root, waitress

[handlers]
keys = console, eventlog

[formatters]
keys = generic

[formatter_generic]
format = %(asctime)s %(levelname)s [%(name)s] %(message)s

[logger_root]
level = INFO
handlers = console, eventlog

[logger_waitress]
level = INFO
handlers = eventlog
qualname = waitress

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[handler_eventlog]
class = FileHandler
args = (r'{var}/log/event.log', 'a')
level = INFO
formatter = generic
"""

SITE_ZCML = """\
<configure
    xmlns="http://namespaces.zope.org/zope"
    xmlns:meta="http://namespaces.zope.org/meta"
    xmlns:five="http://namespaces.zope.org/five">
  <include package="Zope2.App" />
  <five:loadProducts file="meta.zcml" />
  <five:loadProducts />
  <five:loadProductsOverrides />
</configure>
"""


ZEO_CONF = """\
%define VAR {var}
<zeo>
  address {address}
  read-only false
  invalidation-queue-size 1000
</zeo>

<filestorage 1>
  path $VAR/filestorage/Data.fs
  blob-dir $VAR/blobstorage
</filestorage>

<eventlog>
  <logfile>
    path $VAR/log/zeo.log
    format %(asctime)s %(message)s
  </logfile>
</eventlog>
"""


class InstanceError(ValueError):
    """Settings an instance cannot be written with."""


REDIS_SCHEMES = ("redis://", "rediss://", "unix://")


def jobs_redis_line(url):
    """The ``<environment>`` line that puts the jobs on a shared Redis (else none:
    the instance's SQLite file)."""
    if not url:
        return ""
    if not url.startswith(REDIS_SCHEMES):
        raise InstanceError(f"A Redis URL starts with {', '.join(REDIS_SCHEMES)}: not {url!r}")
    return f"\n  IASOLUTIONS_JOBS_REDIS {url}"


def storage_section(storage, var, zeo_address=None, zeo_var=None, dsn=None, name="main"):
    """The ``<zodb_db>`` storage of an instance, as zope.conf text."""
    if storage == "filestorage":
        return FILESTORAGE
    if storage == "zeo":
        if not zeo_address or not zeo_var:
            raise InstanceError("A ZEO client needs the server's address and its var directory")
        zeo_blobs = Path(zeo_var).resolve() / "blobstorage"
        return ZEO_CLIENT.format(
            zeo_address=zeo_address, zeo_blobs=zeo_blobs, name=name, zeo_wait=ZEO_WAIT_SECONDS
        )
    if storage == "relstorage":
        if not dsn:
            raise InstanceError("RelStorage needs a PostgreSQL DSN (--dsn)")
        return RELSTORAGE.format(dsn=dsn)
    raise InstanceError(f"Unknown storage {storage!r}: one of {', '.join(STORAGES)}")


def make_instance(
    directory,
    var=None,
    host="127.0.0.1",
    port=8080,
    storage="filestorage",
    zeo_address=None,
    zeo_var=None,
    dsn=None,
    threads=None,
    jobs_redis=None,
):
    """Write etc/zope.conf, etc/zope.ini and etc/site.zcml; return the zope.conf path.
    ``jobs_redis``: the Redis URL of the jobs' queue and records, shared by the
    clients and workers of several hosts (default: ``var/jobs.sqlite``)."""
    instance = Path(directory).resolve()
    var = Path(var).resolve() if var else instance / "var"
    section = storage_section(storage, var, zeo_address, zeo_var, dsn, name=instance.name)
    redis_line = jobs_redis_line(jobs_redis)
    for folder in (
        instance / "etc",
        var / "filestorage",
        var / "blobstorage",
        var / "blobcache",
        var / "log",
        var / "cache",
    ):
        folder.mkdir(parents=True, exist_ok=True)
    values = {
        "instance": instance,
        "var": var,
        "host": host,
        "port": port,
        "threads": threads or DEFAULT_THREADS[storage],
        "storage": section,
        # one FileStorage process: the worker runs in it; else `iasolutions worker`
        "worker": "inline" if storage == "filestorage" else "external",
        "jobs_redis": redis_line,
    }
    (instance / "etc" / "zope.conf").write_text(ZOPE_CONF.format(**values))
    (instance / "etc" / "zope.ini").write_text(ZOPE_INI.format(**values))
    (instance / "etc" / "site.zcml").write_text(SITE_ZCML)
    return instance / "etc" / "zope.conf"


def make_zeo(directory, address="127.0.0.1:8100", var=None):
    """Write etc/zeo.conf of a ZEO server (run it with ``runzeo -C``); return its path."""
    server = Path(directory).resolve()
    var = Path(var).resolve() if var else server / "var"
    for folder in (server / "etc", var / "filestorage", var / "blobstorage", var / "log"):
        folder.mkdir(parents=True, exist_ok=True)
    (server / "etc" / "zeo.conf").write_text(ZEO_CONF.format(var=var, address=address))
    return server / "etc" / "zeo.conf"
