"""Install, uninstall and the import step reading ``iasolutions-delib.json``.

The organisation profiles carry the module's part in ``iasolutions-delib.json``::

    {"configs": [{"id": "meeting-config-college", "title": "Collège communal",
                  "shortName": "College", "itemReferenceFormat": "COL/{year}/{number}",
                  "itemWFValidationLevels": ["itemcreated", "proposed"],
                  "workflowAdaptations": [...], "categories": [{"id": ..., "title": ...}],
                  "annex_types": [...], "recurring_items": [...], "item_templates": [...],
                  "customAdvisers": [...], "meetingConfigsToCloneTo": [...], ...}]}

Missing configurations, categories, annex types and templates are created
once (one the administrator deleted is not created again); existing ones are
left as the administrator made them, except the fields the profile lists
under ``"update"`` (seneffe's validation levels, for instance), which follow
the profile until an administrator changes them (``core.organisation``).
"""

from iasolutions.core.modules import installing
from iasolutions.core.modules import is_installed
from iasolutions.core.organisation import MISSING
from iasolutions.core.organisation import apply_module_part
from iasolutions.core.organisation import profile_value
from iasolutions.core.organisation import should_create
from iasolutions.core.services import forget_services
from iasolutions.core.services import remove_function_groups
from iasolutions.core.services import service_uid
from iasolutions.core.services import sync_all_groups
from iasolutions.delib.dashboards import create_dashboards
from iasolutions.delib.documents import ensure_templates
from iasolutions.delib.generation import apply_config
from iasolutions.delib.generation import ensure_items_root
from iasolutions.delib.meetingconfigs import CONFIGS_FOLDER
from iasolutions.delib.meetingconfigs import folder_of
from iasolutions.delib.module import MODULE
from iasolutions.delib.publication import public_folder
from iasolutions.delib.recurring import TEMPLATE_FIELDS
import json
import logging
from plone import api
from plone.dexterity.utils import createContentInContainer
from Products.CMFPlone.interfaces import INonInstallable
from zope.interface import implementer


logger = logging.getLogger("iasolutions.delib")
STEP_ID = "iasolutions-delib"
CONFIG_FIELDS = (
    "shortName",
    "itemReferenceFormat",
    "usedItemAttributes",
    "usedMeetingAttributes",
    "insertingMethodsOnAddItem",
    "itemWFValidationLevels",
    "workflowAdaptations",
    "itemCopyGroupsStates",
    "itemPowerObserversStates",
    "meetingPowerObserversStates",
    "itemRestrictedPowerObserversStates",
    "meetingRestrictedPowerObserversStates",
    "customAdvisers",
    "itemAdviceStates",
    "itemAdviceViewStates",
    "meetingConfigsToCloneTo",
    "itemAutoSentToOtherMCStates",
    "useVotes",
    "usedPollTypes",
    "defaultPollType",
    "usedAdviceTypes",
)


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        return ["iasolutions.delib:uninstall"]


@installing(MODULE)
def post_install(context):
    # The module's functions, named: while this handler runs the profile may not count
    # as installed yet for core.modules.active_functions.
    sync_all_groups(MODULE.functions)
    ensure_configs_folder()
    ensure_items_root()
    public_folder()
    add_pseudonymisation_style()
    apply_module_part(STEP_ID)


def add_pseudonymisation_style():
    """A TinyMCE inline style "Texte à masquer (RGPD)" that wraps the selection in
    ``<span class="pm-anonymize">`` (what publication masks). Added once, never removed."""
    formats_record = "plone.formats"
    styles_record = "plone.inline_styles"
    formats = json.loads(api.portal.get_registry_record(formats_record, default="{}") or "{}")
    if "pmanonymize" not in formats:
        formats["pmanonymize"] = {"inline": "span", "classes": "pm-anonymize"}
        api.portal.set_registry_record(formats_record, json.dumps(formats, indent=4))
    styles = list(api.portal.get_registry_record(styles_record, default=[]) or [])
    if not any(style.split("|")[1:2] == ["pmanonymize"] for style in styles):
        styles.append("Texte à masquer (RGPD)|pmanonymize|eye-slash")
        api.portal.set_registry_record(styles_record, styles)


def uninstall(context):
    """Items, meetings and configurations are user data: they stay; the groups of the
    module's functions go."""
    remove_function_groups(MODULE.functions)


def ensure_configs_folder():
    portal = api.portal.get()
    folder = portal.get(CONFIGS_FOLDER)
    if folder is None:
        folder = createContentInContainer(
            portal,
            "MeetingConfigFolder",
            checkConstraints=False,
            id=CONFIGS_FOLDER,
            title="Configurations des séances",
        )
    return folder


