"""Replying to an incoming mail (scenario 10 of mail.md §8, its reply part)."""

from iasolutions.mail import reply
from plone import api
import pytest
from tests.helpers import as_user
from tests.helpers import create_user
from tests.helpers import rest
from tests.mail.helpers import go
from tests.mail.helpers import incoming_mail


@pytest.fixture
def writer(people):
    """An agent of A who also writes A's outgoing mail."""
    create_user(
        "agent_redacteur", groups=[people.group("a", "editeur"), people.group("a", "encodeur")]
    )
    return "agent_redacteur"


def test_reply_is_prefilled(people, sender, writer):
    incoming = go(incoming_mail(people.a, sender), "propose_to_manager", "propose_to_agent")
    with as_user(writer):
        outgoing = reply.create_reply(incoming)
    assert outgoing.portal_type == "dmsoutgoingmail"
    assert outgoing.title == "Réponse: Demande de subside"
    assert [r.to_object for r in outgoing.recipients] == [sender]
    assert [r.to_object for r in outgoing.reply_to] == [incoming]
    assert outgoing.treating_groups == people.a
    assert outgoing.send_modes == ["post"]
    assert api.content.get_state(outgoing) == "created"
    assert outgoing.aq_parent.aq_parent.getId() == "outgoing-mail"
    with as_user(writer):
        assert reply.replies(incoming) == [outgoing]


def test_an_email_is_answered_by_email(people, sender):
    incoming = incoming_mail(people.a, sender, orig_sender_email="jean@example.org")
    values = reply.reply_values(incoming)
    assert values["send_modes"] == ["email"]
    assert values["email_recipient"] == "jean@example.org"


def test_the_prefix_is_a_setting(people, sender):
    from iasolutions.mail import settings

    settings.set("response_prefix", "Re: ")
    assert reply.reply_values(incoming_mail(people.a, sender))["title"] == "Re: Demande de subside"


def test_reply_form_is_prefilled(people, sender, writer, mail_portal):
    from zope.component import getMultiAdapter

    incoming = go(incoming_mail(people.a, sender), "propose_to_manager", "propose_to_agent")
    request = mail_portal.REQUEST
    from iasolutions.mail.interfaces import IIASolutionsMailLayer
    from zope.interface import alsoProvides

    alsoProvides(request, IIASolutionsMailLayer)
    with as_user(writer):
        view = getMultiAdapter((incoming, request), name="reply")
        html = view()
    assert "Réponse: Demande de subside" in html
    assert sender.UID() in html
    assert incoming.UID() in html


def test_reply_over_rest(mail_functional_portal, functional_people):
    from iasolutions.core.contacts import add_person

    create_user(
        "agent_redacteur",
        groups=[functional_people.group("a", "editeur"), functional_people.group("a", "encodeur")],
    )
    person = add_person(mail_functional_portal["contacts"], "Dupont", "Jean")
    incoming = go(
        incoming_mail(functional_people.a, person), "propose_to_manager", "propose_to_agent"
    )
    session = rest(mail_functional_portal, "agent_redacteur")
    response = session.post(incoming.absolute_url() + "/@reply", json={"mail_type": "courrier"})
    assert response.status_code == 201, response.text
    data = response.json()
    assert data["title"] == "Réponse: Demande de subside"
    assert data["recipients"][0]["title"] == "Jean Dupont"
    assert data["reply_to"][0]["@id"] == incoming.absolute_url()
    assert data["treating_groups"]["token"] == functional_people.a
    assert data["mail_type"]["token"] == "courrier"
    # an agent who does not write outgoing mail cannot reply
    response = rest(mail_functional_portal, "agent_a").post(incoming.absolute_url() + "/@reply")
    assert response.status_code in (401, 403)
    # bad input: 400, no mail
    count = len(api.content.find(portal_type="dmsoutgoingmail"))
    response = session.post(incoming.absolute_url() + "/@reply", json={"mail_type": "pigeon"})
    assert response.status_code == 400
    for body in ("not json", "[1, 2]"):
        response = session.post(incoming.absolute_url() + "/@reply", data=body)
        assert response.status_code == 400 and "JSON object" in response.text, response.text
    assert len(api.content.find(portal_type="dmsoutgoingmail")) == count
