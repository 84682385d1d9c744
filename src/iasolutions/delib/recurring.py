"""Recurring items: inserted in every new meeting of their configuration."""

import copy
from iasolutions.delib.meetingconfigs import config_of
from iasolutions.delib.meetingconfigs import folder_of
from iasolutions.delib.meetingconfigs import free_id
import logging
from plone import api
from zope.globalrequest import getRequest


logger = logging.getLogger("iasolutions.delib")


TEMPLATE_FIELDS = ("title", "description", "proposingGroup", "category", "motivation", "decision")


def recurring_items(cfg):
    return [obj for obj in cfg.objectValues() if obj.portal_type == "MeetingItemRecurring"]


def item_templates(cfg):
    return [obj for obj in cfg.objectValues() if obj.portal_type == "MeetingItemTemplate"]


def values_from_template(template):
    values = {name: copy.deepcopy(getattr(template, name, None)) for name in TEMPLATE_FIELDS}
    return {k: v for k, v in values.items() if v is not None}


def insert_recurring_items(meeting):
    """Create and present the configuration's recurring items in a new meeting."""
    from iasolutions.delib.transitions import TransitionRefused
    from iasolutions.delib.transitions import trigger_until

    cfg = config_of(meeting)
    if cfg is None:
        return []
    created = []
    request = getRequest()
    for template in recurring_items(cfg):
        values = values_from_template(template)
        if not values.get("proposingGroup"):
            continue
        with api.env.adopt_roles(["Manager"]):
            folder = folder_of(cfg)
            item = api.content.create(
                container=folder,
                type=cfg.getItemTypeName(),
                id=free_id(folder, template.getId()),
                **values,
            )
        if request is not None:
            request.other["delib_present_in"] = meeting
        try:
            trigger_until(item, "presented")
        except TransitionRefused as refused:
            # e.g. a recurring item without the category the configuration requires: it
            # waits, validated, for a meeting manager; the meeting is created anyway.
            logger.warning("Recurring item %s not presented: %s", item.getId(), refused.message)
        finally:
            if request is not None:
                request.other.pop("delib_present_in", None)
        created.append(item)
    return created
