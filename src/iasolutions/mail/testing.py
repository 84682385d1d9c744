"""Test layers of the mail module: the trunk, the mail module, the commune profile."""

from iasolutions.policy.testing import SuiteLayer
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.testing import zope as zope_testing


MAIL_FIXTURE = SuiteLayer(["iasolutions.mail:default"], name="MailFixture", module=__name__)
MAIL_INTEGRATION_TESTING = IntegrationTesting(
    bases=(MAIL_FIXTURE,), name="IASolutions:Mail:Integration"
)
MAIL_FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(MAIL_FIXTURE, zope_testing.WSGI_SERVER_FIXTURE), name="IASolutions:Mail:Functional"
)
