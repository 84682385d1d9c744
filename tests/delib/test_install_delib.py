"""The module installs alone on a site with the core, and uninstalls keeping user data."""

from datetime import UTC
from iasolutions.delib.module import FUNCTION_IDS
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles
from Products.CMFPlone.utils import get_installer


CURRENT = "1008"  # the profile version of this code


def test_installs_alone_with_the_core_then_uninstalls(bare_portal, bare):
    site = bare_portal
    setRoles(site, TEST_USER_ID, ["Manager"])
    installer = get_installer(site, bare["request"])
    installer.install_product("iasolutions.core")
    from iasolutions.core.services import add_service

    service = add_service("Finances", acronym="FIN")
    installer.install_product("iasolutions.delib")
    assert installer.is_product_installed("iasolutions.delib")
    uid = service.UID()
    for function_id in FUNCTION_IDS:
        assert api.group.get(groupname=f"{uid}_{function_id}") is not None
    assert "meeting-configs" in site and "deliberations" in site and "publications" in site
    # A configuration made by hand gets its types and workflows.
    cfg = api.content.create(
        container=site["meeting-configs"],
        type="MeetingConfig",
        id="meeting-config-bureau",
        title="Bureau",
        shortName="Bureau",
    )
    assert "MeetingItemBureau" in api.portal.get_tool("portal_types")
    assert api.portal.get_tool("portal_workflow").getChainForPortalType("MeetingItemBureau") == (
        "meeting-config-bureau__meetingitem_workflow",
    )
    installer.uninstall_product("iasolutions.delib")
    assert not installer.is_product_installed("iasolutions.delib")
    assert api.group.get(groupname=f"{uid}_creators") is None
    assert "meeting-configs" in site and cfg.getId() in site["meeting-configs"]


def test_a_refused_configuration_change_over_rest(delib_functional_portal):
    from tests.delib.helpers import create_delib_users
    from tests.delib.helpers import make_item
    from tests.delib.helpers import transition
    from tests.helpers import rest

    portal = delib_functional_portal
    services = {b.getId: b.UID for b in api.content.find(portal_type="organization")}
    create_delib_users(services)
    college = portal["meeting-configs"]["meeting-config-college"]
    item = make_item(college, "creator_fin", services["finances"])
    transition(item, "creator_fin", "propose")
    session = rest(portal, "admin")
    refused = session.patch(
        college.absolute_url(), json={"itemWFValidationLevels": ["itemcreated"]}
    )
    assert refused.status_code == 400, (refused.status_code, refused.json().get("type"))
    assert "proposed" in refused.json()["message"]
    import transaction

    transaction.begin()
    assert college.itemWFValidationLevels == ["itemcreated", "proposed"]
    done = session.patch(
        college.absolute_url(),
        json={
            "workflowAdaptations": [a for a in college.workflowAdaptations if a != "pre_accepted"]
        },
    )
    assert done.status_code == 204, done.text
    transaction.begin()
    assert (
        "pre_accepted"
        not in api.portal.get_tool("portal_workflow")[college.getItemWorkflow()].states.objectIds()
    )
    assert api.content.get_state(item) == "proposed"


def test_upgrade_1001_gives_the_item_dashboards_their_batch_actions(delib_portal, college):
    from iasolutions.delib.dashboards import BATCH_ACTIONS
    from iasolutions.delib.meetingconfigs import folder_of

    profile = "iasolutions.delib:default"
    setup = api.portal.get_tool("portal_setup")
    assert setup.getLastVersionForProfile(profile) == (CURRENT,)
    folder = folder_of(college)
    assert folder["mes-points"].batch_actions == BATCH_ACTIONS
    assert folder["seances"].batch_actions == []
    # A site of the first release: dashboards without buttons.
    folder["mes-points"].batch_actions = []
    setup.setLastVersionForProfile(profile, "1000")
    setup.upgradeProfile(profile)
    assert setup.getLastVersionForProfile(profile) == (CURRENT,)
    assert folder["mes-points"].batch_actions == BATCH_ACTIONS
    assert folder["seances"].batch_actions == []


