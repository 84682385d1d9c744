"""1004: the add menu's items and meetings open their own add form; meeting dates
are stored one way.

- The per-configuration types (``MeetingItemCollege`` …) kept the base type's add
  address (``++add++MeetingItem``), refused in the configurations' folders.
- Meetings created over REST stored an aware date, the others a naive local one;
  closing compared them (500). Every date becomes the site's local time, naive.
- Two state titles took Plone's own translation ("Item created": "Élément créé"):
  they are renamed in the base and per-configuration workflows; public copies of
  decisions get their state in the site's language ("Accepted" was stored).
- *Actions > Nouveau point depuis un modèle* in a configuration's folder (the view
  existed, no link led to it).
"""

from iasolutions.delib.content.meeting import DATE_FIELDS
from iasolutions.delib.content.meeting import local_naive
from iasolutions.delib.generation import add_view_expr
from iasolutions.delib.meetingconfigs import get_configs
import logging
from plone import api


logger = logging.getLogger("iasolutions.delib")


def fix_add_views():
    types_tool = api.portal.get_tool("portal_types")
    for cfg in get_configs():
        for type_id in (cfg.getItemTypeName(), cfg.getMeetingTypeName()):
            fti = types_tool.get(type_id)
            if fti is not None and fti.add_view_expr != add_view_expr(type_id):
                fti._updateProperty("add_view_expr", add_view_expr(type_id))
                logger.info("%s: add view fixed", type_id)


def normalise_dates():
    catalog = api.portal.get_tool("portal_catalog")
    types = [cfg.getMeetingTypeName() for cfg in get_configs()]
    changed = 0
    for brain in catalog.unrestrictedSearchResults(portal_type=types):
        meeting = brain._unrestrictedGetObject()
        aware = [
            name
            for name in DATE_FIELDS
            if getattr(meeting.__dict__.get(name), "tzinfo", None) is not None
        ]
        for name in aware:
            setattr(meeting, name, meeting.__dict__[name])  # the property makes it local
        if aware:
            meeting.reindexObject()
            changed += 1
    for brain in catalog.unrestrictedSearchResults(portal_type="PublicMeeting"):
        public = brain._unrestrictedGetObject()
        if getattr(public.date, "tzinfo", None) is not None:
            public.date = local_naive(public.date)
            public.reindexObject()
    logger.info("%s meetings had a date with a time zone, now local", changed)


RENAMED_TITLES = {
    ("itemcreated", "Item created"): "Item in creation",
    ("published", "Published"): "Meeting published",
}


def rename_state_titles():
    wf_tool = api.portal.get_tool("portal_workflow")
    for workflow in wf_tool.objectValues():
        wf_id = workflow.getId()
        if not (wf_id.startswith("iasolutions_meeting") or "__meeting" in wf_id):
            continue
        for (state_id, old), new in RENAMED_TITLES.items():
            state = workflow.states.get(state_id)
            if state is not None and state.title == old:
                state.title = new


def translate_public_states():
    from iasolutions.delib.publication import _public_state_title

    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="PublicItem"):
        public = brain._unrestrictedGetObject()
        if public.decision_state:
            public.decision_state = _public_state_title(public.decision_state)


def upgrade(context):
    context.runImportStepFromProfile("profile-iasolutions.delib:default", "actions")
    fix_add_views()
    normalise_dates()
    rename_state_titles()
    translate_public_states()
