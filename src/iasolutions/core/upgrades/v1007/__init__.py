"""1007: the services get their stamp, so that their list is kept across requests
(``iasolutions.core.services.get_services``); deleted users leave the groups they
were still in (``iasolutions.core.services.principal_deleted``)."""

from iasolutions.core.services import remove_deleted_members
from iasolutions.core.services import stamp_services
import logging


logger = logging.getLogger("iasolutions.core")


def upgrade(context):
    stamp_services()
    logger.info("Deleted users taken out of their groups: %s", remove_deleted_members())
