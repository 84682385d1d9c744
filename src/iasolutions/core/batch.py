"""What the batch actions of the dashboards share, whatever the module.

A dashboard's buttons post the ticked rows as ``uids`` to a view of the module
(see ``iasolutions.core.dashboards``); the module decides what its actions do::

    >>> selected_uids(request.form)
    ['4f1c…', '9ab2…']
    >>> common_transitions([first, second])  # the current user's, on each of them
    ['validate']
    >>> common_transition_titles([first, second], request)
    [{'id': 'validate', 'title': 'Valider'}]
"""

from plone import api
from zope.i18n import translate


def selected_uids(form):
    """The UIDs a dashboard's form or a query string gave: repeated ``uids`` or one
    comma-separated string (UIDs never hold commas)."""
    uids = form.get("uids") or []
    if isinstance(uids, str):
        uids = uids.split(",")
    return [uid for uid in uids if uid]


def available_transitions(obj):
    """The ids of the transitions the current user may trigger on ``obj``."""
    workflow = api.portal.get_tool("portal_workflow")
    return [info["id"] for info in workflow.getTransitionsFor(obj)]


def common_transitions(objs):
    """The transitions the user may do on every one of ``objs``, in the order of the first."""
    if not objs:
        return []
    common = available_transitions(objs[0])
    for obj in objs[1:]:
        available = set(available_transitions(obj))
        common = [tid for tid in common if tid in available]
    return common


def common_transition_titles(objs, request):
    """``common_transitions`` as [{'id', 'title'}], titles translated for ``request``."""
    if not objs:
        return []
    workflow = api.portal.get_tool("portal_workflow")
    titles = {
        info["id"]: info["title"] or info["id"] for info in workflow.getTransitionsFor(objs[0])
    }
    return [
        {"id": tid, "title": translate(titles.get(tid, tid), domain="plone", context=request)}
        for tid in common_transitions(objs)
    ]
