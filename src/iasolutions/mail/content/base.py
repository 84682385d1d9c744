"""What incoming and outgoing mails have in common: the title with the
reference, and the workflow guard the workflows call."""

from AccessControl import ClassSecurityInfo
from AccessControl.class_init import InitializeClass
from plone.dexterity.content import Container
from zope.interface import Interface


class IMail(Interface):
    """Marker of incoming and outgoing mails (dmsincomingmail, dmsincoming_email,
    dmsoutgoingmail)."""


class IMailFile(Interface):
    """Marker of the files of a mail (main files and appendixes)."""


class MailBase(Container):
    """Base class of mails: 'E0012 - Title' as Title, workflow guards."""

    security = ClassSecurityInfo()

    def Title(self):
        """'E0012 - Demande de permis': the reference, then the title."""
        title = self.title or ""
        reference = getattr(self, "internal_reference_no", None)
        return f"{reference} - {title}" if reference else title

    @security.public
    def wf_guard(self, transition):
        """Called by the guard expressions of the mail workflows."""
        from iasolutions.mail import guards

        return guards.refusal(self, transition) is None


InitializeClass(MailBase)
