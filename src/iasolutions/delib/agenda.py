"""The agenda of a meeting: which items are in it, in which order, with which numbers.

Item numbers are stored ×100, as in the reference: 100 shows "1", 102 shows
"1.2" (a sub-number of item 1). Presented items are placed by the
configuration's inserting methods, in order; managers move them afterwards.
An item presented to a meeting that is already frozen is a late item.
"""

from datetime import datetime
from iasolutions.core.caching import forget
from iasolutions.core.caching import request_cached
from iasolutions.delib import _
from iasolutions.delib.meetingconfigs import MEETING_STATES_ACCEPTING_ITEMS
from iasolutions.delib.meetingconfigs import config_categories
from plone import api


INSERTING_METHODS = (
    "at_the_end",
    "on_proposing_groups",
    "on_list_type",
    "on_privacy",
    "on_categories",
)
LIST_TYPES = ("normal", "late")
PRIVACIES = ("public", "secret")


class AgendaError(ValueError):
    """A move or a number that cannot be done; the message says why."""


def meeting_of(item):
    """The meeting the item is in, or None (read as the system: the item needs it)."""
    uid = getattr(item, "meeting_uid", None)
    if not uid:
        return None
    meeting = _meeting(uid)
    if meeting is None:  # not indexed yet: look again next time
        forget(_meeting)
    return meeting


@request_cached()
def _meeting(uid):
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(UID=uid)
    return brains[0]._unrestrictedGetObject() if brains else None


def items_of(meeting, unrestricted=False, **query):
    """Items of a meeting, in agenda order (those the user may see, unless ``unrestricted``)."""
    catalog = api.portal.get_tool("portal_catalog")
    search = catalog.unrestrictedSearchResults if unrestricted else catalog.searchResults
    brains = search(meeting_uid=api.content.get_uuid(meeting), sort_on="getItemNumber", **query)
    return [
        brain._unrestrictedGetObject() if unrestricted else brain.getObject() for brain in brains
    ]


def item_brains_of(meeting, **query):
    catalog = api.portal.get_tool("portal_catalog")
    return catalog(meeting_uid=api.content.get_uuid(meeting), sort_on="getItemNumber", **query)


def meeting_brains_accepting_items(cfg):
    """Catalog brains of the meetings of the configuration that still accept items, the
    soonest first."""
    catalog = api.portal.get_tool("portal_catalog")
    return catalog.unrestrictedSearchResults(
        portal_type=cfg.getMeetingTypeName(),
        review_state=list(MEETING_STATES_ACCEPTING_ITEMS),
        sort_on="meeting_date",
    )


def meetings_accepting_items(cfg):
    """Meetings of the configuration that still accept items, the soonest first."""
    return [brain._unrestrictedGetObject() for brain in meeting_brains_accepting_items(cfg)]


def meeting_to_present_in(item, cfg):
    """Where ``present`` puts the item: the meeting asked for, its preferred meeting if it
    still accepts items, else the next meeting accepting items (today or later)."""
    from zope.globalrequest import getRequest

    request = getRequest()
    wanted = request.other.get("delib_present_in") if request is not None else None
    if wanted is not None and not isinstance(wanted, str):
        # A meeting object (e.g. a meeting being created, not indexed yet).
        return wanted if api.content.get_state(wanted) in MEETING_STATES_ACCEPTING_ITEMS else None
    candidates = {api.content.get_uuid(m): m for m in meetings_accepting_items(cfg)}
    if wanted:
        return candidates.get(wanted)
    if item.preferredMeeting and item.preferredMeeting in candidates:
        return candidates[item.preferredMeeting]
    now = datetime.now()
    for meeting in candidates.values():
        if (
            meeting.date is not None
            and meeting.date.replace(tzinfo=None)
            >= now.replace(hour=0, minute=0, second=0, microsecond=0)
            and api.content.get_state(meeting) in ("created", "frozen")
        ):
            return meeting
    return None


def format_number(number):
    """100 → '1', 102 → '1.2'."""
    if number is None:
        return ""
    whole, sub = divmod(int(number), 100)
    return f"{whole}.{sub}" if sub else str(whole)


def parse_number(text):
    """'1' → 100, '1.2' → 102; refuses anything else."""
    try:
        whole, _sep, sub = str(text).strip().partition(".")
        whole = int(whole)
        sub = int(sub) if sub else 0
    except ValueError:
        raise AgendaError(
            _("${number} is not an item number (use 3 or 3.1).", mapping={"number": text})
        )
    if whole < 1 or sub < 0 or sub > 99:
        raise AgendaError(
            _("${number} is not an item number (use 3 or 3.1).", mapping={"number": text})
        )
    return whole * 100 + sub


def services_order():
    """UIDs of every internal service in the order of the tree (depth first, in folder
    order), whoever asks: the agenda's order must not depend on what the meeting manager
    may see, nor on the catalog."""
    from iasolutions.core.services import get_own_organization

    order = []

    def walk(node):
        for child in node.objectValues():
            if getattr(child, "portal_type", None) == "organization":
                order.append(child.UID())
                walk(child)

    own = get_own_organization()
    if own is not None:
        walk(own)
    return order


