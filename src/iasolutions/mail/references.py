"""Reference numbers of mails: ``E0012`` for incoming mail, ``S0012`` for outgoing.

The numbers come from the trunk's counters (``incoming_mail``,
``outgoing_mail``), whose format the organisation profile sets. A mail added
without a reference gets the next one; a reference entered by hand must not be
used by another mail of the same direction.
"""

from iasolutions.core import counters
from iasolutions.core.validators import InvalidValue
from iasolutions.mail import _
from plone import api
from plone.uuid.interfaces import IUUID
from zope import schema


INCOMING_TYPES = ("dmsincomingmail", "dmsincoming_email")
OUTGOING_TYPES = ("dmsoutgoingmail",)
COUNTER_OF_TYPE = {
    "dmsincomingmail": "incoming_mail",
    "dmsincoming_email": "incoming_mail",
    "dmsoutgoingmail": "outgoing_mail",
}
DEFAULT_FORMATS = {
    "incoming_mail": ("Courrier entrant", "E%04d"),
    "outgoing_mail": ("Courrier sortant", "S%04d"),
}


def ensure_counters():
    """Define the mail counters when no organisation profile did."""
    names = counters.counter_names()
    for name, (title, fmt) in DEFAULT_FORMATS.items():
        if name not in names:
            counters.define(name, fmt, title=title)


def same_direction(portal_type):
    return INCOMING_TYPES if portal_type in INCOMING_TYPES else OUTGOING_TYPES


def find(reference, portal_types=INCOMING_TYPES + OUTGOING_TYPES):
    """Brains of the mails with this reference, whoever may see them."""
    catalog = api.portal.get_tool("portal_catalog")
    return catalog.unrestrictedSearchResults(
        internal_reference_no=reference, portal_type=list(portal_types)
    )


def check_unique(reference, context=None, portal_type=None):
    """Refuse a reference another mail of the same direction already has."""
    if not reference:
        return True
    portal_type = portal_type or getattr(context, "portal_type", None)
    types = (
        same_direction(portal_type)
        if portal_type in COUNTER_OF_TYPE
        else (INCOMING_TYPES + OUTGOING_TYPES)
    )
    own_uid = IUUID(context, None) if context is not None else None
    for brain in find(reference, types):
        if own_uid != brain.UID:
            raise InvalidValue(
                _(
                    "The reference ${reference} is already used by another mail.",
                    mapping={"reference": reference},
                )
            )
    return True


class ReferenceNumber(schema.TextLine):
    """A mail reference; validation refuses one another mail already has.

    The field is bound to the mail (edit form, REST) or to its folder (add
    form), so the check knows which mail not to count.
    """

    def __init__(self, portal_type="dmsincomingmail", **kw):
        self.mail_portal_type = portal_type
        super().__init__(**kw)

    def _validate(self, value):
        super()._validate(value)
        context = self.context
        portal_type = getattr(context, "portal_type", None)
        if portal_type not in COUNTER_OF_TYPE:
            portal_type, context = self.mail_portal_type, None
        check_unique(value, context, portal_type)


def assign(mail):
    """Give the mail the next reference of its counter if it has none."""
    if getattr(mail, "internal_reference_no", None):
        return False
    name = COUNTER_OF_TYPE[mail.portal_type]
    mail.internal_reference_no = counters.next_reference(name)
    return True
