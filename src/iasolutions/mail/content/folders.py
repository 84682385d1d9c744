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
class IncomingMailFolder(Container):
    """Incoming mails, stored in period folders (one a week).

    Unordered: an ordered folder keeps one list of its ids that every new mail
    appends to, and concurrent writers conflict on it (the dashboards sort)."""

    _ordering = "unordered"


@implementer(IOutgoingMailFolder)
class OutgoingMailFolder(Container):
    """Outgoing mails, stored in period folders (one a week); unordered, as above."""

    _ordering = "unordered"
