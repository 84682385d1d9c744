"""1003: items get a title for the public (``publicTitle``).

Every configuration uses the new field (it did not exist, so no administrator chose
against it); the default public deliberation template prints it, where that template is
still the unmodified default of 1000.
"""

from iasolutions.delib.documents import update_default_template
from iasolutions.delib.meetingconfigs import get_configs
import logging


logger = logging.getLogger("iasolutions.delib")


def upgrade(context):
    for cfg in get_configs():
        used = list(cfg.usedItemAttributes or ())
        if "publicTitle" not in used:
            cfg.usedItemAttributes = ["publicTitle"] + used
        if update_default_template(cfg, "deliberation-publique"):
            logger.info("%s: default public deliberation template replaced", cfg.getId())
        elif "deliberation-publique" in cfg:
            logger.info("%s: public deliberation template changed locally, kept", cfg.getId())
