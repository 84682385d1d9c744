"""Attendance per item and votes, stored on the meeting keyed by item UID (as the reference).

- Public poll types (``freehand``, ``mechanical``…): one value per voter (held position UID).
- Secret poll types (``secret``, ``secret_separated``): counts per value.
- ``no_vote``: nothing is encoded.

Voters are the meeting's attendees minus those absent or excused for the meeting
or for the item. A public vote only takes voters present for the item; secret
counts may not exceed them. An attendee who already voted on an item cannot be
marked absent or excused for it, nor one who signs it in place of a signatory of the
meeting (``signatories``).
"""

from iasolutions.delib import _
from iasolutions.delib.meetingconfigs import config_of
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from plone import api


VOTE_VALUES = ("yes", "no", "abstain", "does_not_vote", "not_found", "invalid", "blank")
PUBLIC_VOTE_VALUES = ("yes", "no", "abstain", "does_not_vote", "not_found")
SECRET_VOTE_VALUES = ("yes", "no", "abstain", "invalid", "blank")
SECRET_POLL_TYPES = ("secret", "secret_separated")


class VoteError(ValueError):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _mapping(meeting, name, create=False):
    """The meeting's mapping ``name``; created only when about to write (a page that
    only reads must not write, or plone.protect asks the user to confirm)."""
    value = getattr(meeting, name, None)
    if value is None:
        if not create:
            return {}
        value = PersistentMapping()
        setattr(meeting, name, value)
    return value


def item_absents(meeting, item):
    return list(_mapping(meeting, "item_absents").get(api.content.get_uuid(item), ()))


def item_excused(meeting, item):
    return list(_mapping(meeting, "item_excused").get(api.content.get_uuid(item), ()))


def present_voters(meeting, item):
    """Held positions attending the meeting and present for the item, in order."""
    away = (
        set(meeting.absents or ())
        | set(meeting.excused or ())
        | set(item_absents(meeting, item))
        | set(item_excused(meeting, item))
    )
    return [uid for uid in meeting.attendees or () if uid not in away]


def poll_type(item):
    cfg = config_of(item)
    return item.pollType or (cfg.defaultPollType if cfg is not None else "freehand")


def get_vote(meeting, item):
    return _mapping(meeting, "item_votes").get(api.content.get_uuid(item))


def set_vote(meeting, item, votes=None, counts=None):
    """Encode the vote of an item: ``votes`` {voter: value} (public) or ``counts``
    {value: number} (secret). Validates everything before writing."""
    kind = poll_type(item)
    present = present_voters(meeting, item)
    if kind == "no_vote":
        raise VoteError(_("vote_not_expected"))
    if kind in SECRET_POLL_TYPES:
        counts = dict(counts or {})
        bad = [value for value in counts if value not in SECRET_VOTE_VALUES]
        if bad or any(not isinstance(n, int) or n < 0 for n in counts.values()):
            raise VoteError(_("vote_values_unknown", mapping={"values": ", ".join(map(str, bad))}))
        if sum(counts.values()) > len(present):
            raise VoteError(
                _(
                    "vote_count_exceeds_voters",
                    mapping={"count": sum(counts.values()), "voters": len(present)},
                )
            )
        record = PersistentMapping({"poll_type": kind, "counts": PersistentMapping(counts)})
    else:
        votes = dict(votes or {})
        bad = [value for value in votes.values() if value not in PUBLIC_VOTE_VALUES]
        if bad:
            raise VoteError(_("vote_values_unknown", mapping={"values": ", ".join(bad)}))
        strangers = [voter for voter in votes if voter not in present]
        if strangers:
            raise VoteError(_("voter_not_present", mapping={"count": len(strangers)}))
        record = PersistentMapping({"poll_type": kind, "voters": PersistentMapping(votes)})
    _mapping(meeting, "item_votes", create=True)[api.content.get_uuid(item)] = record
    return record


def vote_totals(meeting, item):
    record = get_vote(meeting, item)
    if record is None:
        return {}
    if "counts" in record:
        return dict(record["counts"])
    totals = {}
    for value in record["voters"].values():
        totals[value] = totals.get(value, 0) + 1
    return totals


def set_item_attendance(meeting, item, held_position, kind):
    """Mark an attendee absent or excused for one item (kind: 'absent' or 'excused')."""
    if kind not in ("absent", "excused"):
        raise VoteError(_("attendance_kind_unknown"))
    if held_position not in (meeting.attendees or ()):
        raise VoteError(_("not_an_attendee"))
    record = get_vote(meeting, item)
    if record is not None and held_position in record.get("voters", {}):
        raise VoteError(_("attendee_has_voted"))
    uid = api.content.get_uuid(item)
    if held_position in _mapping(meeting, "item_signatories").get(uid, {}).values():
        raise VoteError(_("attendee_signs_item"))
    name = "item_absents" if kind == "absent" else "item_excused"
    mapping = _mapping(meeting, name, create=True)
    values = mapping.get(uid)
    if values is None:
        values = mapping[uid] = PersistentList()
    if held_position not in values:
        values.append(held_position)


def clear_item_attendance(meeting, item, held_position):
    uid = api.content.get_uuid(item)
    for name in ("item_absents", "item_excused"):
        values = _mapping(meeting, name).get(uid)
        if values is not None and held_position in values:
            values.remove(held_position)
