"""Helpers of the mail tests: what a user may do, mails in a given state."""

from iasolutions.core.contacts import relation_to
from iasolutions.mail import mails
from plone import api
from tests.helpers import as_user


PERMISSIONS = {
    "view": "View",
    "edit": "Modify portal content",
    "review": "Review portal content",
}


def rights(userid, obj):
    """The subset of view/edit/review the user has on ``obj``."""
    with as_user(userid):
        return {
            key
            for key, permission in PERMISSIONS.items()
            if api.user.has_permission(permission, obj=obj)
        }


def transitions(userid, obj):
    with as_user(userid):
        workflow = api.portal.get_tool("portal_workflow")
        return sorted(t["id"] for t in workflow.getTransitionsFor(obj))


def incoming_mail(service, sender=None, **fields):
    values = {"title": "Demande de subside", "treating_groups": service, "mail_type": "courrier"}
    if sender is not None:
        values["sender"] = [relation_to(sender)]
    values.update(fields)
    return mails.create("dmsincomingmail", **values)


def outgoing_mail(service, recipient=None, **fields):
    values = {"title": "Réponse à la demande", "treating_groups": service}
    if recipient is not None:
        values["recipients"] = [relation_to(recipient)]
    values.update(fields)
    return mails.create("dmsoutgoingmail", **values)


def go(obj, *steps):
    """Do transitions as the test's Manager."""
    for step in steps:
        api.content.transition(obj=obj, transition=step)
    return obj


IM_PATHS = {
    "created": (),
    "proposed_to_manager": ("propose_to_manager",),
    "proposed_to_agent": ("propose_to_manager", "propose_to_agent"),
    "in_treatment": ("propose_to_manager", "propose_to_agent", "treat"),
    "closed": ("propose_to_manager", "propose_to_agent", "treat", "close"),
}
