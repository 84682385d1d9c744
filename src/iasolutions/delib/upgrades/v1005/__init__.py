"""1005: default documents a municipality signs.

The agenda, the minutes, the deliberation and its public version get the default
templates of this version (municipality and assembly heading, session, attendance,
"Le Collège communal, … DÉCIDE :" with the articles, the vote, "Ainsi fait en séance
du …" and the signatories with their titles), where each is still an unmodified default
of an earlier version; a template an administrator changed stays as it is.
"""

from iasolutions.delib.documents import TEMPLATES
from iasolutions.delib.documents import is_current_default
from iasolutions.delib.documents import update_default_template
from iasolutions.delib.meetingconfigs import get_configs
import logging


logger = logging.getLogger("iasolutions.delib")


def upgrade(context):
    for cfg in get_configs():
        for id, _title, _builder, _for_meetings in TEMPLATES:
            if update_default_template(cfg, id):
                logger.info("%s: default template %s replaced", cfg.getId(), id)
            elif id in cfg and not is_current_default(cfg, id):
                logger.info("%s: template %s changed locally, kept", cfg.getId(), id)
