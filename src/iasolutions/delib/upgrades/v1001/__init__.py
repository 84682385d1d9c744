"""1001: batch actions (change the state, copy groups) on the item dashboards."""

from iasolutions.delib.dashboards import add_batch_actions
from iasolutions.delib.meetingconfigs import get_configs


def upgrade(context):
    for cfg in get_configs():
        add_batch_actions(cfg)
