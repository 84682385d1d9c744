"""Who holds which local role on items, meetings, advices, annexes and folders.

The rules (delib.md §2), computed from the item's state, its proposing group
and its configuration:

- in a validation state (``itemcreated``, ``proposed``, …) the function of the
  current level gets Reader, Contributor, Editor and Reviewer; the functions of
  the earlier levels get Reader and Contributor; later levels get nothing; the
  observers read;
- from ``validated`` on every function of the proposing group reads and the
  configuration's meeting managers get MeetingManager (they manage it) until the
  meeting is closed, Reader afterwards; an item returned to its proposing group
  is edited again by the functions of its levels;
- copy groups read in the configuration's copy-group states, power observers
  in theirs, asked advisers in the advice (view) states.

The rules of items and meetings are state → role tables computed and applied
by ``iasolutions.core.localroles``, which keeps roles given by hand (sharing).
Items, advices and confidential annexes block acquisition: only these rules
give access to them. ``update_local_roles`` re-runs the rules; it is called on
every transition and on changes of the fields involved.
"""

from collections import defaultdict
from iasolutions.core import localroles
from iasolutions.core.localroles import OTHER_STATES
from iasolutions.core.localroles import itself
from iasolutions.core.localroles import service_groups
from iasolutions.core.services import get_services
from iasolutions.core.services import group_id
from iasolutions.delib.advices import asked_advisers
from iasolutions.delib.agenda import meeting_of
from iasolutions.delib.interfaces import IAdvice
from iasolutions.delib.interfaces import IAnnex
from iasolutions.delib.interfaces import IMeeting
from iasolutions.delib.interfaces import IMeetingItem
from iasolutions.delib.meetingconfigs import config_of
from iasolutions.delib.meetingconfigs import enabled_levels
from iasolutions.delib.meetingconfigs import get_configs
from iasolutions.delib.module import FUNCTION_IDS
from iasolutions.delib.module import OBSERVERS
from plone import api


# The roles these rules give. Objects whose roles were set before the rules
# remembered what they gave (``core.localroles.apply``) count these as theirs.
MANAGED_ROLES = {"Reader", "Contributor", "Editor", "Reviewer", "MeetingManager", "MeetingAdviser"}
READ = ("Reader",)
PREVIOUS_LEVEL = ("Reader", "Contributor")
CURRENT_LEVEL = ("Reader", "Contributor", "Editor", "Reviewer")
RETURNED = ("Reader", "Contributor", "Editor")


def proposing_group_table(cfg):
    """{state: {function: roles}} of the proposing group's functions.

    In a validation level, the current level's function edits and reviews, the
    earlier levels read and add, the later ones have nothing; in every other
    state every level reads, and edits again once the item is returned.
    """
    levels = enabled_levels(cfg)
    functions = list(dict.fromkeys(level[3] for level in levels))
    table = {}
    for current, (state, _leading, _back, function) in enumerate(levels):
        roles = {level[3]: PREVIOUS_LEVEL for level in levels[:current]}
        roles[function] = CURRENT_LEVEL
        roles[OBSERVERS] = READ
        table[state] = roles
    table[OTHER_STATES] = dict(dict.fromkeys(functions, READ), **{OBSERVERS: READ})
    table["returned_to_proposing_group"] = dict(
        dict.fromkeys(functions, RETURNED), **{OBSERVERS: READ}
    )
    return table


def config_groups_table(cfg, meeting_closed=False):
    """{state: {group: roles}} of the configuration's groups: the meeting managers
    manage the item once validated (read it once its meeting is closed), the power
    observers read it in their states."""
    managers = {
        cfg.meetingmanagers_group(): READ if meeting_closed else ("Reader", "MeetingManager")
    }
    table = dict.fromkeys((level[0] for level in enabled_levels(cfg)), {})
    table[OTHER_STATES] = managers
    for states, group in (
        (cfg.itemPowerObserversStates, cfg.powerobservers_group()),
        (cfg.itemRestrictedPowerObserversStates, cfg.restrictedpowerobservers_group()),
    ):
        for state in states or ():
            base = table.get(state, table[OTHER_STATES])
            table[state] = dict(base, **{group: READ})
    return table


def item_tables(item, cfg):
    """The (table, principals) pairs of an item's rules (see ``core.localroles``)."""
    advice_states = set(cfg.itemAdviceStates or ()) | set(cfg.itemAdviceViewStates or ())
    return (
        (proposing_group_table(cfg), service_groups(item.proposingGroup)),
        (config_groups_table(cfg, meeting_is_closed(item)), itself),
        (
            dict.fromkeys(cfg.itemCopyGroupsStates or (), {"copy": READ}),
            lambda _: item.copyGroups or (),
        ),
        (
            dict.fromkeys(advice_states, {"advisers": READ}),
            lambda function: service_groups(*asked_advisers(item, cfg))(function),
        ),
    )


