"""Incoming mail: who sees, edits and moves a mail in each state (mail.md §2),
and scenarios 2 to 5 of mail.md §8, as the users concerned."""

from iasolutions.core.contacts import relation_to
from plone import api
import pytest
from tests.helpers import as_user
from tests.mail.helpers import IM_PATHS
from tests.mail.helpers import go
from tests.mail.helpers import incoming_mail
from tests.mail.helpers import rights
from tests.mail.helpers import transitions
from zope.i18n import translate
from zope.lifecycleevent import modified


V, E, R = "view", "edit", "review"
NONE = set()

# user → state → rights; the treating service is A (Finances), nobody in copy.
EXPECTED = {
    "encodeur": {
        "created": {V, E, R},
        "proposed_to_manager": {V},
        "proposed_to_agent": {V},
        "in_treatment": {V},
        "closed": {V},
    },
    "directeur": {
        "created": NONE,
        "proposed_to_manager": {V, E, R},
        "proposed_to_agent": {V, E, R},
        "in_treatment": {V, E, R},
        "closed": {V, R},
    },
    "agent_a": {
        "created": NONE,
        "proposed_to_manager": NONE,
        "proposed_to_agent": {V, E, R},
        "in_treatment": {V, E, R},
        "closed": {V, R},
    },
    "chef_a": {
        "created": NONE,
        "proposed_to_manager": NONE,
        "proposed_to_agent": {V, E, R},
        "in_treatment": {V, E, R},
        "closed": {V, R},
    },
    "lecteur_a": {
        "created": NONE,
        "proposed_to_manager": NONE,
        "proposed_to_agent": {V},
        "in_treatment": {V},
        "closed": {V},
    },
    "lecteur_ce": {
        "created": NONE,
        "proposed_to_manager": {V},
        "proposed_to_agent": {V},
        "in_treatment": {V},
        "closed": {V},
    },
    "agent_b": dict.fromkeys(IM_PATHS, NONE),
    "lecteur_b": dict.fromkeys(IM_PATHS, NONE),
    "redacteur_a": dict.fromkeys(IM_PATHS, NONE),
    "expediteur": dict.fromkeys(IM_PATHS, NONE),
}


@pytest.mark.parametrize("state", list(IM_PATHS))
def test_rights_in_each_state(people, sender, state):
    mail = go(incoming_mail(people.a, sender), *IM_PATHS[state])
    assert api.content.get_state(mail) == state
    actual = {userid: rights(userid, mail) for userid in EXPECTED}
    assert actual == {userid: EXPECTED[userid][state] for userid in EXPECTED}


@pytest.mark.parametrize("state", list(IM_PATHS))
def test_catalog_finds_the_mail_only_for_those_who_see_it(people, sender, state):
    mail = go(incoming_mail(people.a, sender), *IM_PATHS[state])
    for userid, by_state in EXPECTED.items():
        with as_user(userid):
            found = [b.UID for b in api.content.find(portal_type="dmsincomingmail")]
        assert (mail.UID() in found) == (V in by_state[state]), userid


def test_files_and_tasks_follow_the_mail(people, sender):
    from iasolutions.mail import mails

    mail = incoming_mail(people.a, sender)
    scan = mails.add_file(mail, b"%PDF-1.4 scan", "scan.pdf")
    assert rights("agent_a", scan) == NONE
    go(mail, "propose_to_manager", "propose_to_agent")
    assert rights("agent_a", scan) == {V, E, R}
    assert rights("lecteur_a", scan) == {V}
    assert rights("agent_b", scan) == NONE
    with as_user("agent_b"):
        assert not api.content.find(UID=scan.UID())
    with as_user("agent_a"):
        assert api.content.find(UID=scan.UID())


def test_scenario_2_services_see_nothing_before_the_agent(people, sender):
    mail = incoming_mail(people.a, sender)
    for userid in ("agent_a", "lecteur_a"):
        assert V not in rights(userid, mail)
    go(mail, "propose_to_manager")
    for userid in ("agent_a", "lecteur_a"):
        assert V not in rights(userid, mail)
    assert rights("directeur", mail) == {V, E, R}
    with as_user("directeur"):
        mail.title = "Demande de subside (corrigée)"
        modified(mail)
        api.content.transition(obj=mail, transition="propose_to_agent")
    assert api.content.get_state(mail) == "proposed_to_agent"


def test_scenario_3_copy_services_read_only(people, sender):
    mail = go(incoming_mail(people.a, sender), "propose_to_manager", "propose_to_agent")
    assert rights("agent_a", mail) == {V, E, R}
    assert rights("lecteur_a", mail) == {V}
    assert rights("agent_b", mail) == NONE
    with as_user("agent_a"):
        mail.recipient_groups = [people.b]
        modified(mail)
    assert rights("agent_b", mail) == {V}
    assert rights("lecteur_b", mail) == {V}
    with as_user("agent_b"):
        assert api.content.find(UID=mail.UID())
    # taken out of copy: nothing again, at once
    mail.recipient_groups = []
    modified(mail)
    assert rights("agent_b", mail) == NONE


