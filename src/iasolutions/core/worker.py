"""The huey side of the jobs (``iasolutions.core.jobs``): the queue, the task that
runs a job on its site, the nightly run and the worker's heartbeat."""

from contextlib import contextmanager
from huey import RedisHuey
from huey import SqliteHuey
from huey import crontab
from iasolutions.core import jobs
import logging
import signal


logger = logging.getLogger("iasolutions.jobs")


def make_queue():
    """Huey's queue: on the shared Redis when ``IASOLUTIONS_JOBS_REDIS`` names one,
    else in the jobs' SQLite file. Huey keeps no results: the job's record has it."""
    url = jobs.redis_url()
    if url:
        return RedisHuey("iasolutions", url=url, results=False)
    return SqliteHuey("iasolutions", filename=jobs.database(), results=False)


# Read when this module is first imported: after zope.conf's <environment>.
queue = make_queue()


def submit(name, site_path, userid, **arguments):
    """Queue a job for the worker; return its id (``jobs.JobError`` when refused)."""
    job_id = jobs.new_record(name, site_path, userid, **arguments)
    enqueue(job_id)
    return job_id


def submit_here(name, **arguments):
    """Queue a job on the current site as the current user (a view or a REST
    service that hands its work to the worker); return its id."""
    from plone import api

    site = api.portal.get()
    userid = api.user.get_current().getId()
    return submit(name, "/".join(site.getPhysicalPath()), userid, **arguments)


def enqueue(job_id):
    """Hand a job to the worker; ``IASOLUTIONS_JOBS_IMMEDIATE=1`` runs it at once in
    the caller's site and transaction instead (tests, scripts without a worker)."""
    if jobs.in_caller_transaction():
        from zope.component.hooks import getSite

        jobs.perform(job_id, getSite(), commit=False)
        return
    run_job(job_id)


@contextmanager
def zope_site(site_path, userid=None):
    """The site at ``site_path`` on a connection of its own, as ``userid`` (or the
    system user); the connection is closed after."""
    from AccessControl.SecurityManagement import newSecurityManager
    from AccessControl.SecurityManagement import noSecurityManager
    from AccessControl.users import system
    from Testing.makerequest import makerequest
    from zope.component.hooks import setSite
    from zope.globalrequest import clearRequest
    from zope.globalrequest import setRequest
    import Zope2

    app = makerequest(Zope2.app())
    setRequest(app.REQUEST)
    try:
        site = app.unrestrictedTraverse(site_path)
        setSite(site)
        user = site.acl_users.getUserById(userid) if userid else None
        newSecurityManager(None, user.__of__(site.acl_users) if user is not None else system)
        yield site
    finally:
        noSecurityManager()
        setSite(None)
        clearRequest()
        app._p_jar.close()


@queue.task(retries=jobs.RETRIES, retry_delay=jobs.RETRY_DELAY, context=True)
def run_job(job_id, task=None):
    found = jobs.record(job_id)
    if found is None:
        return None
    last_attempt = task is None or not task.retries
    with zope_site(found["site"], found["userid"]) as site:
        return jobs.perform(job_id, site, last_attempt=last_attempt)


@queue.periodic_task(crontab(minute="*"))
def heartbeat():
    jobs.set_worker_value("heartbeat", jobs.now_text())


@queue.periodic_task(crontab(hour=str(jobs.DAILY_HOUR), minute="0"))
def nightly():
    run_daily_jobs()


def run_daily_jobs():
    """Submit every daily job on every site where its module is installed."""
    import Zope2

    app = Zope2.app()
    try:
        paths = [
            "/".join(site.getPhysicalPath())
            for site in app.objectValues()
            if site.meta_type == "Plone Site"
        ]
    finally:
        app._p_jar.close()
    for path in paths:
        for definition in jobs.daily_jobs():
            if _installed(path, definition.module):
                submit(definition.name, path, None)
    jobs.set_worker_value("last_daily", jobs.now_text())


def _installed(site_path, module_id):
    if not module_id:
        return True
    from iasolutions.core.modules import get_module
    from iasolutions.core.modules import is_installed

    module = get_module(module_id)
    with zope_site(site_path):
        return module is not None and is_installed(module)


_inline = None


def start_inline(event=None):
    """The consumer in the Zope process's threads (FileStorage: one process only)."""
    global _inline
    if _inline is not None:
        return
    from huey.consumer import Consumer

    _inline = Consumer(queue, workers=1, worker_type="thread", periodic=True)
    # The consumer's own threads (the scheduler and one worker); its start also
    # takes the process's signals, which stay Zope's (a TERM stops the instance).
    signals = [signal.SIGTERM, signal.SIGINT, signal.SIGHUP]
    handlers = {number: signal.getsignal(number) for number in signals}
    _inline.start()
    for number, handler in handlers.items():
        signal.signal(number, handler)
    heartbeat.call_local()  # alive from the start, not at the next minute
    logger.info("Jobs: worker started in this process (%s)", jobs.store().where)


def run_external(workers=1, periodic=True):
    """``iasolutions worker`` (Zope opened): consume the queue until stopped. One
    worker of a municipality runs the periodic tasks (``periodic``), the others not."""
    from huey.consumer import Consumer

    logger.info("Jobs: worker on %s", jobs.store().where)
    heartbeat.call_local()
    Consumer(queue, workers=workers, worker_type="thread", periodic=periodic).run()
