"""Advices: who is asked, delays in working days, what an adviser may still do.

An item asks an advice of a service either optionally (``optionalAdvisers``)
or automatically (the configuration's ``customAdvisers`` with categories). A
delay (working days, the trunk's calendar) starts when the item first reaches
a state of ``itemAdviceStates``; once it is exceeded the advice can no longer
be added or edited. The state of each asked advice is kept in
``item.advice_index`` (a mapping per service UID).

``customAdvisers`` rows (``content.meetingconfig.ICustomAdviser``):
``{"org": "finances", "delay": 10, "categories": ["*"]}``, where org is the
service's id, acronym or UID, delay a number of working days (absent: no delay)
and categories the category ids for which the advice is asked automatically
(``*``: every item; empty: optional only); ``for_item_created_from`` and
``for_item_created_until`` (dates, optional) limit a row to the items created
in that period, as in the reference (a delay that changes on a date: two rows).
"""

from datetime import date
from iasolutions.core.services import service_uid
from iasolutions.core.services import services_of_user
from iasolutions.core.workingdays import add_working_days
from iasolutions.delib.interfaces import IAdvice
from iasolutions.delib.interfaces import IMeetingItem
from iasolutions.delib.meetingconfigs import config_of
from persistent.mapping import PersistentMapping
from plone import api


# The reference's advice types; a configuration offers those of ``usedAdviceTypes``.
ADVICE_TYPES = (
    "positive",
    "positive_with_remarks",
    "cautious",
    "negative",
    "nil",
    "read",
    "back_to_proposing_group",
)
# What configurations offered before ``usedAdviceTypes`` existed (its default).
DEFAULT_ADVICE_TYPES = ("positive", "positive_with_remarks", "cautious", "negative", "nil")


# The service lookup lives in core; this name stays for the callers of this module.
resolve_service = service_uid


def custom_advisers(cfg, item=None):
    """The configuration's advisers with a delay or automatic, services resolved to UIDs:
    ``{"org", "uid", "delay", "categories"}`` (a service that is gone is left out), those
    whose period holds the day ``item`` was created (today without an item)."""
    created = _creation_day(item)
    rows = []
    for row in cfg.customAdvisers or ():
        uid = resolve_service(row["org"])
        if uid and _in_period(row, created):
            rows.append(
                {
                    "org": row["org"],
                    "uid": uid,
                    "delay": row.get("delay") or None,
                    "categories": list(row.get("categories") or ()),
                }
            )
    return rows


def _creation_day(item):
    created = getattr(item, "creation_date", None) if item is not None else None
    return created.asdatetime().date() if created is not None else date.today()


def _in_period(row, day):
    start, end = row.get("for_item_created_from"), row.get("for_item_created_until")
    return (start is None or start <= day) and (end is None or day <= end)


def automatic_advisers(item, cfg):
    return [
        row["uid"]
        for row in custom_advisers(cfg, item)
        if "*" in row["categories"] or (item.category and item.category in row["categories"])
    ]


def asked_advisers(item, cfg=None):
    """UIDs of the services whose advice the item asks, optional ones first."""
    cfg = cfg or config_of(item)
    asked = []
    for uid in list(item.optionalAdvisers or ()) + automatic_advisers(item, cfg):
        if uid not in asked:
            asked.append(uid)
    return asked


def delay_of(cfg, uid, item=None):
    for row in custom_advisers(cfg, item):
        if row["uid"] == uid and row["delay"]:
            return row["delay"]
    return None


def advice_index(item):
    index = getattr(item, "advice_index", None)
    if index is None:
        index = item.advice_index = PersistentMapping()
    return index


