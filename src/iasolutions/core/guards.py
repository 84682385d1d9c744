"""Transition rules with the reason of a refusal: the guards of every module's workflows.

A *rule* is a small function ``rule(obj, transition_id)`` that returns None (no
objection) or the reason the transition may not be done now: a translatable message,
or ``HIDDEN`` when the step is not used here at all (a setting or an adaptation leaves
it out). The workflow refuses a hidden transition like any other; the screens leave it
out, and the REST API gives plone.restapi's refusal (or the module's word for it).

A workflow's rules are a table, ``Rules({transition id: (rule, …)}, every=(rule, …))``:
the ``every`` rules come first for each transition, then the transition's own, and the
first objection is the reason::

    >>> why_not(item, "present")
    'category_required'       # a Message of the module's domain
    >>> refusals(mail)        # the transitions of the current state that a rule refuses
    {'close': 'Missing: ${fields}.'}
    >>> refused_transitions(mail, request)   # as the screens show them
    [{'id': 'close', 'title': 'Close', 'reason': 'Missing: mail type.'}]

A module registers each table for the interface of its content, as an adapter (the
table adapts the content to itself), in its ZCML::

    <adapter
        factory=".guards.ITEM_RULES"
        provides="iasolutions.core.guards.ITransitionRules"
        for=".interfaces.IMeetingItem"
        />

and the guard expression of each transition of its workflow asks the table, through a
method of the content class (``python:here.delib_guard('present')``, which returns
``why_not(self, 'present') is None``). Tables are found by content interface rather than
by workflow id because a module may build several workflows from one definition (delib
copies its workflows per meeting configuration).

The REST ``@workflow`` service (``iasolutions.core.restapi.workflow``) asks the same
rules and answers a refusal with its reason.
"""

from plone import api
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.interface import Interface
from zope.interface import implementer


class _Hidden(str):
    """A refusal nobody needs to read: the step is not used here (settings)."""


HIDDEN = _Hidden("hidden")


class ITransitionRules(Interface):
    """The transition rules of a content's workflow (a ``Rules`` table)."""

    def why_not(obj, transition_id):
        """The first reason a rule gives against ``transition_id`` on ``obj``, or None."""


@implementer(ITransitionRules)
class Rules:
    """A workflow's rules: ``transitions`` maps a transition id to its rules, ``every``
    holds the rules asked first for every transition."""

    def __init__(self, transitions, every=()):
        self.transitions = {tid: tuple(rules) for tid, rules in transitions.items()}
        self.every = tuple(every)

    def __call__(self, context):
        """The adapter factory: a table adapts the content it is registered for to itself."""
        return self

    def rules_for(self, transition_id):
        return self.every + self.transitions.get(transition_id, ())

    def why_not(self, obj, transition_id):
        for rule in self.rules_for(transition_id):
            reason = rule(obj, transition_id)
            if reason is not None:
                return reason
        return None


def rules_of(obj):
    """The ``Rules`` registered for ``obj``, or None when its workflow has none."""
    return ITransitionRules(obj, None)


def why_not(obj, transition_id):
    """Why ``transition_id`` may not be done on ``obj`` now (a message or ``HIDDEN``), or
    None when the rules allow it (the workflow still checks the user's permission)."""
    rules = rules_of(obj)
    return rules.why_not(obj, transition_id) if rules is not None else None


def exits(obj):
    """The ids of the transitions leaving the current state of ``obj`` in each of its
    workflows, whoever the user and whatever the rules."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    found = []
    for workflow in workflow_tool.getWorkflowsFor(obj):
        status = workflow_tool.getStatusOf(workflow.getId(), obj) or {}
        state_id = status.get(workflow.state_var) or workflow.initial_state
        state = workflow.states.get(state_id)
        found.extend(state.transitions if state is not None else ())
    return found


def refusals(obj):
    """{transition id: reason} for the transitions of the current state that a rule
    refuses (hidden ones left out)."""
    result = {}
    for transition_id in exits(obj):
        reason = why_not(obj, transition_id)
        if reason is not None and reason is not HIDDEN:
            result[transition_id] = reason
    return result


def refused_transitions(obj, request=None):
    """``refusals`` as the screens show them: [{"id", "title", "reason"}], in the order
    of the state's transitions, the titles (``plone`` domain) and reasons translated."""
    request = request if request is not None else getRequest()
    workflow_tool = api.portal.get_tool("portal_workflow")
    titles = {}
    for workflow in workflow_tool.getWorkflowsFor(obj):
        for transition in workflow.transitions.objectValues():
            titles[transition.getId()] = transition.title or transition.getId()
    return [
        {
            "id": transition_id,
            "title": translate(
                titles.get(transition_id, transition_id), domain="plone", context=request
            ),
            "reason": translate(reason, context=request),
        }
        for transition_id, reason in refusals(obj).items()
    ]
