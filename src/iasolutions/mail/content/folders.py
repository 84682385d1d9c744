from iasolutions.core.content.large_folder import LargeFolder
from iasolutions.mail import _
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IMailFolder(model.Schema):
    """A folder of the mail module: ``incoming-mail``, ``outgoing-mail`` (and
    their period folders), ``tasks``, ``templates``."""

    title = schema.TextLine(title=_("Title"))


class IIncomingMailFolder(IMailFolder):
    """``incoming-mail`` and its period folders."""


class IOutgoingMailFolder(IMailFolder):
    """``outgoing-mail`` and its period folders."""


@implementer(IMailFolder)
class MailFolder(Container):
    """A site folder of the mail module."""


@implementer(IIncomingMailFolder)
class IncomingMailFolder(LargeFolder):
    """Incoming mails, stored in period folders (one a week)."""


@implementer(IOutgoingMailFolder)
class OutgoingMailFolder(LargeFolder):
    """Outgoing mails, stored in period folders (one a week)."""
