"""1006: the folders an agent meets in the breadcrumbs open.

The deliberations folder and each configuration's folder hold the dashboards that
every agent may open, yet refused the agents who are not in the module: the link of
the breadcrumbs led to "Privilèges insuffisants". The configurations' folder showed
``folder_contents``, which only managers may use; it shows a listing now.
"""

from plone import api


FOLDER_WORKFLOW = "iasolutions_delib_folder_workflow"
OPEN_TO_MEMBERS = ("View", "Access contents information")


def open_folders_to_agents():
    workflow = api.portal.get_tool("portal_workflow")[FOLDER_WORKFLOW]
    for state in workflow.states.objectValues():
        for permission in OPEN_TO_MEMBERS:
            roles = state.getPermissionInfo(permission)["roles"]
            if "Member" not in roles:
                state.setPermission(permission, False, sorted([*roles, "Member"]))
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="MeetingFolder"):
        folder = brain._unrestrictedGetObject()
        workflow.updateRoleMappingsFor(folder)
        folder.reindexObjectSecurity()


def list_the_configurations():
    fti = api.portal.get_tool("portal_types")["MeetingConfigFolder"]
    fti.manage_changeProperties(default_view="listing_view", view_methods=("listing_view",))


def upgrade(context):
    open_folders_to_agents()
    list_the_configurations()
