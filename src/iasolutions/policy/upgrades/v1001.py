"""1001: the "Organisation profile" page in Site Setup, for site administrators."""


def upgrade(context):
    context.runImportStepFromProfile(
        "profile-iasolutions.policy:default", "controlpanel", run_dependencies=False
    )
