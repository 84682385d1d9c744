"""1005: a task sent to be assigned goes on to "to do" (``auto_do_to_do``),
as in the reference where tasks have no service validation; the dashboards'
state filter lists the states by their titles.

Only the task workflow gets a transition; no state changes its permissions,
so no object needs its role mappings updated.
"""

from iasolutions.mail.dashboards import setup_dashboards
from plone import api


def upgrade(context):
    setup = api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile(
        "profile-iasolutions.mail:default", "workflow", run_dependencies=False
    )
    setup_dashboards()
