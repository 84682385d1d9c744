"""1004: the catalog's full-text indexes keep a word's documents in a tree of their
own from its second document (``iasolutions.core.catalog``)."""

from iasolutions.core.catalog import words_in_their_own_trees
import logging
from plone import api


logger = logging.getLogger("iasolutions.core")


def upgrade(context):
    moved = words_in_their_own_trees(api.portal.get_tool("portal_catalog"))
    logger.info("Full-text indexes: %d words moved to trees of their own", moved)
