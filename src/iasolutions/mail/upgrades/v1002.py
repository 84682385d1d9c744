"""1002: deleting mails from the dashboards (administrators only).

The new permission's roles come from ``rolemap.xml``; the dashboards are set
up again to get the "Supprimer" button (the table shows it to whom may use it).
"""

from iasolutions.mail.dashboards import setup_dashboards
from plone import api


def upgrade(context):
    setup = api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile(
        "profile-iasolutions.mail:default", "rolemap", run_dependencies=False
    )
    setup_dashboards()
