"""Event handlers: references, local roles and the side effects of transitions."""

from Acquisition import aq_inner
from Acquisition import aq_parent
from datetime import date
from iasolutions.core.modules import is_installed
from iasolutions.core.services import is_service
from iasolutions.mail import localroles
from iasolutions.mail import references
from iasolutions.mail import validation
from iasolutions.mail.assignment import can_be_assigned
from iasolutions.mail.module import MODULE
import logging
from plone import api
from plone.uuid.interfaces import IUUID


logger = logging.getLogger("iasolutions.mail")


def mail_transitioned(obj, event):
    """After every transition, and once when the mail is added (initial state)."""
    if event.transition is None:  # the mail is being added: it is indexed next
        references.assign(obj)
        localroles.apply(obj, reindex=False)
        return
    if event.transition.id == "close" and obj.portal_type != "dmsoutgoingmail":
        if not obj.assigned_user:
            obj.assigned_user = api.user.get_current().getId()
            obj.reindexObject(idxs=["assigned_user"])
    elif event.transition.id == "mark_as_sent":
        obj.outgoing_date = date.today()
        obj.reindexObject(idxs=["outgoing_date"])
    obj.reindexObject(idxs=["validation_level"])
    localroles.apply(obj)


def mail_modified(obj, event):
    """Services changed: the roles follow at once, an agent of the old service
    is unassigned, and a mail waiting on a level the new service does not use
    moves on to the next step."""
    if api.content.get_state(obj, default=None) is None:
        return
    unassign_outsider(obj, obj.treating_groups)
    localroles.apply(obj)
    if obj.portal_type != "dmsoutgoingmail" and validation.level_is_obsolete(obj):
        advance(obj)


def unassign_outsider(obj, service):
    """The agent of a mail (task) given to another service is no longer its agent."""
    user = getattr(obj, "assigned_user", None)
    if user and service and not can_be_assigned(user, service):
        obj.assigned_user = None
        obj.reindexObject(idxs=["assigned_user"])


def advance(obj):
    """Move a mail off a validation level its service does not use."""
    transition = validation.next_transition(obj)
    with api.env.adopt_roles(["Manager"]):
        try:
            api.content.transition(
                obj=obj,
                transition=transition,
                comment="Niveau de validation non utilisé par le service",
            )
        except Exception as error:  # a guard refuses (e.g. an assigned agent is needed)
            logger.info("%s stays in its state: %s", obj.absolute_url_path(), error)


def mail_copied(obj, event):
    """A copy is a new mail: it gets a reference of its own."""
    obj.internal_reference_no = None


def task_changed(obj, event):
    """A task's service reads the mail: recompute the roles of the task and its mails."""
    if api.content.get_state(obj, default=None) is None:
        return
    unassign_outsider(obj, obj.assigned_group)
    localroles.apply(obj)
    _parent_roles(obj)


def task_transitioned(obj, event):
    localroles.apply(obj)
    _parent_roles(obj)


def task_removed(obj, event):
    """The task is gone: its service no longer reads the mail for it."""
    if event.oldParent is not None:
        _mail_roles(event.oldParent)


def _parent_roles(task):
    _mail_roles(aq_parent(aq_inner(task)))


def _mail_roles(parent):
    while parent is not None and getattr(parent, "portal_type", None) == "task":
        parent = aq_parent(aq_inner(parent))
    if parent is not None and getattr(parent, "portal_type", None) in references.COUNTER_OF_TYPE:
        localroles.apply(parent)


def service_added(obj, event):
    """A new service's outgoing-mail creators may add outgoing mail."""
    if is_service(obj) and is_installed(MODULE):
        from iasolutions.mail.setuphandlers import grant_outgoing_creators

        grant_outgoing_creators([IUUID(obj)])
