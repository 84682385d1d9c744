"""Sending an outgoing mail by email from the site.

The email is made of the mail's email fields (recipients, copies, subject,
body) with its letters (main files) attached, sent through the site's mail
host; ``email_status`` then records when and to whom, which lets the mail be
marked sent (the guard of ``mark_as_sent`` for the email send mode).
"""

from datetime import datetime
from email.message import EmailMessage
from email.utils import getaddresses
from iasolutions.core.validators import EMAIL
from iasolutions.mail import _
from plone import api


class EmailError(ValueError):
    """The email cannot be sent; the message says why."""


def _addresses(value):
    return [address for _name, address in getaddresses([value or ""]) if address]


def build(mail):
    """The email of an outgoing mail, checked (raises EmailError)."""
    if "email" not in (mail.send_modes or ()):
        raise EmailError(_("This mail is not sent by email."))
    recipients = _addresses(mail.email_recipient)
    if not recipients:
        raise EmailError(_("Give the email recipients first."))
    bad = [
        a
        for a in recipients + _addresses(mail.email_cc) + _addresses(mail.email_bcc)
        if not EMAIL.match(a)
    ]
    if bad:
        raise EmailError(
            _("Not an email address: ${addresses}.", mapping={"addresses": ", ".join(bad)})
        )
    sender = (
        mail.email_sender
        or api.portal.get_registry_record("plone.email_from_address", default="")
        or ""
    )
    if not sender:
        raise EmailError(_("Give the email sender first."))
    message = EmailMessage()
    message["Subject"] = mail.email_subject or mail.Title()
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    if mail.email_cc:
        message["Cc"] = ", ".join(_addresses(mail.email_cc))
    message.set_content(mail.email_body or "")
    for child in mail.objectValues():
        if child.portal_type in ("dmsommainfile", "dmsappendixfile") and child.file:
            maintype, _sep, subtype = (
                child.file.contentType or "application/octet-stream"
            ).partition("/")
            message.add_attachment(
                child.file.data,
                maintype=maintype,
                subtype=subtype or "octet-stream",
                filename=child.file.filename,
            )
    return message, recipients + _addresses(mail.email_cc) + _addresses(mail.email_bcc)


def send(mail):
    """Send the email of ``mail`` and record it in ``email_status``."""
    if not api.user.has_permission("Modify portal content", obj=mail):
        raise EmailError(_("You may not send this mail."))
    message, envelope = build(mail)
    mailhost = api.portal.get_tool("MailHost")
    mailhost.send(message, mto=envelope, mfrom=message["From"], immediate=True)
    mail.email_status = (
        f"Envoyé le {datetime.now():%d/%m/%Y à %H:%M} à "
        f"{', '.join(_addresses(mail.email_recipient))}"
    )
    mail.reindexObject()
    return mail.email_status
