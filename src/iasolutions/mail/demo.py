"""Demo data of the mail module (filled in later steps)."""


def post_install(context):
    pass
