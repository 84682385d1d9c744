"""Fixtures of the mail module's tests: its layers, its users, helpers."""

from iasolutions.mail import testing
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from tests.layers import register

import pytest


globals().update(register(
    mail=testing.MAIL_INTEGRATION_TESTING,
    mail_functional=testing.MAIL_FUNCTIONAL_TESTING,
))


@pytest.fixture
def mail_portal(mail):
    """The mail site; the test sets up as a Manager, then acts as the users concerned."""
    portal = mail["portal"]
    setRoles(portal, TEST_USER_ID, ["Manager"])
    return portal


@pytest.fixture
def mail_functional_portal(mail_functional):
    portal = mail_functional["portal"]
    setRoles(portal, TEST_USER_ID, ["Manager"])
    return portal
