"""Batch actions on mails selected in a dashboard (or given by UID over REST).

Each action checks every mail first, as the current user, and changes nothing
when one of them is refused: a batch is done entirely or not at all. Deleting
(admins only) is the exception: each mail the user may delete is deleted, the
others are listed with the reason.
"""

from AccessControl import Unauthorized
from iasolutions.core.batch import common_transitions
from iasolutions.core.services import get_service
from iasolutions.mail import _
from iasolutions.mail import labels
from iasolutions.mail.assignment import can_be_assigned
from iasolutions.mail.content.base import IMail
from iasolutions.mail.restapi.deserializers import service_uid
from plone import api
from plone.app.linkintegrity.exceptions import LinkIntegrityNotificationException
from zope.i18nmessageid import Message
from zope.lifecycleevent import modified


class BatchError(ValueError):
    """The batch cannot be done; ``args[0]`` says why (a translatable message)."""


def mails_from_uids(uids):
    """The mails with these UIDs that the current user may see, in the given order."""
    if not uids:
        raise BatchError(_("Select at least one mail."))
    found = {}
    for brain in api.content.find(UID=list(uids)):
        found[brain.UID] = brain.getObject()
    missing = [uid for uid in uids if uid not in found]
    if missing:
        raise BatchError(
            _("Unknown or hidden mails: ${uids}.", mapping={"uids": ", ".join(missing)})
        )
    objs = [found[uid] for uid in uids]
    others = [
        obj.getId() for obj in objs if not (IMail.providedBy(obj) or obj.portal_type == "task")
    ]
    if others:
        raise BatchError(_("Not a mail or a task: ${ids}.", mapping={"ids": ", ".join(others)}))
    return objs


def transition(objs, transition_id, comment=""):
    if transition_id not in common_transitions(objs):
        raise BatchError(
            _(
                "The transition ${transition} cannot be done on every selected mail.",
                mapping={"transition": transition_id},
            )
        )
    for obj in objs:
        api.content.transition(obj=obj, transition=transition_id, comment=comment)
    return len(objs)


def _check(objs, permission, message):
    refused = [obj.Title() for obj in objs if not api.user.has_permission(permission, obj=obj)]
    if refused:
        raise BatchError(Message(message, mapping={"titles": ", ".join(refused)}))


def _service(value):
    uid = service_uid(value)
    if get_service(uid) is None:
        raise BatchError(_("Unknown service: ${service}.", mapping={"service": str(value)}))
    return uid


def _mails_only(objs):
    tasks = [obj.Title() for obj in objs if not IMail.providedBy(obj)]
    if tasks:
        raise BatchError(
            _("Only mails have services: ${titles}.", mapping={"titles": ", ".join(tasks)})
        )


def set_treating_group(objs, service):
    _mails_only(objs)
    uid = _service(service)
    _check(
        objs,
        "iasolutions.mail: Write treating groups",
        _("You may not change the treating service of: ${titles}."),
    )
    # The reference refuses (batchactions.py): moving the mail would silently
    # take it from its agent, and from a closed mail who treated it.
    assigned = [
        obj.Title()
        for obj in objs
        if obj.treating_groups != uid
        and obj.assigned_user
        and not can_be_assigned(obj.assigned_user, uid)
    ]
    if assigned:
        raise BatchError(
            _(
                "The assigned agent is not in the new service: ${titles}. "
                "Assign an agent of that service first.",
                mapping={"titles": ", ".join(assigned)},
            )
        )
    for obj in objs:
        if obj.treating_groups != uid:
            obj.treating_groups = uid
            obj.reindexObject(idxs=["treating_groups"])
            modified(obj)
    return len(objs)


def change_recipient_groups(objs, add=(), remove=(), replace=None):
    """Add services in copy, take some out, or replace them all."""
    add = [_service(s) for s in add or ()]
    remove = [_service(s) for s in remove or ()]
    replace = None if replace is None else [_service(s) for s in replace]
    _mails_only(objs)
    _check(
        objs, "Modify portal content", _("You may not change the services in copy of: ${titles}.")
    )
    for obj in objs:
        current = list(obj.recipient_groups or [])
        if replace is not None:
            wanted = list(replace)
        else:
            wanted = [s for s in current if s not in remove] + [s for s in add if s not in current]
        if wanted != current:
            obj.recipient_groups = wanted
            obj.reindexObject(idxs=["recipient_groups"])
            modified(obj)
    return len(objs)


def assign(objs, userid):
    _check(objs, "Modify portal content", _("You may not assign: ${titles}."))
    outsiders = [
        obj.Title()
        for obj in objs
        if userid
        and not can_be_assigned(
            userid, obj.treating_groups if IMail.providedBy(obj) else obj.assigned_group
        )
    ]
    if outsiders:
        raise BatchError(
            _(
                "${user} is not an agent of the service of: ${titles}.",
                mapping={"user": userid, "titles": ", ".join(outsiders)},
            )
        )
    for obj in objs:
        if obj.assigned_user != (userid or None):
            obj.assigned_user = userid or None
            obj.reindexObject(idxs=["assigned_user"])
            modified(obj)
    return len(objs)


def set_label(objs, label, active=True):
    if label not in labels.LABELS:
        raise BatchError(_("Unknown label: ${label}.", mapping={"label": label}))
    for obj in objs:
        labels.set_label(obj, label, active)
    return len(objs)


BATCH_DELETE = "iasolutions.mail: Batch delete"


def may_delete_in_batch():
    """Only Managers and Site Administrators (rolemap.xml) delete from the dashboards."""
    return api.user.has_permission(BATCH_DELETE, obj=api.portal.get())


def delete(objs):
    """Delete, one by one and with the user's own "Delete objects" permission,
    the selected mails and tasks; return ``(deleted, refused)``: the titles
    deleted, and ``(title, reason)`` for the others.

    The deepest go first: a task selected with its mail is deleted before it,
    not lost with it. A mail other content refers to (a reply…) is refused.
    """
    if not may_delete_in_batch():
        raise Unauthorized("Only administrators delete mails in batch.")
    deleted, refused = [], []
    for obj in sorted(objs, key=lambda o: len(o.getPhysicalPath()), reverse=True):
        title = obj.Title()
        if not api.user.has_permission("Delete objects", obj=obj):
            refused.append((title, _("you may not delete it")))
            continue
        try:
            api.content.delete(obj=obj)
        except LinkIntegrityNotificationException:
            refused.append((title, _("other content refers to it")))
            continue
        deleted.append(title)
    return deleted, refused
