"""1009: the mail folders' id tables are wide trees (iasolutions.core.catalog):
they split five to ten times less often when agents add mails at once."""

from plone import api


def upgrade(context):
    catalog = api.portal.get_tool("portal_catalog")
    for portal_type in ("incoming_mail_folder", "outgoing_mail_folder"):
        for brain in catalog.unrestrictedSearchResults(portal_type=portal_type):
            brain._unrestrictedGetObject().widen()