def update_advice_index(item, cfg=None, today=None):
    """Record who is asked and start the delays of the advices the item now waits for."""
    cfg = cfg or config_of(item)
    index = advice_index(item)
    state = api.content.get_state(item)
    asked = asked_advisers(item, cfg)
    automatic = automatic_advisers(item, cfg)
    for uid in list(index):
        if (
            uid not in asked
            and not index[uid].get("given_on")
            and not index[uid].get("inherited_from")
        ):
            del index[uid]
    for uid in asked:
        info = index.get(uid)
        if info is None:
            info = index[uid] = PersistentMapping()
        info["optional"] = uid not in automatic
        if info.get("inherited_from"):
            continue  # given on the predecessor: its delay was the predecessor's, not restarted
        info["delay"] = delay_of(cfg, uid, item)
        if state in (cfg.itemAdviceStates or ()) and not info.get("delay_started_on"):
            info["delay_started_on"] = today or date.today()
    return index


def limit_date(item, uid):
    info = advice_index(item).get(uid) or {}
    if not info.get("delay") or not info.get("delay_started_on"):
        return None
    return add_working_days(info["delay_started_on"], info["delay"])


def is_timed_out(item, uid, today=None):
    limit = limit_date(item, uid)
    return limit is not None and (today or date.today()) > limit


def advice_of(item, uid):
    for child in item.objectValues():
        if IAdvice.providedBy(child) and child.advice_group == uid:
            return child
    return None


def inherited_from(item, uid):
    """UID of the item holding the advice of service ``uid`` this item inherits, or None."""
    info = advice_index(item).get(uid)
    return info.get("inherited_from") if info is not None else None


def _find_unrestricted(uid):
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(UID=uid) if uid else ()
    return brains[0]._unrestrictedGetObject() if brains else None


def inherited_advice(item, uid):
    """The given advice this item inherits for service ``uid``, read as the system (the
    readers of this item may not read the original one); None if the original item or
    advice is gone or no longer given: the inheritance then counts for nothing."""
    origin = _find_unrestricted(inherited_from(item, uid))
    advice = advice_of(origin, uid) if origin is not None else None
    return advice if is_given(advice) else None


def is_given(advice):
    return advice is not None and api.content.get_state(advice, default=None) == "advice_given"


def advice_is_given(item, uid):
    """Whether the advice of service ``uid`` is given on the item, or inherited."""
    if inherited_from(item, uid):
        return inherited_advice(item, uid) is not None
    return is_given(advice_of(item, uid))


def may_give_advice(item, uid, cfg=None):
    """Whether the service may add (or still edit) its advice now (never when inherited:
    an inherited advice is edited on the item it was given on)."""
    cfg = cfg or config_of(item)
    if cfg is None or uid not in asked_advisers(item, cfg) or inherited_from(item, uid):
        return False
    if api.content.get_state(item) not in (cfg.itemAdviceStates or ()):
        return False
    return not is_timed_out(item, uid)


def addable_advice_groups(item, user=None):
    """Services the user may add an advice for on this item."""
    cfg = config_of(item)
    mine = services_of_user(user, "advisers")
    return [uid for uid in mine if may_give_advice(item, uid, cfg) and advice_of(item, uid) is None]


def mandatory_advices_missing(item, cfg):
    """Titles of the automatic advices neither given nor timed out."""
    from iasolutions.core.services import get_service

    missing = []
    for uid in automatic_advisers(item, cfg):
        if advice_is_given(item, uid):
            continue
        if is_timed_out(item, uid):
            continue
        service = get_service(uid)
        missing.append(service.title if service is not None else uid)
    return missing


def given_by_and_on(advice):
    """(user id, datetime) of the last time the advice was given, or (None, None)."""
    for history in (getattr(advice, "workflow_history", None) or {}).values():
        for entry in reversed(history):
            if entry.get("action") == "giveAdvice":
                time = entry.get("time")
                return entry.get("actor"), time.asdatetime() if time is not None else None
    return None, None


def _advice_row(advice, hidden):
    """What is shown of an advice object: nothing of what a hidden one says."""
    if advice is None or hidden:
        return {"type": None, "comment": None, "given_by": None, "given_on": None}
    actor, when = given_by_and_on(advice) if is_given(advice) else (None, None)
    comment = advice.advice_comment
    return {
        "type": advice.advice_type,
        "comment": comment.output if comment is not None else None,
        "given_by": actor,
        "given_on": when.isoformat() if when else None,
    }


