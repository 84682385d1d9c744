"""The meeting's *Generate and store* action (``stored_documents``): a form on the
meeting posts here; the documents are made at once (one ODT) or by the worker, and
the agent is told where to follow them (the site's ``@@jobs`` page)."""

from iasolutions.core import jobs
from iasolutions.delib import _
from iasolutions.delib import stored_documents
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zope.i18n import translate


class GenerateDocuments(BrowserView):
    """POST on a meeting: ``template`` (id or UID), ``output_format``; ``items`` (UIDs)
    to generate for some items only."""

    def __call__(self):
        CheckAuthenticator(self.request)
        form = self.request.form
        items = form.get("items")
        if isinstance(items, str):
            items = [items]
        try:
            job_id = stored_documents.submit(
                self.context, form.get("template", ""), form.get("output_format", ""), items
            )
        except stored_documents.GenerationRefused as refused:
            return self.back(refused.message, "error")
        found = jobs.record(job_id)
        if found["state"] == "done":
            return self.back(
                _("Documents stored: ${message}", mapping={"message": found["result"]["message"]})
            )
        if found["state"] == "failed":
            error = {"error": found["error"]}
            return self.back(
                _("The documents could not be generated: ${error}", mapping=error), "error"
            )
        self.message(_("The documents are being generated: this page shows how far the job is."))
        portal_url = api.portal.get().absolute_url()
        return self.request.response.redirect(f"{portal_url}/@@jobs")

    def message(self, text, kind="info"):
        api.portal.show_message(translate(text, context=self.request), self.request, type=kind)

    def back(self, text, kind="info"):
        self.message(text, kind)
        return self.request.response.redirect(self.context.absolute_url())
