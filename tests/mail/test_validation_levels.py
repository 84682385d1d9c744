"""Validation levels of the services and the assigned-user check
(scenarios 6 and 7 of mail.md §8)."""

from iasolutions.mail import settings
from iasolutions.mail.validation import user_levels
from plone import api
import pytest
from tests.helpers import as_user
from tests.mail.helpers import go
from tests.mail.helpers import incoming_mail
from tests.mail.helpers import outgoing_mail
from tests.mail.helpers import rights
from tests.mail.helpers import transitions
from zope.lifecycleevent import modified


V, E, R = "view", "edit", "review"


@pytest.fixture
def n_plus_1(people):
    settings.set("imail_validation_levels", 1)
    settings.set("assigned_user_check", "no_check")
    return people


def test_levels_are_off_by_default(people, sender):
    mail = incoming_mail(people.a, sender)
    assert transitions("encodeur", mail) == ["propose_to_agent", "propose_to_manager"]


def test_scenario_6_a_service_with_an_n_plus_1_validates(n_plus_1, sender):
    people = n_plus_1
    mail_a = incoming_mail(people.a, sender)
    mail_b = incoming_mail(people.b, sender)
    # A has an N+1 (chef_a): to N+1 instead of to the agent
    assert transitions("encodeur", mail_a) == ["propose_to_manager", "propose_to_n_plus_1"]
    # B has none: straight to the agent
    assert transitions("encodeur", mail_b) == ["propose_to_agent", "propose_to_manager"]
    # someone joins B's N+1 group: B switches at once
    api.group.add_user(groupname=people.group("b", "n_plus_1"), username="chef_b")
    assert transitions("encodeur", mail_b) == ["propose_to_manager", "propose_to_n_plus_1"]
    api.group.remove_user(groupname=people.group("b", "n_plus_1"), username="chef_b")
    assert transitions("encodeur", mail_b) == ["propose_to_agent", "propose_to_manager"]


def test_the_n_plus_1_validates_and_hands_over(n_plus_1, sender):
    people = n_plus_1
    mail = incoming_mail(people.a, sender)
    with as_user("encodeur"):
        api.content.transition(obj=mail, transition="propose_to_n_plus_1")
    assert rights("chef_a", mail) == {V, E, R}
    assert rights("agent_a", mail) == set()
    assert rights("lecteur_a", mail) == set()
    assert rights("directeur", mail) == {V, E, R}
    with as_user("chef_a"):
        assert api.user.has_permission("iasolutions.mail: Write treating groups", obj=mail)
        assert transitions("chef_a", mail) == [
            "back_to_creation",
            "back_to_manager",
            "propose_to_agent",
        ]
        mail.assigned_user = "agent_a"
        api.content.transition(obj=mail, transition="propose_to_agent")
    assert rights("agent_a", mail) == {V, E, R}
    assert rights("chef_a", mail) == {V, E, R}
    # back from the agent goes to the N+1, not further
    assert transitions("agent_a", mail) == ["back_to_n_plus_1", "close", "treat"]


def test_two_levels(people, sender):
    settings.set("imail_validation_levels", 2)
    settings.set("assigned_user_check", "no_check")
    api.group.add_user(groupname=people.group("a", "n_plus_2"), username="directeur")
    mail = incoming_mail(people.a, sender)
    assert "propose_to_n_plus_2" in transitions("encodeur", mail)
    go(mail, "propose_to_n_plus_2")
    assert rights("chef_a", mail) == set()  # N+1 waits for N+2
    assert transitions("directeur", mail) == [
        "back_to_creation",
        "back_to_manager",
        "propose_to_n_plus_1",
    ]
    go(mail, "propose_to_n_plus_1")
    assert rights("chef_a", mail) == {V, E, R}
    assert transitions("chef_a", mail) == ["back_to_n_plus_2", "propose_to_agent"]


def test_a_level_without_members_is_skipped(people, sender):
    settings.set("imail_validation_levels", 2)
    settings.set("assigned_user_check", "no_check")
    mail = incoming_mail(people.a, sender)  # A has an N+1 (chef_a), no N+2
    assert transitions("encodeur", mail) == ["propose_to_manager", "propose_to_n_plus_1"]