def test_changing_the_treating_service_moves_the_roles(people, sender):
    mail = go(incoming_mail(people.a, sender), "propose_to_manager", "propose_to_agent")
    mail.assigned_user = "agent_a"
    with as_user("directeur"):
        mail.treating_groups = people.b
        modified(mail)
    assert mail.assigned_user is None  # agent_a is no agent of B
    assert rights("agent_a", mail) == NONE
    assert rights("agent_b", mail) == {V, E, R}
    with as_user("agent_a"):
        assert not api.content.find(UID=mail.UID())


def test_only_treating_group_writers_change_the_service(people, sender):
    mail = go(incoming_mail(people.a, sender), "propose_to_manager", "propose_to_agent")
    permission = "iasolutions.mail: Write treating groups"
    with as_user("agent_a"):
        assert not api.user.has_permission(permission, obj=mail)
        assert not api.user.has_permission("iasolutions.mail: Write mail base fields", obj=mail)
    with as_user("directeur"):
        assert api.user.has_permission(permission, obj=mail)


def test_scenario_4_guards(people, sender):
    mail = incoming_mail(people.a, sender=None, treating_groups=None, mail_type=None)
    with as_user("encodeur"):
        assert "propose_to_manager" not in transitions("encodeur", mail)
    mail.treating_groups = people.a
    assert "propose_to_manager" in transitions("encodeur", mail)
    go(mail, "propose_to_manager", "propose_to_agent")
    # treat needs a sender; close needs a sender and a mail type
    assert transitions("agent_a", mail) == ["back_to_creation", "back_to_manager"]
    mail.sender = [relation_to(sender)]
    assert transitions("agent_a", mail) == ["back_to_creation", "back_to_manager", "treat"]
    mail.mail_type = "courrier"
    assert "close" in transitions("agent_a", mail)
    # a user outside A's editor functions may not close, even as a reviewer
    mail.manage_setLocalRoles("agent_b", ["Reviewer", "Reader"])
    assert "close" not in transitions("agent_b", mail)
    assert "close" in transitions("directeur", mail)


def test_refusals_explain_why(people):
    from iasolutions.mail.guards import refusals

    mail = incoming_mail(people.a, sender=None, mail_type=None)
    go(mail, "propose_to_manager", "propose_to_agent")
    with as_user("agent_a"):
        reasons = {key: translate(value) for key, value in refusals(mail).items()}
    assert reasons == {"treat": "Missing: sender.", "close": "Missing: sender, mail type."}


def test_scenario_5_close_sets_the_closer(people, sender):
    mail = go(incoming_mail(people.a, sender), *IM_PATHS["in_treatment"])
    assert mail.assigned_user is None
    with as_user("agent_a"):
        api.content.transition(obj=mail, transition="close")
    assert mail.assigned_user == "agent_a"
    assert mail.UID() == api.content.find(assigned_user="agent_a")[0].UID
    assert rights("agent_a", mail) == {V, R}
    assert transitions("agent_a", mail) == ["back_to_agent", "back_to_treatment"]
    with as_user("agent_a"):
        api.content.transition(obj=mail, transition="back_to_treatment")
    assert rights("agent_a", mail) == {V, E, R}


def test_close_keeps_an_assigned_agent(people, sender):
    mail = go(incoming_mail(people.a, sender, assigned_user="agent_a"), *IM_PATHS["in_treatment"])
    with as_user("directeur"):
        api.content.transition(obj=mail, transition="close")
    assert mail.assigned_user == "agent_a"


def test_encodeur_creates_and_proposes(people, sender, mail_portal):
    from iasolutions.mail import mails

    with as_user("encodeur"):
        mail = mails.create(
            title="Courrier du SPW", treating_groups=people.a, sender=[relation_to(sender)]
        )
        assert api.content.get_state(mail) == "created"
        assert transitions("encodeur", mail) == ["propose_to_agent", "propose_to_manager"]
        api.content.transition(obj=mail, transition="propose_to_manager")
    assert rights("encodeur", mail) == {V}


def test_agents_cannot_create_incoming_mail(people, mail_portal):
    folder = mail_portal["incoming-mail"]
    with as_user("agent_a"):
        assert not api.user.has_permission("iasolutions.mail: Add incoming mail", obj=folder)
    with as_user("encodeur"):
        assert api.user.has_permission("iasolutions.mail: Add incoming mail", obj=folder)
