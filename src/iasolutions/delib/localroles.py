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

Items, advices and confidential annexes block acquisition: only these rules
give access to them. ``update_local_roles`` re-runs the rules; it is called on
every transition and on changes of the fields involved.
"""

from collections import defaultdict
from iasolutions.core.services import group_id
from iasolutions.delib.interfaces import IAdvice
from iasolutions.delib.interfaces import IAnnex
from iasolutions.delib.interfaces import IMeeting
from iasolutions.delib.interfaces import IMeetingItem
from iasolutions.delib.meetingconfigs import config_of
from iasolutions.delib.meetingconfigs import enabled_levels
from iasolutions.delib.meetingconfigs import get_configs
from iasolutions.delib.meetingconfigs import service_brains
from iasolutions.delib.module import FUNCTION_IDS
from iasolutions.delib.module import OBSERVERS
from plone import api


MANAGED_ROLES = {"Reader", "Contributor", "Editor", "Reviewer", "MeetingManager", "MeetingAdviser"}


def item_roles(item, cfg=None, state=None):  # noqa: C901 -- becomes a table (issue 9)
    """{principal id: set of roles} for an item."""
    cfg = cfg or config_of(item)
    state = state or api.content.get_state(item)
    org = item.proposingGroup
    roles = defaultdict(set)
    if not org or cfg is None:
        return roles
    levels = enabled_levels(cfg)
    level_states = [level[0] for level in levels]
    suffixes = []
    for level in levels:
        if level[3] not in suffixes:
            suffixes.append(level[3])
    if state in level_states:
        current = level_states.index(state)
        for index, (_state, _leading, _back, suffix) in enumerate(levels):
            if index < current:
                roles[group_id(org, suffix)] |= {"Reader", "Contributor"}
            elif index == current:
                roles[group_id(org, suffix)] |= {"Reader", "Contributor", "Editor", "Reviewer"}
        roles[group_id(org, OBSERVERS)].add("Reader")
    else:
        for suffix in suffixes + [OBSERVERS]:
            roles[group_id(org, suffix)].add("Reader")
        if state == "returned_to_proposing_group":
            for suffix in suffixes:
                roles[group_id(org, suffix)] |= {"Contributor", "Editor"}
        managers = cfg.meetingmanagers_group()
        roles[managers].add("Reader")
        if not meeting_is_closed(item):
            roles[managers].add("MeetingManager")
    if state in (cfg.itemCopyGroupsStates or ()):
        for copy_group in item.copyGroups or ():
            roles[copy_group].add("Reader")
    if state in (cfg.itemPowerObserversStates or ()):
        roles[cfg.powerobservers_group()].add("Reader")
    if state in (cfg.itemRestrictedPowerObserversStates or ()):
        roles[cfg.restrictedpowerobservers_group()].add("Reader")
    if state in (cfg.itemAdviceStates or ()) or state in (cfg.itemAdviceViewStates or ()):
        from iasolutions.delib.advices import asked_advisers

        for adviser in asked_advisers(item, cfg):
            roles[group_id(adviser, "advisers")].add("Reader")
    return roles


def meeting_is_closed(item):
    from iasolutions.delib.agenda import meeting_of

    meeting = meeting_of(item)
    return meeting is not None and api.content.get_state(meeting) == "closed"


def meeting_roles(meeting, cfg=None, state=None):
    """{principal: roles} for a meeting (it also reads what its folder gives agents)."""
    cfg = cfg or config_of(meeting)
    state = state or api.content.get_state(meeting)
    roles = defaultdict(set)
    roles[cfg.meetingmanagers_group()] |= {"Reader", "MeetingManager"}
    if state in (cfg.meetingPowerObserversStates or ()):
        roles[cfg.powerobservers_group()].add("Reader")
    if state in (cfg.meetingRestrictedPowerObserversStates or ()):
        roles[cfg.restrictedpowerobservers_group()].add("Reader")
    return roles


def advice_roles(advice, item_local_roles):
    """An advice is read by whoever reads its item, unless hidden while being written."""
    roles = defaultdict(set)
    own = group_id(advice.advice_group, "advisers") if advice.advice_group else None
    hidden = (
        advice.advice_hide_during_redaction and api.content.get_state(advice) == "advice_under_edit"
    )
    if not hidden:
        for principal in item_local_roles:
            roles[principal].add("Reader")
    if own:
        roles[own].add("Reader")
    return roles


def annex_roles(annex, item, item_local_roles, cfg):
    """A confidential annex is read by the proposing group and the meeting managers only."""
    roles = defaultdict(set)
    org = item.proposingGroup
    own_groups = {group_id(org, suffix) for suffix in FUNCTION_IDS if suffix != "advisers"}
    for principal, principal_roles in item_local_roles.items():
        if principal in own_groups or principal == cfg.meetingmanagers_group():
            roles[principal] |= set(principal_roles)
    return roles


def set_local_roles(obj, roles, block=True):
    """Replace the managed local roles of ``obj`` (Owner and others are kept)."""
    current = dict(obj.__ac_local_roles__ or {})
    changed = False
    for principal, principal_roles in list(current.items()):
        kept = [role for role in principal_roles if role not in MANAGED_ROLES]
        wanted = sorted(set(kept) | set(roles.get(principal, ())))
        if wanted != sorted(principal_roles):
            changed = True
            if wanted:
                current[principal] = wanted
            else:
                del current[principal]
    for principal, principal_roles in roles.items():
        if principal not in current and principal_roles:
            current[principal] = sorted(principal_roles)
            changed = True
    if changed:
        obj.__ac_local_roles__ = current
    if block and not getattr(obj, "__ac_local_roles_block__", False):
        obj.__ac_local_roles_block__ = True
        changed = True
    if changed:
        purge_security_cache(obj)
    return changed


def purge_security_cache(obj=None):
    """Forget the local-role checks borg.localrole cached on the request: they are stale
    once roles change (a transition followed by a check in the same request)."""
    from Acquisition import aq_get
    from zope.annotation.interfaces import IAnnotations
    from zope.globalrequest import getRequest

    request = aq_get(obj, "REQUEST", None) if obj is not None else None
    if request is None or isinstance(request, str):
        request = getRequest()
    annotations = IAnnotations(request, None) if request is not None else None
    if annotations is None:
        return
    for key in [k for k in annotations if isinstance(k, str) and k.startswith("borg.localrole.")]:
        del annotations[key]


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
                else:
                    changed = set_local_roles(child, {}, block=False) or changed
                    if getattr(child, "__ac_local_roles_block__", False):
                        child.__ac_local_roles_block__ = False
                        changed = True
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
    for brain in service_brains():
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
