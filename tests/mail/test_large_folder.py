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


def test_the_week_folders_are_made_before_the_mails_come(mail_portal):
    """Several agents' first mails of a week would each create the week's folder."""
    from datetime import datetime
    from datetime import timedelta
    from iasolutions.core import jobs
    from iasolutions.mail.folders import period_id

    now = datetime.now()
    for root in ("incoming-mail", "outgoing-mail"):  # made at install
        assert period_id(now) in mail_portal[root]
        assert period_id(now + timedelta(days=7)) in mail_portal[root]
    job = jobs.get_job("mail.prepare_period_folders")
    assert job.daily and job.module == "mail" and job in jobs.daily_jobs()
    ahead = mail_portal["incoming-mail"][period_id(now + timedelta(days=7))]
    api.content.delete(ahead)
    result = job.function(mail_portal, lambda done, total, message="": None)
    assert period_id(now + timedelta(days=7)) in mail_portal["incoming-mail"]
    assert result["folders"] == [f"incoming-mail/{period_id(now + timedelta(days=7))}"]
    assert job.function(mail_portal, lambda *a, **k: None)["folders"] == []  # nothing twice
