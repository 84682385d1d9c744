"""Sending outgoing mail by email (with scenario 11: sent only once emailed)."""

import email
from iasolutions.mail import emails
from iasolutions.mail import mails
from plone import api
from Products.CMFPlone.tests.utils import MockMailHost
from Products.MailHost.interfaces import IMailHost
import pytest
from tests.helpers import as_user
from tests.helpers import rest
from tests.mail.helpers import outgoing_mail
from tests.mail.helpers import transitions
from zope.component import getSiteManager


@pytest.fixture
def mailhost(mail_portal):
    return install_mock(mail_portal)


def install_mock(portal):
    mock = MockMailHost("MailHost")
    portal._original_MailHost = portal.MailHost
    portal.MailHost = mock
    getSiteManager(portal).registerUtility(mock, provided=IMailHost)
    api.portal.set_registry_record("plone.email_from_address", "courrier@commune.example.be")
    return mock


def email_mail(people, sender, **fields):
    values = {
        "send_modes": ["email"],
        "email_recipient": "jean.dupont@example.org",
        "email_subject": "Votre demande",
        "email_body": "Bonjour,\nVoici notre réponse.",
    }
    values.update(fields)
    mail = outgoing_mail(people.a, sender, **values)
    mails.add_file(mail, b"%PDF-1.4 lettre", "reponse.pdf")
    return mail


def test_send_then_mark_sent(people, sender, mailhost):
    mail = email_mail(people, sender)
    assert "mark_as_sent" not in transitions("redacteur_a", mail)
    with as_user("redacteur_a"):
        status = emails.send(mail)
    assert status.startswith("Envoyé le") and "jean.dupont@example.org" in status
    (raw,) = mailhost.messages
    message = email.message_from_bytes(raw if isinstance(raw, bytes) else raw.encode())
    assert message["Subject"] == "Votre demande"
    assert message["To"] == "jean.dupont@example.org"
    assert message["From"] == "courrier@commune.example.be"
    attachments = [part.get_filename() for part in message.walk() if part.get_filename()]
    assert attachments == ["reponse.pdf"]
    assert "mark_as_sent" in transitions("redacteur_a", mail)


@pytest.mark.parametrize(
    "fields,reason",
    [
        ({"send_modes": ["post"]}, "not sent by email"),
        ({"email_recipient": ""}, "recipients"),
        ({"email_recipient": "pas-une-adresse"}, "Not an email address"),
    ],
)
def test_what_cannot_be_sent(people, sender, mailhost, fields, reason):
    mail = email_mail(people, sender, **fields)
    with pytest.raises(emails.EmailError) as error:
        emails.send(mail)
    from zope.i18n import translate

    assert reason in translate(error.value.args[0])
    assert mailhost.messages == []


def test_readers_cannot_send(people, sender, mailhost):
    mail = email_mail(people, sender)
    with as_user("lecteur_a"), pytest.raises(emails.EmailError):
        emails.send(mail)


def test_send_over_rest(mail_functional_portal, functional_people):
    from iasolutions.core.contacts import add_person

    mock = install_mock(mail_functional_portal)
    person = add_person(mail_functional_portal["contacts"], "Dupont", "Jean")
    mail = email_mail(functional_people, person)
    session = rest(mail_functional_portal, "redacteur_a")
    response = session.post(mail.absolute_url() + "/@send-email")
    assert response.status_code == 200, response.text
    assert response.json()["email_status"].startswith("Envoyé le")
    assert mock is not None  # the server sends through its copy of the mock mail host
    response = session.post(mail.absolute_url() + "/@workflow/mark_as_sent")
    assert response.status_code == 200, response.text
