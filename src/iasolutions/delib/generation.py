"""Applying a meeting configuration: its types, workflows, groups, counters and folder.

``apply_config(cfg)`` runs when a configuration is added or saved. It is cheap
when nothing structural changed: existing items are only touched when the
workflows or the local-role rules of the configuration changed, and then only
the items and meetings of that configuration (role mappings and local roles;
their states are kept).
"""

from iasolutions.core import counters
from iasolutions.delib import _
from iasolutions.delib import workflows
from iasolutions.delib.meetingconfigs import ITEMS_ROOT
from iasolutions.delib.meetingconfigs import folder_of
import logging
from plone import api
from plone.dexterity.utils import createContentInContainer


logger = logging.getLogger("iasolutions.delib")

BASE_ITEM_TYPE = "MeetingItem"
BASE_MEETING_TYPE = "Meeting"

# Fields whose change calls for new workflows / new local roles on existing items.
WORKFLOW_FIELDS = ("itemWFValidationLevels", "workflowAdaptations")
ROLE_FIELDS = WORKFLOW_FIELDS + (
    "itemCopyGroupsStates",
    "itemPowerObserversStates",
    "meetingPowerObserversStates",
    "itemRestrictedPowerObserversStates",
    "meetingRestrictedPowerObserversStates",
    "itemAdviceStates",
    "itemAdviceViewStates",
)


def signature(cfg, fields):
    return tuple((name, tuple(getattr(cfg, name, None) or ())) for name in fields)


def check_short_name(cfg):
    """A short name names one configuration's types, and cannot change once it has items."""
    from zExceptions import BadRequest
    from zope.globalrequest import getRequest
    from zope.i18n import translate

    types_tool = api.portal.get_tool("portal_types")
    fti = types_tool.get(cfg.getItemTypeName())
    owner = getattr(fti, "_delib_config", None) if fti is not None else None
    if owner and owner != cfg.getId():
        raise BadRequest(
            translate(
                _(
                    "The short name ${name} is already used by ${config}.",
                    mapping={"name": cfg.shortName, "config": owner},
                ),
                context=getRequest(),
            )
        )
    previous = getattr(cfg, "_applied_short_name", None)
    if previous and previous != cfg.shortName:
        catalog = api.portal.get_tool("portal_catalog")
        if len(
            catalog.unrestrictedSearchResults(
                portal_type=[f"MeetingItem{previous}", f"Meeting{previous}"]
            )
        ):
            raise BadRequest(
                translate(
                    _("The short name cannot change: the configuration has items or meetings."),
                    context=getRequest(),
                )
            )


def apply_config(cfg, force=False):
    """Make the site match the configuration ``cfg``; returns the number of items updated."""
    check_short_name(cfg)
    pending = getattr(cfg, "_pending_reference_format", None)
    if pending:
        from iasolutions.delib.content.meetingconfig import define_reference_counter

        define_reference_counter(cfg, pending)
        cfg._pending_reference_format = None
    if cfg.getId() not in counters.counter_names():
        counters.define(
            cfg.getId(),
            cfg.shortName[:3].upper() + "/{year}/{number}",
            title=cfg.title,
            reset_yearly=True,
        )
    meeting_counter = f"{cfg.getId()}-meetings"
    if meeting_counter not in counters.counter_names():
        counters.define(
            meeting_counter, "%d", title=f"{cfg.title}: numéros de séance", reset_yearly=True
        )
    ensure_types(cfg)
    workflow_sig = signature(cfg, WORKFLOW_FIELDS)
    role_sig = signature(cfg, ROLE_FIELDS)
    workflows_changed = force or getattr(cfg, "_applied_workflow_sig", None) != workflow_sig
    if workflows_changed:
        workflows.install_workflows(cfg)
    ensure_groups(cfg)
    folder = ensure_folder(cfg)
    updated = 0
    if workflows_changed or getattr(cfg, "_applied_role_sig", None) != role_sig:
        updated = update_existing_content(cfg, folder, workflows_changed)
    cfg._applied_workflow_sig = workflow_sig
    cfg._applied_role_sig = role_sig
    cfg._applied_short_name = cfg.shortName
    return updated


