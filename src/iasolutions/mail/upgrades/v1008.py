"""1008: the incoming and outgoing mail folders are unordered (concurrent writers
conflicted on the list of ids an ordered folder keeps); their order lists go."""

from plone import api
from zope.annotation.interfaces import IAnnotations


ORDER_KEYS = ("plone.folder.ordered.order", "plone.folder.ordered.pos")


def upgrade(context):
    catalog = api.portal.get_tool("portal_catalog")
    for portal_type in ("incoming_mail_folder", "outgoing_mail_folder"):
        for brain in catalog.unrestrictedSearchResults(portal_type=portal_type):
            folder = brain._unrestrictedGetObject()
            folder.setOrdering("unordered")
            annotations = IAnnotations(folder)
            for key in ORDER_KEYS:
                annotations.pop(key, None)
