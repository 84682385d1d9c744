"""Fixtures of the policy's tests: the demo site (every module and its demo data)."""

from iasolutions.policy import testing
from tests.helpers import site_as_manager
from tests.layers import register

import pytest


globals().update(register(demo_functional=testing.DEMO_FUNCTIONAL_TESTING))


@pytest.fixture
def demo_portal(demo_functional):
    """The demo site served over HTTP; demo users log in with ``demo1234``."""
    return site_as_manager(demo_functional)
