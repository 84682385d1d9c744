"""The REST tests of the whole suite: one functional layer, a site with every module
and the demo data of README.rst (users, contacts, items, meetings, mails), served
over real HTTP."""

from tests.helpers import site_as_manager
from tests.layers import register
from tests.rest.layers import DEMO_FUNCTIONAL_TESTING

import pytest


globals().update(register(demo_functional=DEMO_FUNCTIONAL_TESTING))

@pytest.fixture
def demo_portal(demo_functional):
    """The demo site; the test user is a Manager to set up, REST calls act as the users."""
    return site_as_manager(demo_functional)
