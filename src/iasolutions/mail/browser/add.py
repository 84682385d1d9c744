"""Add forms of mails: the new mail goes to the period folder of the week; an
incoming mail takes its scan at creation (a ``dmsmainfile`` inside it, as the
reference stores it)."""

from Acquisition import aq_inner
from iasolutions.mail import _
from iasolutions.mail import files
from iasolutions.mail import mails
from iasolutions.mail.content.folders import IIncomingMailFolder
from iasolutions.mail.content.folders import IOutgoingMailFolder
from iasolutions.mail.folders import period_folder
from iasolutions.mail.folders import root_folder
from plone.dexterity.browser.add import DefaultAddForm
from plone.dexterity.browser.add import DefaultAddView
from plone.namedfile.field import NamedBlobFile
from z3c.form import field
from zope.interface import Interface
from zope.interface import Invalid


def is_pdf(value):
    if value is not None and not files.looks_like_pdf(value.data or b""):
        raise Invalid(_("The scan must be a PDF file."))
    return True


class IScanAtCreation(Interface):
    """A field of the add form only: the scan becomes the mail's main file."""

    scan = NamedBlobFile(
        title=_("Scan (PDF)"),
        description=_("The scanned letter; it becomes the main file of the mail."),
        required=False,
        constraint=is_pdf,
    )


class MailAddForm(DefaultAddForm):
    """Added from ``incoming-mail`` (or any of its period folders), a mail is
    stored in the period folder of the week."""

    _period_folder = None
    _scan = None

    @property
    def container(self):
        context = aq_inner(self.context)
        if not (IIncomingMailFolder.providedBy(context) or IOutgoingMailFolder.providedBy(context)):
            return context
        if self._period_folder is None:
            self._period_folder = period_folder(root_folder(self.portal_type))
        return self._period_folder

    def updateFields(self):
        super().updateFields()
        if self.portal_type == "dmsincomingmail":  # an email's main file is the email
            self.fields += field.Fields(IScanAtCreation)

    def create(self, data):
        self._scan = data.pop("scan", None)
        return super().create(data)

    def add(self, obj):
        super().add(obj)
        if self._scan is not None:
            mail = self.container[obj.getId()]
            mails.add_file(mail, self._scan.data, self._scan.filename or "scan.pdf")


class MailAddView(DefaultAddView):
    form = MailAddForm
