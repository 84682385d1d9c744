"""The screen where meeting managers encode who attends an item and how it was voted."""

from AccessControl import Unauthorized
from iasolutions.delib import _
from iasolutions.delib import signatories
from iasolutions.delib import votes
from iasolutions.delib.agenda import meeting_of
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
import transaction
from zope.i18n import translate


class ItemVotes(BrowserView):
    def meeting(self):
        return meeting_of(self.context)

    def titles(self, uids):
        catalog = api.portal.get_tool("portal_catalog")
        found = (
            {b.UID: b.Title for b in catalog.unrestrictedSearchResults(UID=list(uids))}
            if uids
            else {}
        )
        return [(uid, found.get(uid, uid)) for uid in uids]

    def attendees(self):
        meeting = self.meeting()
        absents = set(votes.item_absents(meeting, self.context))
        excused = set(votes.item_excused(meeting, self.context))
        rows = []
        for uid, title in self.titles(list(meeting.attendees or ())):
            status = "absent" if uid in absents else "excused" if uid in excused else "present"
            rows.append({"uid": uid, "title": title, "status": status})
        return rows

    def signatories(self):
        """A row per signatory of the meeting: who signs the item in their place, if anyone."""
        meeting = self.meeting()
        titles = dict(self.titles(list(meeting.signatories or ())))
        return [
            {
                "number": row["number"],
                "title": titles.get(row["replaces"] or row["held_position"]),
                "replacement": row["held_position"] if row["replaces"] else "",
            }
            for row in signatories.item_signatories(meeting, self.context)
        ]

    def poll_type(self):
        return votes.poll_type(self.context)

    def is_secret(self):
        return self.poll_type() in votes.SECRET_POLL_TYPES

    def voters(self):
        meeting = self.meeting()
        record = votes.get_vote(meeting, self.context) or {}
        given = record.get("voters", {})
        return [
            {"uid": uid, "title": title, "value": given.get(uid, "")}
            for uid, title in self.titles(votes.present_voters(meeting, self.context))
        ]

    def counts(self):
        record = votes.get_vote(self.meeting(), self.context) or {}
        counts = record.get("counts", {})
        return [
            {"value": value, "count": counts.get(value, 0)} for value in votes.SECRET_VOTE_VALUES
        ]

    def public_values(self):
        return votes.PUBLIC_VOTE_VALUES

    def totals(self):
        return votes.vote_totals(self.meeting(), self.context)

    def authenticator(self):
        return self.context.restrictedTraverse("@@authenticator").authenticator()

    def __call__(self):
        meeting = self.meeting()
        if meeting is None or not api.user.has_permission("Modify portal content", obj=meeting):
            raise Unauthorized("Only meeting managers encode attendance and votes")
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            try:
                self.save(meeting)
                api.portal.show_message(
                    translate(_("Attendance and votes saved."), context=self.request),
                    request=self.request,
                )
                return self.request.response.redirect(self.context.absolute_url())
            except votes.VoteError as refused:
                transaction.doom()  # nothing of the form is kept
                api.portal.show_message(
                    translate(refused.message, context=self.request),
                    request=self.request,
                    type="error",
                )
        return self.index()

    def save(self, meeting):
        form = self.request.form
        # Replacements are undone first and made again once attendance is saved: the form
        # may at once mark someone present and have them sign, or undo and mark absent.
        numbers = [row["number"] for row in signatories.item_signatories(meeting, self.context)]
        for number in numbers:
            signatories.restore_signatory(meeting, self.context, number)
        self.save_attendance(meeting)
        for number in numbers:
            replacement = form.get(f"signatory-{number}")
            if replacement:
                signatories.replace_signatory(meeting, self.context, number, replacement)
        self.save_votes(meeting)

    def save_attendance(self, meeting):
        form = self.request.form
        for uid in meeting.attendees or ():
            status = form.get(f"attendance-{uid}", "present")
            votes.clear_item_attendance(meeting, self.context, uid)
            if status in ("absent", "excused"):
                votes.set_item_attendance(meeting, self.context, uid, status)

    def save_votes(self, meeting):
        form = self.request.form
        if self.poll_type() == "no_vote":
            return
        if self.is_secret():
            counts = {}
            for value in votes.SECRET_VOTE_VALUES:
                raw = (form.get(f"count-{value}") or "0").strip()
                if not raw.isdigit():
                    raise votes.VoteError(_("vote_values_unknown", mapping={"values": raw}))
                counts[value] = int(raw)
            votes.set_vote(meeting, self.context, counts=counts)
        else:
            # Every vote sent, so that a vote for someone just marked absent is refused.
            given = {
                uid: form.get(f"vote-{uid}")
                for uid in meeting.attendees or ()
                if form.get(f"vote-{uid}")
            }
            votes.set_vote(meeting, self.context, votes=given)