def test_upgrade_1002_replaces_only_an_unchanged_deliberation_template(
    delib_portal, college, council
):
    from iasolutions.core.odt import OdtBuilder
    from pathlib import Path
    from plone.namedfile.file import NamedBlobFile

    profile = "iasolutions.delib:default"
    setup = api.portal.get_tool("portal_setup")
    # Sites of 1001: the College's template is the default of the time (without a signature
    # block), the Council's was changed by its administrator.
    first_default = (Path(__file__).parent / "data" / "deliberation-1000.odt").read_bytes()
    college["deliberation"].odt_file = NamedBlobFile(first_default, filename="deliberation.odt")
    own = OdtBuilder().title("Notre délibération").to_bytes()
    council["deliberation"].odt_file = NamedBlobFile(own, filename="deliberation.odt")
    setup.setLastVersionForProfile(profile, "1001")
    setup.upgradeProfile(profile)
    assert setup.getLastVersionForProfile(profile) == (CURRENT,)
    from iasolutions.delib.documents import content_checksum
    from iasolutions.delib.documents import deliberation_template

    assert content_checksum(college["deliberation"].odt_file.data) == content_checksum(
        deliberation_template()
    )  # the current default, its signature block included
    assert council["deliberation"].odt_file.data == own


def test_upgrade_1003_gives_items_a_title_for_the_public(delib_portal, college, council):
    from iasolutions.core.odt import OdtBuilder
    from iasolutions.core.odt import odt_text
    from pathlib import Path
    from plone.namedfile.file import NamedBlobFile

    profile = "iasolutions.delib:default"
    setup = api.portal.get_tool("portal_setup")
    # Sites of 1002: no publicTitle field used, the public template of the first release in
    # the College, an administrator's own in the Council.
    college.usedItemAttributes = [a for a in college.usedItemAttributes if a != "publicTitle"]
    first_default = (Path(__file__).parent / "data" / "deliberation-publique-1000.odt").read_bytes()
    college["deliberation-publique"].odt_file = NamedBlobFile(first_default, filename="p.odt")
    own = OdtBuilder().title("Notre version publique").to_bytes()
    council["deliberation-publique"].odt_file = NamedBlobFile(own, filename="p.odt")
    setup.setLastVersionForProfile(profile, "1002")
    setup.upgradeProfile(profile)
    assert setup.getLastVersionForProfile(profile) == (CURRENT,)
    assert college.usedItemAttributes[0] == "publicTitle"
    assert "helper.public_title()" in odt_text(college["deliberation-publique"].odt_file.data)
    assert council["deliberation-publique"].odt_file.data == own


def test_upgrade_1004_add_menu_and_meeting_dates(delib_portal, college, users):
    """Sites of 1003: the College's types keep the base add address, a meeting created
    over REST holds a date with a time zone. 1004 mends both."""
    from datetime import datetime
    from tests.delib.helpers import make_meeting

    api.portal.set_registry_record("plone.portal_timezone", "Europe/Brussels")
    types_tool = api.portal.get_tool("portal_types")
    types_tool["MeetingItemCollege"]._updateProperty(
        "add_view_expr", "string:${folder_url}/++add++MeetingItem"
    )
    types_tool["MeetingCollege"]._updateProperty(
        "add_view_expr", "string:${folder_url}/++add++Meeting"
    )
    meeting = make_meeting(college, date=datetime(2026, 3, 2, 9, 0))
    meeting.__dict__["date"] = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # as 1003 stored
    wf_tool = api.portal.get_tool("portal_workflow")
    for wf_id in ("iasolutions_meetingitem_workflow", college.getItemWorkflow()):
        wf_tool[wf_id].states["itemcreated"].title = "Item created"  # Plone: "Élément créé"
    api.portal.get_tool("portal_actions").object_buttons.manage_delObjects(
        ["delib_add_item_from_template"]
    )
    profile = "iasolutions.delib:default"
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile(profile, "1003")
    setup.upgradeProfile(profile)
    assert setup.getLastVersionForProfile(profile) == (CURRENT,)
    assert types_tool["MeetingItemCollege"].add_view_expr.endswith("/++add++MeetingItemCollege")
    assert types_tool["MeetingCollege"].add_view_expr.endswith("/++add++MeetingCollege")
    assert meeting.date == datetime(2026, 3, 2, 10, 0)
    for wf_id in ("iasolutions_meetingitem_workflow", college.getItemWorkflow()):
        assert wf_tool[wf_id].states["itemcreated"].title == "Item in creation"
    assert "delib_add_item_from_template" in api.portal.get_tool("portal_actions").object_buttons


def test_upgrade_1008_widens_the_item_folders(delib_portal, college):
    from BTrees.OOBTree import OOBTree
    from iasolutions.core.catalog import WideOOBTree
    from iasolutions.delib.meetingconfigs import folder_of
    from iasolutions.delib.upgrades import v1008

    folder = folder_of(college)
    assert type(folder._tree) is WideOOBTree
    folder._tree = OOBTree(folder._tree)  # as 1007 left it
    v1008.upgrade(api.portal.get_tool("portal_setup"))
    assert type(folder._tree) is WideOOBTree
