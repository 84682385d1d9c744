"""1004: the outgoing worklists of the adaptations: "À valider ou approuver" (the
N+1's validations and approvals) and "À imprimer" (the dispatch service's).

Mails already waiting on an approval get their ``validation_level`` index.
"""

from iasolutions.mail.dashboards import setup_dashboards
from plone import api


def upgrade(context):
    for brain in api.content.find(
        portal_type="dmsoutgoingmail", review_state="to_approve", unrestricted=True
    ):
        brain._unrestrictedGetObject().reindexObject(idxs=["validation_level"])
    setup_dashboards()
