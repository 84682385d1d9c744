"""Batch actions (scenario 9 of mail.md §8), as the users concerned, with
plone.api and over REST."""

from iasolutions.mail import batch
from iasolutions.mail import labels
from plone import api
import pytest
from tests.helpers import as_user
from tests.helpers import create_user
from tests.helpers import rest
from tests.mail.helpers import go
from tests.mail.helpers import incoming_mail
from tests.mail.helpers import rights


@pytest.fixture
def mixed(people, sender):
    """Three mails of A: two to the agent, one in treatment."""
    return [
        go(incoming_mail(people.a, sender), "propose_to_manager", "propose_to_agent"),
        go(incoming_mail(people.a, sender), "propose_to_manager", "propose_to_agent"),
        go(incoming_mail(people.a, sender), "propose_to_manager", "propose_to_agent", "treat"),
    ]


def uids(objs):
    return [obj.UID() for obj in objs]


def test_scenario_9_only_common_transitions(mixed):
    with as_user("agent_a"):
        objs = batch.mails_from_uids(uids(mixed))
        assert set(batch.common_transitions(objs[:2])) == {
            "treat",
            "close",
            "back_to_manager",
            "back_to_creation",
        }
        assert batch.common_transitions(objs) == ["close"]
        with pytest.raises(batch.BatchError):
            batch.transition(objs, "treat")
        assert [api.content.get_state(o) for o in mixed] == [
            "proposed_to_agent",
            "proposed_to_agent",
            "in_treatment",
        ]
        batch.transition(objs, "close")
    assert {api.content.get_state(o) for o in mixed} == {"closed"}


def test_scenario_9_treating_group_change_moves_the_roles(people, mixed):
    with as_user("directeur"):
        batch.set_treating_group(batch.mails_from_uids(uids(mixed)), "travaux")
    for mail in mixed:
        assert mail.treating_groups == people.b
        assert rights("agent_b", mail) == {"view", "edit", "review"}
        assert rights("agent_a", mail) == set()
    with as_user("agent_a"):
        assert not api.content.find(UID=uids(mixed))


def test_moving_a_closed_mail_keeps_who_treated_it(people, mixed):
    """The reference refuses a batch change of service when an assigned agent
    is not in the new service; a closed mail kept its agent, who treated it."""
    create_user("admin_site", roles=["Member", "Site Administrator"])
    closed = go(mixed[2], "close")
    closed.assigned_user = "agent_a"
    closed.reindexObject()
    with (
        as_user("admin_site"),
        pytest.raises(batch.BatchError, match="assigned agent is not in the new service"),
    ):
        batch.set_treating_group(batch.mails_from_uids(uids(mixed)), "travaux")
    assert [mail.treating_groups for mail in mixed] == [people.a] * 3
    assert closed.assigned_user == "agent_a"
    # an agent of the new service: the change is done, the agent kept
    api.group.add_user(groupname=people.group("b", "editeur"), username="agent_a")
    with as_user("admin_site"):
        batch.set_treating_group(batch.mails_from_uids(uids([closed])), "travaux")
    assert closed.treating_groups == people.b
    assert closed.assigned_user == "agent_a"


def test_agents_cannot_move_mails_to_another_service(people, mixed):
    with as_user("agent_a"), pytest.raises(batch.BatchError, match="treating service"):
        batch.set_treating_group(batch.mails_from_uids(uids(mixed)), "travaux")
    assert all(mail.treating_groups == people.a for mail in mixed)


def test_copy_services_added_and_removed(people, mixed):
    with as_user("agent_a"):
        objs = batch.mails_from_uids(uids(mixed))
        batch.change_recipient_groups(objs, add=["travaux"])
    assert all(mail.recipient_groups == [people.b] for mail in mixed)
    assert all(rights("lecteur_b", mail) == {"view"} for mail in mixed)
    with as_user("agent_a"):
        batch.change_recipient_groups(objs, remove=[people.b])
    assert all(rights("lecteur_b", mail) == set() for mail in mixed)


def test_assign_only_agents_of_the_service(people, mixed):
    with as_user("agent_a"):
        objs = batch.mails_from_uids(uids(mixed))
        with pytest.raises(batch.BatchError, match="not an agent"):
            batch.assign(objs, "agent_b")
        batch.assign(objs, "chef_a")
    assert {mail.assigned_user for mail in mixed} == {"chef_a"}


def test_personal_labels(people, mixed):
    mail = mixed[0]
    with as_user("agent_a"):
        batch.set_label(batch.mails_from_uids([mail.UID()]), "lu")
        assert labels.labels_of(mail) == ["lu"]
        assert mail.UID() == api.content.find(labels="agent_a:lu")[0].UID
    with as_user("lecteur_a"):
        assert labels.labels_of(mail) == []
        batch.set_label(batch.mails_from_uids([mail.UID()]), "suivi")
    assert mail.UID() == api.content.find(labels="lecteur_a:suivi")[0].UID


def test_hidden_mails_cannot_be_batched(people, mixed):
    with as_user("agent_b"), pytest.raises(batch.BatchError, match="Unknown or hidden"):
        batch.mails_from_uids(uids(mixed))


# REST -------------------------------------------------------------------