def import_configs(context):
    """Import step: the meeting configurations of ``iasolutions-delib.json``."""
    data = context.readDataFile("iasolutions-delib.json")
    if data is None or not is_installed(MODULE):
        return
    try:
        data = json.loads(data)
    except ValueError as error:
        raise ValueError(f"iasolutions-delib.json is not valid JSON: {error}")
    forget_services()
    folder = ensure_configs_folder()
    # Configurations first (they refer to each other), then their content.
    for entry in data.get("configs", []):
        ensure_config(folder, entry)
    for entry in data.get("configs", []):
        cfg = folder.get(entry["id"])
        if cfg is None:  # the administrator deleted it
            continue
        fill_config(cfg, entry)
        apply_config(cfg)
        ensure_templates(
            cfg,
            wanted=lambda id, cfg=cfg: should_create(
                f"delib/{cfg.getId()}/templates/{id}", id in cfg
            ),
        )
        folder_of_cfg = folder_of(cfg)
        create_dashboards(
            cfg,
            wanted=lambda id, cfg=cfg, folder=folder_of_cfg: should_create(
                f"delib/{cfg.getId()}/dashboards/{id}", folder is not None and id in folder
            ),
        )


def _resolve_services(values):
    """Service UIDs of the ids / acronyms a profile names; an unknown one is an error."""
    uids = []
    for value in values or ():
        uid = service_uid(value)
        if uid is None:
            raise ValueError(f"iasolutions-delib.json names an unknown service: {value!r}")
        uids.append(uid)
    return uids


def ensure_config(folder, entry):
    if "id" not in entry or "shortName" not in entry:
        raise ValueError(f"A meeting configuration needs an id and a shortName: {entry!r}")
    cfg = folder.get(entry["id"])
    if should_create(f"delib/{entry['id']}", cfg is not None):
        values = {name: entry[name] for name in CONFIG_FIELDS if name in entry}
        cfg = api.content.create(
            container=folder,
            type="MeetingConfig",
            id=entry["id"],
            title=entry.get("title", entry["id"]),
            **values,
        )
        logger.info("Meeting configuration %s created", entry["id"])
    if cfg is None:
        return None
    for name in entry.get("update", []):
        if name in CONFIG_FIELDS and name in entry:
            current = getattr(cfg, name, MISSING)
            value = profile_value(f"delib/{entry['id']}/{name}", entry[name], current)
            if value != current:
                setattr(cfg, name, value)
    return cfg


def fill_config(cfg, entry):
    """Create what the profile's entry lists in the configuration, once."""

    def new_rows(kind):
        return [
            row
            for row in entry.get(kind, [])
            if should_create(f"delib/{cfg.getId()}/{row['id']}", row["id"] in cfg)
        ]

    _create_categories(cfg, new_rows("categories"))
    _create_annex_types(cfg, new_rows("annex_types"))
    _create_templates(cfg, new_rows("recurring_items"), "MeetingItemRecurring")
    _create_templates(cfg, new_rows("item_templates"), "MeetingItemTemplate")
    if "selectableAdvisers" in entry:
        _set_field(cfg, "selectableAdvisers", _resolve_services(entry["selectableAdvisers"]))
    if "selectableCopyGroups" in entry:
        groups = []
        for ref in entry["selectableCopyGroups"]:
            service, _sep, function = ref.rpartition("_")
            uid = _resolve_services([service])[0]
            groups.append(f"{uid}_{function}")
        _set_field(cfg, "selectableCopyGroups", groups)


def _create_categories(cfg, rows):
    for row in rows:
        api.content.create(
            container=cfg,
            type="meetingcategory",
            id=row["id"],
            title=row["title"],
            category_id=row.get("category_id", row["id"]),
            using_groups=_resolve_services(row.get("using_groups")),
        )


def _create_annex_types(cfg, rows):
    for row in rows:
        api.content.create(
            container=cfg,
            type="ItemAnnexContentCategory",
            id=row["id"],
            title=row["title"],
            relatedTo=row.get("relatedTo", "item"),
            to_print=row.get("to_print", False),
            confidential=row.get("confidential", False),
            publishable=row.get("publishable", False),
        )


def _create_templates(cfg, rows, portal_type):
    from plone.app.textfield.value import RichTextValue

    for row in rows:
        values = {name: row[name] for name in TEMPLATE_FIELDS if name in row}
        if "proposingGroup" in values:
            values["proposingGroup"] = _resolve_services([values["proposingGroup"]])[0]
        for name in ("motivation", "decision"):
            if name in values:
                values[name] = RichTextValue(values[name], "text/html", "text/x-html-safe")
        api.content.create(container=cfg, type=portal_type, id=row["id"], **values)


def _set_field(cfg, name, value):
    """Set a field as the profile says, unless an administrator changed it."""
    current = getattr(cfg, name, MISSING)
    value = profile_value(f"delib/{cfg.getId()}/{name}", value, current)
    if value != current:
        setattr(cfg, name, value)
