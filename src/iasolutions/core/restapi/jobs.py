"""``@jobs`` (the jobs of the site: what the user submitted, every job for the
managers; ``POST`` submits one) and ``@health`` (for monitoring)."""

from datetime import datetime
from datetime import timedelta
from iasolutions.core import jobs
from iasolutions.core.restapi.input import JsonBodyService
from iasolutions.core.restapi.input import text
from plone import api
from plone.restapi.services import Service
from zExceptions import Unauthorized


def site_path(site):
    return "/".join(site.getPhysicalPath())


def visible_jobs(site):
    """The user's jobs, or every job of the site for its administrators."""
    userid = (
        None
        if api.user.has_permission("Manage portal", obj=site)
        else api.user.get_current().getId()
    )
    return jobs.records(site_path(site), userid)


class JobsGet(Service):
    def reply(self):
        return {"@id": f"{self.context.absolute_url()}/@jobs", "items": visible_jobs(self.context)}


class JobsPost(JsonBodyService):
    """``POST @jobs {"job": "<name>", "arguments": {…}}`` → 202 and the job's record."""

    def handle(self, data):
        definition = jobs.get_job(text(data, "job", required=True))
        if definition is None:
            return self.refuse(f"Unknown job {data['job']!r}")
        if not api.user.has_permission(definition.permission, obj=self.context):
            raise Unauthorized("You may not run this job")
        arguments = data.get("arguments") or {}
        if not isinstance(arguments, dict):
            return self.refuse("arguments must be a JSON object")
        from iasolutions.core import worker  # its queue opens the jobs' file

        try:
            job_id = worker.submit_here(definition.name, **arguments)
        except jobs.JobError as refused:
            return self.refuse(str(refused))
        self.request.response.setStatus(202)
        return jobs.record(job_id)


STALE_AFTER = timedelta(seconds=3 * jobs.HEARTBEAT)


def worker_state():
    beat = jobs.worker_value("heartbeat")
    if beat is None:
        return "unknown", None
    age = datetime.now(datetime.fromisoformat(beat).tzinfo) - datetime.fromisoformat(beat)
    return ("alive" if age <= STALE_AFTER else "stale"), beat


class HealthGet(Service):
    """``GET @health``: 200 when the storage answers and the worker is alive, else 503.
    Says nothing of the site's content (anonymous monitoring may ask)."""

    def reply(self):
        storage = "ok"
        try:
            self.context._p_jar.db().lastTransaction()
        except Exception as error:  # a disconnected ZEO server, an unreachable PostgreSQL
            storage = f"unreachable: {type(error).__name__}"
        try:
            worker, beat = worker_state()
            last_daily = jobs.worker_value("last_daily")
        except Exception as error:  # the jobs' records (file or Redis) cannot be read
            worker, beat, last_daily = f"unreadable: {type(error).__name__}", None, None
        healthy = storage == "ok" and worker == "alive"
        if not healthy:
            self.request.response.setStatus(503)
        return {
            "status": "ok" if healthy else "degraded",
            "storage": storage,
            "worker": worker,
            "worker_heartbeat": beat,
            "last_daily_run": last_daily,
        }
