from iasolutions.mail import _
from iasolutions.mail.content.base import IMailFile
from plone.dexterity.content import Item
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IScanFields(model.Schema):
    """Scan metadata of a file (collective.dms.scanbehavior's fields)."""

    model.fieldset(
        "scan",
        label=_("Scan"),
        fields=["scan_id", "version", "pages_number", "scan_date", "scan_user", "scanner"],
    )
    scan_id = schema.TextLine(title=_("Scan id"), required=False)
    version = schema.Int(title=_("Version"), required=False, default=0, min=0)
    pages_number = schema.Int(title=_("Number of pages"), required=False, min=0)
    scan_date = schema.Datetime(title=_("Scan date"), required=False)
    scan_user = schema.TextLine(title=_("Scanned by"), required=False)
    scanner = schema.TextLine(title=_("Scanner"), required=False)


class IMainFile(IScanFields):
    """The scanned mail (dmsmainfile) or an appendix (dmsappendixfile)."""

    title = schema.TextLine(title=_("Title"), required=False)
    file = NamedBlobFile(title=_("File"), required=True)
    model.primary("file")


class IOMMainFile(IMainFile):
    """The letter of an outgoing mail (dmsommainfile)."""

    signed = schema.Bool(title=_("Signed"), required=False, default=False)


@implementer(IMainFile, IMailFile)
class MainFile(Item):
    """A file of a mail; its title defaults to the file name."""

    def Title(self):
        if self.title:
            return self.title
        file = getattr(self, "file", None)
        return getattr(file, "filename", None) or self.getId()


@implementer(IOMMainFile, IMailFile)
class OMMainFile(MainFile):
    """The letter of an outgoing mail."""
