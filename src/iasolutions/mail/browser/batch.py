"""Batch actions of the dashboards: ``@@mail-batch-<action>`` on a dashboard,
posted with the selected ``uids``; the form asks what to do, then does it on
every selected mail, or on none (see ``iasolutions.mail.batch``)."""

from iasolutions.core.batch import common_transition_titles
from iasolutions.core.batch import selected_uids
from iasolutions.core.services import fullname
from iasolutions.core.services import get_services
from iasolutions.mail import _
from iasolutions.mail import batch
from iasolutions.mail.assignment import agents_of
from iasolutions.mail.labels import LABELS
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
import transaction
from zope.i18n import translate
from zope.i18nmessageid import Message


class BatchView(BrowserView):
    template = ViewPageTemplateFile("templates/batch.pt")
    title = ""
    field = ""
    modes = ()
    confirm = False  # no choice to make, only a confirmation (deleting)
    done = _("${count} mails changed.")

    def uids(self):
        return selected_uids(self.request.form)

    def __call__(self):
        self.error = None
        try:
            self.objs = batch.mails_from_uids(self.uids())
        except batch.BatchError as error:
            return self.back(error.args[0], "error")
        if self.request.form.get("form.submitted"):
            CheckAuthenticator(self.request)
            savepoint = transaction.savepoint()
            try:
                count = self.apply(self.objs, self.request.form)
            except batch.BatchError as error:
                savepoint.rollback()
                self.error = translate(error.args[0], context=self.request)
                return self.template()
            return self.back(Message(self.done, mapping={"count": count}), "info")
        return self.template()

    def back(self, message, kind):
        api.portal.show_message(message, request=self.request, type=kind)
        self.request.response.redirect(self.context.absolute_url())
        return ""

    def items(self):
        return [{"title": obj.Title(), "url": obj.absolute_url()} for obj in self.objs]

    def options(self):
        return []

    def apply(self, objs, form):
        raise NotImplementedError


class TransitionBatch(BatchView):
    title = _("Change the state")
    field = "transition"

    def options(self):
        return [
            {"value": row["id"], "title": row["title"]}
            for row in common_transition_titles(self.objs, self.request)
        ]

    def apply(self, objs, form):
        return batch.transition(objs, form.get("transition"), form.get("comment", ""))


def _service_options():
    return [{"value": b.UID, "title": b.Title} for b in get_services(active_only=True)]


class TreatingGroupBatch(BatchView):
    title = _("Change the treating service")
    field = "service"

    def options(self):
        return _service_options()

    def apply(self, objs, form):
        return batch.set_treating_group(objs, form.get("service"))


class RecipientGroupsBatch(BatchView):
    title = _("Services in copy")
    field = "service"
    modes = ("add", "remove", "replace")

    def options(self):
        return _service_options()

    def apply(self, objs, form):
        service = form.get("service")
        mode = form.get("mode", "add")
        if mode == "remove":
            return batch.change_recipient_groups(objs, remove=[service])
        if mode == "replace":
            return batch.change_recipient_groups(objs, replace=[service] if service else [])
        return batch.change_recipient_groups(objs, add=[service])


class AssignBatch(BatchView):
    title = _("Assign an agent")
    field = "user"

    def options(self):
        services = {
            getattr(obj, "treating_groups", None) or getattr(obj, "assigned_group", None)
            for obj in self.objs
        }
        users = None
        for service in services:
            agents = set(agents_of(service)) if service else set()
            users = agents if users is None else users & agents
        return [{"value": "", "title": translate(_("(nobody)"), context=self.request)}] + sorted(
            ({"value": userid, "title": fullname(userid)} for userid in users or ()),
            key=lambda option: option["title"].lower(),
        )

    def apply(self, objs, form):
        return batch.assign(objs, form.get("user") or None)


class LabelBatch(BatchView):
    title = _("Labels")
    field = "label"
    modes = ("add", "remove")

    def options(self):
        titles = {"lu": _("Read"), "suivi": _("Followed")}
        return [
            {"value": label, "title": translate(titles[label], context=self.request)}
            for label in LABELS
        ]

    def apply(self, objs, form):
        return batch.set_label(objs, form.get("label"), form.get("mode", "add") != "remove")


class DeleteBatch(BatchView):
    """Administrators only (permission of the view): the selected mails are
    listed, deleted once confirmed; those the user may not delete are named."""

    title = _("Delete the selected mails")
    confirm = True
    done = _("${count} mails deleted.")

    def apply(self, objs, form):
        deleted, refused = batch.delete(objs)
        if refused:
            reasons = "; ".join(
                f"{title} ({translate(reason, context=self.request)})" for title, reason in refused
            )
            api.portal.show_message(
                _("Not deleted: ${mails}.", mapping={"mails": reasons}),
                request=self.request,
                type="warning",
            )
        return len(deleted)
