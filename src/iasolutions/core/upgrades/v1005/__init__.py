"""1005: the intid utility and the relation catalog with wide trees
(``iasolutions.core.catalog``)."""

from iasolutions.core.catalog import widen_intid_and_relation_trees
import logging


logger = logging.getLogger("iasolutions.core")


def upgrade(context):
    logger.info("Wide trees: %s", ", ".join(widen_intid_and_relation_trees()) or "none")
