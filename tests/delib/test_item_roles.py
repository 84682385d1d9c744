"""Local roles of items as state → role tables (core.localroles): sharing is kept."""

from iasolutions.delib.localroles import item_roles
from iasolutions.delib.localroles import proposing_group_table
from plone import api
from tests.delib.helpers import can
from tests.delib.helpers import make_item
from tests.delib.helpers import state
from tests.delib.helpers import transition


def test_the_proposing_group_table_follows_the_levels(college):
    table = proposing_group_table(college)
    assert table["itemcreated"]["creators"] == ("Reader", "Contributor", "Editor", "Reviewer")
    assert "reviewers" not in table["itemcreated"]
    assert table["proposed"]["creators"] == ("Reader", "Contributor")
    assert table["*"] == {
        "creators": ("Reader",),
        "reviewers": ("Reader",),
        "observers": ("Reader",),
    }


def test_item_roles_computed_from_the_tables(college, services, users):
    item = make_item(college, "creator_fin", services["finances"])
    fin = services["finances"]
    assert item_roles(item, college, "proposed")[f"{fin}_reviewers"] == {
        "Reader",
        "Contributor",
        "Editor",
        "Reviewer",
    }
    validated = item_roles(item, college, "validated")
    assert validated[f"{fin}_creators"] == {"Reader"}
    assert validated["meeting-config-college_meetingmanagers"] == {"Reader", "MeetingManager"}


def test_sharing_given_by_hand_survives_transitions(college, services, users):
    item = make_item(college, "creator_fin", services["finances"])
    assert not can("creator_trav", "View", item)
    item.manage_setLocalRoles("creator_trav", ["Reader"])  # the Sharing tab
    item.reindexObjectSecurity()
    assert transition(item, "creator_fin", "propose") == "proposed"
    assert transition(item, "reviewer_fin", "validate") == "validated"
    assert state(item) == "validated"
    assert item.get_local_roles_for_userid("creator_trav") == ("Reader",)
    assert can("creator_trav", "View", item)
    # the rules' roles still follow the state: the creators only read now
    creators = f"{services['finances']}_creators"
    assert set(item.get_local_roles_for_userid(creators)) == {"Reader"}
    assert api.content.get_state(item) == "validated"
