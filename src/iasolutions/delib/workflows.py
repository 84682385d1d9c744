"""The workflows of a configuration: private copies of the base workflows.

``<config id>__meetingitem_workflow`` and ``<config id>__meeting_workflow`` are
copies of ``iasolutions_meetingitem_workflow`` / ``iasolutions_meeting_workflow``
(profiles/default/workflows) shaped, in this fixed order, by:

1. the configuration's validation levels (unused levels removed, the others
   chained: ``propose``, ``prevalidate``, …, ``validate`` and back);
2. its workflow adaptations (``no_publication``, ``refused``, ``delayed``, …):
   the base holds every decision state, an adaptation left out removes its state.

Rebuilding a workflow keeps the id, so items keep their state; a change that
would drop a state some items are in is refused (``WorkflowChangeRefused``).
"""

from iasolutions.delib import _
from iasolutions.delib.meetingconfigs import VALIDATION_LEVELS
from iasolutions.delib.meetingconfigs import enabled_levels
from plone import api
from Products.DCWorkflow.DCWorkflow import DCWorkflowDefinition
from types import SimpleNamespace
from zExceptions import BadRequest


BASE_ITEM_WORKFLOW = "iasolutions_meetingitem_workflow"
BASE_MEETING_WORKFLOW = "iasolutions_meeting_workflow"

# Adaptations, applied in this order.
ADAPTATIONS = (
    "no_publication",
    "pre_accepted",
    "accepted_but_modified",
    "refused",
    "delayed",
    "return_to_proposing_group",
    "only_creator_may_delete",
)
# Decision states an adaptation adds (the base has them all).
ADAPTATION_STATES = {
    "pre_accepted": ("pre_accepted", ("pre_accept",)),
    "accepted_but_modified": ("accepted_but_modified", ("accept_but_modify",)),
    "refused": ("refused", ("refuse",)),
    "delayed": ("delayed", ("delay",)),
    "return_to_proposing_group": (
        "returned_to_proposing_group",
        (
            "return_to_proposing_group",
            "backTo_presented_from_returned_to_proposing_group",
            "backTo_itemfrozen_from_returned_to_proposing_group",
            "backTo_itempublished_from_returned_to_proposing_group",
        ),
    ),
}


# A configuration change that would leave items in a state that no longer exists is
# refused. The edit form checks it before saving (an invariant of the schema) and shows
# the message; any other change (REST, code) fails here with a BadRequest: a 400 with the
# message, and the transaction is aborted.
WorkflowChangeRefused = BadRequest


def item_workflow_spec(cfg):
    """(states, transitions) the item workflow of ``cfg`` keeps: handy for checks and tests."""
    wf = _build(
        BASE_ITEM_WORKFLOW, "__spec__", lambda wf: shape_item_workflow(wf, cfg), install=False
    )
    return set(wf.states.objectIds()), set(wf.transitions.objectIds())


def install_workflows(cfg):
    """(Re)build the two workflows of ``cfg`` and bind them to its types."""
    wf_tool = api.portal.get_tool("portal_workflow")
    _check_states_in_use(cfg)
    _build(BASE_ITEM_WORKFLOW, cfg.getItemWorkflow(), lambda wf: shape_item_workflow(wf, cfg))
    _build(
        BASE_MEETING_WORKFLOW, cfg.getMeetingWorkflow(), lambda wf: shape_meeting_workflow(wf, cfg)
    )
    wf_tool.setChainForPortalTypes([cfg.getItemTypeName()], (cfg.getItemWorkflow(),))
    wf_tool.setChainForPortalTypes([cfg.getMeetingTypeName()], (cfg.getMeetingWorkflow(),))


def remove_workflows(cfg_id):
    wf_tool = api.portal.get_tool("portal_workflow")
    for wf_id in (f"{cfg_id}__meetingitem_workflow", f"{cfg_id}__meeting_workflow"):
        if wf_id in wf_tool.objectIds():
            wf_tool._delObject(wf_id)


def _build(base_id, wf_id, shape, install=True):
    wf_tool = api.portal.get_tool("portal_workflow")
    base = wf_tool[base_id]
    copy = base._getCopy(wf_tool)
    copy._setId(wf_id)
    copy.title = base.title.replace(" (base)", "")
    shape(copy)
    if not install:
        return copy
    if wf_id in wf_tool.objectIds():
        wf_tool._delObject(wf_id)
    wf_tool._setObject(wf_id, copy)
    return wf_tool[wf_id]


def _check_states_in_use(cfg):
    """Refuse a change that removes a state existing items or meetings are in."""
    lost = removed_states_in_use(cfg, cfg.itemWFValidationLevels, cfg.workflowAdaptations)
    if lost:
        from zope.globalrequest import getRequest
        from zope.i18n import translate

        raise WorkflowChangeRefused(translate(refusal_message(lost), context=getRequest()))


def refusal_message(lost):
    return _(
        "The change removes the state(s) ${states} while some elements are in them; "
        "move them out first.",
        mapping={"states": ", ".join(lost)},
    )


