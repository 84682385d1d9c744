"""Helpers for the modules' upgrade steps."""

from plone import api


def grant_in_workflow(workflow_id, permission, roles):
    """Have ``workflow_id`` manage ``permission`` (not acquired) and give it to ``roles``
    in every state, in addition to the roles it has there; then update the objects
    of the types bound to the workflow, as GenericSetup does when a definition.xml
    gains a permission."""
    tool = api.portal.get_tool("portal_workflow")
    workflow = tool[workflow_id]
    if permission not in workflow.permissions:
        workflow.permissions = (*workflow.permissions, permission)
    for state in workflow.states.objectValues():
        current = set(state.getPermissionInfo(permission)["roles"] or ())
        state.setPermission(permission, False, sorted(current | set(roles)))
    types = [
        portal_type for portal_type, chain in tool.listChainOverrides() if workflow_id in chain
    ]
    types += [
        fti.getId()
        for fti in api.portal.get_tool("portal_types").objectValues()
        if workflow_id in (tool.getChainForPortalType(fti.getId()) or ())
    ]
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type=sorted(set(types))):
        obj = brain._unrestrictedGetObject()
        workflow.updateRoleMappingsFor(obj)
        obj.reindexObjectSecurity()
