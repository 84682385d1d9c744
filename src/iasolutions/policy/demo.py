"""Demo data of the trunk: users, external contacts (core.demo); then each installed
module's demo."""

from iasolutions.core.demo import create_demo_contacts
from iasolutions.core.modules import installed_modules
from iasolutions.core.setuphandlers import CONTACTS_MANAGERS
from iasolutions.core.users import ensure_user
from plone import api


DEMO_PASSWORD = "demo1234"

TRUNK_USERS = [
    # user id, full name, global roles, groups
    ("siteadmin", "Sophie Admin", ["Site Administrator"], []),
    ("contacts", "Claude Contacts", [], [CONTACTS_MANAGERS]),
]


def post_install(context):
    for userid, fullname, roles, groups in TRUNK_USERS:
        ensure_user(userid, fullname, DEMO_PASSWORD, roles=roles, groups=groups)
    create_demo_contacts()
    setup = api.portal.get_tool("portal_setup")
    for module in installed_modules():
        if module.demo_profile:
            setup.runAllImportStepsFromProfile("profile-" + module.demo_profile)
