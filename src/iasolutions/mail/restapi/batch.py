"""``@mail-batch``: batch actions on mails given by UID (what the dashboards'
buttons do).

``GET @mail-batch?uids=<uid>&uids=<uid>`` → the transitions common to them;
``POST @mail-batch`` with ``{"uids": [...], "action": ...}`` where action is:

- ``transition`` with ``transition`` (and ``comment``);
- ``treating_group`` with ``service`` (id or UID);
- ``recipient_groups`` with ``add``, ``remove`` or ``replace`` (lists of services);
- ``assign`` with ``user`` (empty to unassign);
- ``label`` with ``label`` ("lu" or "suivi") and ``active`` (default true);
- ``delete`` (Managers and Site Administrators only, else 403).

A batch is done entirely or not at all: any refusal gives a 400 with the reason.
Deleting is done mail by mail: the answer lists the titles ``done`` and the
``refused`` ones with their reason; a hidden or unknown mail still gives a 400
and deletes nothing.
"""

from iasolutions.core import _
from iasolutions.core.batch import common_transition_titles
from iasolutions.core.batch import selected_uids
from iasolutions.core.restapi.errors import bad_request
from iasolutions.core.restapi.errors import error
from iasolutions.core.restapi.input import BadInput
from iasolutions.core.restapi.input import JsonBodyService
from iasolutions.core.restapi.input import refuses_bad_input
from iasolutions.core.restapi.input import text
from iasolutions.core.restapi.input import text_list
from iasolutions.core.restapi.workflow import workflow_message
from iasolutions.mail import batch
from plone import api
from plone.restapi.services import Service
from Products.CMFCore.WorkflowCore import WorkflowException
import transaction
from zope.i18n import translate


class MailBatchGet(Service):
    @refuses_bad_input
    def reply(self):
        uids = selected_uids(self.request.form)
        try:
            objs = batch.mails_from_uids(uids)
        except batch.BatchError as error:
            return bad_request(self.request, translate(error.args[0], context=self.request))
        return {"uids": uids, "transitions": common_transition_titles(objs, self.request)}


def _replace(data):
    return None if data.get("replace") is None else text_list(data, "replace")


def _active(data):
    active = data.get("active", True)
    if not isinstance(active, bool):
        raise BadInput(_("${name} must be true or false.", mapping={"name": "active"}))
    return active


ACTIONS = {
    "transition": lambda objs, data: batch.transition(
        objs, text(data, "transition", required=True), text(data, "comment")
    ),
    "treating_group": lambda objs, data: batch.set_treating_group(
        objs, text(data, "service", required=True)
    ),
    "recipient_groups": lambda objs, data: batch.change_recipient_groups(
        objs, add=text_list(data, "add"), remove=text_list(data, "remove"), replace=_replace(data)
    ),
    "assign": lambda objs, data: batch.assign(objs, text(data, "user") or None),
    "label": lambda objs, data: batch.set_label(objs, text(data, "label"), _active(data)),
}


class MailBatchPost(JsonBodyService):
    def handle(self, data):
        uids = data.get("uids") or []
        if not isinstance(uids, list) or not all(isinstance(uid, str) for uid in uids):
            return bad_request(self.request, "uids must be a list of UIDs")
        if data.get("action") == "delete":
            return self.delete(uids)
        action = ACTIONS.get(text(data, "action"))
        if action is None:
            names = ", ".join([*ACTIONS, "delete"])
            return bad_request(self.request, f"action must be one of {names}")
        savepoint = transaction.savepoint()
        try:
            objs = batch.mails_from_uids(uids)
            count = action(objs, data)
        except batch.BatchError as error:
            savepoint.rollback()
            return bad_request(self.request, translate(error.args[0], context=self.request))
        except WorkflowException as error:
            savepoint.rollback()
            return bad_request(self.request, workflow_message(error, self.request))
        return {
            "action": data["action"],
            "count": count,
            "items": [
                {
                    "@id": obj.absolute_url(),
                    "UID": obj.UID(),
                    "review_state": api.content.get_state(obj),
                }
                for obj in objs
            ],
        }

    def delete(self, uids):
        if not batch.may_delete_in_batch():
            return error(
                self.request, 403, "Only administrators delete mails in batch", type_="Forbidden"
            )
        try:
            objs = batch.mails_from_uids(uids)
        except batch.BatchError as refusal:
            return bad_request(self.request, translate(refusal.args[0], context=self.request))
        deleted, refused = batch.delete(objs)
        return {
            "action": "delete",
            "count": len(deleted),
            "done": deleted,
            "refused": [
                {"title": title, "reason": translate(reason, context=self.request)}
                for title, reason in refused
            ],
        }
