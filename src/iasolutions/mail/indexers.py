"""Catalog indexers of mails, files and tasks.

Mail attributes are indexed only on the objects that have them: a file inside
a mail would otherwise acquire its parent's treating service or reference.
"""

from iasolutions.mail.content.base import IMail
from iasolutions.mail.content.base import IMailFile
from iasolutions.mail.content.incoming_mail import IIncomingMail
from iasolutions.mail.content.task import ITask
from plone.indexer import indexer
from zope.interface import Interface


def _own(name):
    """Indexer of ``name`` for mails (and nothing for other objects)."""

    @indexer(IMail)
    def index(obj):
        value = getattr(obj, name, None)
        if value is None or value == [] or value == ():
            raise AttributeError(name)
        return value

    return index


def _nothing(name):
    @indexer(Interface)
    def index(obj):
        raise AttributeError(name)

    return index


MAIL_ATTRIBUTES = (
    "internal_reference_no",
    "treating_groups",
    "recipient_groups",
    "mail_type",
    "send_modes",
    "reception_date",
    "original_mail_date",
    "mail_date",
    "outgoing_date",
    "due_date",
)

OTHER_INDEXES = (
    "assigned_user",
    "sender_index",
    "recipients_index",
    "scan_id",
    "assigned_group",
    "labels",
    "validation_level",
    "correspondents",
)

# mail_<name> index the mails; no_<name> leave every other object out.
for _name in MAIL_ATTRIBUTES + ("assigned_user",):
    globals()[f"mail_{_name}"] = _own(_name)
for _name in MAIL_ATTRIBUTES + OTHER_INDEXES:
    globals()[f"no_{_name}"] = _nothing(_name)


@indexer(ITask)
def task_assigned_user(obj):
    if not obj.assigned_user:
        raise AttributeError("assigned_user")
    return obj.assigned_user


@indexer(ITask)
def task_assigned_group(obj):
    if not obj.assigned_group:
        raise AttributeError("assigned_group")
    return obj.assigned_group


@indexer(ITask)
def task_due_date(obj):
    if not obj.due_date:
        raise AttributeError("due_date")
    return obj.due_date


def _uids(relations):
    uids = []
    for relation in relations or ():
        target = None if relation is None or relation.isBroken() else relation.to_object
        if target is None:
            continue
        uids.append(target.UID())
        # A held position is also found by its person and its organisation.
        if target.portal_type == "held_position":
            uids.append(target.get_person().UID())
            organization = target.get_organization()
            if organization is not None:
                uids.append(organization.UID())
    return sorted(set(uids))


@indexer(IIncomingMail)
def sender_index(obj):
    """The senders of incoming mail (the ``sender`` of outgoing mail is its
    signatory, not a correspondent: the sender facet must not list it)."""
    uids = _uids(getattr(obj, "sender", None))
    if not uids:
        raise AttributeError("sender_index")
    return uids


@indexer(IMail)
def recipients_index(obj):
    uids = _uids(getattr(obj, "recipients", None))
    if not uids:
        raise AttributeError("recipients_index")
    return uids


@indexer(IMailFile)
def scan_id(obj):
    if not obj.scan_id:
        raise AttributeError("scan_id")
    return obj.scan_id


@indexer(IMail)
def mail_searchable_text(obj):
    """Reference, title, description, senders' and recipients' names, references."""
    parts = [obj.Title(), obj.description or "", obj.external_reference_no or ""]
    for name in ("sender", "recipients"):
        value = getattr(obj, name, None)
        for relation in value if isinstance(value, (list, tuple)) else [value]:
            if relation is not None and not relation.isBroken() and relation.to_object:
                parts.append(relation.to_object.Title())
    return " ".join(part for part in parts if part)


@indexer(IMail)
def mail_labels(obj):
    from iasolutions.mail.labels import index_values

    values = index_values(obj)
    if not values:
        raise AttributeError("labels")
    return values


@indexer(IMail)
def validation_level(obj):
    """``<service uid>|proposed_to_n_plus_N`` while a mail waits on a level (or
    ``<service uid>|to_approve`` on its N+1's approval),
    ``proposed_to_manager`` / ``proposed_to_pre_manager`` while it waits on
    the general management: the "to validate" dashboard's index."""
    from iasolutions.mail.dashboards import validation_key
    from iasolutions.mail.validation import state_level
    from plone import api

    state = api.content.get_state(obj, default=None)
    if state in ("proposed_to_manager", "proposed_to_pre_manager"):
        return state
    if state == "to_approve" and obj.treating_groups:  # approved by the service's N+1
        return validation_key(obj.treating_groups, state)
    if state_level(state) is None or not obj.treating_groups:
        raise AttributeError("validation_level")
    return validation_key(obj.treating_groups, state)


@indexer(IMail)
def correspondents(obj):
    """Names of the senders (incoming) or recipients (outgoing), for listings."""
    value = getattr(obj, "sender" if obj.portal_type != "dmsoutgoingmail" else "recipients", None)
    names = []
    for relation in value if isinstance(value, (list, tuple)) else [value]:
        if relation is not None and not relation.isBroken() and relation.to_object is not None:
            names.append(relation.to_object.Title())
    return ", ".join(names)
