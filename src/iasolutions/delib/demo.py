"""Demo data of the deliberations module (see profiles/demo)."""


def post_install(context):
    pass
