"""1006: the portal catalog with wide trees, and wide sets for the values many
documents share (``iasolutions.core.catalog.widen_catalog``)."""

from iasolutions.core.catalog import widen_catalog
import logging
from plone import api


logger = logging.getLogger("iasolutions.core")


def upgrade(context):
    widened = widen_catalog(api.portal.get_tool("portal_catalog"))
    logger.info("Catalog: %s trees and sets widened", widened)