def test_batch_over_rest(mail_functional_portal, functional_people):
    from iasolutions.core.contacts import add_person
    from tests.mail.helpers import incoming_mail as new

    person = add_person(mail_functional_portal["contacts"], "Dupont", "Jean")
    mails = [
        go(new(functional_people.a, person), "propose_to_manager", "propose_to_agent")
        for _i in range(2)
    ]
    mails.append(
        go(new(functional_people.a, person), "propose_to_manager", "propose_to_agent", "treat")
    )
    agent = rest(mail_functional_portal, "agent_a")
    response = agent.get("@mail-batch", params={"uids": uids(mails)})
    assert response.status_code == 200, response.text
    assert [t["id"] for t in response.json()["transitions"]] == ["close"]
    response = agent.post(
        "@mail-batch", json={"uids": uids(mails), "action": "transition", "transition": "treat"}
    )
    assert response.status_code == 400
    assert "cannot be done on every selected mail" in response.json()["error"]["message"]
    response = agent.post(
        "@mail-batch", json={"uids": uids(mails[:2]), "action": "transition", "transition": "treat"}
    )
    assert response.status_code == 200, response.text
    assert {item["review_state"] for item in response.json()["items"]} == {"in_treatment"}
    response = agent.post(
        "@mail-batch", json={"uids": uids(mails), "action": "treating_group", "service": "travaux"}
    )
    assert response.status_code == 400
    response = rest(mail_functional_portal, "directeur").post(
        "@mail-batch", json={"uids": uids(mails), "action": "treating_group", "service": "travaux"}
    )
    assert response.status_code == 200, response.text
    assert rest(mail_functional_portal, "agent_b").get(mails[0].absolute_url()).status_code == 200
    response = agent.post(
        "@mail-batch", json={"uids": uids(mails), "action": "label", "label": "lu"}
    )
    assert response.status_code == 400  # agent_a no longer sees them


# Delete (administrators only) -------------------------------------------


@pytest.fixture
def site_admin(people):
    from tests.helpers import create_user

    return create_user("admin_site", roles=("Member", "Site Administrator"))


def test_agents_may_not_delete_in_batch(mixed):
    from AccessControl import Unauthorized

    with as_user("agent_a"):
        assert not batch.may_delete_in_batch()
        with pytest.raises(Unauthorized):
            batch.delete(batch.mails_from_uids(uids(mixed)))
    assert all(mail.getId() in mail.aq_parent for mail in mixed)


def test_site_administrators_delete_mail_by_mail(site_admin, mixed):
    kept = mixed[2]
    # a mail the administrator may not delete (its permission taken away here)
    kept.manage_permission("Delete objects", ["Manager"], acquire=False)
    with as_user("admin_site"):
        deleted, refused = batch.delete(batch.mails_from_uids(uids(mixed)))
    assert sorted(deleted) == sorted(mail.Title() for mail in mixed[:2])
    assert [title for title, _reason in refused] == [kept.Title()]
    assert not api.content.find(UID=uids(mixed[:2]))
    assert kept.getId() in kept.aq_parent


def test_a_task_selected_with_its_mail_goes_first(site_admin, people, mixed):
    mail = mixed[0]
    task = api.content.create(container=mail, type="task", title="Répondre")
    with as_user("admin_site"):
        deleted, refused = batch.delete(batch.mails_from_uids([mail.UID(), task.UID()]))
    assert (deleted, refused) == (["Répondre", mail.Title()], [])


def test_delete_button_only_for_administrators(site_admin, mixed, mail_portal, mail_request):
    board = mail_portal["incoming-mail"]["all_mails"]
    with as_user("agent_a"):
        html = api.content.get_view("faceted_query", board, mail_request)()
    assert "mail-batch-transition" in html
    assert "mail-batch-delete" not in html
    with as_user("admin_site"):
        html = api.content.get_view("faceted_query", board, mail_request)()
    assert "@@mail-batch-delete" in html
    assert "Supprimer" in html


def test_delete_over_rest(mail_functional_portal, functional_people):
    from tests.helpers import create_user
    from tests.mail.helpers import incoming_mail as new

    create_user("admin_site", roles=("Member", "Site Administrator"))
    mails = [
        go(new(functional_people.a), "propose_to_manager", "propose_to_agent") for _i in range(2)
    ]
    body = {"uids": uids(mails), "action": "delete"}
    response = rest(mail_functional_portal, "agent_a").post("@mail-batch", json=body)
    assert response.status_code == 403
    admin = rest(mail_functional_portal, "admin_site")
    for bad in (
        {"uids": "abc", "action": "delete"},
        {"uids": [1], "action": "delete"},
        {"uids": uids(mails), "action": "erase"},
        ["delete"],
        {"uids": [*uids(mails), "unknown-uid"], "action": "delete"},
    ):
        response = admin.post("@mail-batch", json=bad)
        assert response.status_code == 400, bad
        assert response.json()["error"]["message"]
    response = admin.post("@mail-batch", json=body)
    assert response.status_code == 200, response.text
    result = response.json()
    assert (result["count"], result["refused"]) == (2, [])
    assert sorted(result["done"]) == sorted(mail.Title() for mail in mails)
