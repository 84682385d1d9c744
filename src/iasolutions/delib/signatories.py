"""Signatories of an item: the meeting's, in signing order, with the replacements made for
that item.

A meeting lists its signatories in signing order (``signatories``: the first signs
first, as signatory 1). For one item a meeting manager may have another attendee sign
in place of one of them: the DG is absent for item 5, the DG f.f. signs it as signatory
1. Replacements are stored on the meeting, keyed by item UID (``item_signatories``, as
the reference), as {signature number: held position UID}. The replacement must attend
the meeting and be present for the item, and signs only once.

    >>> replace_signatory(meeting, item, 1, dg_ff_uid)
    >>> [s["held_position"] for s in item_signatories(meeting, item)]
    ['<dg_ff_uid>', '<bourgmestre_uid>']
    >>> restore_signatory(meeting, item, 1)  # back to the meeting's signatory
"""

from iasolutions.delib import _
from iasolutions.delib.votes import VoteError
from iasolutions.delib.votes import _mapping
from iasolutions.delib.votes import present_voters
from persistent.mapping import PersistentMapping
from plone import api


class SignatoryError(VoteError):
    """A replacement refused (a VoteError, so that the attendance screens report it)."""


def _number(meeting, number):
    """``number`` as an int within the meeting's signatories (1 is the first)."""
    if isinstance(number, str) and number.strip().isdigit():
        number = int(number)
    if (
        isinstance(number, bool)
        or not isinstance(number, int)
        or not 1 <= number <= len(meeting.signatories or ())
    ):
        raise SignatoryError(_("signatory_number_unknown"))
    return number


def replacements(meeting, item):
    """{signature number: held position UID} replaced for ``item``."""
    return dict(_mapping(meeting, "item_signatories").get(api.content.get_uuid(item), {}))


def item_signatories(meeting, item):
    """The item's signatories in signing order: ``number``, ``held_position`` (who signs)
    and ``replaces`` (the meeting's signatory replaced, None when not replaced)."""
    replaced = replacements(meeting, item)
    rows = []
    for number, uid in enumerate(meeting.signatories or (), start=1):
        substitute = replaced.get(number)
        rows.append(
            {
                "number": number,
                "held_position": substitute or uid,
                "replaces": uid if substitute else None,
            }
        )
    return rows


def replace_signatory(meeting, item, number, held_position):
    """Have ``held_position`` sign ``item`` as signatory ``number``. Checks before writing."""
    number = _number(meeting, number)
    if held_position not in present_voters(meeting, item):
        raise SignatoryError(_("signatory_not_present"))
    others = [
        row["held_position"] for row in item_signatories(meeting, item) if row["number"] != number
    ]
    if held_position in others:
        raise SignatoryError(_("signatory_signs_already"))
    if held_position == meeting.signatories[number - 1]:
        # Naming the meeting's own signatory is an undo, not a replacement.
        return restore_signatory(meeting, item, number)
    mapping = _mapping(meeting, "item_signatories", create=True)
    uid = api.content.get_uuid(item)
    if uid not in mapping:
        mapping[uid] = PersistentMapping()
    mapping[uid][number] = held_position


def restore_signatory(meeting, item, number):
    """Signatory ``number`` of ``item`` is the meeting's again."""
    number = _number(meeting, number)
    values = _mapping(meeting, "item_signatories").get(api.content.get_uuid(item))
    if values is not None and number in values:
        del values[number]


def signs_as_replacement(meeting, item, held_position):
    return held_position in replacements(meeting, item).values()


def titles(uids):
    """{held position UID: title}; unrestricted: who signs is no secret for those who read
    the item, even when they may not open the contacts."""
    if not uids:
        return {}
    catalog = api.portal.get_tool("portal_catalog")
    return {b.UID: b.Title for b in catalog.unrestrictedSearchResults(UID=list(uids))}
