"""Install, uninstall and import handlers of the mail module."""

from iasolutions.core.modules import installing
from iasolutions.core.modules import is_installed
from iasolutions.core.organisation import apply_module_part
from iasolutions.core.organisation import define_counter
from iasolutions.core.organisation import profile_value
from iasolutions.core.services import get_own_organization
from iasolutions.core.services import group_id
from iasolutions.core.services import remove_function_groups
from iasolutions.core.services import sync_service_groups
from iasolutions.mail import settings
from iasolutions.mail.dashboards import setup_dashboards
from iasolutions.mail.folders import INCOMING
from iasolutions.mail.folders import OUTGOING
from iasolutions.mail.folders import ensure_site_folders
from iasolutions.mail.folders import prepare_period_folders
from iasolutions.mail.letters import ensure_templates
from iasolutions.mail.localroles import BFW
from iasolutions.mail.localroles import TGW
from iasolutions.mail.module import DIR_GENERAL
from iasolutions.mail.module import ENCODEURS
from iasolutions.mail.module import GLOBAL_GROUPS
from iasolutions.mail.module import MODULE
from iasolutions.mail.references import ensure_counters
import json
import logging
from plone import api
from Products.CMFPlone.interfaces import INonInstallable
from zope.interface import implementer


logger = logging.getLogger("iasolutions.mail")

STEP_ID = "iasolutions-mail"
CREATORS_ROLES = ["Contributor", BFW, TGW]


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        return ["iasolutions.mail:uninstall"]


@installing(MODULE)
def post_install(context):
    """Groups, folders and counters; then this module's part of the organisation profile.

    Services are found with unrestricted catalog searches: from the command
    line the user is the Zope system user, whose searches find nothing.
    """
    # The functions are given: while the post-install handler runs, the profile
    # is not yet recorded as installed, so active_functions() misses them.
    for service in service_objects():
        sync_service_groups(service, MODULE.functions)
    ensure_global_groups()
    folders = ensure_site_folders()
    folders[INCOMING].manage_setLocalRoles(ENCODEURS, CREATORS_ROLES)
    folders[OUTGOING].manage_setLocalRoles(DIR_GENERAL, CREATORS_ROLES)
    grant_outgoing_creators()
    for folder in folders.values():
        folder.reindexObjectSecurity()
    prepare_period_folders()
    ensure_counters()
    setup_dashboards()
    ensure_templates()
    apply_module_part(STEP_ID)


def uninstall(context):
    """Mails, tasks and contacts are user data: uninstall keeps them, and the
    global groups; the function groups of the services go."""
    remove_function_groups(MODULE.functions)


def service_objects():
    """Every internal service, whoever runs this (scripts run as the system user)."""
    own = get_own_organization()
    if own is None:
        return []
    catalog = api.portal.get_tool("portal_catalog")
    own_path = "/".join(own.getPhysicalPath())
    return [
        brain._unrestrictedGetObject()
        for brain in catalog.unrestrictedSearchResults(
            portal_type="organization", path={"query": own_path, "depth": -1}
        )
        if brain.getPath() != own_path
    ]


def ensure_global_groups():
    for groupid, title in GLOBAL_GROUPS:
        if api.group.get(groupname=groupid) is None:
            api.group.create(groupname=groupid, title=title)


def grant_outgoing_creators(service_uids=None):
    """The ``encodeur`` group of each service adds outgoing mail."""
    folder = api.portal.get().get(OUTGOING)
    if folder is None:
        return
    uids = (
        service_uids
        if service_uids is not None
        else [api.content.get_uuid(service) for service in service_objects()]
    )
    for uid in uids:
        folder.manage_setLocalRoles(group_id(uid, "encodeur"), CREATORS_ROLES)
    folder.reindexObjectSecurity()


def import_mail_part(context):
    """Read ``iasolutions-mail.json`` of an organisation profile:

    ``{"settings": {"due_date_extension": 15, ...},
       "counters": {"incoming_mail": {"format": "E%04d", "title": "..."}}}``

    Nothing happens while the mail module is not installed.
    """
    data = context.readDataFile("iasolutions-mail.json")
    if data is None or not is_installed(MODULE):
        return
    try:
        part = json.loads(data)
    except ValueError as error:
        raise ValueError(f"iasolutions-mail.json is not valid JSON: {error}")
    # What an administrator changed stays (core.organisation remembers what profiles set).
    for name, value in (part.get("settings") or {}).items():
        if name not in settings.NAMES:
            raise KeyError(f"Unknown mail setting: {name}")
        value = profile_value(f"mail/{name}", value, settings.get(name))
        if value != settings.get(name):
            settings.set(name, value)
    for name, definition in (part.get("counters") or {}).items():
        define_counter(name, definition)
    logger.info("Mail settings applied: %s", ", ".join(sorted(part.get("settings") or {})))
