"""Public pages of published deliberations, and the meeting managers' publish action."""

from iasolutions.delib import _
from iasolutions.delib.publication import PublicationRefused
from iasolutions.delib.publication import public_meeting_of
from iasolutions.delib.publication import publish
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zope.i18n import translate


class PublicFolderView(BrowserView):
    def meetings(self):
        return api.content.find(
            context=self.context,
            portal_type="PublicMeeting",
            depth=1,
            sort_on="created",
            sort_order="descending",
        )


class PublicMeetingView(BrowserView):
    def items(self):
        return sorted(
            self.context.objectValues(),
            key=lambda obj: [int(p) for p in (obj.number or "0").split(".")],
        )

    def stage(self):
        return api.content.get_state(self.context)


class PublicItemView(BrowserView):
    def annexes(self):
        return self.context.objectValues()


class PublishAction(BrowserView):
    """POST on a meeting: publish it at ``stage`` (in_project, decision, private)."""

    def __call__(self):
        CheckAuthenticator(self.request)
        try:
            public = publish(self.context, self.request.form.get("stage", ""))
            api.portal.show_message(
                translate(_("Publication updated."), context=self.request), request=self.request
            )
            if public is not None:
                return self.request.response.redirect(public.absolute_url())
        except PublicationRefused as refused:
            api.portal.show_message(
                translate(refused.message, context=self.request), request=self.request, type="error"
            )
        return self.request.response.redirect(self.context.absolute_url())


def public_copy(meeting):
    return public_meeting_of(meeting)
