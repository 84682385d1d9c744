"""Jobs, a stand-in site and a worker for tests/core/test_jobs_redis.py, run in
processes of their own (``python -m tests.core.redis_jobs``: a worker on the
Redis that ``IASOLUTIONS_JOBS_REDIS`` names).

No Zope in these processes: a job gets a stand-in for its site (the worker's
``zope_site`` is replaced), the nightly run a Zope without sites. The Zope side
is tests/policy/test_worker.py."""

from contextlib import contextmanager
from iasolutions.core import jobs
from iasolutions.core.interfaces import IJob
from types import SimpleNamespace
from zope.component import getGlobalSiteManager


def add(site, progress, a, b):
    progress(1, 2, "adding")
    return {"sum": a + b, "site": site.path}


def fail(site, progress):
    progress(0, 1, "trying")
    raise ValueError("the printer is out of paper")


JOBS = [jobs.Job("test.add", "Add", add), jobs.Job("test.fail", "Fail", fail)]


def register():
    for job in JOBS:
        getGlobalSiteManager().registerUtility(job, IJob, name=job.name)


def unregister():
    for job in JOBS:
        getGlobalSiteManager().unregisterUtility(job, IJob, name=job.name)


@contextmanager
def stand_in_site(site_path, userid=None):
    yield SimpleNamespace(path=site_path)


def without_zope(worker):
    """The worker's jobs on stand-in sites, its nightly run on a Zope without sites."""
    import Zope2

    worker.zope_site = stand_in_site
    Zope2.app = lambda: SimpleNamespace(objectValues=list, _p_jar=SimpleNamespace(close=list))


def submit():
    """Queue a job that adds, and one that fails at each of its three attempts
    (without huey's 30 s between them); print their ids."""
    from iasolutions.core import worker

    register()
    print(worker.submit("test.add", "/commune", "agent", a=2, b=3))
    failing = jobs.new_record("test.fail", "/commune", "agent")
    worker.run_job(failing, retry_delay=0)
    print(failing)


def run_nightly():
    from iasolutions.core import worker

    without_zope(worker)
    worker.nightly.call_local()


def run_worker():
    from iasolutions.core import worker

    register()
    without_zope(worker)
    worker.run_external(workers=1, periodic=True)


if __name__ == "__main__":
    run_worker()
