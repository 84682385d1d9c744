"""1002: the default deliberation template gets a signature block.

Templates are the administrators' own: only those still exactly the default of 1000
are replaced; the others are left as they are (docs/delib.rst says how to add the block).
"""

from iasolutions.delib.documents import update_default_template
from iasolutions.delib.meetingconfigs import get_configs
import logging


logger = logging.getLogger("iasolutions.delib")


def upgrade(context):
    for cfg in get_configs():
        if update_default_template(cfg, "deliberation"):
            logger.info("%s: default deliberation template replaced", cfg.getId())
        elif "deliberation" in cfg:
            logger.info("%s: deliberation template changed locally, kept", cfg.getId())
