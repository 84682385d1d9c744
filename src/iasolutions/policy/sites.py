"""Create municipality sites and apply organisation profiles (used by the CLI and tests)."""

from iasolutions.core.cli import SetupError
from iasolutions.core.cli import get_site  # noqa: F401  (the policy's API too)
from iasolutions.core.modules import all_modules
from iasolutions.core.modules import get_module
from iasolutions.policy.demo import run_demo
import logging
from plone.base.interfaces import IPloneSiteRoot
from Products.CMFPlone.factory import addPloneSite
from Products.GenericSetup.tool import UNKNOWN
from zope.component.hooks import setSite


logger = logging.getLogger("iasolutions.policy")

POLICY_PROFILE = "iasolutions.policy:default"
DEMO_PROFILE = "iasolutions.policy:demo"
ORGANISATION_PROFILES = ("commune", "cpas", "zone-de-police", "seneffe")
BASE_PROFILES = ["plone.app.contenttypes:default", "plonetheme.barceloneta:default"]


def organisation_profile_id(name):
    """'commune' → 'iasolutions.policy:commune'; unknown names are refused."""
    short = name.split(":")[-1]
    if short not in ORGANISATION_PROFILES:
        raise SetupError(
            f"Unknown organisation profile {name!r}; known: {', '.join(ORGANISATION_PROFILES)}"
        )
    return f"iasolutions.policy:{short}"


def check_modules(module_ids):
    unknown = [mid for mid in module_ids if get_module(mid) is None]
    if unknown:
        known = ", ".join(module.id for module in all_modules()) or "none"
        raise SetupError(f"Unknown module(s) {', '.join(unknown)}; known: {known}")
    return [get_module(mid) for mid in module_ids]


def list_sites(app):
    return [obj for obj in app.objectValues() if IPloneSiteRoot.providedBy(obj)]


def create_site(app, site_id, title, profile, modules=(), demo=False, language="fr"):
    """Create (or complete) a municipality site; running it again adds nothing twice."""
    profile_id = organisation_profile_id(profile)
    module_list = check_modules(modules)
    site = app.get(site_id)
    if site is None:
        logger.info("Creating site %s", site_id)
        site = addPloneSite(
            app,
            site_id,
            title=title,
            setup_content=False,
            default_language=language,
            portal_timezone="Europe/Brussels",
            extension_ids=BASE_PROFILES,
        )
    elif not IPloneSiteRoot.providedBy(site):
        raise SetupError(f"{site_id} exists and is not a Plone site")
    setSite(site)
    install_profiles(site, [POLICY_PROFILE] + [module.profile for module in module_list])
    apply_organisation_profile(site, profile_id)
    if demo:
        add_demo(site)
    return site


def add_demo(site):
    """Add the demo data (the ``demo`` profile's): the trunk's, then each module's, each
    whole or not at all. Returns one line for each demo that could not be created."""
    setSite(site)
    setup = site.portal_setup
    failures = run_demo()
    setup.setLastVersionForProfile(DEMO_PROFILE, setup.getVersionForProfile(DEMO_PROFILE))
    return failures


def install_profiles(site, profiles):
    """Install the profiles not installed yet; run the pending upgrades of the others."""
    setup = site.portal_setup
    for profile in profiles:
        if setup.getLastVersionForProfile(profile) == UNKNOWN:
            logger.info("Installing %s", profile)
            setup.runAllImportStepsFromProfile("profile-" + profile)
        elif setup.listUpgrades(profile):
            logger.info("Upgrading %s", profile)
            setup.upgradeProfile(profile)


SUITE_PROFILES = ("iasolutions.core:default", "iasolutions.policy:default")


def upgrade_site(site):
    """Run the pending upgrade steps of the suite's installed profiles: the core, the
    installed modules, the policy. Returns ``(profile, before, after)`` for each."""
    from iasolutions.core.modules import installed_modules

    setSite(site)
    setup = site.portal_setup
    core, policy = SUITE_PROFILES
    profiles = [core, *(module.profile for module in installed_modules()), policy]
    done = []
    for profile in profiles:
        before = version_of(setup, profile)
        if before is not None and setup.listUpgrades(profile):
            logger.info("Upgrading %s from %s", profile, before)
            setup.upgradeProfile(profile)
        done.append((profile, before, version_of(setup, profile)))
    return done


def version_of(setup, profile):
    version = setup.getLastVersionForProfile(profile)
    return None if version == UNKNOWN else ".".join(version)


def apply_organisation_profile(site, profile):
    """Apply an organisation profile (short name or id); safe to repeat."""
    profile_id = organisation_profile_id(profile)
    setup = site.portal_setup
    setSite(site)
    logger.info("Applying organisation profile %s to %s", profile_id, site.getId())
    setup.runAllImportStepsFromProfile("profile-" + profile_id)
    return profile_id
