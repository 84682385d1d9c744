"""Folders that many agents add to at once: unordered, and not "modified" by one more
item (every creation wrote the folder and concurrent writers conflicted on it)."""

from plone import api
import transaction


def test_adding_a_mail_leaves_its_folder_untouched(mail_functional_portal):
    from iasolutions.mail.folders import container_for
    from tests.mail.helpers import incoming_mail

    folder = container_for("dmsincomingmail")
    services = {b.getId: b.UID for b in api.content.find(portal_type="organization")}
    incoming_mail(services["finances"])  # the first one annotates it (content rules), once
    transaction.commit()
    modified, serial = folder.modification_date, folder._p_serial
    mail = incoming_mail(services["finances"])
    assert mail.aq_parent.aq_base is folder.aq_base
    transaction.commit()
    assert folder.modification_date == modified
    assert folder._p_serial == serial  # the folder object itself was not written
    assert folder.getOrdering().__class__.__name__ == "UnorderedOrdering"
    assert mail.getId() in folder.objectIds()
