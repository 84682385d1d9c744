"""1006: the scanner (role *Batch importer*) opens the incoming-mail add form that the
add menu offers him: add forms ask for *Add portal content* besides the type's own
permission, which was all he had."""

from iasolutions.mail.module import BATCH_IMPORTER
from plone import api


def upgrade(context):
    portal = api.portal.get()
    roles = {role["name"] for role in portal.rolesOfPermission("Add portal content")
             if role["selected"]}
    if BATCH_IMPORTER not in roles:
        portal.manage_permission("Add portal content", sorted(roles | {BATCH_IMPORTER}),
                                 acquire=True)
