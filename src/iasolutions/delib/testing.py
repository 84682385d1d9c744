"""Test layers of the deliberations module: the trunk, the module, the commune profile."""

from iasolutions.policy.testing import SuiteLayer
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.testing import zope as zope_testing


DELIB_FIXTURE = SuiteLayer(["iasolutions.delib:default"], name="DelibFixture", module=__name__)
DELIB_INTEGRATION_TESTING = IntegrationTesting(
    bases=(DELIB_FIXTURE,), name="IASolutions:Delib:Integration"
)
DELIB_FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(DELIB_FIXTURE, zope_testing.WSGI_SERVER_FIXTURE), name="IASolutions:Delib:Functional"
)
