"""The rules of the item and meeting workflows, with the reason of each refusal.

Two tables on the core evaluator (``iasolutions.core.guards``), registered in
``configure.zcml`` for ``IMeetingItem`` and ``IMeeting``: one small function per rule,
each returning None or the message saying why not. The workflow definitions call them
through ``delib_guard`` (``why_not(obj, transition_id) is None``); the REST API and the
views show the message. The workflow still checks the user's permission.

The message ids are the reference's (``decision_is_empty`` …), translated in the
``iasolutions.delib`` domain.
"""

from datetime import datetime
from iasolutions.core import guards
from iasolutions.core.guards import Rules
from iasolutions.delib import _
from iasolutions.delib.advices import mandatory_advices_missing
from iasolutions.delib.agenda import format_number
from iasolutions.delib.agenda import items_of
from iasolutions.delib.agenda import meeting_of
from iasolutions.delib.agenda import meeting_to_present_in
from iasolutions.delib.meetingconfigs import VALIDATION_LEVELS
from iasolutions.delib.meetingconfigs import config_of
from iasolutions.delib.meetingconfigs import is_meeting_manager
from plone import api
from plone.app.textfield.value import RichTextValue
import re


DECISION_TRANSITIONS = ("accept", "accept_but_modify", "pre_accept", "refuse", "delay")
# Leaving a decision (or the agenda) reopens the meeting's work: never once it is closed.
ITEM_BACK_TRANSITIONS = (
    *(back for _state, _leading, back, _suffix in VALIDATION_LEVELS),
    "backToValidated",
    "backToPresented",
    "backToItemFrozen",
    "backToItemPublished",
    "return_to_proposing_group",
)
MEETING_BACK_TRANSITIONS = ("backToCreated", "backToFrozen", "backToPublished", "backToDecided")
STATES_WAITING_FOR_A_DECISION = ("presented", "itemfrozen", "itempublished", "pre_accepted")


def why_not(obj, transition_id):
    """Why ``transition_id`` may not be done on the item or meeting ``obj``, or None."""
    return guards.why_not(obj, transition_id)


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


def _meeting_state(item):
    meeting = meeting_of(item)
    return api.content.get_state(meeting) if meeting is not None else None


def _no_decision(obj):
    return html_is_empty(obj.decision) and html_is_empty(obj.motivation)


# --- items -----------------------------------------------------------------


def _has_config(item, tid):
    return _("no_meeting_config") if config_of(item) is None else None


def _by_meeting_manager(item, tid):
    return None if is_meeting_manager(config_of(item)) else _("present_is_for_meeting_managers")


def _category_given(item, tid):
    if config_of(item).uses("category") and not item.category:
        return _("category_required")
    return None


def _mandatory_advices_given(item, tid):
    missing = mandatory_advices_missing(item, config_of(item))
    if missing:
        return _("mandatory_advices_missing", mapping={"advisers": ", ".join(missing)})
    return None


def _meeting_available(item, tid):
    if meeting_to_present_in(item, config_of(item)) is None:
        return _("no_meeting_available")
    return None


def _meeting_not_closed(item, tid):
    return _("meeting_is_closed") if _meeting_state(item) == "closed" else None


def _in_meeting(item, tid):
    return _("item_not_in_meeting") if meeting_of(item) is None else None


def _meeting_decided(item, tid):
    return None if _meeting_state(item) in ("decided", "closed") else _("meeting_not_decided")


def _meeting_held(item, tid):
    return None if meeting_date_is_past(meeting_of(item)) else _("meeting_date_not_past")


def _decision_written(item, tid):
    return _("decision_is_empty") if _no_decision(item) else None


def _meeting_frozen(item, tid):
    """Frozen or later (a missing meeting is not frozen)."""
    return _("meeting_not_frozen") if _meeting_state(item) in (None, "created") else None


def _meeting_published(item, tid):
    if _meeting_state(item) in (None, "created", "frozen"):
        return _("meeting_not_published")
    return None


def _meeting_created(item, tid):
    return None if _meeting_state(item) == "created" else _("meeting_not_created")


def _meeting_not_published(item, tid):
    return _("meeting_is_published") if _meeting_state(item) == "published" else None


def _meeting_not_only_frozen(item, tid):
    return _("meeting_not_published") if _meeting_state(item) == "frozen" else None


ITEM_RULES = Rules(
    every=(_has_config,),
    transitions={
        "present": (
            _by_meeting_manager,
            _category_given,
            _mandatory_advices_given,
            _meeting_available,
        ),
        **dict.fromkeys(
            DECISION_TRANSITIONS,
            (_in_meeting, _meeting_decided, _meeting_held, _decision_written),
        ),
        "itemfreeze": (_meeting_frozen,),
        "itempublish": (_meeting_published,),
        **dict.fromkeys(ITEM_BACK_TRANSITIONS, (_meeting_not_closed,)),
        "backTo_presented_from_returned_to_proposing_group": (
            _meeting_not_closed,
            _meeting_created,
        ),
        "backTo_itemfrozen_from_returned_to_proposing_group": (
            _meeting_not_closed,
            _meeting_frozen,
            _meeting_not_published,
        ),
        "backTo_itempublished_from_returned_to_proposing_group": (
            _meeting_not_closed,
            _meeting_frozen,
            _meeting_not_only_frozen,
        ),
    },
)


# --- meetings --------------------------------------------------------------


def _by_meeting_managers(meeting, tid):
    return None if is_meeting_manager(config_of(meeting)) else _("meeting_managers_only")


def _meeting_date_past(meeting, tid):
    return None if meeting_date_is_past(meeting) else _("meeting_date_not_past")


def _no_item_returned(meeting, tid):
    returned = [
        item
        for item in items_of(meeting, unrestricted=True)
        if api.content.get_state(item) == "returned_to_proposing_group"
    ]
    if returned:
        return _("items_returned_to_proposing_group", mapping={"count": len(returned)})
    return None


def _decisions_written(meeting, tid):
    empty = [
        format_number(item.itemNumber)
        for item in items_of(meeting, unrestricted=True)
        if api.content.get_state(item) in STATES_WAITING_FOR_A_DECISION and _no_decision(item)
    ]
    if empty:
        return _("decisions_are_empty", mapping={"numbers": ", ".join(empty)})
    return None


def _by_manager(meeting, tid):
    if "Manager" in api.user.get_current().getRoles():
        return None
    return _("only_managers_reopen_meetings")


MEETING_RULES = Rules(
    {
        "freeze": (_by_meeting_managers,),
        "publish": (_by_meeting_managers,),
        "decide": (_by_meeting_managers, _meeting_date_past),
        "close": (_by_meeting_managers, _no_item_returned, _decisions_written),
        **dict.fromkeys(MEETING_BACK_TRANSITIONS, (_by_meeting_managers,)),
        "backToDecided": (_by_meeting_managers, _by_manager),
    }
)