def ensure_types(cfg):
    """Create ``MeetingItem<ShortName>`` and ``Meeting<ShortName>`` from the base FTIs."""
    types_tool = api.portal.get_tool("portal_types")
    for base_id, type_id, label in (
        (BASE_ITEM_TYPE, cfg.getItemTypeName(), "Point"),
        (BASE_MEETING_TYPE, cfg.getMeetingTypeName(), "Séance"),
    ):
        fti = types_tool.get(type_id)
        if fti is None:
            fti = types_tool[base_id]._getCopy(types_tool)
            fti._setId(type_id)
            types_tool._setObject(type_id, fti)
            fti = types_tool[type_id]
        fti.title = f"{label} ({cfg.title})"
        # The add menu links to the add view of this type (a folder of items refuses the
        # base type). The factory stays the base type's: it names the add view (forms.py),
        # and the content created takes this type's id anyway.
        if fti.add_view_expr != add_view_expr(type_id):
            fti._updateProperty("add_view_expr", add_view_expr(type_id))  # compiles it too
        fti._delib_config = cfg.getId()
        fti.global_allow = False
        fti.i18n_domain = "iasolutions.delib"
    # The folders of items and meetings take the types of every configuration; each
    # folder restricts itself to its own configuration's (constraints.py).
    folder_fti = types_tool["MeetingFolder"]
    allowed = list(folder_fti.allowed_content_types)
    for type_id in (cfg.getItemTypeName(), cfg.getMeetingTypeName()):
        if type_id not in allowed:
            allowed.append(type_id)
    folder_fti.allowed_content_types = tuple(allowed)


def add_view_expr(type_id):
    return "string:${folder_url}/++add++" + type_id


def ensure_groups(cfg):
    for group_id, title in (
        (cfg.meetingmanagers_group(), "Gestionnaires de séance"),
        (cfg.powerobservers_group(), "Super observateurs"),
        (cfg.restrictedpowerobservers_group(), "Super observateurs restreints"),
    ):
        full_title = f"{cfg.title} ({title})"
        group = api.group.get(groupname=group_id)
        if group is None:
            api.group.create(groupname=group_id, title=full_title)
        elif group.getProperty("title") != full_title:
            group.setGroupProperties({"title": full_title})


def ensure_items_root():
    portal = api.portal.get()
    root = portal.get(ITEMS_ROOT)
    if root is None:
        root = createContentInContainer(
            portal, "MeetingFolder", checkConstraints=False, id=ITEMS_ROOT, title="Délibérations"
        )
        root.__ac_local_roles_block__ = True
    return root


def ensure_folder(cfg):
    from iasolutions.delib.localroles import update_folder_roles

    root = ensure_items_root()
    folder = folder_of(cfg)
    if folder is None:
        folder = createContentInContainer(
            root, "MeetingFolder", checkConstraints=False, id=cfg.getId(), title=cfg.title
        )
        folder.config_id = cfg.getId()
    elif folder.title != cfg.title:
        folder.title = cfg.title
        folder.reindexObject(idxs=["Title", "sortable_title"])
    update_folder_roles(root)
    update_folder_roles(folder)
    return folder


def remove_config(cfg_id):
    """Remove the types and workflows of a configuration that no longer exists."""
    types_tool = api.portal.get_tool("portal_types")
    for type_id in list(types_tool.objectIds()):
        fti = types_tool[type_id]
        if (
            type_id.startswith(("MeetingItem", "Meeting"))
            and type_id not in (BASE_ITEM_TYPE, BASE_MEETING_TYPE)
            and getattr(fti, "_delib_config", None) == cfg_id
        ):
            types_tool._delObject(type_id)
    workflows.remove_workflows(cfg_id)


def update_existing_content(cfg, folder, workflows_changed):
    """Role mappings (if the workflows changed) and local roles of the items and meetings."""
    from iasolutions.delib.localroles import update_local_roles

    wf_tool = api.portal.get_tool("portal_workflow")
    count = 0
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(
        portal_type=[cfg.getItemTypeName(), cfg.getMeetingTypeName()]
    ):
        obj = brain._unrestrictedGetObject()
        if workflows_changed:
            for wf in wf_tool.getWorkflowsFor(obj):
                wf.updateRoleMappingsFor(obj)
        update_local_roles(obj, reindex=False)
        obj.reindexObject(idxs=["allowedRolesAndUsers", "review_state"])
        count += 1
    if count:
        logger.info("%s: %s items and meetings updated", cfg.getId(), count)
    return count
