"""Install and import handlers of the core."""

from iasolutions.core import workingdays
from iasolutions.core.catalog import widen_intid_and_relation_trees
from iasolutions.core.catalog import widen_lexicons
from iasolutions.core.catalog import words_in_their_own_trees
from iasolutions.core.organisation import define_counter
from iasolutions.core.organisation import profile_value
from iasolutions.core.organisation import should_create
from iasolutions.core.rows import terms_rows
from iasolutions.core.services import CONTACTS_ID
from iasolutions.core.services import OWN_ORGANIZATION_ID
from iasolutions.core.services import get_own_organization
from iasolutions.core.services import sync_all_groups
from iasolutions.core.upgrades import v1003
import json
import logging
from plone import api
from Products.CMFPlone.interfaces import INonInstallable
from zope.interface import implementer


logger = logging.getLogger("iasolutions.core")

CONTACTS_MANAGERS = "gestion_contacts"
DEFAULT_POSITION_TYPES = terms_rows(
    ("bourgmestre", "Bourgmestre"),
    ("echevin", "Échevin"),
    ("president", "Président"),
    ("conseiller", "Conseiller"),
    ("directeur-general", "Directeur général"),
    ("directeur-financier", "Directeur financier"),
    ("chef-de-service", "Chef de service"),
    ("agent", "Agent"),
)
DEFAULT_ORGANIZATION_TYPES = terms_rows(
    ("commune", "Commune"),
    ("cpas", "CPAS"),
    ("zone-de-police", "Zone de police"),
    ("entreprise", "Entreprise"),
    ("asbl", "ASBL"),
    ("administration", "Administration publique"),
)
DEFAULT_ORGANIZATION_LEVELS = terms_rows(
    ("departement", "Département"),
    ("service", "Service"),
    ("cellule", "Cellule"),
)


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        return ["iasolutions.core:uninstall"]


def post_install(context):
    """Create the contacts directory and the organisation's own node; catalogs that
    concurrent agents write without conflicts (iasolutions.core.catalog)."""
    ensure_contacts()
    sync_all_groups()
    catalog = api.portal.get_tool("portal_catalog")
    words_in_their_own_trees(catalog)
    widen_lexicons(catalog)
    widen_intid_and_relation_trees()


def uninstall(context):
    """Contacts, services and their groups are user data: uninstall keeps them."""


def ensure_contacts():
    portal = api.portal.get()
    contacts = portal.get(CONTACTS_ID)
    if contacts is None:
        contacts = api.content.create(
            container=portal,
            type="directory",
            id=CONTACTS_ID,
            title="Contacts",
            position_types=DEFAULT_POSITION_TYPES,
            organization_types=DEFAULT_ORGANIZATION_TYPES,
            organization_levels=DEFAULT_ORGANIZATION_LEVELS,
        )
    if api.group.get(groupname=CONTACTS_MANAGERS) is None:
        api.group.create(groupname=CONTACTS_MANAGERS, title="Gestionnaires des contacts")
    api.group.grant_roles(
        groupname=CONTACTS_MANAGERS, obj=contacts, roles=["Contributor", "Editor", "Reader"]
    )
    own = get_own_organization()
    if own is None:
        own = api.content.create(
            container=contacts,
            type="organization",
            id=OWN_ORGANIZATION_ID,
            title=portal.title or "Mon organisation",
            organization_type="commune",
        )
        # Only administrators manage the internal services.
        own.__ac_local_roles_block__ = True
        own.reindexObject(idxs=["allowedRolesAndUsers"])
    return contacts


def _read_json(context, filename):
    data = context.readDataFile(filename)
    if data is None:
        return None
    try:
        return json.loads(data)
    except ValueError as error:
        raise ValueError(
            f"{filename} of profile {_profile_name(context)} is not valid JSON: {error}"
        )


def import_services(context):
    """Create the internal services of ``iasolutions-services.json`` once.

    Existing services are left as the administrator made them (never renamed,
    moved or deleted), and a service the administrator deleted is not created
    again (``organisation.should_create``).
    """
    data = _read_json(context, "iasolutions-services.json")
    if data is None:
        return
    ensure_contacts()
    own = get_own_organization()
    kind = data.get("organisation_type")
    if kind:
        kind = profile_value("services/organisation_type", kind, own.organization_type)
        if own.organization_type != kind:
            own.organization_type = kind
            own.reindexObject()
    created = _create_services(own, data.get("services", []))
    logger.info("%s internal services created from %s", created, _profile_name(context))


def _create_services(parent, entries, path="services"):
    created = 0
    for entry in entries:
        if "id" not in entry or "title" not in entry:
            raise ValueError(f"An internal service needs an id and a title: {entry!r}")
        key = f"{path}/{entry['id']}"
        if should_create(key, entry["id"] in parent):
            api.content.create(
                container=parent,
                type="organization",
                id=entry["id"],
                title=entry["title"],
                acronym=entry.get("acronym", ""),
                organization_type=entry.get("type", "service"),
            )
            created += 1
        if entry["id"] in parent:
            created += _create_services(parent[entry["id"]], entry.get("children", []), key)
    return created


def import_counters(context):
    """Define the counters of ``iasolutions-counters.json`` ({name: {format, title, reset_yearly}}),
    keeping what an administrator changed."""
    data = _read_json(context, "iasolutions-counters.json")
    if data is None:
        return
    for name, definition in data.items():
        define_counter(name, definition)


def import_calendar(context):
    """Add the municipal holidays of ``iasolutions-calendar.json``
    (``{"municipal_holidays": [{"day": "11-02", "name": "Lendemain de la Toussaint"},
    ...]}``, ``workingdays.IHoliday`` rows).

    Each holiday is added once: the administrator's own stay, and one they
    removed is not added again.
    """
    data = _read_json(context, "iasolutions-calendar.json")
    if data is None:
        return
    record = f"{workingdays.REGISTRY_PREFIX}.municipal_holidays"
    field = workingdays.ICalendarSettings["municipal_holidays"]
    holidays = list(api.portal.get_registry_record(record, default=None) or [])
    if not all(isinstance(holiday, dict) for holiday in holidays):
        # a site before upgrade 1004 (upgrade 1001 reads the profiles): rows first
        v1003.migrate_holidays()
        holidays = list(api.portal.get_registry_record(record, default=None) or [])
    days = {holiday["day"] for holiday in holidays}
    for holiday in data.get("municipal_holidays", []):
        field.value_type.validate(holiday)
        if should_create(f"calendar/holiday/{holiday['day']}", holiday["day"] in days):
            holidays.append(holiday)
            days.add(holiday["day"])
    if holidays != list(api.portal.get_registry_record(record, default=None) or []):
        api.portal.set_registry_record(record, holidays)


def _profile_name(context):
    """The profile's folder name, for messages."""
    return getattr(context, "_profile_path", "").rstrip("/").rsplit("/", 1)[-1] or "?"
