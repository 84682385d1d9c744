"""Catalog indexes of items and meetings (names as in the reference)."""

from iasolutions.delib.interfaces import IMeeting
from iasolutions.delib.interfaces import IMeetingItem
from iasolutions.delib.meetingconfigs import config_of
from plone.app.textfield.value import RichTextValue
from plone.indexer import indexer
import re


@indexer(IMeetingItem)
def getProposingGroup(obj):
    return obj.proposingGroup


@indexer(IMeetingItem)
def getCategory(obj):
    return obj.category or ""


@indexer(IMeetingItem)
def listType(obj):
    return obj.listType or "normal"


@indexer(IMeetingItem)
def privacy(obj):
    return obj.privacy or "public"


@indexer(IMeetingItem)
def meeting_uid(obj):
    return obj.meeting_uid or ""


@indexer(IMeetingItem)
def item_meeting_date(obj):
    from iasolutions.delib.agenda import meeting_of

    meeting = meeting_of(obj)
    return meeting.date if meeting is not None and meeting.date else None


@indexer(IMeeting)
def meeting_date(obj):
    return obj.date


@indexer(IMeetingItem)
def getItemNumber(obj):
    return obj.itemNumber or 0


@indexer(IMeetingItem)
def getConfigId(obj):
    cfg = config_of(obj)
    return cfg.getId() if cfg is not None else ""


@indexer(IMeeting)
def meeting_config_id(obj):
    cfg = config_of(obj)
    return cfg.getId() if cfg is not None else ""


@indexer(IMeetingItem)
def getCopyGroups(obj):
    return list(obj.copyGroups or ())


@indexer(IMeetingItem)
def indexAdvisers(obj):
    """'<service uid>' for every asked adviser, then '<uid>__given' once given,
    '<uid>__timed_out' once its delay ran out, '<uid>__not_given' meanwhile."""
    from iasolutions.delib.advices import advice_index
    from iasolutions.delib.advices import advice_is_given
    from iasolutions.delib.advices import is_timed_out

    values = []
    for uid in advice_index(obj):
        values.append(uid)
        if advice_is_given(obj, uid):  # given here or inherited
            values.append(f"{uid}__given")
        elif is_timed_out(obj, uid):
            values.append(f"{uid}__timed_out")
        else:
            values.append(f"{uid}__not_given")
    return values


def _state(obj):
    from plone import api

    return api.content.get_state(obj, default=None)


@indexer(IMeetingItem)
def externalIdentifier(obj):
    return obj.externalIdentifier or ""


def _text(value):
    if isinstance(value, RichTextValue):
        value = value.raw
    return re.sub(r"<[^>]+>", " ", value or "")


@indexer(IMeetingItem)
def item_searchable_text(obj):
    parts = [
        obj.title or "",
        obj.description or "",
        obj.itemReference or "",
        _text(obj.motivation),
        _text(obj.decision),
    ]
    return " ".join(part for part in parts if part)


@indexer(IMeetingItem)
def reviewProcessInfo(obj):
    """'<proposing group>__reviewprocess__<state>' (the reference's index for items to validate)."""
    return f"{obj.proposingGroup}__reviewprocess__{_state(obj)}"
