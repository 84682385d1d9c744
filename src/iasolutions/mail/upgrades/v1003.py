"""1003: the outgoing-mail adaptations ``to_approve`` and ``to_print``.

The workflow gets the new states and transitions (the existing states keep
their permissions: no mail needs its role mappings updated); the registry gets
the settings ``omail_approval`` and ``omail_printing``, off.
"""

from plone import api


def upgrade(context):
    setup = api.portal.get_tool("portal_setup")
    for step in ("workflow", "plone.app.registry"):
        setup.runImportStepFromProfile(
            "profile-iasolutions.mail:default", step, run_dependencies=False
        )
