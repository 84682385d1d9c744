"""The test layers on RelStorage over PostgreSQL instead of DemoStorage in memory
(``IASOLUTIONS_TEST_STORAGE=relstorage``; ``make test-relstorage``).

plone.testing gives each layer, and each functional test, a database stacked on the
one below (``plone.testing.zodb.stackDemoStorage``): writes go to the top, the
lower ones are left as they were. Here each level is a PostgreSQL database of its
own, a copy of the level below (``CREATE DATABASE … TEMPLATE``, a file copy of a
few tenths of a second), opened with RelStorage as an instance opens it
(history-free, blobs in the database, a local blob cache); closing a level drops
its database. Everything a test writes, blobs included, is written by RelStorage
to PostgreSQL; PostgreSQL is a throwaway cluster on loopback (``tests/servers.py``).
"""

import atexit
import itertools
import os
import shutil
import tempfile


def wanted():
    return os.environ.get("IASOLUTIONS_TEST_STORAGE", "demostorage") == "relstorage"


class Levels:
    def __init__(self):
        from tests.servers import PostgresCluster

        self.cluster = PostgresCluster(tempfile.mkdtemp(prefix="iasolutions-test-pg-"))
        # a test cluster: durability is not what is tested, speed counts
        self.cluster.start(
            settings="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        atexit.register(self.cluster.stop)
        self.numbers = itertools.count()

    def execute(self, sql):
        import psycopg2

        connection = psycopg2.connect(self.cluster.dsn("postgres"))
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(sql)
        connection.close()

    def disconnect(self, name):
        self.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            f"WHERE datname = '{name}' AND pid <> pg_backend_pid()"
        )

    def stack(self, db=None, name=None):
        """A database on top of ``db`` (a copy of it), or an empty one."""
        level = f"level{next(self.numbers)}"
        if db is None:
            self.execute(f'CREATE DATABASE "{level}"')
        else:
            below = db._iasolutions_level
            # The copy needs the level below idle: its pooled connections are closed
            # (they open again on the next use), what remains is cut.
            pool = db.pool
            timeout, pool.timeout = pool.timeout, 0
            pool.availableGC()
            pool.timeout = timeout
            self.disconnect(below)
            self.execute(f'CREATE DATABASE "{level}" TEMPLATE "{below}" STRATEGY FILE_COPY')
        return self.open(level, name)

    def open(self, level, name):
        from relstorage.adapters.postgresql import PostgreSQLAdapter
        from relstorage.options import Options
        from relstorage.storage import RelStorage
        from ZODB.DB import DB

        blobs = tempfile.mkdtemp(prefix=f"iasolutions-{level}-blobs-")
        options = Options(keep_history=False, shared_blob_dir=False, blob_dir=blobs)
        adapter = PostgreSQLAdapter(dsn=self.cluster.dsn(level), options=options)
        db = DB(RelStorage(adapter, name=name or level, options=options))
        db._iasolutions_level = level
        close = db.close

        def close_and_drop():
            close()
            self.disconnect(level)
            self.execute(f'DROP DATABASE IF EXISTS "{level}"')
            shutil.rmtree(blobs, ignore_errors=True)

        db.close = close_and_drop
        return db


def install():
    """Every layer's database on RelStorage from now on."""
    from plone.testing import zodb

    levels = Levels()
    zodb.stackDemoStorage = levels.stack
