"""1001: re-applying an organisation profile keeps the administrator's changes.

Sites made before 1001 do not know what their profiles set. This step reads
the profile applied last (and those it extends) without writing anything, so
that from now on what the administrator changed is told apart from what the
profile set. Municipal holidays now come from ``iasolutions-calendar.json``.
"""

from iasolutions.core import organisation
from plone import api


def upgrade(context):
    profile = organisation.organisation_profile()
    if not profile:
        return
    setup = api.portal.get_tool("portal_setup")
    steps = [step for step in setup.getSortedImportSteps() if step.startswith("iasolutions-")]
    with organisation.remembering_only():
        for pid in organisation.profile_chain(profile):
            for step in steps:
                setup.runImportStepFromProfile("profile-" + pid, step, run_dependencies=False)