def _sort_key(item, cfg, meeting_items_count):
    key = []
    for method in cfg.insertingMethodsOnAddItem or ("at_the_end",):
        if method == "on_proposing_groups":
            order = services_order()
            key.append(
                order.index(item.proposingGroup) if item.proposingGroup in order else len(order)
            )
        elif method == "on_list_type":
            key.append(LIST_TYPES.index(item.listType) if item.listType in LIST_TYPES else 9)
        elif method == "on_privacy":
            key.append(PRIVACIES.index(item.privacy) if item.privacy in PRIVACIES else 9)
        elif method == "on_categories":
            ids = [category.getId() for category in config_categories(cfg)]
            key.append(ids.index(item.category) if item.category in ids else len(ids))
    return key


def insert(item, meeting, cfg):
    """Put a presented item in the meeting, where the inserting methods say."""
    item.meeting_uid = api.content.get_uuid(meeting)
    if api.content.get_state(meeting) != "created":
        item.listType = "late"
    uid = api.content.get_uuid(item)
    items = [
        other
        for other in items_of(meeting, unrestricted=True)
        if api.content.get_uuid(other) != uid
    ]
    key = _sort_key(item, cfg, len(items))
    position = len(items)
    if "at_the_end" not in (cfg.insertingMethodsOnAddItem or ("at_the_end",)):
        for index, other in enumerate(items):
            if other.itemNumber % 100:
                continue  # never before a sub-number
            if _sort_key(other, cfg, len(items)) > key:
                position = index
                break
    items.insert(position, item)
    _renumber(items, moved=item)


def remove(item):
    """Take an item out of its meeting and renumber the others."""
    meeting = meeting_of(item)
    item.meeting_uid = None
    item.itemNumber = None
    item.reindexObject(idxs=["meeting_uid", "getItemNumber", "meeting_date"])
    if meeting is not None:
        _renumber(items_of(meeting, unrestricted=True))


def _renumber(items, moved=None):
    """Number the items in this order; sub-numbers stay under their parent."""
    whole = 0
    sub = 0
    moved_uid = api.content.get_uuid(moved) if moved is not None else None
    for item in items:
        is_moved = moved_uid is not None and api.content.get_uuid(item) == moved_uid
        is_sub = not is_moved and item.itemNumber and item.itemNumber % 100 and whole
        if is_sub:
            sub += 1
            number = whole * 100 + sub
        else:
            whole += 1
            sub = 0
            number = whole * 100
        if item.itemNumber != number:
            item.itemNumber = number
            item.reindexObject(idxs=["getItemNumber", "meeting_uid", "meeting_date"])
        elif is_moved:
            item.reindexObject(idxs=["getItemNumber", "meeting_uid", "meeting_date"])


def move(item, number):
    """Give the item the number ``number`` ('3' or '3.1'); the others follow."""
    meeting = meeting_of(item)
    if meeting is None:
        raise AgendaError(_("The item is not in a meeting."))
    if api.content.get_state(meeting) == "closed":
        raise AgendaError(_("meeting_is_closed"))
    wanted = parse_number(number) if not isinstance(number, int) else number
    uid = api.content.get_uuid(item)
    items = [
        other
        for other in items_of(meeting, unrestricted=True)
        if api.content.get_uuid(other) != uid
    ]
    whole, sub = divmod(wanted, 100)
    parents = [other for other in items if other.itemNumber % 100 == 0]
    if whole > len(parents) + (0 if sub else 1):
        raise AgendaError(
            _("${number} is after the last item.", mapping={"number": format_number(wanted)})
        )
    if sub:
        parent = parents[whole - 1]
        children = [
            other
            for other in items
            if other.itemNumber // 100 == parent.itemNumber // 100 and other.itemNumber % 100
        ]
        position = items.index(parent) + 1 + min(sub - 1, len(children))
        items.insert(position, item)
        # The moved item becomes a sub-number: mark it so renumbering keeps it under its parent.
        item.itemNumber = 1
        _renumber(items)
    else:
        if whole - 1 < len(parents):
            position = items.index(parents[whole - 1])
        else:
            position = len(items)
        items.insert(position, item)
        _renumber(items, moved=item)


def late_items(meeting):
    return [item for item in items_of(meeting) if item.listType == "late"]


def create_meeting(cfg, date, id=None, **fields):
    """Create a meeting of ``cfg`` (as the current user); its id follows its date."""
    from iasolutions.delib.meetingconfigs import folder_of
    from iasolutions.delib.meetingconfigs import free_id

    folder = folder_of(cfg)
    return api.content.create(
        container=folder,
        type=cfg.getMeetingTypeName(),
        id=free_id(folder, id or f"meeting-{date:%Y%m%d-%H%M}"),
        date=date,
        **fields,
    )
