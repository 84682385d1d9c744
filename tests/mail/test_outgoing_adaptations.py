"""Outgoing mail adaptations (mail.md §2): approval by the service's N+1
(``to_approve``) and printing by the dispatch service (``to_print``), switched
on by settings, as the users concerned."""

from iasolutions.mail import mails
from iasolutions.mail import settings
from iasolutions.mail.guards import HIDDEN
from iasolutions.mail.guards import refusal
from plone import api
import pytest
from tests.helpers import as_user
from tests.mail.helpers import outgoing_mail
from tests.mail.helpers import rights
from tests.mail.helpers import transitions


V, E, R = "view", "edit", "review"
NONE = set()


def letter(service, sender):
    mail = outgoing_mail(service, sender)
    mails.add_file(mail, b"%PDF-1.4 letter", "lettre.pdf")
    return mail


def do(userid, mail, transition):
    with as_user(userid):
        api.content.transition(obj=mail, transition=transition)
    return api.content.get_state(mail)


def test_both_are_off_by_default(people, sender):
    mail = letter(people.a, sender)
    assert refusal(mail, "propose_to_approve") is HIDDEN
    assert refusal(mail, "set_to_print") is HIDDEN
    assert "propose_to_approve" not in transitions("redacteur_a", mail)
    assert "set_to_print" not in transitions("redacteur_a", mail)


# to_approve ----------------------------------------------------------------


@pytest.fixture
def approval(people):
    settings.set("omail_approval", True)


def test_the_n_plus_1_approves_before_signature(approval, people, sender):
    mail = letter(people.a, sender)
    assert transitions("redacteur_a", mail) == ["propose_to_approve"]
    assert str(refusal(mail, "propose_to_be_signed")) == (
        "The mail must first be approved by the N+1 of the service."
    )
    assert str(refusal(mail, "mark_as_sent")) == (
        "The mail must first be approved by the N+1 of the service."
    )
    assert do("redacteur_a", mail, "propose_to_approve") == "to_approve"
    assert transitions("chef_a", mail) == ["approve", "back_to_creation"]
    assert transitions("redacteur_a", mail) == []
    assert do("chef_a", mail, "approve") == "to_be_signed"


def test_rights_while_to_approve(approval, people, sender):
    mail = letter(people.a, sender)
    mail.recipient_groups = [people.b]
    do("redacteur_a", mail, "propose_to_approve")
    expected = {
        "redacteur_a": {V},
        "chef_a": {V, E, R},
        "agent_a": {V},
        "lecteur_a": NONE,
        "directeur": {V, E, R},
        "expediteur": NONE,
        "encodeur": NONE,
        "lecteur_cs": {V},
        "lecteur_ce": NONE,
        "agent_b": NONE,
    }
    assert {userid: rights(userid, mail) for userid in expected} == expected


def test_the_n_plus_1_sends_it_back(approval, people, sender):
    mail = letter(people.a, sender)
    do("redacteur_a", mail, "propose_to_approve")
    assert do("chef_a", mail, "back_to_creation") == "created"
    assert rights("redacteur_a", mail) == {V, E, R}


def test_no_approval_for_a_service_without_n_plus_1(approval, people, sender):
    mail = letter(people.b, sender)
    assert refusal(mail, "propose_to_approve") is HIDDEN
    assert refusal(mail, "propose_to_be_signed") is None


def test_approval_needs_the_letter(approval, people, sender):
    mail = outgoing_mail(people.a, sender)
    assert str(refusal(mail, "propose_to_approve")) == "Add the letter (a main file) first."


def test_validation_comes_before_approval(approval, people, sender):
    settings.set("omail_validation", True)
    mail = letter(people.a, sender)
    assert str(refusal(mail, "propose_to_approve")) == (
        "The mail must first be validated by the N+1 of the service."
    )
    do("redacteur_a", mail, "propose_to_n_plus_1")
    do("chef_a", mail, "set_validated")
    assert "propose_to_approve" in transitions("redacteur_a", mail)
    assert "propose_to_be_signed" not in transitions("redacteur_a", mail)


# to_print ------------------------------------------------------------------


@pytest.fixture
def printing(people):
    settings.set("omail_printing", True)


def test_the_dispatch_service_prints_then_proposes_to_sign(printing, people, sender):
    mail = letter(people.a, sender)
    assert {"set_to_print", "propose_to_be_signed"} <= set(transitions("redacteur_a", mail))
    assert do("redacteur_a", mail, "set_to_print") == "to_print"
    assert transitions("expediteur", mail) == ["back_to_creation", "propose_to_be_signed"]
    assert do("expediteur", mail, "propose_to_be_signed") == "to_be_signed"


def test_rights_while_to_print(printing, people, sender):
    mail = letter(people.a, sender)
    mail.recipient_groups = [people.b]
    do("redacteur_a", mail, "set_to_print")
    expected = {
        "redacteur_a": {V, R},
        "chef_a": {V},
        "agent_a": {V},
        "lecteur_a": {V},
        "directeur": {V, R},
        "expediteur": {V, R},
        "encodeur": {V},
        "lecteur_cs": {V},
        "lecteur_ce": NONE,
        "agent_b": {V},
    }
    assert {userid: rights(userid, mail) for userid in expected} == expected


def test_the_writer_takes_it_back_from_printing(printing, people, sender):
    mail = letter(people.a, sender)
    do("redacteur_a", mail, "set_to_print")
    assert do("redacteur_a", mail, "back_to_creation") == "created"


def test_printing_needs_the_letter_and_the_validation(printing, people, sender):
    assert str(refusal(outgoing_mail(people.a, sender), "set_to_print")) == (
        "Add the letter (a main file) first."
    )
    settings.set("omail_validation", True)
    mail = letter(people.a, sender)
    assert str(refusal(mail, "set_to_print")) == (
        "The mail must first be validated by the N+1 of the service."
    )
    do("redacteur_a", mail, "propose_to_n_plus_1")
    do("chef_a", mail, "set_validated")
    assert do("redacteur_a", mail, "set_to_print") == "to_print"


def test_rest_refuses_with_the_reason(mail_functional_portal, functional_people):
    from tests.helpers import rest

    settings.set("omail_approval", True)
    mail = outgoing_mail(functional_people.a)
    response = rest(mail_functional_portal, "redacteur_a").post(
        f"{mail.absolute_url()}/@workflow/propose_to_be_signed"
    )
    assert response.status_code == 400
    assert "approved by the N+1" in response.json()["error"]["message"]


# worklists -----------------------------------------------------------------


def worklist(dashboard_id, userid):
    from iasolutions.core import dashboards

    board = api.portal.get()["outgoing-mail"][dashboard_id]
    with as_user(userid):
        return [brain.Title for brain in dashboards.results(board)]


def test_the_n_plus_1_finds_the_mails_to_approve(approval, people, sender):
    mail = letter(people.a, sender)
    do("redacteur_a", mail, "propose_to_approve")
    assert worklist("to_validate", "chef_a") == [mail.Title()]
    assert worklist("to_validate", "redacteur_a") == []  # the writer waits, nothing to do
    do("chef_a", mail, "approve")
    assert worklist("to_validate", "chef_a") == []


def test_the_dispatch_service_finds_the_mails_to_print(printing, people, sender):
    mail = letter(people.a, sender)
    do("redacteur_a", mail, "set_to_print")
    assert worklist("to_print", "expediteur") == [mail.Title()]
    do("expediteur", mail, "propose_to_be_signed")
    assert worklist("to_print", "expediteur") == []
