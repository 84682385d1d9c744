"""Viewlets of every page: the skip link and the status messages."""

from plone.app.layout.viewlets.common import ViewletBase
from plone.app.layout.viewlets.globalstatusmessage import GlobalStatusMessage
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.i18n import translate


class SkipLink(ViewletBase):
    """ "Aller au contenu": the first link of the page, shown when it has the focus."""

    index = ViewPageTemplateFile("templates/skip-link.pt")


class StatusMessage(GlobalStatusMessage):
    """Plone's status messages, whose icon gave screen readers the untranslated msgid
    ``statusmessage_mtype_info`` (plone.app.layout passes the message id, not its
    translation, to the icon's title): the icon is decorative, the type is read once."""

    index = ViewPageTemplateFile("templates/statusmessage.pt")

    def display_info_for_mtype(self, mtype):
        info = dict(super().display_info_for_mtype(mtype))
        info["msg"] = translate(info["msg"], context=self.request)
        return info
