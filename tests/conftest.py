"""pytest fixtures for the suite's plone.app.testing layers (via pytest-plone)."""

import os


# zope.i18n reads these when imported: compile the .po files and know our languages.
os.environ.setdefault("zope_i18n_compile_mo_files", "true")
os.environ.setdefault("zope_i18n_allowed_languages", "fr en nl de")

from iasolutions.policy import testing  # noqa: E402
from tests.browser import browser  # noqa: E402,F401  (fixtures for every module)
from tests.browser import chromium_driver  # noqa: E402,F401
from tests.layers import LAYERS  # noqa: E402
from tests.layers import register  # noqa: E402

from tests.helpers import site_as_manager  # noqa: E402

import pytest  # noqa: E402


pytest_plugins = ["pytest_plone"]

globals().update(register(
    bare=testing.SUITE_ZCML_INTEGRATION_TESTING,
    integration=testing.TRUNK_INTEGRATION_TESTING,
    functional=testing.TRUNK_FUNCTIONAL_TESTING,
))


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session, config, items):
    """Tell zope.pytestlayer the layer of each test (see tests/layers.py)."""
    for item in items:
        used = [name for name in LAYERS if name in getattr(item, "fixturenames", ())]
        if len(used) > 1:
            raise pytest.UsageError(f"{item.nodeid} uses several layers: {used}")
        if used:
            item.layer = LAYERS[used[0]]


@pytest.fixture
def bare_portal(bare):
    return bare["portal"]


@pytest.fixture
def portal(integration):
    """The trunk's site; the test sets up as a Manager and acts as users with ``as_user``."""
    return site_as_manager(integration)


@pytest.fixture
def functional_portal(functional):
    return site_as_manager(functional)
