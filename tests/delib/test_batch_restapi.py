"""``@delib-batch``: the dashboards' batch actions over REST, as the users concerned."""

from plone import api
import pytest
from tests.delib.helpers import create_delib_users
from tests.delib.helpers import make_item
from tests.delib.helpers import make_meeting
from tests.delib.helpers import state
from tests.delib.helpers import transition
from tests.delib.helpers import validated_item
from tests.helpers import rest
import transaction


@pytest.fixture
def site(delib_functional_portal):
    portal = delib_functional_portal
    services = {b.getId: b.UID for b in api.content.find(portal_type="organization")}
    create_delib_users(services)
    college = portal["meeting-configs"]["meeting-config-college"]
    proposed = [
        make_item(
            college, "creator_fin", services["finances"], title=title, category="administration"
        )
        for title in ("Achat de sel", "Budget")
    ]
    for item in proposed:
        transition(item, "creator_fin", "propose")
    return portal, college, services, proposed


def uids(items):
    return [item.UID() for item in items]


def post(portal, userid, **data):
    return rest(portal, userid).post("@delib-batch", json=data)


def test_a_creator_cannot_batch_validate(site):
    portal, college, services, proposed = site
    offered = rest(portal, "creator_fin").get("@delib-batch", params={"uids": uids(proposed)})
    assert offered.status_code == 200 and offered.json()["transitions"] == []
    response = post(
        portal, "creator_fin", action="transition", transition="validate", uids=uids(proposed)
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["done"] == []
    assert [row["UID"] for row in body["refused"]] == uids(proposed)
    assert all(row["reason"] and row["message"] for row in body["refused"])
    transaction.begin()
    assert {state(item) for item in proposed} == {"proposed"}


def test_a_reviewer_batch_validates(site):
    portal, college, services, proposed = site
    offered = rest(portal, "reviewer_fin").get("@delib-batch", params={"uids": uids(proposed)})
    assert {t["id"] for t in offered.json()["transitions"]} == {"validate", "backToItemCreated"}
    joined = rest(portal, "reviewer_fin").get(
        "@delib-batch", params={"uids": ",".join(uids(proposed))}
    )
    assert joined.json()["transitions"] == offered.json()["transitions"]
    response = post(
        portal,
        "reviewer_fin",
        action="transition",
        transition="validate",
        comment="OK",
        uids=uids(proposed),
    )
    assert response.status_code == 200, response.text
    assert [(row["UID"], row["review_state"]) for row in response.json()["done"]] == [
        (uid, "validated") for uid in uids(proposed)
    ]
    assert response.json()["refused"] == []


def test_a_meeting_manager_presents_and_a_refusal_says_why(site):
    portal, college, services, proposed = site
    make_meeting(college)
    good = validated_item(college, services, title="Avec catégorie")
    bad = validated_item(college, services, title="Sans catégorie")
    bad.category = None
    response = post(
        portal, "manager", action="transition", transition="present", uids=uids([good, bad])
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert [row["UID"] for row in body["done"]] == [good.UID()]
    assert [(row["UID"], row["reason"], row["review_state"]) for row in body["refused"]] == [
        (bad.UID(), "category_required", "validated")
    ]
    transaction.begin()
    assert (state(good), state(bad)) == ("presented", "validated")


def test_copy_groups_added_and_removed(site):
    portal, college, services, proposed = site
    dg, fin = (f"{services['direction-generale']}_reviewers", f"{services['finances']}_reviewers")
    added = post(portal, "reviewer_fin", action="copy_groups", add=[dg, fin], uids=uids(proposed))
    assert added.status_code == 200 and len(added.json()["done"]) == 2, added.text
    removed = post(portal, "reviewer_fin", action="copy_groups", remove=fin, uids=uids(proposed))
    assert removed.status_code == 200 and len(removed.json()["done"]) == 2
    # The creator may no longer edit proposed items: each one refused, nothing changed.
    creator = post(portal, "creator_fin", action="copy_groups", add=fin, uids=uids(proposed))
    assert creator.status_code == 200 and creator.json()["done"] == []
    assert {row["message"] for row in creator.json()["refused"]} == {
        "You may not change this item."
    }
    transaction.begin()
    assert [item.copyGroups for item in proposed] == [[dg], [dg]]


@pytest.mark.parametrize(
    "data, says",
    [
        ({"action": "delete"}, "action must be one of"),
        ({"action": "transition", "transition": "validate"}, "Select at least one item"),
        ({"action": "transition", "transition": "validate", "uids": "abc"}, "list of UIDs"),
        ({"action": "transition", "uids": "OWN"}, "Choose a transition"),
        ({"action": "transition", "transition": ["validate"], "uids": "OWN"}, "must be a string"),
        ({"action": "copy_groups", "uids": "OWN"}, "Choose a copy group"),
        ({"action": "copy_groups", "add": {"a": 1}, "uids": "OWN"}, "list of them"),
        ({"action": "transition", "transition": "validate", "uids": "HIDDEN"}, "Unknown or hidden"),
    ],
)
def test_bad_input_is_a_400_and_changes_nothing(site, data, says):
    portal, college, services, proposed = site
    hidden = make_item(college, "creator_trav", services["travaux"], title="Travaux")
    transition(hidden, "creator_trav", "propose")
    if data.get("uids") == "OWN":
        data["uids"] = uids(proposed)
    elif data.get("uids") == "HIDDEN":
        data["uids"] = uids(proposed) + [hidden.UID()]
    response = post(portal, "reviewer_fin", **data)
    assert response.status_code == 400, response.text
    assert says in response.json()["error"]["message"]
    transaction.begin()
    assert {state(item) for item in proposed} == {"proposed"}


def test_not_json_and_anonymous(site):
    portal, college, services, proposed = site
    session = rest(portal, "reviewer_fin")
    response = session.post("@delib-batch", data="validate them all")
    assert response.status_code == 400 and "JSON" in response.json()["error"]["message"]
    anonymous = rest(portal).post(
        "@delib-batch", json={"action": "transition", "uids": uids(proposed)}
    )
    assert anonymous.status_code == 401
