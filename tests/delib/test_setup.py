from iasolutions.delib.meetingconfigs import get_configs
from plone import api


def test_commune_configs(delib_portal):
    ids = [cfg.getId() for cfg in get_configs()]
    assert ids == ["meeting-config-college", "meeting-config-council"]
    types_tool = api.portal.get_tool("portal_types")
    assert "MeetingItemCollege" in types_tool and "MeetingCouncil" in types_tool
    wf_tool = api.portal.get_tool("portal_workflow")
    assert wf_tool.getChainForPortalType("MeetingItemCollege") == (
        "meeting-config-college__meetingitem_workflow",)
