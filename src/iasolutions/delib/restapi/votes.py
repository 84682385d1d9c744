"""Votes and attendance of an item, over REST (meeting managers).

- ``GET <item>/@votes``: poll type, voters present, the vote and its totals;
- ``POST <item>/@votes`` ``{"votes": {"<held position UID>": "yes", …}}`` (public poll types)
  or ``{"counts": {"yes": 12, "no": 3}}`` (secret ones);
- ``POST <item>/@attendance`` ``{"held_position": "<UID>", "kind": "absent" | "excused" |
  "present"}``;
- ``POST <item>/@attendance`` ``{"kind": "signatory", "signature_number": 1, "held_position":
  "<UID>"}``: that attendee signs the item in place of the meeting's signatory 1;
  without ``held_position`` (or null), the meeting's signatory signs it again.

Refusals (a voter not present, totals above the voters, an attendee who already
voted marked absent…) answer 400 with the reason; nothing is written.
"""

from AccessControl import Unauthorized
from iasolutions.core.restapi.errors import bad_request
from iasolutions.core.restapi.input import JsonBodyService
from iasolutions.core.restapi.input import integer
from iasolutions.core.restapi.input import mapping
from iasolutions.core.restapi.input import text
from iasolutions.delib import _
from iasolutions.delib import signatories
from iasolutions.delib import votes
from iasolutions.delib.agenda import meeting_of
from plone import api
from plone.restapi.services import Service
from zope.i18n import translate


def _meeting_or_error(service):
    meeting = meeting_of(service.context)
    if meeting is None:
        return None, bad_request(
            service.request, translate(_("The item is not in a meeting."), context=service.request)
        )
    return meeting, None


def vote_info(meeting, item):
    record = votes.get_vote(meeting, item)
    return {
        "poll_type": votes.poll_type(item),
        "voters": votes.present_voters(meeting, item),
        "item_absents": votes.item_absents(meeting, item),
        "item_excused": votes.item_excused(meeting, item),
        "vote": {"voters": dict(record["voters"])}
        if record and "voters" in record
        else {"counts": dict(record["counts"])}
        if record
        else None,
        "totals": votes.vote_totals(meeting, item),
        "signatories": [
            {
                "signature_number": row["number"],
                "held_position": row["held_position"],
                "replaces": row["replaces"],
            }
            for row in signatories.item_signatories(meeting, item)
        ],
    }


class VotesGet(Service):
    def reply(self):
        meeting, error = _meeting_or_error(self)
        if error:
            return error
        return vote_info(meeting, self.context)


class _ManagerPost(JsonBodyService):
    """Votes and attendance of an item in its meeting, encoded by meeting managers."""

    def check(self):
        self.meeting, error = _meeting_or_error(self)
        if error:
            return error
        if not api.user.has_permission("Modify portal content", obj=self.meeting):
            raise Unauthorized("Only meeting managers encode votes and attendance")
        return None

    def refuse_vote(self, error):
        return self.refuse(error.message, reason=str(error.message))


class VotesPost(_ManagerPost):
    def handle(self, data):
        meeting = self.meeting
        try:
            votes.set_vote(
                meeting,
                self.context,
                votes=mapping(data, "votes", str),
                counts=mapping(data, "counts", int),
            )
        except votes.VoteError as refused:
            return self.refuse_vote(refused)
        return vote_info(meeting, self.context)


class AttendancePost(_ManagerPost):
    def handle(self, data):
        meeting = self.meeting
        try:
            self.apply(meeting, data)
        except votes.VoteError as refused:
            return self.refuse_vote(refused)
        return vote_info(meeting, self.context)

    def apply(self, meeting, data):
        held_position = text(data, "held_position") or None
        kind = text(data, "kind")
        if kind == "signatory":
            number = integer(data, "signature_number", minimum=1, maximum=99)
            if held_position:
                signatories.replace_signatory(meeting, self.context, number, held_position)
            else:
                signatories.restore_signatory(meeting, self.context, number)
        elif kind == "present":
            votes.clear_item_attendance(meeting, self.context, held_position)
        else:
            votes.set_item_attendance(meeting, self.context, held_position, kind)
