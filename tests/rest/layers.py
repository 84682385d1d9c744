"""The layer of the REST tests: the site ``iasolutions create-site --all-modules --demo``
builds, served over real HTTP."""

from iasolutions.policy.testing import SuiteLayer
from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.testing import zope as zope_testing


class DemoSuiteLayer(SuiteLayer):
    """The site ``iasolutions create-site --all-modules --demo`` builds."""

    def setUpPloneSite(self, portal):
        super().setUpPloneSite(portal)
        applyProfile(portal, "iasolutions.policy:demo")


DEMO_FIXTURE = DemoSuiteLayer(["iasolutions.delib:default", "iasolutions.mail:default"],
                              name="DemoSuiteFixture", module=__name__)
DEMO_FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(DEMO_FIXTURE, zope_testing.WSGI_SERVER_FIXTURE), name="IASolutions:Demo:Functional")
