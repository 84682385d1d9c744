"""Workflow guards with the reason of a refusal.

``why_not(obj, transition_id)`` returns None when the transition may be
triggered (as far as the rules go: the workflow still checks the user's
permission), or the message saying why not. The workflow definitions call it
through ``delib_guard``; the REST API and the views show its message.

The message ids are the reference's (``decision_is_empty`` …), translated in
the ``iasolutions.delib`` domain.
"""

from datetime import datetime
from iasolutions.delib import _
from iasolutions.delib.interfaces import IMeeting
from iasolutions.delib.interfaces import IMeetingItem
from iasolutions.delib.meetingconfigs import config_of
from iasolutions.delib.meetingconfigs import is_meeting_manager
from plone import api
from plone.app.textfield.value import RichTextValue
import re


DECISION_TRANSITIONS = ("accept", "accept_but_modify", "pre_accept", "refuse", "delay")
ITEM_BACK_TRANSITIONS_AFTER_VALIDATION = (
    "backToValidated",
    "backToPresented",
    "backToItemFrozen",
    "backToItemPublished",
    "return_to_proposing_group",
)


def html_is_empty(value):
    if value is None:
        return True
    text = value.raw if isinstance(value, RichTextValue) else str(value)
    text = re.sub(r"<[^>]+>", "", text or "").replace("&nbsp;", " ")
    return not text.strip()


def meeting_date_is_past(meeting):
    date = meeting.date
    if date is None:
        return False
    now = datetime.now(date.tzinfo) if date.tzinfo else datetime.now()
    return date <= now


def why_not(obj, transition_id):
    if IMeetingItem.providedBy(obj):
        return why_not_item(obj, transition_id)
    if IMeeting.providedBy(obj):
        return why_not_meeting(obj, transition_id)
    return None


def why_not_item(item, tid):  # noqa: C901 -- becomes a table of rules (issue 9)
    from iasolutions.delib.advices import mandatory_advices_missing
    from iasolutions.delib.agenda import meeting_of
    from iasolutions.delib.agenda import meeting_to_present_in

    cfg = config_of(item)
    if cfg is None:
        return _("no_meeting_config")
    meeting = meeting_of(item)
    meeting_state = api.content.get_state(meeting) if meeting is not None else None
    if tid == "present":
        if not is_meeting_manager(cfg):
            return _("present_is_for_meeting_managers")
        if cfg.uses("category") and not item.category:
            return _("category_required")
        missing = mandatory_advices_missing(item, cfg)
        if missing:
            return _("mandatory_advices_missing", mapping={"advisers": ", ".join(missing)})
        if meeting_to_present_in(item, cfg) is None:
            return _("no_meeting_available")
        return None
    if (
        meeting is not None
        and meeting_state == "closed"
        and (tid.startswith("back") or tid == "return_to_proposing_group")
    ):
        return _("meeting_is_closed")
    if tid in DECISION_TRANSITIONS:
        if meeting is None:
            return _("item_not_in_meeting")
        if meeting_state not in ("decided", "closed"):
            return _("meeting_not_decided")
        if not meeting_date_is_past(meeting):
            return _("meeting_date_not_past")
        if html_is_empty(item.decision) and html_is_empty(item.motivation):
            return _("decision_is_empty")
        return None
    if tid == "itemfreeze" and (meeting is None or meeting_state == "created"):
        return _("meeting_not_frozen")
    if tid == "itempublish" and (meeting is None or meeting_state in ("created", "frozen")):
        return _("meeting_not_published")
    if tid == "backTo_presented_from_returned_to_proposing_group" and meeting_state != "created":
        return _("meeting_not_created")
    if tid in (
        "backTo_itemfrozen_from_returned_to_proposing_group",
        "backTo_itempublished_from_returned_to_proposing_group",
    ):
        if meeting_state in (None, "created"):
            return _("meeting_not_frozen")
        if tid.startswith("backTo_itemfrozen") and meeting_state == "published":
            return _("meeting_is_published")
        if tid.startswith("backTo_itempublished") and meeting_state == "frozen":
            return _("meeting_not_published")
    return None


def why_not_meeting(meeting, tid):
    from iasolutions.delib.agenda import items_of

    cfg = config_of(meeting)
    managers_only = tid in ("freeze", "publish", "decide", "close") or tid.startswith("back")
    if managers_only and not is_meeting_manager(cfg):
        return _("meeting_managers_only")
    if tid == "decide" and not meeting_date_is_past(meeting):
        return _("meeting_date_not_past")
    if tid == "close":
        returned = [
            item
            for item in items_of(meeting, unrestricted=True)
            if api.content.get_state(item) == "returned_to_proposing_group"
        ]
        if returned:
            return _("items_returned_to_proposing_group", mapping={"count": len(returned)})
        from iasolutions.delib.agenda import format_number

        empty = [
            format_number(item.itemNumber)
            for item in items_of(meeting, unrestricted=True)
            if api.content.get_state(item)
            in ("presented", "itemfrozen", "itempublished", "pre_accepted")
            and html_is_empty(item.decision)
            and html_is_empty(item.motivation)
        ]
        if empty:
            return _("decisions_are_empty", mapping={"numbers": ", ".join(empty)})
    if tid == "backToDecided":
        user = api.user.get_current()
        if "Manager" not in user.getRoles():
            return _("only_managers_reopen_meetings")
    return None


def refusal_message(obj, transition_id, request=None):
    """The translated reason why ``transition_id`` is refused, or None."""
    from zope.globalrequest import getRequest
    from zope.i18n import translate

    message = why_not(obj, transition_id)
    if message is None:
        return None
    return translate(message, context=request or getRequest())
