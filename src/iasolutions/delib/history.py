"""The history of an item: workflow, changes of historized fields, advices.

Changes are found by comparing the historized fields with what they were at
the previous save (a snapshot kept on the item), so that forms, REST PATCH and
code all leave a trace.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from datetime import datetime
from persistent.list import PersistentList
from plone import api
from plone.app.textfield.value import RichTextValue


HISTORIZED_FIELDS = (
    "title",
    "description",
    "proposingGroup",
    "category",
    "motivation",
    "decision",
    "listType",
    "privacy",
    "pollType",
    "copyGroups",
    "optionalAdvisers",
)


def _plain(value):
    if isinstance(value, RichTextValue):
        return value.raw
    if isinstance(value, (list, tuple, set)):
        return list(value)
    return value


def snapshot(item):
    return {name: _plain(getattr(item, name, None)) for name in HISTORIZED_FIELDS}


def _actor():
    user = api.user.get_current()
    return user.getId() if user is not None else None


def record_changes(item, event=None):
    before = getattr(item, "_historized_snapshot", None)
    now = snapshot(item)
    if before is not None:
        changes = [
            {"field": name, "old": before.get(name), "new": now[name]}
            for name in HISTORIZED_FIELDS
            if before.get(name) != now[name]
        ]
        if changes:
            history = getattr(item, "data_history", None)
            if history is None:
                history = item.data_history = PersistentList()
            history.append({"time": datetime.now(), "actor": _actor(), "changes": changes})
    item._historized_snapshot = now


def record_advice(advice, action):
    item = aq_parent(aq_inner(advice))
    history = getattr(item, "advice_history", None)
    if history is None:
        history = item.advice_history = PersistentList()
    history.append(
        {
            "time": datetime.now(),
            "actor": _actor(),
            "action": action,
            "service": advice.advice_group,
            "advice_type": advice.advice_type,
            "state": api.content.get_state(advice, default=None),
        }
    )


def record_advice_event(item, service_uid, action):
    """An advice event with no advice object on the item (an inherited advice)."""
    history = getattr(item, "advice_history", None)
    if history is None:
        history = item.advice_history = PersistentList()
    history.append(
        {
            "time": datetime.now(),
            "actor": _actor(),
            "action": action,
            "service": service_uid,
            "advice_type": None,
            "state": None,
        }
    )


def full_history(item):
    """Every event of the item, oldest first: {'time', 'actor', 'kind', ...}."""
    events = []
    wf_tool = api.portal.get_tool("portal_workflow")
    for wf in wf_tool.getWorkflowsFor(item):
        for entry in (item.workflow_history or {}).get(wf.getId(), ()):
            time = entry.get("time")
            events.append(
                {
                    "time": time.asdatetime().replace(tzinfo=None) if time else None,
                    "actor": entry.get("actor"),
                    "kind": "workflow",
                    "action": entry.get("action"),
                    "state": entry.get("review_state"),
                    "comments": entry.get("comments", ""),
                }
            )
    for entry in getattr(item, "data_history", None) or ():
        events.append(dict(entry, kind="changes"))
    for entry in getattr(item, "advice_history", None) or ():
        events.append(dict(entry, kind="advice"))
    return sorted(events, key=lambda e: e["time"] or datetime.min)
