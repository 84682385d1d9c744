"""``@@jobs``: the jobs an agent submitted (every job of the site for its
administrators), with their progress and result or error."""

from iasolutions.core import _
from iasolutions.core import jobs
from iasolutions.core.restapi.jobs import visible_jobs
import json
from Products.Five.browser import BrowserView
from zope.i18n import translate


STATES = {
    "queued": _("Waiting"),
    "running": _("Running"),
    "retrying": _("Failed, will be tried again"),
    "done": _("Done"),
    "failed": _("Failed"),
}


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
            "created": job["created"].replace("T", " ")[:16],
            "finished": (job["finished"] or "").replace("T", " ")[:16],
            "userid": job["userid"] or "",
        }

    def result_text(self, result):
        """What the job says it did: its ``message`` when it gives one."""
        if isinstance(result, dict) and isinstance(result.get("message"), str):
            return result["message"]
        if result is None or isinstance(result, str):
            return result or ""
        return json.dumps(result, ensure_ascii=False)
