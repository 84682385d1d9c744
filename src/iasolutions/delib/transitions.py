"""Triggering transitions with clear refusals, and what transitions do.

``do_transition(obj, "present")`` runs a transition as the current user, or
raises ``TransitionRefused`` with the guard's message (or "not allowed").
``after_item_transition`` / ``after_meeting_transition`` are the effects
(subscribers of IAfterTransitionEvent): placing items on the agenda, freezing
and deciding the items of a meeting, delaying, sending to another configuration.
"""

from contextlib import contextmanager
from iasolutions.core.guards import exits
from iasolutions.delib import _
from iasolutions.delib.guards import why_not
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from zope.globalrequest import getRequest


class TransitionRefused(ValueError):
    """A transition the rules or the user's rights do not allow; ``message`` says why."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def available_transitions(obj):
    wf_tool = api.portal.get_tool("portal_workflow")
    return [t["id"] for t in wf_tool.getTransitionsFor(obj)]


def do_transition(obj, transition_id, comment=""):
    """Trigger ``transition_id`` on ``obj`` as the current user."""
    reason = why_not(obj, transition_id)
    if reason is not None:
        raise TransitionRefused(reason)
    wf_tool = api.portal.get_tool("portal_workflow")
    if not has_exit(obj, transition_id):
        raise TransitionRefused(_("transition_not_allowed", mapping={"transition": transition_id}))
    try:
        # doActionFor checks the guard (the user's permission and delib_guard) itself.
        wf_tool.doActionFor(obj, transition_id, comment=comment)
    except WorkflowException:
        raise TransitionRefused(_("transition_not_allowed", mapping={"transition": transition_id}))


def has_exit(obj, transition_id):
    """True when ``transition_id`` leaves the object's current state (rights aside)."""
    return transition_id in exits(obj)


@contextmanager
def as_system():
    with api.env.adopt_roles(["Manager"]):
        yield


def force_transition(obj, transition_id, comment=""):
    """Trigger a transition the rules allow, whatever the user's rights (cascades)."""
    with as_system():
        do_transition(obj, transition_id, comment=comment)


def trigger_until(item, state):
    """Follow the item workflow's forward transitions until ``state`` (recurring items…)."""
    from iasolutions.delib.meetingconfigs import config_of
    from iasolutions.delib.meetingconfigs import enabled_levels

    cfg = config_of(item)
    path = [level[1] for level in enabled_levels(cfg)[1:]] + ["validate", "present"]
    states = [level[0] for level in enabled_levels(cfg)] + ["validated", "presented"]
    with as_system():
        for transition_id, target in zip(path, states[1:], strict=False):
            if api.content.get_state(item) == state:
                return
            if target in states[: states.index(api.content.get_state(item)) + 1]:
                continue
            do_transition(item, transition_id)


def _request_other():
    request = getRequest()
    return request.other if request is not None else {}


def after_item_transition(item, event):
    from iasolutions.delib import agenda
    from iasolutions.delib import cloning
    from iasolutions.delib.localroles import update_local_roles
    from iasolutions.delib.meetingconfigs import config_of

    if event.transition is None:
        update_local_roles(item)
        return
    tid = event.transition.getId()
    cfg = config_of(item)
    if tid == "present":
        meeting = agenda.meeting_to_present_in(item, cfg)
        agenda.insert(item, meeting, cfg)
        if api.content.get_state(meeting) in ("frozen", "published", "decided"):
            update_local_roles(item)
            force_transition(item, "itemfreeze")
            if api.content.get_state(meeting) in ("published", "decided") and has_exit(
                item, "itempublish"
            ):
                force_transition(item, "itempublish")
    elif tid == "backToValidated":
        agenda.remove(item)
        clear_reference(item)
    elif tid == "itemfreeze" and not item.itemReference:
        from iasolutions.core import counters

        item.itemReference = counters.next_reference(cfg.getId())
    elif tid == "delay":
        cloning.clone_delayed(item)
    if event.new_state.getId() in (cfg.itemAutoSentToOtherMCStates or ()):
        for target in item.otherMeetingConfigsClonableTo or ():
            if target in (cfg.meetingConfigsToCloneTo or ()) and not cloning.sent_to(item, target):
                cloning.send_to(item, target, automatic=True)
    update_local_roles(item)
    # DCWorkflow reindexed the state and the security; these follow the transition too.
    item.reindexObject(
        idxs=[
            "reviewProcessInfo",
            "indexAdvisers",
            "meeting_uid",
            "meeting_date",
            "getItemNumber",
            "listType",
            "SearchableText",
        ]
    )


def after_meeting_transition(meeting, event):
    from iasolutions.core import counters
    from iasolutions.delib import agenda
    from iasolutions.delib.localroles import update_local_roles
    from iasolutions.delib.meetingconfigs import config_of

    if event.transition is None:
        update_local_roles(meeting)
        return
    tid = event.transition.getId()
    cfg = config_of(meeting)
    items = agenda.items_of(meeting, unrestricted=True)
    if tid == "freeze" and not meeting.meeting_number:
        meeting.meeting_number = counters.next_number(f"{cfg.getId()}-meetings")
    if tid in ("freeze", "publish", "decide", "close"):
        for item in items:
            _move_forward(item, tid)
    if tid == "backToCreated":
        # As in the reference, the items of a meeting back in preparation lose their
        # reference; freezing again gives them one.
        for item in items:
            if api.content.get_state(item) == "itemfrozen":
                force_transition(item, "backToPresented")
            clear_reference(item)
    if tid == "close" and not meeting.first_item_number:
        meeting.first_item_number = first_item_number(meeting, cfg)
    if tid in ("close", "backToDecided"):
        for item in items:
            update_local_roles(item)
    update_local_roles(meeting)
    meeting.reindexObject()


def clear_reference(item):
    if item.itemReference:
        item.itemReference = None
        item.reindexObject(idxs=["SearchableText"])


def _move_forward(item, meeting_tid):
    """Freeze / publish / accept the items of a meeting as the meeting moves on."""
    state = api.content.get_state(item)
    steps = {
        "freeze": {"presented": ["itemfreeze"]},
        "publish": {"presented": ["itemfreeze", "itempublish"], "itemfrozen": ["itempublish"]},
        "decide": {"presented": ["itemfreeze", "itempublish"], "itemfrozen": ["itempublish"]},
        "close": {
            "presented": ["itemfreeze", "itempublish", "accept"],
            "itemfrozen": ["itempublish", "accept"],
            "itempublished": ["accept"],
            "pre_accepted": ["accept"],
        },
    }[meeting_tid]
    for transition_id in steps.get(state, ()):
        if has_exit(item, transition_id):
            force_transition(item, transition_id)


def first_item_number(meeting, cfg):
    """Items are numbered on from the last closed meeting of the same year."""
    from iasolutions.delib import agenda

    catalog = api.portal.get_tool("portal_catalog")
    year = meeting.date.year if meeting.date else None
    previous = None
    for brain in catalog.unrestrictedSearchResults(
        portal_type=cfg.getMeetingTypeName(),
        review_state="closed",
        sort_on="meeting_date",
        sort_order="descending",
    ):
        other = brain._unrestrictedGetObject()
        if other is meeting or other.date is None or meeting.date is None:
            continue
        if other.date.year == year and other.date < meeting.date and other.first_item_number:
            previous = other
            break
    if previous is None:
        return 1
    count = len(
        [i for i in agenda.items_of(previous, unrestricted=True) if i.itemNumber % 100 == 0]
    )
    return previous.first_item_number + count
