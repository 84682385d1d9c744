"""Catalog indexers for contacts: full-text search and lookup by email."""

from iasolutions.core.content.held_position import IHeldPosition
from iasolutions.core.content.organization import IOrganization
from iasolutions.core.content.person import IPerson
from iasolutions.core.content.position import IPosition
from plone.indexer import indexer


CONTACT_FIELDS = ("email", "phone", "cell_phone", "city", "zip_code", "street")


def _text(obj, *names):
    values = [getattr(obj, name, None) for name in names + CONTACT_FIELDS]
    return " ".join(value for value in values if isinstance(value, str) and value)


@indexer(IOrganization)
def organization_searchable_text(obj):
    return " ".join(
        filter(None, [obj.get_full_title(), _text(obj, "acronym", "enterprise_number")])
    )


@indexer(IPerson)
def person_searchable_text(obj):
    return _text(obj, "firstname", "lastname", "person_title")


@indexer(IPosition)
def position_searchable_text(obj):
    return _text(obj, "title")


@indexer(IHeldPosition)
def held_position_searchable_text(obj):
    return " ".join(filter(None, [obj.title, _text(obj)]))


def _email(obj):
    email = getattr(obj, "email", None)
    return email.strip().lower() if email else None


contact_email = indexer(IOrganization)(_email)
person_email = indexer(IPerson)(_email)
held_position_email = indexer(IHeldPosition)(_email)
position_email = indexer(IPosition)(_email)
