"""Batch actions on the items ticked in a dashboard.

An item batch is done item by item, each one as the current user with their own
rights: the items refused are reported with the reason and left untouched, the
others are changed::

    >>> result = transition(items, "validate")
    >>> [item.title for item in result.done], [(i.title, why) for i, why in result.refused]
    (['Achat de sel'], [('Budget 2027', 'transition_not_allowed')])

Only a bad request (nothing selected, an item the user cannot see, nothing to
add or remove) refuses the whole batch, with ``BatchError``.
"""

from dataclasses import dataclass
from dataclasses import field
from iasolutions.core.batch import common_transitions  # noqa: F401 (the views offer them)
from iasolutions.delib import _
from iasolutions.delib.interfaces import IMeetingItem
from iasolutions.delib.meetingconfigs import config_of
from iasolutions.delib.transitions import TransitionRefused
from iasolutions.delib.transitions import do_transition
from plone import api
import transaction
from zope.lifecycleevent import modified


class BatchError(ValueError):
    """The batch cannot be done at all; ``args[0]`` says why (a translatable message)."""


@dataclass
class BatchResult:
    done: list = field(default_factory=list)
    refused: list = field(default_factory=list)  # (item, translatable reason)


def items_from_uids(uids):
    """The items with these UIDs, in this order; each must be visible to the current user."""
    if not uids:
        raise BatchError(_("Select at least one item."))
    found = {brain.UID: brain.getObject() for brain in api.content.find(UID=list(uids))}
    missing = [uid for uid in uids if not IMeetingItem.providedBy(found.get(uid))]
    if missing:
        raise BatchError(
            _("Unknown or hidden items: ${uids}.", mapping={"uids": ", ".join(missing)})
        )
    return [found[uid] for uid in uids]


def transition(items, transition_id, comment=""):
    """Trigger ``transition_id`` on each item the user and the rules allow it on."""
    if not transition_id:
        raise BatchError(_("Choose a transition."))
    result = BatchResult()
    for item in items:
        # A transition may fail half-way (a cascade, an agenda insertion): keep nothing of it.
        savepoint = transaction.savepoint()
        try:
            do_transition(item, transition_id, comment=comment)
        except TransitionRefused as refused:
            savepoint.rollback()
            result.refused.append((item, refused.message))
        else:
            result.done.append(item)
    return result


def update_copy_groups(items, add=(), remove=()):
    """Add copy groups to the items and take others out (among those of their configuration)."""
    add, remove = list(add or ()), list(remove or ())
    if not add and not remove:
        raise BatchError(_("Choose a copy group to add or remove."))
    result = BatchResult()
    for item in items:
        reason = _copy_groups_refusal(item, add)
        if reason is not None:
            result.refused.append((item, reason))
            continue
        current = list(item.copyGroups or ())
        wanted = [group for group in current if group not in remove] + [
            group for group in add if group not in current and group not in remove
        ]
        if wanted != current:
            item.copyGroups = wanted
            modified(item)  # history, local roles and catalog follow (subscribers)
        result.done.append(item)
    return result


def _copy_groups_refusal(item, added):
    cfg = config_of(item)
    if cfg is None or not cfg.uses("copyGroups"):
        return _("The configuration of this item does not use copy groups.")
    if not api.user.has_permission("Modify portal content", obj=item):
        return _("You may not change this item.")
    # Taking out a group the configuration no longer offers is allowed (a clean-up).
    unknown = [group for group in added if group not in (cfg.selectableCopyGroups or ())]
    if unknown:
        return _(
            "Not a copy group of this configuration: ${groups}.",
            mapping={"groups": ", ".join(unknown)},
        )
    return None
