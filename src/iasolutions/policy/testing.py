"""Test layers of the suite (plone.app.testing), used by ``tests/``.

- ``SUITE_ZCML_FIXTURE``: Plone with the suite's ZCML, nothing installed.
- ``TRUNK_FIXTURE``: the trunk installed with the commune profile, plus a
  test module giving services two functions (``editeur``, ``lecteur``).
- ``SuiteLayer``: the trunk, module profiles and an organisation profile.
- ``DEMO_FIXTURE``: the demo site ``commune`` exactly as ``make start`` builds it
  (every module, the commune profile, the demo data), and beside it the demo site of
  every other organisation profile (``cpas``, ``zone-de-police``, ``seneffe``), for the
  persona walk, the accessibility check, the REST robustness tests and the home page
  of every user.
"""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from AccessControl.users import system
from Acquisition import aq_base
from iasolutions.core.interfaces import IModule
from iasolutions.core.modules import Function
from iasolutions.core.modules import Module
from iasolutions.core.modules import all_modules
from iasolutions.policy import sites
import os
from plone.app.testing import PLONE_FIXTURE
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PloneSandboxLayer
from plone.app.testing import applyProfile
from plone.testing import zope as zope_testing
from zope.component import provideUtility
from zope.component.hooks import setSite
from zope.globalrequest import getRequest
from zope.globalrequest import setRequest


TEST_MODULE = Module(
    id="testing",
    title="Test module",
    profile="iasolutions.core:default",
    functions=(Function("editeur", "Éditeur"), Function("lecteur", "Lecteur")),
)


class SuiteZCMLLayer(PloneSandboxLayer):
    defaultBases = (PLONE_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        import eea.facetednavigation
        import iasolutions.policy
        import plone.restapi

        self.loadZCML(package=plone.restapi)
        self.loadZCML(package=eea.facetednavigation)
        self.loadZCML(package=iasolutions.policy)
        # as Plone loads add-ons' overrides.zcml after every configure.zcml
        self.loadZCML(name="overrides.zcml", package=iasolutions.policy)


SUITE_ZCML_FIXTURE = SuiteZCMLLayer()
SUITE_ZCML_INTEGRATION_TESTING = IntegrationTesting(
    bases=(SUITE_ZCML_FIXTURE,), name="IASolutions:SuiteZCML:Integration"
)


class TrunkLayer(PloneSandboxLayer):
    defaultBases = (SUITE_ZCML_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        provideUtility(TEST_MODULE, IModule, name=TEST_MODULE.id)

    def setUpPloneSite(self, portal):
        portal.setTitle("Commune de Démo")
        applyProfile(portal, "iasolutions.policy:default")
        applyProfile(portal, "iasolutions.policy:commune")


TRUNK_FIXTURE = TrunkLayer()
TRUNK_INTEGRATION_TESTING = IntegrationTesting(
    bases=(TRUNK_FIXTURE,), name="IASolutions:Trunk:Integration"
)
TRUNK_FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(TRUNK_FIXTURE, zope_testing.WSGI_SERVER_FIXTURE), name="IASolutions:Trunk:Functional"
)


class SuiteLayer(PloneSandboxLayer):
    """A site with the trunk, module profiles and an organisation profile.

    Modules build their test layers with it, e.g.::

        DELIB_FIXTURE = SuiteLayer(["iasolutions.delib:default"], name="DelibFixture",
                                   module=__name__)
    """

    defaultBases = (SUITE_ZCML_FIXTURE,)

    def __init__(self, profiles, organisation="commune", bases=None, name=None, module=None):
        super().__init__(bases=bases, name=name, module=module)
        self.profiles = list(profiles)
        self.organisation = organisation

    def setUpPloneSite(self, portal):
        portal.setTitle("Commune de Démo")
        applyProfile(portal, "iasolutions.policy:default")
        for profile in self.profiles:
            applyProfile(portal, profile)
        applyProfile(portal, f"iasolutions.policy:{self.organisation}")


SITE_ID = "commune"
# The demo site of each organisation profile, as ``create-site <profile> --all-modules
# --demo`` builds it: (site id, title). IASOLUTIONS_DEMO_PROFILES (comma-separated)
# builds only some of them, e.g. while working on one profile.
DEMO_SITES = {
    "commune": (SITE_ID, "Commune de Démo"),
    "cpas": ("cpas", "CPAS de Démo"),
    "zone-de-police": ("zone-de-police", "Zone de police de Démo"),
    "seneffe": ("seneffe", "Ville de Seneffe"),
}


def demo_profiles():
    wanted = os.environ.get("IASOLUTIONS_DEMO_PROFILES")
    names = wanted.split(",") if wanted else list(DEMO_SITES)
    return [name for name in DEMO_SITES if name in names]


def user_ids(site):
    return {user["userid"] for user in site.acl_users.searchUsers()}


class DemoLayer(PloneSandboxLayer):
    """The demo site of every organisation profile in one Zope application:
    ``demo_sites`` maps each profile to its site id, its demo users and the demo steps
    that failed; ``demo_users`` and ``demo_site_id`` are the commune's."""

    defaultBases = (SUITE_ZCML_FIXTURE,)

    def setUpPloneSite(self, portal):
        root = aq_base(portal.getPhysicalRoot())
        previous, previous_request = getSecurityManager(), getRequest()
        newSecurityManager(None, system)  # as the command line does
        modules = [module.id for module in all_modules()]
        self["demo_sites"] = {}
        try:
            for profile in demo_profiles():
                # a request of its own, as each command line has: the modules cache
                # what they found of a site in the request
                app = zope_testing.addRequestContainer(root)
                setRequest(app.REQUEST)
                site_id, title = DEMO_SITES[profile]
                site = sites.create_site(app, site_id, title, profile, modules=modules)
                before = user_ids(site)
                failures = sites.add_demo(site)
                self["demo_sites"][profile] = {
                    "site_id": site_id,
                    "users": sorted(user_ids(site) - before),
                    "failures": failures,
                }
            first = next(iter(self["demo_sites"].values()))
            self["demo_users"] = first["users"]
            self["demo_site_id"] = first["site_id"]
        finally:
            setSecurityManager(previous)
            setRequest(previous_request)
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


# The modules' own layers: the trunk, the module, the commune profile (a module's tests
# use them through tests/<module>/conftest.py; a module never imports the policy).
DELIB_FIXTURE = SuiteLayer(["iasolutions.delib:default"], name="DelibFixture", module=__name__)
DELIB_INTEGRATION_TESTING = IntegrationTesting(
    bases=(DELIB_FIXTURE,), name="IASolutions:Delib:Integration"
)
DELIB_FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(DELIB_FIXTURE, zope_testing.WSGI_SERVER_FIXTURE), name="IASolutions:Delib:Functional"
)
MAIL_FIXTURE = SuiteLayer(["iasolutions.mail:default"], name="MailFixture", module=__name__)
MAIL_INTEGRATION_TESTING = IntegrationTesting(
    bases=(MAIL_FIXTURE,), name="IASolutions:Mail:Integration"
)
MAIL_FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(MAIL_FIXTURE, zope_testing.WSGI_SERVER_FIXTURE), name="IASolutions:Mail:Functional"
)
# Both modules: what passes from one to the other (iasolutions.core.links).
MAIL_DELIB_FIXTURE = SuiteLayer(
    ["iasolutions.mail:default", "iasolutions.delib:default"],
    name="MailDelibFixture",
    module=__name__,
)
MAIL_DELIB_FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(MAIL_DELIB_FIXTURE, zope_testing.WSGI_SERVER_FIXTURE),
    name="IASolutions:MailDelib:Functional",
)
