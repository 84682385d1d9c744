"""Creating mails from code (imports, replies, demo data, tests): the mail
goes to the period folder of its type, as through the add forms and REST."""

from iasolutions.mail.folders import container_for
from plone import api


def create(portal_type="dmsincomingmail", when=None, **fields):
    """Create a mail of ``portal_type`` in the period folder of ``when`` (default now)."""
    container = container_for(portal_type, when)
    return api.content.create(container=container, type=portal_type, **fields)


def add_file(mail, data, filename, portal_type=None, content_type="application/pdf", **fields):
    """Add a main file (or ``dmsappendixfile``) to a mail."""
    from plone.namedfile.file import NamedBlobFile

    if portal_type is None:
        portal_type = "dmsommainfile" if mail.portal_type == "dmsoutgoingmail" else "dmsmainfile"
    blob = NamedBlobFile(data=data, filename=filename, contentType=content_type)
    return api.content.create(container=mail, type=portal_type, id=None, title=fields.pop(
        "title", None) or filename, file=blob, **fields)
