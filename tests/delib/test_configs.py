"""Meeting configurations: what the organisation profiles create, generation, changes."""

from iasolutions.core import counters
from iasolutions.delib.meetingconfigs import get_configs
from iasolutions.delib.workflows import WorkflowChangeRefused
from iasolutions.delib.workflows import item_workflow_spec
from iasolutions.policy import sites
from plone import api
from plone.app.testing import applyProfile
import pytest
from tests.delib.helpers import can
from tests.delib.helpers import make_item
from tests.delib.helpers import state
from tests.delib.helpers import transition
from tests.delib.helpers import transitions_of


def test_commune_configs(delib_portal, college, council):
    assert [cfg.getId() for cfg in get_configs()] == [
        "meeting-config-college",
        "meeting-config-council",
    ]
    assert college.shortName == "College" and council.shortName == "Council"
    assert college.itemReferenceFormat == "COL/{year}/{number}"
    assert council.itemReferenceFormat == "CC/{year}/{number}"
    types_tool = api.portal.get_tool("portal_types")
    for type_id in ("MeetingItemCollege", "MeetingCollege", "MeetingItemCouncil", "MeetingCouncil"):
        assert type_id in types_tool
    wf_tool = api.portal.get_tool("portal_workflow")
    assert wf_tool.getChainForPortalType("MeetingItemCouncil") == (
        "meeting-config-council__meetingitem_workflow",
    )
    for group in (
        "meeting-config-college_meetingmanagers",
        "meeting-config-college_powerobservers",
    ):
        assert api.group.get(groupname=group) is not None
    assert council.insertingMethodsOnAddItem == [
        "on_privacy",
        "on_list_type",
        "on_proposing_groups",
    ]


def test_commune_workflow_has_the_seven_adaptations(college):
    states, transitions = item_workflow_spec(college)
    assert states == {
        "itemcreated",
        "proposed",
        "validated",
        "presented",
        "itemfrozen",
        "accepted",
        "accepted_but_modified",
        "pre_accepted",
        "refused",
        "delayed",
        "returned_to_proposing_group",
    }
    assert "itempublish" not in transitions and "prevalidate" not in transitions
    meeting_wf = api.portal.get_tool("portal_workflow")[college.getMeetingWorkflow()]
    assert set(meeting_wf.states.objectIds()) == {"created", "frozen", "decided", "closed"}


def test_a_config_change_keeps_states_and_reapplies_roles(college, council, services, users):
    item = make_item(college, "creator_fin", services["finances"], category="administration")
    transition(item, "creator_fin", "propose")
    other = make_item(council, "creator_fin", services["finances"])
    council_wf = api.portal.get_tool("portal_workflow")[council.getItemWorkflow()]
    council_states = set(council_wf.states.objectIds())
    # Adding a validation level between proposed and validated
    college.itemWFValidationLevels = ["itemcreated", "proposed", "proposedToValidationLevel1"]
    from zope.event import notify
    from zope.lifecycleevent import ObjectModifiedEvent

    notify(ObjectModifiedEvent(college))
    assert state(item) == "proposed"
    assert transitions_of(item, "reviewer_fin") == [
        "backToItemCreated",
        "proposeToValidationLevel1",
    ]
    # The other configuration is untouched.
    assert (
        set(api.portal.get_tool("portal_workflow")[council.getItemWorkflow()].states.objectIds())
        == council_states
    )
    assert state(other) == "itemcreated"
    # Removing a level some item is in is refused with a message.
    transition(item, "reviewer_fin", "proposeToValidationLevel1")
    college.itemWFValidationLevels = ["itemcreated", "proposed"]
    with pytest.raises(WorkflowChangeRefused):
        notify(ObjectModifiedEvent(college))


def test_only_creator_may_delete(college, services, users):
    from tests.helpers import create_user

    create_user("creator_fin2", groups=[f"{services['finances']}_creators"])
    item = make_item(college, "creator_fin", services["finances"])
    assert can("creator_fin", "Delete objects", item)
    assert not can("creator_fin2", "Delete objects", item)
    assert can("creator_fin2", "Modify portal content", item)


@pytest.mark.parametrize(
    "profile,expected",
    [
        (
            "cpas",
            {
                "meeting-config-bp": ("BP", "BP/{year}/{number}"),
                "meeting-config-cas": ("CAS", "CAS/{year}/{number}"),
            },
        ),
        (
            "zone-de-police",
            {
                "meeting-config-zcollege": ("ZCollege", "COL/{year}/{number}"),
                "meeting-config-zcouncil": ("ZCouncil", "CONSEIL/{year}/{number}"),
            },
        ),
    ],
)
def test_other_organisation_profiles(delib_portal, profile, expected):
    sites.apply_organisation_profile(delib_portal, profile)
    configs = {cfg.getId(): cfg for cfg in get_configs()}
    for cfg_id, (short_name, reference) in expected.items():
        cfg = configs[cfg_id]
        assert cfg.shortName == short_name
        assert counters.get_definition(cfg_id).format == reference
        assert f"MeetingItem{short_name}" in api.portal.get_tool("portal_types")


def test_seneffe_adds_a_prevalidation_level(delib_portal, college, services, users):
    from tests.helpers import create_user

    applyProfile(delib_portal, "iasolutions.policy:seneffe")
    states, transitions = item_workflow_spec(college)
    assert {"itemcreated", "proposed", "prevalidated", "validated"} <= states
    create_user("prereviewer_fin", groups=[f"{services['finances']}_prereviewers"])
    item = make_item(college, "creator_fin", services["finances"])
    transition(item, "creator_fin", "propose")
    assert transitions_of(item, "prereviewer_fin") == ["backToItemCreated", "prevalidate"]
    assert not can("reviewer_fin", "View", item)  # a later level sees nothing yet
    transition(item, "prereviewer_fin", "prevalidate")
    assert can("prereviewer_fin", "View", item)
    assert not can("prereviewer_fin", "Modify portal content", item)
    assert transitions_of(item, "reviewer_fin") == ["backToProposed", "validate"]


def test_applying_the_profile_twice_changes_nothing(delib_portal, college):
    before = (
        college.itemWFValidationLevels,
        len(college.objectIds()),
        sorted(api.portal.get_tool("portal_types").objectIds()),
    )
    applyProfile(delib_portal, "iasolutions.policy:commune")
    after = (
        college.itemWFValidationLevels,
        len(college.objectIds()),
        sorted(api.portal.get_tool("portal_types").objectIds()),
    )
    assert before == after


def test_a_new_service_creates_items_at_once(delib_portal, college, users):
    from iasolutions.core.services import add_service
    from tests.helpers import create_user

    service = add_service("Culture", acronym="CULT")
    create_user("creator_cult", groups=[f"{service.UID()}_creators"])
    item = make_item(college, "creator_cult", service.UID(), title="Festival d'été")
    assert state(item) == "itemcreated"
    assert can("creator_cult", "Modify portal content", item)
    assert not can("creator_fin", "View", item)


def test_short_names_are_unique_and_stay(delib_portal, college, services, users):
    from zExceptions import BadRequest
    from zope.event import notify
    from zope.lifecycleevent import ObjectModifiedEvent

    with pytest.raises(BadRequest, match="already used by meeting-config-college"):
        api.content.create(
            container=delib_portal["meeting-configs"],
            type="MeetingConfig",
            id="meeting-config-copy",
            title="Copie",
            shortName="College",
        )
    make_item(college, "creator_fin", services["finances"])
    college.shortName = "Colleges"
    with pytest.raises(BadRequest, match="cannot change"):
        notify(ObjectModifiedEvent(college))
