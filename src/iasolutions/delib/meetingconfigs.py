"""Finding meeting configurations and what belongs to them.

>>> cfg = get_config("meeting-config-college")
>>> config_of(item) is cfg
True
"""

from Acquisition import aq_chain
from Acquisition import aq_inner
from iasolutions.core.caching import forget
from iasolutions.core.caching import request_cached
from iasolutions.delib.interfaces import IMeetingConfig
from iasolutions.delib.interfaces import IMeetingFolder
from plone import api


CONFIGS_FOLDER = "meeting-configs"
ITEMS_ROOT = "deliberations"

# Levels of validation: state, leading transition, back transition, function (suffix).
VALIDATION_LEVELS = (
    ("itemcreated", None, "backToItemCreated", "creators"),
    ("proposed", "propose", "backToProposed", "reviewers"),
    ("prevalidated", "prevalidate", "backToPrevalidated", "reviewers"),
) + tuple(
    (
        f"proposedToValidationLevel{i}",
        f"proposeToValidationLevel{i}",
        f"backToProposedToValidationLevel{i}",
        f"level{i}reviewers",
    )
    for i in range(1, 6)
)

ITEM_STATES_AFTER_VALIDATION = (
    "validated",
    "presented",
    "itemfrozen",
    "itempublished",
    "pre_accepted",
    "accepted",
    "accepted_but_modified",
    "refused",
    "delayed",
    "returned_to_proposing_group",
)
DECIDED_STATES = ("accepted", "accepted_but_modified", "refused", "delayed", "pre_accepted")
ITEM_STATES_IN_MEETING = (
    "presented",
    "itemfrozen",
    "itempublished",
    "returned_to_proposing_group",
) + DECIDED_STATES
MEETING_STATES = ("created", "frozen", "published", "decided", "closed")
MEETING_STATES_ACCEPTING_ITEMS = ("created", "frozen", "published", "decided")


def configs_folder():
    return api.portal.get().get(CONFIGS_FOLDER)


def get_configs():
    """The meeting configurations of the site, in the order of their folder."""
    folder = configs_folder()
    if folder is None:
        return []
    return [obj for obj in folder.objectValues() if IMeetingConfig.providedBy(obj)]


def get_config(config_id):
    folder = configs_folder()
    obj = folder.get(config_id) if folder is not None and config_id else None
    return obj if IMeetingConfig.providedBy(obj) else None


def config_for_portal_type(portal_type):
    """The configuration whose item or meeting type is ``portal_type``."""
    config_id = _config_id_of_type(portal_type)
    if config_id is None:  # maybe not created yet: look again next time
        forget(_config_id_of_type)
        return None
    return get_config(config_id)


@request_cached()
def _config_id_of_type(portal_type):
    for cfg in get_configs():
        if portal_type in (cfg.getItemTypeName(), cfg.getMeetingTypeName()):
            return cfg.getId()
    return None


def config_of(obj):
    """The configuration an item, meeting, folder or anything inside them belongs to."""
    for parent in aq_chain(aq_inner(obj)):
        if IMeetingConfig.providedBy(parent):
            return parent
        portal_type = getattr(parent, "portal_type", "")
        if portal_type.startswith("Meeting") and portal_type not in ("MeetingConfig",):
            cfg = config_for_portal_type(portal_type)
            if cfg is not None:
                return cfg
        if IMeetingFolder.providedBy(parent) and getattr(parent, "config_id", ""):
            return get_config(parent.config_id)
    return None


def items_root():
    return api.portal.get().get(ITEMS_ROOT)


def folder_of(cfg):
    """The folder holding the items and meetings of a configuration."""
    root = items_root()
    return root.get(cfg.getId()) if root is not None else None


def config_categories(cfg, enabled_only=True):
    """The categories of a configuration, in their order (the enabled ones only, unless
    ``enabled_only`` is false)."""
    return [
        obj
        for obj in cfg.objectValues()
        if obj.portal_type == "meetingcategory" and (obj.enabled or not enabled_only)
    ]


def enabled_levels(cfg):
    """The validation levels a configuration uses, in order: [(state, leading, back, suffix)].

    As in the reference, when ``prevalidated`` is used, ``proposed`` is the
    prereviewers' level and ``prevalidated`` the reviewers'.
    """
    wanted = set(cfg.itemWFValidationLevels or ("itemcreated", "proposed"))
    wanted.add("itemcreated")
    levels = []
    for state, leading, back, suffix in VALIDATION_LEVELS:
        if state not in wanted:
            continue
        if state == "proposed" and "prevalidated" in wanted:
            suffix = "prereviewers"
        levels.append((state, leading, back, suffix))
    return levels


def item_states(cfg):
    """The states of the items of a configuration, in workflow order."""
    wf = api.portal.get_tool("portal_workflow").get(cfg.getItemWorkflow())
    if wf is None:
        return []
    return list(wf.states.objectIds())


def is_meeting_manager(cfg, user=None):
    """True for the members of ``<config>_meetingmanagers`` and for Managers."""
    user = user or api.user.get_current()
    if user is None:
        return False
    if "Manager" in user.getRoles():
        return True
    return cfg.meetingmanagers_group() in user.getGroups()


def free_id(container, wanted):
    """``wanted``, or ``wanted-1``, ``wanted-2``… whichever is free in ``container``
    (creating with a free id avoids plone.api's rename, which needs more rights)."""
    from plone.i18n.normalizer.interfaces import IIDNormalizer
    from zope.component import getUtility

    base = getUtility(IIDNormalizer).normalize(wanted or "item", max_length=60)
    candidate, index = base, 0
    while candidate in container:
        index += 1
        candidate = f"{base}-{index}"
    return candidate
