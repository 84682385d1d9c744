"""pytest fixtures for the suite's plone.app.testing layers (via pytest-plone)."""

import os
import tempfile


# zope.i18n reads these when imported: compile the .po files and know our languages.
os.environ.setdefault("zope_i18n_compile_mo_files", "true")
os.environ.setdefault("zope_i18n_allowed_languages", "fr en nl de")
# Compiled page templates kept on disk, as an instance does (CHAMELEON_CACHE in zope.conf):
# without it the main template is compiled again on every page the test server serves.
CHAMELEON_CACHE = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "var", "chameleon-cache"
)
os.makedirs(CHAMELEON_CACHE, exist_ok=True)
os.environ.setdefault("CHAMELEON_CACHE", CHAMELEON_CACHE)
# The jobs' records of the test sites: a file of this run's own.
os.environ.setdefault(
    "IASOLUTIONS_JOBS_DB",
    os.path.join(tempfile.mkdtemp(prefix="iasolutions-jobs-"), "jobs.sqlite"),
)

from tests import relstorage_stack  # noqa: E402


if relstorage_stack.wanted():  # every layer's database on RelStorage (make test-relstorage)
    relstorage_stack.install()

import chameleon.loader  # noqa: E402
import chameleon.template  # noqa: E402


# A pytest plugin may have imported chameleon before this file read the variable.
chameleon.template.BaseTemplate.loader = chameleon.loader.ModuleLoader(
    os.environ["CHAMELEON_CACHE"]
)

from AccessControl.SecurityManagement import getSecurityManager  # noqa: E402
from AccessControl.SecurityManagement import newSecurityManager  # noqa: E402
from AccessControl.SecurityManagement import setSecurityManager  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from iasolutions.policy import testing  # noqa: E402
from plone.app.testing import SITE_OWNER_NAME  # noqa: E402
import pytest  # noqa: E402
from tests.browser import browser  # noqa: E402,F401  (fixtures for every module)
from tests.browser import chromium_driver  # noqa: E402,F401
from tests.helpers import site_as_manager  # noqa: E402
from tests.layers import LAYERS  # noqa: E402
from tests.layers import register  # noqa: E402
from zope.component.hooks import getSite  # noqa: E402
from zope.component.hooks import setSite  # noqa: E402


pytest_plugins = ["pytest_plone"]

globals().update(
    register(
        bare=testing.SUITE_ZCML_INTEGRATION_TESTING,
        integration=testing.TRUNK_INTEGRATION_TESTING,
        functional=testing.TRUNK_FUNCTIONAL_TESTING,
        demo=testing.DEMO_FUNCTIONAL_TESTING,  # the site of `make start`, served
    )
)


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


@contextmanager
def _on_site(app, site_id):
    """plone.api acts on that site (not the layer's default one), as the Zope administrator."""
    site = app[site_id]
    previous_site, previous_user = getSite(), getSecurityManager()
    setSite(site)
    newSecurityManager(None, app.acl_users.getUser(SITE_OWNER_NAME).__of__(app.acl_users))
    try:
        yield site
    finally:
        setSecurityManager(previous_user)
        setSite(previous_site)


@pytest.fixture
def demo_portal(demo):
    """The demo site ``commune`` of ``make start`` (``iasolutions.policy.testing``), served
    over HTTP. The test sets up as the Zope administrator (a Manager) and acts as the demo
    users (``demo["demo_users"]``, password ``demo1234``) over HTTP or with ``as_user``."""
    with _on_site(demo["app"], demo["demo_site_id"]) as site:
        yield site


@pytest.fixture(params=testing.demo_profiles())
def demo_profile(request, demo):
    """The demo site of each organisation profile in turn (a test asking for it runs once
    per profile): ``(profile, site, info)``, ``info`` being ``demo["demo_sites"][profile]``
    (its ``users``, the demo steps that ``failures``); set up as ``demo_portal``."""
    info = demo["demo_sites"][request.param]
    with _on_site(demo["app"], info["site_id"]) as site:
        yield request.param, site, info
