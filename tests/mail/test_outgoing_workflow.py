"""Outgoing mail: rights in each state, guards, sending (scenario 11 of mail.md §8)."""

from datetime import date
from iasolutions.mail import mails
from plone import api
import pytest
from tests.helpers import as_user
from tests.mail.helpers import go
from tests.mail.helpers import outgoing_mail
from tests.mail.helpers import rights
from tests.mail.helpers import transitions


V, E, R = "view", "edit", "review"
NONE = set()
OM_PATHS = {
    "created": (),
    "to_be_signed": ("propose_to_be_signed",),
    "signed": ("propose_to_be_signed", "mark_as_signed"),
    "sent": ("propose_to_be_signed", "mark_as_signed", "mark_as_sent"),
}
EXPECTED = {
    "redacteur_a": {
        "created": {V, E, R},
        "to_be_signed": {V, E, R},
        "signed": {V, E, R},
        "sent": {V, R},
    },
    "agent_a": {"created": NONE, "to_be_signed": {V}, "signed": {V}, "sent": {V}},
    "lecteur_a": {"created": NONE, "to_be_signed": {V}, "signed": {V}, "sent": {V}},
    "expediteur": {"created": NONE, "to_be_signed": {V, E, R}, "signed": {V, E, R}, "sent": {V, R}},
    "directeur": {"created": NONE, "to_be_signed": {V, E, R}, "signed": {V, E, R}, "sent": {V, R}},
    "encodeur": {"created": NONE, "to_be_signed": {V}, "signed": {V}, "sent": {V}},
    "lecteur_cs": {"created": NONE, "to_be_signed": {V}, "signed": {V}, "sent": {V}},
    "lecteur_ce": dict.fromkeys(OM_PATHS, NONE),
    "agent_b": dict.fromkeys(OM_PATHS, NONE),
}


@pytest.fixture
def letter(people, sender):
    mail = outgoing_mail(people.a, sender)
    mails.add_file(mail, b"%PDF-1.4 letter", "lettre.pdf")
    return mail


@pytest.mark.parametrize("state", list(OM_PATHS))
def test_rights_in_each_state(people, letter, state):
    go(letter, *OM_PATHS[state])
    assert api.content.get_state(letter) == state
    actual = {userid: rights(userid, letter) for userid in EXPECTED}
    assert actual == {userid: EXPECTED[userid][state] for userid in EXPECTED}


def test_service_writers_create_outgoing_mail(people, sender, mail_portal):
    folder = mail_portal["outgoing-mail"]
    with as_user("redacteur_a"):
        assert api.user.has_permission("iasolutions.mail: Add outgoing mail", obj=folder)
        mail = outgoing_mail(people.a, sender)
    assert api.content.get_state(mail) == "created"
    assert mail.internal_reference_no.startswith("S")
    with as_user("agent_a"):
        assert not api.user.has_permission("iasolutions.mail: Add outgoing mail", obj=folder)
    with as_user("encodeur"):
        assert not api.user.has_permission("iasolutions.mail: Add outgoing mail", obj=folder)


def test_a_service_writer_chooses_among_their_services(people, mail_portal):
    from zope.component import getUtility
    from zope.schema.interfaces import IVocabularyFactory

    factory = getUtility(IVocabularyFactory, "iasolutions.mail.om_treating_groups")
    with as_user("redacteur_a"):
        assert [term.value for term in factory(mail_portal["outgoing-mail"])] == [people.a]
    with as_user("directeur"):
        assert len(factory(mail_portal["outgoing-mail"])) > 5


def test_a_new_service_may_write_outgoing_mail(people, mail_portal):
    from iasolutions.core import services
    from tests.helpers import create_user

    service = services.add_service("Jeunesse", acronym="JEU")
    create_user("redacteur_j", groups=[f"{service.UID()}_encodeur"])
    with as_user("redacteur_j"):
        assert api.user.has_permission(
            "iasolutions.mail: Add outgoing mail", obj=mail_portal["outgoing-mail"]
        )


def test_a_letter_is_needed_to_be_signed(people, sender):
    mail = outgoing_mail(people.a, sender)
    from iasolutions.mail.guards import refusal
    from zope.i18n import translate

    assert "propose_to_be_signed" not in transitions("redacteur_a", mail)
    assert translate(refusal(mail, "propose_to_be_signed")) == "Add the letter (a main file) first."
    with as_user("redacteur_a"):
        mails.add_file(mail, b"%PDF-1.4", "lettre.pdf")
    assert "propose_to_be_signed" in transitions("redacteur_a", mail)


def test_scenario_11_email_must_be_sent_first(people, sender):
    mail = outgoing_mail(people.a, sender, send_modes=["email"])
    assert "mark_as_sent" not in transitions("redacteur_a", mail)
    # the dispatch service may always mark it sent
    mails.add_file(mail, b"%PDF-1.4", "lettre.pdf")
    go(mail, "propose_to_be_signed")
    assert "mark_as_sent" in transitions("expediteur", mail)
    assert "mark_as_sent" not in transitions("redacteur_a", mail)
    mail.email_status = "Envoyé le 03/02/2026 à 10:12"
    assert "mark_as_sent" in transitions("redacteur_a", mail)
    with as_user("redacteur_a"):
        api.content.transition(obj=mail, transition="mark_as_sent")
    assert mail.outgoing_date == date.today()
    assert api.content.find(outgoing_date=date.today(), UID=mail.UID())


def test_mark_as_sent_sets_the_sending_date(people, letter):
    go(letter, "propose_to_be_signed", "mark_as_signed")
    assert letter.outgoing_date is None
    with as_user("expediteur"):
        api.content.transition(obj=letter, transition="mark_as_sent")
    assert letter.outgoing_date == date.today()


def test_back_transitions_follow_the_history(people, letter):
    go(letter, "propose_to_be_signed", "mark_as_sent")
    assert transitions("expediteur", letter) == ["back_to_be_signed", "back_to_creation"]
    go(letter, "back_to_be_signed", "mark_as_signed", "mark_as_sent")
    assert "back_to_signed" in transitions("expediteur", letter)


def test_only_the_batch_importer_marks_scanned(people, letter, mail_portal):
    from tests.helpers import create_user

    create_user("scanner", roles=["Member", "Batch importer"])
    assert "set_scanned" not in transitions("redacteur_a", letter)
    assert "set_scanned" in transitions("scanner", letter)
    with as_user("scanner"):
        api.content.transition(obj=letter, transition="set_scanned")
    assert rights("expediteur", letter) == {V, E, R}
    assert rights("redacteur_a", letter) == NONE
    assert "back_to_agent" in transitions("expediteur", letter)
