"""``@@jobs``: the jobs an agent submitted (every job of the site for its
administrators), with their progress and result or error."""

from iasolutions.core import _
from iasolutions.core import jobs
from iasolutions.core.dates import as_datetime
from iasolutions.core.dates import format_date
from iasolutions.core.restapi.jobs import visible_jobs
import json
from plone import api
from Products.Five.browser import BrowserView
from zoneinfo import ZoneInfo
from zope.i18n import translate


STATES = {
    "queued": _("Waiting"),
    "running": _("Running"),
    "retrying": _("Failed, will be tried again"),
    "done": _("Done"),
    "failed": _("Failed"),
}


def local_time(text):
    """A job's UTC time as the agent reads it: 29/11/2026 23:53 in the site's zone."""
    moment = as_datetime(text)
    if moment is None:
        return ""
    zone = api.portal.get_registry_record("plone.portal_timezone", default=None)
    return format_date(moment.astimezone(ZoneInfo(zone or "Europe/Brussels")), with_time=True)


class JobsView(BrowserView):
    def rows(self):
        return [self.row(job) for job in visible_jobs(self.context)]

    def row(self, job):
        total = job["total"] or 0
        definition = jobs.get_job(job["name"])
        title = definition.title if definition is not None else job["title"]
        return {
            "title": translate(title, context=self.request),
            "state": STATES.get(job["state"], job["state"]),
            "failed": job["state"] in ("failed", "retrying"),
            "progress": f"{job['done']} / {total}" if total else "",
            "message": job["message"],
            "result": self.result_text(job["result"]),
            "error": job["error"],
            "created": local_time(job["created"]),
            "finished": local_time(job["finished"]),
            "userid": job["userid"] or "",
        }

    def result_text(self, result):
        """What the job says it did: its ``message`` when it gives one."""
        if isinstance(result, dict) and isinstance(result.get("message"), str):
            return result["message"]
        if result is None or isinstance(result, str):
            return result or ""
        return json.dumps(result, ensure_ascii=False)
