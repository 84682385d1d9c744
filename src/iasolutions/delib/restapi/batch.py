"""``@delib-batch``: the item dashboards' batch actions over REST, on items given by UID.

``GET @delib-batch?uids=<uid>&uids=<uid>`` → the transitions the user may do on every
one of them; ``POST @delib-batch`` with ``{"uids": [...], "action": ...}`` where action is:

- ``transition`` with ``transition`` (and ``comment``);
- ``copy_groups`` with ``add`` and/or ``remove`` (a copy group or a list of them).

As on the dashboards, each item is changed with the user's own rights: the answer lists
the items ``done`` and those ``refused`` with the reason, left untouched. Bad input (not
JSON, an unknown action, no items, an item the user cannot see, nothing to do) is a
400 with a message, and nothing is changed.
"""

from iasolutions.core.batch import common_transition_titles
from iasolutions.core.batch import selected_uids
from iasolutions.core.restapi.errors import bad_request
from iasolutions.core.restapi.input import JsonBodyService
from iasolutions.delib import _
from iasolutions.delib import batch
from plone import api
from plone.restapi.services import Service
from zope.i18n import translate


class DelibBatchGet(Service):
    def reply(self):
        uids = selected_uids(self.request.form)
        try:
            items = batch.items_from_uids(uids)
        except batch.BatchError as error:
            return bad_request(self.request, translate(error.args[0], context=self.request))
        return {"uids": uids, "transitions": common_transition_titles(items, self.request)}


def _text(data, name):
    """``data[name]`` if it is a string (or missing: ''), else BatchError."""
    value = data.get(name) or ""
    if not isinstance(value, str):
        raise batch.BatchError(_("${name} must be a string.", mapping={"name": name}))
    return value


def _groups(data, name):
    """``data[name]``: one copy group or a list of them, as a list."""
    value = data.get(name) or []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(group, str) for group in value):
        raise batch.BatchError(
            _("${name} must be a copy group or a list of them.", mapping={"name": name})
        )
    return value


ACTIONS = {
    "transition": lambda items, data: batch.transition(
        items, _text(data, "transition"), _text(data, "comment")
    ),
    "copy_groups": lambda items, data: batch.update_copy_groups(
        items, add=_groups(data, "add"), remove=_groups(data, "remove")
    ),
}


class DelibBatchPost(JsonBodyService):
    def handle(self, data):
        if not isinstance(data.get("action"), str) or data["action"] not in ACTIONS:
            return self.refuse(
                _("action must be one of: ${actions}.", mapping={"actions": ", ".join(ACTIONS)})
            )
        try:
            # Everything that refuses the whole batch is checked before any item changes.
            items = batch.items_from_uids(self.uids(data))
            result = ACTIONS[data["action"]](items, data)
        except batch.BatchError as refused:
            return bad_request(self.request, translate(refused.args[0], context=self.request))
        return {
            "action": data["action"],
            "done": [self.row(item) for item in result.done],
            "refused": [
                dict(
                    self.row(item),
                    reason=str(reason),
                    message=translate(reason, context=self.request),
                )
                for item, reason in result.refused
            ],
        }

    def uids(self, data):
        uids = data.get("uids") or []
        if not isinstance(uids, list) or not all(isinstance(uid, str) for uid in uids):
            raise batch.BatchError(_("uids must be a list of UIDs."))
        return uids

    def row(self, item):
        return {
            "@id": item.absolute_url(),
            "UID": item.UID(),
            "title": item.Title(),
            "review_state": api.content.get_state(item),
        }
