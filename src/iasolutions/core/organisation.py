"""The organisation profile applied on a site, and how modules read their part of it.

An organisation profile (``profiles/commune`` …) carries a file per module
(``iasolutions-delib.json`` …). A module's import step reads its file when
the profile is applied; a module installed later reads it from the profile
applied last (and the profiles it extends) through ``apply_module_part``.
"""

from plone import api


REGISTRY_PROFILE = "iasolutions.core.organisation.profile"


def organisation_profile():
    """Id of the organisation profile applied last, e.g. 'iasolutions.policy:commune', or ''."""
    return api.portal.get_registry_record(REGISTRY_PROFILE, default="") or ""


def profile_chain(profile_id):
    """The profile and the profiles it extends, the most basic first."""
    setup = api.portal.get_tool("portal_setup")
    chain = []

    def visit(pid):
        pid = pid[len("profile-"):] if pid.startswith("profile-") else pid
        if pid in chain:
            return
        for dependency in setup.getDependenciesForProfile(pid) or ():
            visit(dependency)
        chain.append(pid)

    visit(profile_id)
    return chain


def apply_module_part(step_id):
    """Run one import step from the organisation profile applied on the site."""
    profile = organisation_profile()
    if not profile:
        return
    setup = api.portal.get_tool("portal_setup")
    for pid in profile_chain(profile):
        setup.runImportStepFromProfile("profile-" + pid, step_id, run_dependencies=False)