def removed_states_in_use(cfg, levels, adaptations):
    """The states (sorted) items or meetings of ``cfg`` are in and that its workflows
    would lose with these validation levels and adaptations.

    The forms check this before saving (an invariant of the configuration's schema),
    so nothing is written when a change is refused.
    """
    wf_tool = api.portal.get_tool("portal_workflow")
    if cfg.getItemWorkflow() not in wf_tool.objectIds():
        return []
    # The shaping functions only read these two fields.
    wanted = SimpleNamespace(itemWFValidationLevels=levels, workflowAdaptations=adaptations)
    item_states, _transitions = item_workflow_spec(wanted)
    meeting_wf = _build(
        BASE_MEETING_WORKFLOW,
        "__spec__",
        lambda wf: shape_meeting_workflow(wf, wanted),
        install=False,
    )
    catalog = api.portal.get_tool("portal_catalog")
    lost = set()
    for portal_type, states in (
        (cfg.getItemTypeName(), item_states),
        (cfg.getMeetingTypeName(), set(meeting_wf.states.objectIds())),
    ):
        used = {
            brain.review_state
            for brain in catalog.unrestrictedSearchResults(portal_type=portal_type)
        }
        lost |= used - states
    return sorted(lost)


def _remove_state(wf, state_id):
    if state_id in wf.states.objectIds():
        wf.states._delObject(state_id)


def _remove_transition(wf, transition_id):
    if transition_id in wf.transitions.objectIds():
        wf.transitions._delObject(transition_id)
    for state in wf.states.objectValues():
        if transition_id in state.transitions:
            state.transitions = tuple(t for t in state.transitions if t != transition_id)


def _set_exits(wf, state_id, exits):
    state = wf.states[state_id]
    state.transitions = tuple(t for t in exits if t in wf.transitions.objectIds())


def _prune(wf):
    """Remove transitions leading to missing states."""
    states = set(wf.states.objectIds())
    for transition in list(wf.transitions.objectValues()):
        if transition.new_state_id not in states:
            _remove_transition(wf, transition.getId())


def shape_item_workflow(wf, cfg):
    adaptations = set(cfg.workflowAdaptations or ())
    levels = enabled_levels(cfg)
    _shape_validation_levels(wf, levels)
    _shape_publication(wf, "no_publication" in adaptations)
    for adaptation, (state, transitions) in ADAPTATION_STATES.items():
        if adaptation not in adaptations:
            _remove_state(wf, state)
            for tid in transitions:
                _remove_transition(wf, tid)
    if "only_creator_may_delete" in adaptations:
        first = wf.states[levels[0][0]]
        first.setPermission("Delete objects", False, ["Manager", "Owner"])
    _prune(wf)


def _shape_validation_levels(wf, levels):
    """Keep the enabled levels, chained forward to ``validate`` and back."""
    kept = {state for state, *_rest in levels}
    for state, leading, back, _suffix in VALIDATION_LEVELS:
        if state not in kept:
            _remove_state(wf, state)
            if leading:
                _remove_transition(wf, leading)
            _remove_transition(wf, back)
    for index, (state, _leading, _back, _suffix) in enumerate(levels):
        forward = levels[index + 1][1] if index + 1 < len(levels) else "validate"
        backward = [levels[index - 1][2]] if index else []
        _set_exits(wf, state, [forward] + backward)
    _set_exits(wf, "validated", ["present", levels[-1][2]])


ITEM_DECISIONS = (
    "accept",
    "accept_but_modify",
    "pre_accept",
    "refuse",
    "delay",
    "return_to_proposing_group",
)


def _shape_publication(wf, without_publication):
    """Frozen items are decided directly, or published first (the default)."""
    if without_publication:
        _remove_state(wf, "itempublished")
        for tid in (
            "itempublish",
            "backToItemPublished",
            "backTo_itempublished_from_returned_to_proposing_group",
        ):
            _remove_transition(wf, tid)
        _set_exits(wf, "itemfrozen", [*ITEM_DECISIONS, "backToPresented"])
        return
    _remove_transition(wf, "backTo_itemfrozen_from_returned_to_proposing_group")
    _set_exits(wf, "itemfrozen", ["itempublish", "return_to_proposing_group", "backToPresented"])
    for state in ("accepted", "accepted_but_modified", "refused", "delayed", "pre_accepted"):
        if state in wf.states.objectIds():
            wf.states[state].transitions = tuple(
                t for t in wf.states[state].transitions if t != "backToItemFrozen"
            )


def shape_meeting_workflow(wf, cfg):
    adaptations = set(cfg.workflowAdaptations or ())
    if "no_publication" in adaptations:
        _remove_state(wf, "published")
        _remove_transition(wf, "publish")
        _remove_transition(wf, "backToPublished")
    else:
        _set_exits(wf, "frozen", ["publish", "backToCreated"])
        _set_exits(wf, "decided", ["close", "backToPublished"])
    _prune(wf)


def is_dc_workflow(obj):
    return isinstance(obj, DCWorkflowDefinition)
