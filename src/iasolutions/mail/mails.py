"""Creating mails from code (imports, replies, demo data, tests): the mail
goes to the period folder of its type, as through the add forms and REST."""

from iasolutions.mail.folders import container_for
from plone import api
from plone.dexterity.utils import createContentInContainer
from zope.container.interfaces import INameChooser


def create(portal_type="dmsincomingmail", when=None, id=None, **fields):
    """Create a mail of ``portal_type`` in the period folder of ``when`` (default now)."""
    container = container_for(portal_type, when)
    if id is None:
        # chosen before creating: plone.api would otherwise rename the new
        # object, which costs a savepoint of the whole transaction
        id = INameChooser(container).chooseName(fields.get("title") or portal_type, container)
    # added as the add form and REST do (not through the types tool, whose
    # invokeFactory makes every addition a modification of the week's folder)
    return createContentInContainer(container, portal_type, id=id, **fields)


def add_file(mail, data, filename, portal_type=None, content_type="application/pdf", **fields):
    """Add a main file (or ``dmsappendixfile``) to a mail."""
    from plone.namedfile.file import NamedBlobFile

    if portal_type is None:
        portal_type = "dmsommainfile" if mail.portal_type == "dmsoutgoingmail" else "dmsmainfile"
    blob = NamedBlobFile(data=data, filename=filename, contentType=content_type)
    return api.content.create(
        container=mail,
        type=portal_type,
        id=None,
        title=fields.pop("title", None) or filename,
        file=blob,
        **fields,
    )
