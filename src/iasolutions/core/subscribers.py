"""Event handlers of the core: service groups, titles of held positions."""

from iasolutions.core.services import is_service
from iasolutions.core.services import remove_service_groups
from iasolutions.core.services import sync_service_groups
from plone.uuid.interfaces import IUUID
from Products.CMFCore.interfaces import ISiteRoot
from zc.relation.interfaces import ICatalog
from zope.component import queryUtility
from zope.intid.interfaces import IIntIds


def service_added(obj, event):
    if is_service(obj):
        sync_service_groups(obj)


def organization_modified(obj, event):
    if is_service(obj):
        sync_service_groups(obj)
    position_target_modified(obj, event)
    for child in obj.objectValues():
        if child.portal_type == "position":
            position_target_modified(child, event)


def service_will_be_removed(obj, event):
    if ISiteRoot.providedBy(event.object):
        return  # the whole site goes, with its groups tool
    if is_service(obj):
        remove_service_groups(IUUID(obj))


def held_position_added(obj, event):
    """Store the title; the catalog indexes the new object afterwards."""
    obj.title = obj.get_title()


def held_position_changed(obj, event):
    """Keep the stored title of a held position in step with what it says."""
    title = obj.get_title()
    if obj.title != title:
        obj.title = title
        obj.reindexObject(idxs=["Title", "sortable_title", "SearchableText"])


def person_modified(obj, event):
    for child in obj.objectValues():
        if child.portal_type == "held_position":
            held_position_changed(child, event)


def position_target_modified(obj, event):
    """An organisation or position was renamed: retitle the held positions pointing to it."""
    intids, relations = queryUtility(IIntIds), queryUtility(ICatalog)
    target_id = intids.queryId(obj) if intids is not None else None
    if target_id is None or relations is None:
        return
    for relation in relations.findRelations({"to_id": target_id, "from_attribute": "position"}):
        if relation.from_object is not None:
            held_position_changed(relation.from_object, event)
