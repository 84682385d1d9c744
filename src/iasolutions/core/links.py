"""Handing an object over from one module to another, and the links it leaves.

A module offers to create its objects from another module's with a named
``IHandoverTarget`` utility (delib: ``delib.college-item``, a College item from
an incoming mail); a module lets its objects be handed over with an
``IHandoverSource`` adapter (mail: incoming mails). Neither imports the other::

    >>> [name for name, target in offered(mail)]
    ['delib.college-item']
    >>> item = hand_over(mail, "delib.college-item", config_id="meeting-config-college",
    ...                  proposing_group=finances_uid)
    >>> handed_from(item) == [mail] and handed_to(mail) == [item]
    True

The created object links its source with a relation (``RELATION``) in the
zc.relation catalog, made with plone.api: each side finds the other there.
``IHandedOver`` fires once the link is made; the module owning the created object
fires ``IOutcomeChanged`` when its outcome changes (``iasolutions.core.events``)
and tells it with an ``IOutcome`` adapter.
"""

from iasolutions.core import _
from iasolutions.core.events import HandedOver
from iasolutions.core.interfaces import IHandoverSource
from iasolutions.core.interfaces import IHandoverTarget
from iasolutions.core.interfaces import IOutcome
from iasolutions.core.modules import get_module
from iasolutions.core.modules import is_installed
from iasolutions.core.workflows import state_title
from plone import api
from zope import schema
from zope.component import getUtilitiesFor
from zope.component import getUtility
from zope.component import queryAdapter
from zope.component import queryUtility
from zope.event import notify
from zope.intid.interfaces import IIntIds
from zope.keyreference.interfaces import NotYet
from zope.schema.interfaces import ValidationError


# from the created object to its source
RELATION = "iasolutions_handed_from"


class HandoverRefused(Exception):
    """Why a handover cannot be made (a message for the user), nothing written."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def get_target(name):
    """The handover target of this name when its module is installed on the site, or None."""
    target = queryUtility(IHandoverTarget, name=name)
    if target is None:
        return None
    module = get_module(target.module)
    return target if module is not None and is_installed(module) else None


def offered(obj):
    """(name, target) of the handovers the current user may make from ``obj``, by name."""
    source = queryAdapter(obj, IHandoverSource)
    if source is None or not source.may_hand_over():
        return []
    return [
        (name, target)
        for name, target in sorted(getUtilitiesFor(IHandoverTarget))
        if get_target(name) is not None and target.available(source)
    ]


def hand_over(obj, name, **choices):
    """Create the object of the handover ``name`` from ``obj``, linked to it.

    Raises HandoverRefused when the handover is not offered on this site or to
    this user, or when ``choices`` are refused; the caller dooms the transaction.
    """
    target = get_target(name)
    source = queryAdapter(obj, IHandoverSource)
    if target is None or source is None:
        raise HandoverRefused(_("handover_not_offered", default="This cannot be handed over here."))
    if not source.may_hand_over() or not target.available(source):
        raise HandoverRefused(_("You may not do that."), status=403)
    created = target.create(source, **_validated(target, obj, choices))
    link(created, obj)
    notify(HandedOver(created, obj, name))
    return created


def _validated(target, obj, choices):
    """The choices, checked against the target's schema (bound to ``obj``)."""
    fields = schema.getFieldsInOrder(target.schema)
    unknown = set(choices) - {name for name, _field in fields}
    if unknown:
        raise HandoverRefused(
            _("Unknown choice ${name}.", mapping={"name": ", ".join(sorted(unknown))})
        )
    for name, field in fields:
        value = choices.get(name)
        if value in (None, ""):
            if field.required:
                raise HandoverRefused(_("${field} is required.", mapping={"field": name}))
            continue
        try:
            field.bind(obj).validate(value)
        except (ValidationError, TypeError):
            raise HandoverRefused(
                _("Invalid value for ${field}.", mapping={"field": name})
            ) from None
    return choices


def link(created, source):
    """Record that ``created`` was made from ``source``."""
    api.relation.create(source=created, target=source, relationship=RELATION)


def _related(side, obj, unrestricted=False):
    try:
        intid = getUtility(IIntIds).queryId(obj)
    except NotYet:  # not stored yet (an add form's temporary object)
        return []
    if intid is None:
        return []
    found = api.relation.get(relationship=RELATION, unrestricted=unrestricted, **{side: obj})
    others = [r.from_object if side == "target" else r.to_object for r in found]
    return [other for other in others if other is not None]  # None: removed since


def handed_to(obj, unrestricted=False):
    """The objects made from ``obj`` that the current user may see (all: ``unrestricted``)."""
    return _related("target", obj, unrestricted)


def handed_from(obj):
    """The objects ``obj`` was made from that the current user may see."""
    return _related("source", obj)


def summary(obj):
    """What each side shows of the other: title, address, state and outcome."""
    state = api.content.get_state(obj, default="")
    outcome = queryAdapter(obj, IOutcome)
    decided = bool(outcome and outcome.decided)
    return {
        "@id": obj.absolute_url(),
        "UID": api.content.get_uuid(obj),
        "@type": obj.portal_type,
        "title": obj.Title(),
        "review_state": state,
        "state_title": state_title(obj.portal_type, state),
        "decided": decided,
        "decision": (outcome.decision or "") if decided else "",
    }


def links_of(obj):
    """Both sides' summaries: ``handed_to`` and ``handed_from``."""
    return {
        "handed_to": [summary(o) for o in handed_to(obj)],
        "handed_from": [summary(o) for o in handed_from(obj)],
    }
