"""Add forms of mails: the new mail goes to the period folder of the week."""

from Acquisition import aq_inner
from iasolutions.mail.content.folders import IIncomingMailFolder
from iasolutions.mail.content.folders import IOutgoingMailFolder
from iasolutions.mail.folders import root_folder
from iasolutions.mail.folders import period_folder
from plone.dexterity.browser.add import DefaultAddForm
from plone.dexterity.browser.add import DefaultAddView


class MailAddForm(DefaultAddForm):
    """Added from ``incoming-mail`` (or any of its period folders), a mail is
    stored in the period folder of the week."""

    _period_folder = None

    @property
    def container(self):
        context = aq_inner(self.context)
        if not (IIncomingMailFolder.providedBy(context) or IOutgoingMailFolder.providedBy(context)):
            return context
        if self._period_folder is None:
            self._period_folder = period_folder(root_folder(self.portal_type))
        return self._period_folder


class MailAddView(DefaultAddView):
    form = MailAddForm