def item_roles(item, cfg=None, state=None):
    """{principal id: set of roles} for an item."""
    cfg = cfg or config_of(item)
    if not item.proposingGroup or cfg is None:
        return {}
    state = state or api.content.get_state(item)
    return localroles.compute(state, item_tables(item, cfg))


def meeting_is_closed(item):
    meeting = meeting_of(item)
    return meeting is not None and api.content.get_state(meeting) == "closed"


def meeting_roles(meeting, cfg=None, state=None):
    """{principal: roles} for a meeting (it also reads what its folder gives agents):
    the meeting managers manage it, the power observers read it in their states."""
    cfg = cfg or config_of(meeting)
    state = state or api.content.get_state(meeting)
    return localroles.compute(
        state,
        (
            ({OTHER_STATES: {cfg.meetingmanagers_group(): ("Reader", "MeetingManager")}}, itself),
            (
                dict.fromkeys(
                    cfg.meetingPowerObserversStates or (), {cfg.powerobservers_group(): READ}
                ),
                itself,
            ),
            (
                dict.fromkeys(
                    cfg.meetingRestrictedPowerObserversStates or (),
                    {cfg.restrictedpowerobservers_group(): READ},
                ),
                itself,
            ),
        ),
    )


def advice_roles(advice, item_local_roles):
    """An advice is read by whoever reads its item, unless hidden while being written."""
    roles = {}
    own = group_id(advice.advice_group, "advisers") if advice.advice_group else None
    hidden = (
        advice.advice_hide_during_redaction and api.content.get_state(advice) == "advice_under_edit"
    )
    if not hidden:
        for principal in item_local_roles:
            roles[principal] = {"Reader"}
    if own:
        roles[own] = {"Reader"}
    return roles


def annex_roles(annex, item, item_local_roles, cfg):
    """A confidential annex is read by the proposing group and the meeting managers only."""
    roles = {}
    org = item.proposingGroup
    own_groups = {group_id(org, suffix) for suffix in FUNCTION_IDS if suffix != "advisers"}
    for principal, principal_roles in item_local_roles.items():
        if principal in own_groups or principal == cfg.meetingmanagers_group():
            roles[principal] = set(principal_roles)
    return roles


def set_local_roles(obj, roles, block=True):
    """Give the rules' roles on ``obj`` (Owner and roles given by hand are kept);
    ``block``: only these rules give access to it."""
    return localroles.apply(obj, roles, block=True if block else None, managed=MANAGED_ROLES)


def update_local_roles(obj, reindex=True):
    """Re-run the rules on an item (and its advices and annexes) or a meeting."""
    if IMeetingItem.providedBy(obj):
        cfg = config_of(obj)
        roles = item_roles(obj, cfg)
        changed = set_local_roles(obj, roles)
        for child in obj.objectValues():
            if IAdvice.providedBy(child):
                changed = set_local_roles(child, advice_roles(child, roles)) or changed
            elif IAnnex.providedBy(child):
                if child.confidential:
                    changed = set_local_roles(child, annex_roles(child, obj, roles, cfg)) or changed
                else:  # an ordinary annex is read as its item
                    changed = (
                        localroles.apply(child, {}, block=False, managed=MANAGED_ROLES) or changed
                    )
        if changed and reindex:
            obj.reindexObjectSecurity()
        return changed
    if IMeeting.providedBy(obj):
        changed = set_local_roles(obj, meeting_roles(obj), block=False)
        if changed and reindex:
            obj.reindexObjectSecurity()
        return changed
    return False


def update_folder_roles(folder):
    """Agents of the module (every function group of every service) read the folders and
    the meetings in them; creators add items; meeting managers add meetings."""
    cfg_id = getattr(folder, "config_id", "")
    roles = defaultdict(set)
    for brain in get_services():
        for function_id in FUNCTION_IDS:
            roles[group_id(brain.UID, function_id)].add("Reader")
        if cfg_id:
            roles[group_id(brain.UID, "creators")].add("Contributor")
    for cfg in get_configs():
        if not cfg_id or cfg.getId() == cfg_id:
            roles[cfg.meetingmanagers_group()].add("Reader")
        if cfg.getId() == cfg_id:
            roles[cfg.meetingmanagers_group()].add("MeetingManager")
    if set_local_roles(folder, roles, block=True):
        # Items block acquisition: only the folder and its meetings need reindexing.
        folder.reindexObject(idxs=["allowedRolesAndUsers"])
        catalog = api.portal.get_tool("portal_catalog")
        path = "/".join(folder.getPhysicalPath())
        for brain in catalog.unrestrictedSearchResults(
            path=path, object_provides=IMeeting.__identifier__
        ):
            brain._unrestrictedGetObject().reindexObject(idxs=["allowedRolesAndUsers"])
        for brain in catalog.unrestrictedSearchResults(
            path={"query": path, "depth": 1}, portal_type="MeetingFolder"
        ):
            brain._unrestrictedGetObject().reindexObject(idxs=["allowedRolesAndUsers"])
