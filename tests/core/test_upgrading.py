"""The helper of the modules' upgrade steps."""

from iasolutions.core.upgrading import grant_in_workflow
from plone import api


def test_grant_in_workflow_adds_the_permission_and_updates_the_objects(portal):
    workflow = api.portal.get_tool("portal_workflow")["iasolutions_contact_workflow"]
    assert "Add portal content" not in workflow.permissions
    contacts = portal["contacts"]
    grant_in_workflow("iasolutions_contact_workflow", "Add portal content", ["Reviewer"])
    assert "Add portal content" in workflow.permissions
    for state in workflow.states.objectValues():
        assert "Reviewer" in state.getPermissionInfo("Add portal content")["roles"]
    roles = {r["name"] for r in contacts.rolesOfPermission("Add portal content") if r["selected"]}
    assert "Reviewer" in roles
    # again: nothing more, the roles already there stay
    grant_in_workflow("iasolutions_contact_workflow", "Add portal content", ["Editor"])
    state = workflow.states.objectValues()[0]
    assert {"Reviewer", "Editor"} <= set(state.getPermissionInfo("Add portal content")["roles"])
