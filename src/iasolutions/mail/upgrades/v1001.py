"""1001: the dashboards' sender (recipient) and labels facets.

Outgoing mails leave the ``sender_index``: their ``sender`` is the signatory,
not a correspondent, and the incoming mail's sender facet lists what that
index holds. The dashboards are set up again to get the new facets.
"""

from iasolutions.mail.dashboards import setup_dashboards
import logging
from plone import api


logger = logging.getLogger("iasolutions.mail")


def reindex_outgoing_senders():
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type="dmsoutgoingmail")
    for brain in brains:
        catalog.catalog_object(
            brain._unrestrictedGetObject(),
            brain.getPath(),
            idxs=["sender_index"],
            update_metadata=False,
        )
    logger.info("sender_index reindexed on %d outgoing mails", len(brains))


def upgrade(context):
    reindex_outgoing_senders()
    setup_dashboards()
