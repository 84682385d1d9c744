"""Where the jobs' records live (``iasolutions.core.jobs`` chooses): a SQLite file
of the instance, or a Redis server that the Zope clients and workers of several
hosts share (``IASOLUTIONS_JOBS_REDIS``).

Both stores keep the same rows: a job's fields as ``FIELDS`` names them (with
their empty values), ``arguments`` and ``result`` as JSON text; and a few values
of the worker by key (its heartbeat, the last daily run). A store's methods:
``get(job_id)``, ``latest(site, userid, limit)``, ``add(row)``, ``update(job_id,
values)``, ``value(key)``, ``set_value(key, value)``; ``where`` names it in logs.
"""

from contextlib import closing
from contextlib import contextmanager
import json
import sqlite3
import threading
import time


FIELDS = {
    "id": None,
    "site": None,
    "name": None,
    "title": None,
    "userid": None,
    "arguments": None,
    "state": None,
    "done": 0,
    "total": 0,
    "message": "",
    "result": None,
    "error": None,
    "attempts": 0,
    "created": None,
    "started": None,
    "finished": None,
}

SCHEMA = """
CREATE TABLE IF NOT EXISTS iasolutions_jobs (
    id TEXT PRIMARY KEY, site TEXT, name TEXT, title TEXT, userid TEXT,
    arguments TEXT, state TEXT, done INTEGER DEFAULT 0, total INTEGER DEFAULT 0,
    message TEXT DEFAULT '', result TEXT, error TEXT, attempts INTEGER DEFAULT 0,
    created TEXT, started TEXT, finished TEXT);
CREATE INDEX IF NOT EXISTS iasolutions_jobs_site_user ON iasolutions_jobs (site, userid);
CREATE TABLE IF NOT EXISTS iasolutions_worker (key TEXT PRIMARY KEY, value TEXT);
"""


class SqliteStore:
    """The records in a SQLite file: the processes of one host (``var/jobs.sqlite``)."""

    def __init__(self, path):
        self.path = path
        self.where = path
        self._lock = threading.Lock()
        self._ready = False

    @contextmanager
    def _connection(self):
        with closing(sqlite3.connect(self.path, timeout=30, isolation_level=None)) as connection:
            connection.row_factory = sqlite3.Row
            if not self._ready:
                with self._lock:
                    connection.executescript(SCHEMA)
                    self._ready = True
            yield connection

    def get(self, job_id):
        with self._connection() as connection:
            row = connection.execute(
                "SELECT * FROM iasolutions_jobs WHERE id = ?", (job_id,)
            ).fetchone()
        return dict(row) if row else None

    def latest(self, site, userid=None, limit=50):
        query = "SELECT * FROM iasolutions_jobs WHERE site = ?"
        values = [site]
        if userid is not None:
            query += " AND userid = ?"
            values.append(userid)
        query += " ORDER BY created DESC LIMIT ?"
        with self._connection() as connection:
            return [dict(row) for row in connection.execute(query, (*values, limit))]

    def add(self, row):
        names = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        with self._connection() as connection:
            connection.execute(
                f"INSERT INTO iasolutions_jobs ({names}) VALUES ({marks})", tuple(row.values())
            )

    def update(self, job_id, values):
        assignments = ", ".join(f"{key} = ?" for key in values)
        with self._connection() as connection:
            connection.execute(
                f"UPDATE iasolutions_jobs SET {assignments} WHERE id = ?",
                (*values.values(), job_id),
            )

    def value(self, key):
        with self._connection() as connection:
            row = connection.execute(
                "SELECT value FROM iasolutions_worker WHERE key = ?", (key,)
            ).fetchone()
        return row["value"] if row else None

    def set_value(self, key, value):
        with self._connection() as connection:
            connection.execute(
                "INSERT OR REPLACE INTO iasolutions_worker (key, value) VALUES (?, ?)", (key, value)
            )


class RedisStore:
    """The records on a Redis server that every Zope client and worker reads.

    A job is the hash ``iasolutions:job:<id>`` (each field as JSON, so that numbers
    and empty values read back as they were written); the jobs of a site, newest
    first, are the sorted sets ``iasolutions:site:<path>`` and
    ``iasolutions:site:<path>:user:<userid>``; the worker's values the hash
    ``iasolutions:worker``. Writing a field is one command: a job's progress and its
    state never overwrite each other."""

    def __init__(self, url):
        import redis

        self.client = redis.Redis.from_url(url, decode_responses=True)
        found = self.client.connection_pool.connection_kwargs
        # the URL without its password, for the logs
        self.where = f"redis://{found.get('host', '')}:{found.get('port', '')}/{found.get('db', 0)}"

    @staticmethod
    def _job(job_id):
        return f"iasolutions:job:{job_id}"

    @staticmethod
    def _site(site, userid=None):
        return f"iasolutions:site:{site}" + (f":user:{userid}" if userid is not None else "")

    def get(self, job_id):
        return self._as_row(self.client.hgetall(self._job(job_id)))

    def latest(self, site, userid=None, limit=50):
        ids = self.client.zrevrange(self._site(site, userid), 0, limit - 1)
        pipeline = self.client.pipeline(transaction=False)
        for job_id in ids:
            pipeline.hgetall(self._job(job_id))
        return [row for row in map(self._as_row, pipeline.execute()) if row]

    def add(self, row):
        score = {row["id"]: time.time()}
        pipeline = self.client.pipeline()
        pipeline.hset(self._job(row["id"]), mapping=self._as_fields(row))
        pipeline.zadd(self._site(row["site"]), score)
        if row["userid"] is not None:
            pipeline.zadd(self._site(row["site"], row["userid"]), score)
        pipeline.execute()

    def update(self, job_id, values):
        self.client.hset(self._job(job_id), mapping=self._as_fields(values))

    def value(self, key):
        return self.client.hget("iasolutions:worker", key)

    def set_value(self, key, value):
        self.client.hset("iasolutions:worker", key, value)

    @staticmethod
    def _as_fields(values):
        return {key: json.dumps(value) for key, value in values.items()}

    @staticmethod
    def _as_row(fields):
        if not fields:
            return None
        return {**FIELDS, **{key: json.loads(value) for key, value in fields.items()}}
