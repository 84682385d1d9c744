"""Test layers of the suite (plone.app.testing), used by ``tests/``.

- ``SUITE_ZCML_FIXTURE``: Plone with the suite's ZCML, nothing installed.
- ``TRUNK_FIXTURE``: the trunk installed with the commune profile, plus a
  test module giving services two functions (``editeur``, ``lecteur``).
"""

from iasolutions.core.interfaces import IModule
from iasolutions.core.modules import Function
from iasolutions.core.modules import Module
from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PLONE_FIXTURE
from plone.app.testing import PloneSandboxLayer
from plone.testing import zope as zope_testing
from zope.component import provideUtility


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


class DemoLayer(SuiteLayer):
    """The demo site as ``iasolutions create-site --all-modules --demo`` makes it: every
    module, the commune profile, then the demo profile (the trunk's and each module's)."""

    def setUpPloneSite(self, portal):
        super().setUpPloneSite(portal)
        applyProfile(portal, "iasolutions.policy:demo")


DEMO_FIXTURE = DemoLayer(["iasolutions.delib:default", "iasolutions.mail:default"],
                         name="DemoFixture", module=__name__)
DEMO_FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(DEMO_FIXTURE, zope_testing.WSGI_SERVER_FIXTURE), name="IASolutions:Demo:Functional"
)