def _inheritance_row(item, uid):
    """The row's part saying whether the advice is inherited, and from which item."""
    origin_uid = inherited_from(item, uid)
    origin = _find_unrestricted(origin_uid) if origin_uid else None
    return {
        "inherited": bool(origin_uid),
        "inherited_from": {"UID": origin_uid, "@id": origin.absolute_url(), "title": origin.title}
        if origin is not None
        else None,
    }


def advice_summary(item):
    """What the item view and the REST API show of the advices (hidden ones stay hidden;
    inherited ones are read on the item they were given on)."""
    summary = []
    from iasolutions.core.services import service_title

    for uid, info in advice_index(item).items():
        inherited = bool(inherited_from(item, uid))
        advice = inherited_advice(item, uid) if inherited else advice_of(item, uid)
        state = api.content.get_state(advice) if advice is not None else None
        hidden = (
            advice is not None
            and advice.advice_hide_during_redaction
            and state == "advice_under_edit"
        )
        limit = limit_date(item, uid)
        row = {
            "service": uid,
            "title": service_title(uid) or uid,
            "optional": info.get("optional", True),
            "state": state or "not_given",
            "hidden": bool(hidden),
            "delay": info.get("delay"),
            "limit_date": limit.isoformat() if limit else None,
            "timed_out": not inherited and is_timed_out(item, uid),
        }
        row.update(_advice_row(advice, hidden))
        row.update(_inheritance_row(item, uid))
        summary.append(row)
    return summary


class AdviserRoles:
    """Dynamic local roles (borg.localrole): the advisers of a service asked on an item get
    MeetingAdviser while they may still add their advice (and have none yet), the advisers
    of an advice get Editor on it while they may still edit it. Computed when asked, so that
    a delay running out takes effect at once."""

    def __init__(self, context):
        self.context = context

    def _wanted(self):
        obj = self.context
        if IAdvice.providedBy(obj):
            from Acquisition import aq_inner
            from Acquisition import aq_parent

            item = aq_parent(aq_inner(obj))
            if (
                obj.advice_group
                and api.content.get_state(obj) == "advice_under_edit"
                and may_give_advice(item, obj.advice_group)
            ):
                return {f"{obj.advice_group}_advisers": ("Editor", "Reviewer")}
            return {}
        cfg = config_of(obj)
        if cfg is None or api.content.get_state(obj) not in (cfg.itemAdviceStates or ()):
            return {}
        # MeetingAdviser adds the advice: only while the service has none yet.
        return {
            f"{uid}_advisers": ("MeetingAdviser",)
            for uid in asked_advisers(obj, cfg)
            if may_give_advice(obj, uid, cfg) and advice_of(obj, uid) is None
        }

    def getRoles(self, principal_id):
        if not principal_id.endswith("_advisers"):
            return ()
        try:
            return self._wanted().get(principal_id, ())
        except Exception:  # never break security checks on half-built objects
            return ()

    def getAllRoles(self):
        try:
            wanted = self._wanted()
        except Exception:
            return
        yield from wanted.items()


def reindex_timed_out_advices(today=None):
    """Reindex the items whose advice delay ran out since they were indexed, so that
    "items to advise" drops them. Run daily (``@@delib-update-advice-delays``)."""
    catalog = api.portal.get_tool("portal_catalog")
    count = 0
    for brain in catalog.unrestrictedSearchResults(object_provides=IMeetingItem.__identifier__):
        item = brain._unrestrictedGetObject()
        for uid, info in advice_index(item).items():
            if (
                info.get("delay")
                and not advice_is_given(item, uid)
                and is_timed_out(item, uid, today)
            ):
                item.reindexObject(idxs=["indexAdvisers"])
                count += 1
                break
    return count


class UpdateAdviceDelays:
    """``@@delib-update-advice-delays`` (Managers; for a daily cron job)."""

    def __init__(self, context, request):
        self.context = context
        self.request = request

    def __call__(self):
        return f"{reindex_timed_out_advices()} items reindexed"
