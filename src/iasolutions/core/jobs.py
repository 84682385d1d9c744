"""Long and daily jobs, run by a worker: huey on SQLite (no server to run), or on
a Redis server that workers on several hosts share.

A module declares a job as a named ``IJob`` utility, a ``Job(name, title,
function)`` whose function ``fn(site, progress, **arguments)`` returns what the
agent reads as its result (a text or a JSON-able value); ``daily=True`` also
runs it every night on every site where its module is installed. ``worker.submit_here(name, **arguments)`` queues it for the current
site and user and returns the job's id; the job's record (state, progress,
result or error, attempts) is kept beside the queue, so that an agent sees
it (``@@jobs``, REST ``@jobs``) and a failure is never lost.

Where the worker runs (``IASOLUTIONS_JOBS_WORKER``, written by ``make-instance``):

- ``inline`` (FileStorage, one process): a consumer thread inside the Zope
  process (a second process cannot open the FileStorage);
- ``external`` (ZEO, RelStorage): ``iasolutions worker -C zope.conf``, as many
  as wanted, beside the Zope clients.

Where the queue and the records are (``store()``): the SQLite file
``IASOLUTIONS_JOBS_DB`` (``var/jobs.sqlite``), which the processes of one host
share; or, when ``IASOLUTIONS_JOBS_REDIS`` names a Redis server
(``redis://host:6379/0``), that server, which every Zope client and worker of
every host then reads and writes (huey's ``RedisHuey``; the records as
``jobstores.RedisStore`` keeps them).
"""

from dataclasses import dataclass
from datetime import UTC
from datetime import datetime
from iasolutions.core import jobstores
import json
import logging
import os
import traceback
import uuid


logger = logging.getLogger("iasolutions.jobs")

RETRIES = 2
RETRY_DELAY = 30  # seconds
HEARTBEAT = 60  # seconds between the worker's signs of life
DAILY_HOUR = 2  # the nightly run, local time of the server


@dataclass(frozen=True)
class Job:
    """A job a module offers (registered as a named ``IJob`` utility).

    ``module``: the module id whose sites run it daily; ``permission``: who may
    submit it (and see every job of its kind)."""

    name: str
    title: str
    function: object
    daily: bool = False
    module: str = ""
    permission: str = "Manage portal"


def get_job(name):
    from iasolutions.core.interfaces import IJob
    from zope.component import queryUtility

    return queryUtility(IJob, name=name) if isinstance(name, str) else None


def all_jobs():
    from iasolutions.core.interfaces import IJob
    from zope.component import getUtilitiesFor

    return sorted((job for _name, job in getUtilitiesFor(IJob)), key=lambda job: job.name)


class JobError(ValueError):
    """A job that cannot be submitted (unknown name, no site)."""


class JobRefused(ValueError):
    """Raised by a job that cannot run as asked (the user's rights, an object gone, a
    setting missing): recorded as failed with its message at once, not tried again."""


# -- the record of jobs ------------------------------------------------------

_stores = {}


def database():
    """The jobs' SQLite file: ``IASOLUTIONS_JOBS_DB`` (``make-instance`` and the
    buildout set it), else in the instance's var folder."""
    configured = os.environ.get("IASOLUTIONS_JOBS_DB")
    if configured:
        return configured
    from App.config import getConfiguration

    home = getattr(getConfiguration(), "clienthome", None)
    return os.path.join(home if home and os.path.isdir(home) else ".", "jobs.sqlite")


def redis_url():
    """The shared Redis of the jobs (``IASOLUTIONS_JOBS_REDIS``, e.g.
    ``redis://127.0.0.1:6379/0``), or None: the SQLite file."""
    return os.environ.get("IASOLUTIONS_JOBS_REDIS") or None


def store():
    """Where the records are: on the shared Redis when there is one, else in the
    SQLite file (``iasolutions.core.jobstores``)."""
    url = redis_url()
    key = ("redis", url) if url else ("sqlite", database())
    if key not in _stores:
        _stores[key] = jobstores.RedisStore(url) if url else jobstores.SqliteStore(key[1])
    return _stores[key]


