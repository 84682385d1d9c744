"""Demo data of the trunk: users, external contacts (core.demo); then each installed
module's demo.

Each step runs in a savepoint: a step that fails (a module's demo that does not fit
the organisation profile…) is rolled back whole, reported in one line, and the
other steps still run, so the site keeps either a module's whole demo or none of it.
"""

from iasolutions.core.demo import create_demo_contacts
from iasolutions.core.modules import installed_modules
from iasolutions.core.setuphandlers import CONTACTS_MANAGERS
from iasolutions.core.users import ensure_user
import logging
from plone import api
from Products.CMFCore.indexing import getQueue
from Products.CMFCore.indexing import processQueue
import transaction


logger = logging.getLogger("iasolutions.policy")

DEMO_PASSWORD = "demo1234"

TRUNK_USERS = [
    # user id, full name, global roles, groups
    ("siteadmin", "Sophie Admin", ["Site Administrator"], []),
    ("contacts", "Claude Contacts", [], [CONTACTS_MANAGERS]),
]


def post_install(context):
    run_demo()


def trunk_demo():
    for userid, fullname, roles, groups in TRUNK_USERS:
        ensure_user(userid, fullname, DEMO_PASSWORD, roles=roles, groups=groups)
    create_demo_contacts()


def demo_steps():
    """[(title, function)]: the trunk's demo, then each installed module's."""
    setup = api.portal.get_tool("portal_setup")
    steps = [("iA.Solutions", trunk_demo)]
    for module in installed_modules():
        if module.demo_profile:
            profile = "profile-" + module.demo_profile
            steps.append(
                (module.title, lambda profile=profile: setup.runAllImportStepsFromProfile(profile))
            )
    return steps


def run_demo():
    """Run every demo step; returns one line for each step that failed (rolled back)."""
    failures = []
    for title, step in demo_steps():
        processQueue()  # what is indexed before the step stays indexed
        savepoint = transaction.savepoint()
        try:
            step()
            processQueue()
        except Exception as error:
            savepoint.rollback()
            getQueue().clear()  # nothing indexed for the content rolled back
            failures.append(failure_line(title, error))
            logger.warning(failures[-1])
            logger.debug("The demo step failed", exc_info=True)  # the details, when asked
    return failures


def failure_line(title, error):
    what = (str(error).strip().splitlines() or [""])[0]
    return f"Demo data of {title} not created: {type(error).__name__}: {what}"
