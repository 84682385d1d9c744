"""Install and import handlers of the core."""

from iasolutions.core import counters
from iasolutions.core.services import CONTACTS_ID
from iasolutions.core.services import get_own_organization
from iasolutions.core.services import OWN_ORGANIZATION_ID
from iasolutions.core.services import sync_all_groups
from plone import api
from Products.CMFPlone.interfaces import INonInstallable
from zope.interface import implementer

import json
import logging


logger = logging.getLogger("iasolutions.core")

CONTACTS_MANAGERS = "gestion_contacts"
DEFAULT_POSITION_TYPES = [
    "bourgmestre|Bourgmestre", "echevin|Échevin", "president|Président",
    "conseiller|Conseiller", "directeur-general|Directeur général",
    "directeur-financier|Directeur financier", "chef-de-service|Chef de service",
    "agent|Agent",
]
DEFAULT_ORGANIZATION_TYPES = [
    "commune|Commune", "cpas|CPAS", "zone-de-police|Zone de police",
    "entreprise|Entreprise", "asbl|ASBL", "administration|Administration publique",
]
DEFAULT_ORGANIZATION_LEVELS = ["departement|Département", "service|Service", "cellule|Cellule"]


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        return ["iasolutions.core:uninstall"]


def post_install(context):
    """Create the contacts directory and the organisation's own node."""
    ensure_contacts()
    sync_all_groups()


def uninstall(context):
    """Contacts, services and their groups are user data: uninstall keeps them."""


def ensure_contacts():
    portal = api.portal.get()
    contacts = portal.get(CONTACTS_ID)
    if contacts is None:
        contacts = api.content.create(
            container=portal, type="directory", id=CONTACTS_ID, title="Contacts",
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
            container=contacts, type="organization", id=OWN_ORGANIZATION_ID,
            title=portal.title or "Mon organisation", organization_type="commune",
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
        raise ValueError(f"{filename} of profile {_profile_name(context)} is not valid JSON: {error}")


def import_services(context):
    """Create the internal services of ``iasolutions-services.json`` that are missing.

    Existing services are left as the administrator made them (never renamed,
    moved or deleted), so applying a profile twice changes nothing.
    """
    data = _read_json(context, "iasolutions-services.json")
    if data is None:
        return
    ensure_contacts()
    own = get_own_organization()
    kind = data.get("organisation_type")
    if kind and own.organization_type != kind:
        own.organization_type = kind
        own.reindexObject()
    created = _create_services(own, data.get("services", []))
    logger.info("%s internal services created from %s", created, _profile_name(context))


def _create_services(parent, entries):
    created = 0
    for entry in entries:
        if "id" not in entry or "title" not in entry:
            raise ValueError(f"An internal service needs an id and a title: {entry!r}")
        service = parent.get(entry["id"])
        if service is None:
            service = api.content.create(
                container=parent, type="organization", id=entry["id"],
                title=entry["title"], acronym=entry.get("acronym", ""),
                organization_type=entry.get("type", "service"),
            )
            created += 1
        created += _create_services(service, entry.get("children", []))
    return created


def import_counters(context):
    """Define the counters of ``iasolutions-counters.json`` ({name: {format, title, reset_yearly}})."""
    data = _read_json(context, "iasolutions-counters.json")
    if data is None:
        return
    for name, definition in data.items():
        counters.define(
            name, definition.get("format", ""), title=definition.get("title", ""),
            reset_yearly=bool(definition.get("reset_yearly", False)),
        )


def _profile_name(context):
    """The profile's folder name, for messages."""
    return getattr(context, "_profile_path", "").rstrip("/").rsplit("/", 1)[-1] or "?"
