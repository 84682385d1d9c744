"""REST input of mails and tasks: internal services and contacts may be given
by id as well as by UID (or path, URL), and mails they reply to by reference.

``"treating_groups": "finances"`` is the same as its UID;
``"sender": ["jean-dupont"]`` is the contact ``contacts/jean-dupont``;
``"reply_to": ["E0012"]`` is the incoming mail E0012.
"""

from iasolutions.core import services
from iasolutions.core.contacts import CONTACT_TYPES
from iasolutions.core.validators import InvalidValue
from iasolutions.mail import _
from iasolutions.mail.references import find as find_reference
from plone import api
from plone.restapi.deserializer.dxfields import ChoiceFieldDeserializer
from plone.restapi.deserializer.relationfield import RelationChoiceFieldDeserializer


SERVICE_VOCABULARIES = ("iasolutions.mail.treating_groups", "iasolutions.mail.om_treating_groups")


def service_uid(value):
    """The UID of the internal service with this id, acronym or UID (else the value as is)."""
    return services.service_uid(value) or value


ASSIGNED_USERS = ("iasolutions.mail.assigned_users", "iasolutions.mail.task_assigned_users")


class ServiceChoiceDeserializer(ChoiceFieldDeserializer):
    def __call__(self, value):
        vocabulary = getattr(self.field, "vocabularyName", None)
        if isinstance(value, dict) and "token" in value:
            value = value["token"]
        if vocabulary in SERVICE_VOCABULARIES:
            value = service_uid(value)
        elif vocabulary in ASSIGNED_USERS and value and value not in self.field.vocabulary:
            raise InvalidValue(
                _("${user} is not an agent of the treating service.", mapping={"user": value})
            )
        return super().__call__(value)


def _looks_like_uid(value):
    return len(value) == 32 and all(c in "0123456789abcdef" for c in value)


def resolve_short_name(value):
    """A contact id (unique in the directory) or a mail reference → its UID."""
    if (
        not isinstance(value, str)
        or not value
        or value.startswith(("/", "http"))
        or (_looks_like_uid(value))
    ):
        return value
    portal = api.portal.get()
    contacts = portal.get("contacts")
    if contacts is not None:
        brains = api.content.find(context=contacts, portal_type=list(CONTACT_TYPES), getId=value)
        if len(brains) == 1:
            return brains[0].UID
    brains = [
        b for b in find_reference(value) if api.content.find(UID=b.UID)
    ]  # mails the user may see
    if len(brains) == 1:
        return brains[0].UID
    return value


class ShortNameRelationDeserializer(RelationChoiceFieldDeserializer):
    def __call__(self, value):
        return super().__call__(resolve_short_name(value))
