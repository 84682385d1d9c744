"""The demo site as ``make start`` builds it, served over HTTP, for the persona tests.

``DemoLayer`` runs the same code as ``iasolutions create-site commune --profile
commune --all-modules --demo`` (``iasolutions.policy.sites.create_site``): a new
Plone site ``commune`` (French, Europe/Brussels, Barceloneta), the policy, every
module's default profile, the commune organisation profile, then the demo profile
with every module's demo data. It is set up once for all the persona tests.

Resources: ``demo_site_id`` and ``demo_users``, the ids of the users the demo
created (the users of the site after the demo minus those before it): a new
module's demo users are walked without touching the tests.
"""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from AccessControl.users import system
from iasolutions.core.modules import all_modules
from iasolutions.policy import sites
from iasolutions.policy.testing import SUITE_ZCML_FIXTURE
from plone.app.testing import FunctionalTesting
from plone.app.testing import PloneSandboxLayer
from plone.testing import zope as zope_testing
from zope.component.hooks import setSite


SITE_ID = "commune"


def user_ids(site):
    return {user["userid"] for user in site.acl_users.searchUsers()}


class DemoLayer(PloneSandboxLayer):
    defaultBases = (SUITE_ZCML_FIXTURE,)

    def setUpPloneSite(self, portal):
        app = portal.getPhysicalRoot()
        previous = getSecurityManager()
        newSecurityManager(None, system)  # as the command line does
        try:
            modules = [module.id for module in all_modules()]
            site = sites.create_site(app, SITE_ID, "Commune de Démo", "commune", modules=modules)
            before = user_ids(site)
            site.portal_setup.runAllImportStepsFromProfile("profile-" + sites.DEMO_PROFILE)
            self["demo_users"] = sorted(user_ids(site) - before)
            self["demo_site_id"] = SITE_ID
        finally:
            setSecurityManager(previous)
            setSite(portal)


class DemoFunctionalTesting(FunctionalTesting):
    def testSetUp(self):
        super().testSetUp()
        # A test database caches 400 objects a connection: every page would load the
        # site again. An instance caches 30000 (zope.conf), so does the demo layer.
        self["zodbDB"].setCacheSize(30000)


DEMO_FIXTURE = DemoLayer(name="DemoFixture", module=__name__)
DEMO_FUNCTIONAL_TESTING = DemoFunctionalTesting(
    bases=(DEMO_FIXTURE, zope_testing.WSGI_SERVER_FIXTURE), name="IASolutions:Demo:Functional"
)
