"""Batch actions of the item dashboards: ``@@delib-batch-<action>`` on a dashboard,
posted with the ticked ``uids``. The form asks what to do; once applied, the page
lists what was done and, item by item, what was refused and why
(see ``iasolutions.delib.batch``)."""

from iasolutions.core.batch import common_transition_titles
from iasolutions.core.batch import selected_uids
from iasolutions.delib import _
from iasolutions.delib import batch
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.component import getUtility
from zope.i18n import translate
from zope.schema.interfaces import IVocabularyFactory


class ItemBatchView(BrowserView):
    template = ViewPageTemplateFile("templates/batch.pt")
    title = ""
    field = ""
    modes = ()

    def __call__(self):
        self.error = self.result = None
        try:
            self.items = batch.items_from_uids(self.uids())
        except batch.BatchError as error:
            api.portal.show_message(
                translate(error.args[0], context=self.request), request=self.request, type="error"
            )
            self.request.response.redirect(self.context.absolute_url())
            return ""
        if self.request.form.get("form.submitted"):
            CheckAuthenticator(self.request)
            try:
                self.result = self.apply(self.request.form)
            except batch.BatchError as error:
                self.error = translate(error.args[0], context=self.request)
        return self.template()

    def uids(self):
        return selected_uids(self.request.form)

    def selected(self):
        return [{"title": item.Title(), "url": item.absolute_url()} for item in self.items]

    def done(self):
        return [{"title": item.Title(), "url": item.absolute_url()} for item in self.result.done]

    def refused(self):
        return [
            {
                "title": item.Title(),
                "url": item.absolute_url(),
                "reason": translate(reason, context=self.request),
            }
            for item, reason in self.result.refused
        ]

    def options(self):
        return []

    def apply(self, form):
        raise NotImplementedError


class TransitionBatch(ItemBatchView):
    title = _("Change the state")
    field = "transition"

    def options(self):
        return [
            {"value": row["id"], "title": row["title"]}
            for row in common_transition_titles(self.items, self.request)
        ]

    def apply(self, form):
        return batch.transition(self.items, form.get("transition"), form.get("comment", ""))


class CopyGroupsBatch(ItemBatchView):
    title = _("Copy groups")
    field = "group"
    modes = ("add", "remove")

    def options(self):
        vocabulary = getUtility(IVocabularyFactory, "iasolutions.delib.copy_groups")(self.items[0])
        return [{"value": term.value, "title": term.title} for term in vocabulary]

    def apply(self, form):
        group = form.get("group")
        groups = [group] if group else []
        if form.get("mode") == "remove":
            return batch.update_copy_groups(self.items, remove=groups)
        return batch.update_copy_groups(self.items, add=groups)