def test_a_new_service_on_an_obsolete_level_moves_on(n_plus_1, sender):
    people = n_plus_1
    mail = go(incoming_mail(people.a, sender), "propose_to_n_plus_1")
    with as_user("directeur"):
        mail.treating_groups = people.b  # B has no N+1
        modified(mail)
    assert api.content.get_state(mail) == "proposed_to_agent"
    assert rights("agent_b", mail) == {V, E, R}
    assert rights("chef_a", mail) == set()


def test_user_levels(n_plus_1):
    people = n_plus_1
    user = api.user.get(userid="chef_a")
    assert user_levels(user) == {people.a: [1]}
    settings.set("imail_validation_levels", 0)
    assert user_levels(user) == {}


def test_pre_manager_validation(people, sender):
    settings.set("imail_pre_manager_validation", True)
    api.group.add_user(groupname="pre_manager", username="lecteur_ce")
    mail = incoming_mail(people.a, sender)
    assert transitions("encodeur", mail) == [
        "propose_to_agent",
        "propose_to_manager",
        "propose_to_pre_manager",
    ]
    go(mail, "propose_to_pre_manager")
    assert rights("lecteur_ce", mail) == {V, E, R}
    assert rights("directeur", mail) == {V}
    assert transitions("lecteur_ce", mail) == ["back_to_creation", "propose_to_manager"]
    go(mail, "propose_to_manager")
    assert transitions("directeur", mail) == [
        "back_to_creation",
        "back_to_pre_manager",
        "propose_to_agent",
    ]


# assigned_user_check ------------------------------------------------------


def test_scenario_7_mandatory_assigned_agent(people, sender):
    settings.set("assigned_user_check", "mandatory")
    mail = go(incoming_mail(people.a, sender), "propose_to_manager")
    assert transitions("directeur", mail) == ["back_to_creation"]
    mail.assigned_user = "agent_a"
    modified(mail)
    assert transitions("directeur", mail) == ["back_to_creation", "propose_to_agent"]


def test_n_plus_1_check_needs_an_agent_when_the_service_has_an_n_plus_1(people, sender):
    settings.set("imail_validation_levels", 1)
    assert settings.get("assigned_user_check") == "n_plus_1"
    mail_a = go(incoming_mail(people.a, sender), "propose_to_n_plus_1")
    assert "propose_to_agent" not in transitions("chef_a", mail_a)
    mail_a.assigned_user = "agent_a"
    assert "propose_to_agent" in transitions("chef_a", mail_a)
    mail_b = go(incoming_mail(people.b, sender), "propose_to_manager")
    assert "propose_to_agent" in transitions("directeur", mail_b)


def test_no_check(people, sender):
    settings.set("assigned_user_check", "no_check")
    settings.set("imail_validation_levels", 1)
    mail = go(incoming_mail(people.a, sender), "propose_to_n_plus_1")
    assert "propose_to_agent" in transitions("chef_a", mail)


# outgoing mail N+1 --------------------------------------------------------


def test_outgoing_n_plus_1(people, sender):
    from iasolutions.mail import mails

    settings.set("omail_validation", True)
    mail = outgoing_mail(people.a, sender)
    mails.add_file(mail, b"%PDF-1.4", "lettre.pdf")
    assert transitions("redacteur_a", mail) == ["propose_to_n_plus_1"]
    with as_user("redacteur_a"):
        api.content.transition(obj=mail, transition="propose_to_n_plus_1")
    assert rights("redacteur_a", mail) == {V}
    assert rights("chef_a", mail) == {V, E, R}
    with as_user("chef_a"):
        api.content.transition(obj=mail, transition="set_validated")
    assert "propose_to_be_signed" in transitions("redacteur_a", mail)
    mail_b = outgoing_mail(people.b, sender)
    mails.add_file(mail_b, b"%PDF-1.4", "lettre.pdf")
    from iasolutions.mail.guards import HIDDEN
    from iasolutions.mail.guards import refusal

    assert refusal(mail_b, "propose_to_n_plus_1") is HIDDEN
    assert refusal(mail_b, "propose_to_be_signed") is None
