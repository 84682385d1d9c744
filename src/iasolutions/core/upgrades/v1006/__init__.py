"""1006: the lexicons and the full-text word tables with wide trees
(``iasolutions.core.catalog.widen_lexicons``)."""

from iasolutions.core.catalog import widen_lexicons
import logging
from plone import api


logger = logging.getLogger("iasolutions.core")


def upgrade(context):
    widened = widen_lexicons(api.portal.get_tool("portal_catalog"))
    logger.info("Wide trees: %s", ", ".join(widened) or "none")
