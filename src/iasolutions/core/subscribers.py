"""Keep the groups of internal services in step with the services."""

from iasolutions.core.services import is_service
from iasolutions.core.services import remove_service_groups
from iasolutions.core.services import sync_service_groups
from plone.uuid.interfaces import IUUID
from Products.CMFCore.interfaces import ISiteRoot


def service_added(obj, event):
    if is_service(obj):
        sync_service_groups(obj)


def service_modified(obj, event):
    if is_service(obj):
        sync_service_groups(obj)


def service_will_be_removed(obj, event):
    if ISiteRoot.providedBy(event.object):
        return  # the whole site goes, with its groups tool
    if is_service(obj):
        remove_service_groups(IUUID(obj))
