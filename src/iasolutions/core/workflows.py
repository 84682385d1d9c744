"""What the screens of every module say about workflow states."""

from iasolutions.core.caching import request_cached
from plone import api
from zope.globalrequest import getRequest
from zope.i18n import translate


@request_cached()
def state_title(portal_type, state):
    """The translated title of ``state`` in the workflow of ``portal_type`` (the
    state's id when no workflow of the type has it)."""
    if not state:
        return ""
    workflow_tool = api.portal.get_tool("portal_workflow")
    for workflow_id in workflow_tool.getChainForPortalType(portal_type):
        found = workflow_tool[workflow_id].states.get(state)
        if found is not None:
            return translate(found.title or state, domain="plone", context=getRequest())
    return state
