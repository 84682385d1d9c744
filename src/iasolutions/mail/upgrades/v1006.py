"""1006: the scanner (role *Batch importer*) opens the incoming-mail add form that the
add menu offers him: add forms ask for *Add portal content* besides the type's own
permission, which was all he had. The mail folders' workflow now gives it."""

from iasolutions.core.upgrading import grant_in_workflow
from iasolutions.mail.module import BATCH_IMPORTER


ADDERS = ("Manager", "Site Administrator", "Owner", "Contributor", BATCH_IMPORTER)


def upgrade(context):
    grant_in_workflow("iasolutions_mail_folder_workflow", "Add portal content", ADDERS)