def now_text():
    return datetime.now(UTC).isoformat(timespec="seconds")


def record(job_id):
    """The job's record as a dict, or None."""
    row = store().get(job_id)
    return _as_dict(row) if row else None


def records(site, userid=None, limit=50):
    """The latest jobs of a site (of one user when ``userid`` is given)."""
    return [_as_dict(row) for row in store().latest(site, userid, limit)]


def _as_dict(row):
    found = dict(row)
    for key in ("arguments", "result"):
        found[key] = json.loads(found[key]) if found[key] else None
    return found


def _update(job_id, **values):
    store().update(job_id, values)


def worker_value(key):
    return store().value(key)


def set_worker_value(key, value):
    store().set_value(key, value)


# -- submitting and running ---------------------------------------------------


def new_record(name, site_path, userid, **arguments):
    """Record a job to run (the worker's ``submit`` queues it); return its id.
    ``site_path``: the site's path in Zope. Unknown jobs and arguments the job does
    not take are refused (``JobError``)."""
    definition = get_job(name)
    if definition is None:
        raise JobError(f"Unknown job {name!r}")
    check_arguments(definition, arguments)
    job_id = uuid.uuid4().hex
    store().add(
        {
            "id": job_id,
            "site": site_path,
            "name": name,
            "title": str(definition.title),
            "userid": userid,
            "arguments": json.dumps(arguments),
            "state": "queued",
            "created": now_text(),
        }
    )
    return job_id


def in_caller_transaction():
    """Whether jobs run at once in their caller's transaction
    (``IASOLUTIONS_JOBS_IMMEDIATE=1``, tests and scripts without a worker): a job
    must then not commit by itself."""
    return os.environ.get("IASOLUTIONS_JOBS_IMMEDIATE") == "1"


def check_arguments(definition, arguments):
    """The job's function takes ``(site, progress, **arguments)``: refuse the others."""
    import inspect

    parameters = list(inspect.signature(definition.function).parameters.values())[2:]
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters):
        return
    unknown = sorted(set(arguments) - {p.name for p in parameters})
    if unknown:
        raise JobError(f"The job {definition.name!r} takes no argument {', '.join(unknown)}")


class Progress:
    """What a job calls to tell how far it is: ``progress(done, total, message)``."""

    def __init__(self, job_id):
        self.job_id = job_id

    def __call__(self, done, total=0, message=""):
        _update(self.job_id, done=int(done), total=int(total), message=str(message)[:500])


def perform(job_id, site, last_attempt=True, commit=True):
    """Run a queued job on its site; record how it went. The worker commits (or
    aborts) the job's transaction; ``commit=False`` runs it in the caller's.

    Raises the job's error again unless it was its last attempt (the worker then
    retries it later)."""
    import transaction

    found = record(job_id)
    attempts = (found["attempts"] or 0) + 1
    _update(job_id, state="running", started=now_text(), attempts=attempts)
    definition = get_job(found["name"])
    savepoint = None if commit else transaction.savepoint()
    try:
        result = definition.function(site, Progress(job_id), **(found["arguments"] or {}))
        if commit:
            transaction.commit()
    except Exception as error:
        if commit:
            transaction.abort()
        else:
            savepoint.rollback()
        logger.exception("Job %s (%s) failed", found["name"], job_id)
        final = last_attempt or isinstance(error, JobRefused)
        message = str(error) if isinstance(error, JobRefused) else _error_text(error)
        _update(job_id, state="failed" if final else "retrying", error=message, finished=now_text())
        if not final:
            raise
        return None
    _update(job_id, state="done", result=json.dumps(result), error=None, finished=now_text())
    return result


def _error_text(error):
    lines = traceback.format_exception_only(type(error), error)
    return "".join(lines).strip()[-2000:]


def daily_jobs():
    return [definition for definition in all_jobs() if definition.daily]
