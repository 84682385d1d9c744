"""Write a WSGI Zope instance for the suite (``iasolutions make-instance``).

Embedded ZODB: FileStorage + blobs under ``var/``; waitress on loopback.
Buildout administrators get the same from ``buildout.cfg`` instead.
"""

from pathlib import Path


ZOPE_CONF = """\
%define INSTANCE {instance}
%define VAR {var}
instancehome $INSTANCE
default-zpublisher-encoding utf-8

<environment>
  CHAMELEON_CACHE $VAR/cache
  zope_i18n_compile_mo_files true
  zope_i18n_allowed_languages fr en nl de
  PTS_LANGUAGES fr en nl de
</environment>

<dos_protection>
  form-memory-limit 50MB
</dos_protection>

<zodb_db main>
  cache-size 50000
  <filestorage>
    path $VAR/filestorage/Data.fs
    blob-dir $VAR/blobstorage
  </filestorage>
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
threads = 4

[pipeline:main]
pipeline =
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


def make_instance(directory, var=None, host="127.0.0.1", port=8080):
    """Write etc/zope.conf, etc/zope.ini and etc/site.zcml; return the zope.conf path."""
    instance = Path(directory).resolve()
    var = Path(var).resolve() if var else instance / "var"
    for folder in (
        instance / "etc",
        var / "filestorage",
        var / "blobstorage",
        var / "log",
        var / "cache",
    ):
        folder.mkdir(parents=True, exist_ok=True)
    values = {"instance": instance, "var": var, "host": host, "port": port}
    (instance / "etc" / "zope.conf").write_text(ZOPE_CONF.format(**values))
    (instance / "etc" / "zope.ini").write_text(ZOPE_INI.format(**values))
    (instance / "etc" / "site.zcml").write_text(SITE_ZCML)
    return instance / "etc" / "zope.conf"
