"""Installing, uninstalling and upgrading the suite's profiles."""

from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import applyProfile
from plone.app.testing import setRoles
from plone.browserlayer.utils import registered_layers
from Products.CMFPlone.utils import get_installer
import pytest


@pytest.fixture
def site(bare_portal):
    setRoles(bare_portal, TEST_USER_ID, ["Manager"])
    return bare_portal


def test_policy_installs_the_trunk(site, bare):
    installer = get_installer(site, bare["request"])
    assert not installer.is_product_installed("iasolutions.core")
    installer.install_product("iasolutions.policy")
    for product in (
        "iasolutions.policy",
        "iasolutions.core",
        "plone.restapi",
        "eea.facetednavigation",
    ):
        assert installer.is_product_installed(product), product
    from iasolutions.core.interfaces import IIASolutionsCoreLayer

    assert IIASolutionsCoreLayer in registered_layers()
    assert site["contacts"]["plonegroup-organization"].portal_type == "organization"
    actions = [a.getId() for a in api.portal.get_tool("portal_controlpanel").listActions()]
    assert {"iasolutions-services", "iasolutions-calendar", "iasolutions-counters"} <= set(actions)


def test_core_installs_alone(site, bare):
    installer = get_installer(site, bare["request"])
    installer.install_product("iasolutions.core")
    assert installer.is_product_installed("iasolutions.core")
    assert not installer.is_product_installed("iasolutions.policy")
    assert "contacts" in site


def test_uninstalling_the_core_keeps_the_contacts(site, bare):
    installer = get_installer(site, bare["request"])
    installer.install_product("iasolutions.policy")
    api.content.create(container=site["contacts"], type="organization", title="ASBL Gardée")
    installer.uninstall_product("iasolutions.core")
    from iasolutions.core.interfaces import IIASolutionsCoreLayer

    assert IIASolutionsCoreLayer not in registered_layers()
    actions = [a.getId() for a in api.portal.get_tool("portal_controlpanel").listActions()]
    assert "iasolutions-services" not in actions
    assert "asbl-gardee" in site["contacts"]


def test_reinstalling_is_harmless(site, bare):
    installer = get_installer(site, bare["request"])
    installer.install_product("iasolutions.policy")
    before = sorted(g.getId() for g in api.group.get_groups())
    applyProfile(site, "iasolutions.core:default")
    applyProfile(site, "iasolutions.policy:default")
    assert sorted(g.getId() for g in api.group.get_groups()) == before
    assert [o for o in site.objectIds() if o.startswith("contacts")] == ["contacts"]


PROFILES = [
    "iasolutions.core:default",
    "iasolutions.policy:default",
    "iasolutions.policy:commune",
    "iasolutions.policy:cpas",
    "iasolutions.policy:zone-de-police",
    "iasolutions.policy:seneffe",
]


# The profiles' versions since the first release (1000).
VERSIONS = {"iasolutions.core:default": "1007", "iasolutions.policy:default": "1001"}


@pytest.mark.parametrize("profile", PROFILES)
def test_every_profile_has_a_version_and_an_upgrade_path(site, profile):
    setup = api.portal.get_tool("portal_setup")
    applyProfile(site, profile)
    version = setup.getLastVersionForProfile(profile)
    assert version == (VERSIONS.get(profile, "1000"),)
    # From the first release on, running the upgrades reaches the profile's version.
    setup.setLastVersionForProfile(profile, "1000")
    setup.upgradeProfile(profile)
    assert setup.getLastVersionForProfile(profile) == (VERSIONS.get(profile, "1000"),)
    assert setup.getVersionForProfile(profile) == VERSIONS.get(profile, "1000")
    assert setup.listUpgrades(profile) == []
