"""Contacts API: what modules need from the directory."""

from plone import api
from plone.i18n.normalizer.interfaces import IIDNormalizer
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds


CONTACT_TYPES = ("organization", "person", "held_position", "position")


def relation_to(obj):
    """A RelationValue pointing to ``obj`` (for RelationChoice fields)."""
    return RelationValue(getUtility(IIntIds).getId(obj))


def add_person(container, lastname, firstname="", id=None, **fields):
    """Create a person; its id comes from its names ('anne-dupont', 'anne-dupont-1'…)."""
    normalizer = getUtility(IIDNormalizer)
    return api.content.create(
        container=container, type="person", safe_id=True, lastname=lastname,
        id=id or normalizer.normalize(" ".join(filter(None, [firstname, lastname]))),
        firstname=firstname, **fields,
    )


def add_held_position(person, target, label="", id=None, **fields):
    """Make ``person`` hold a position in ``target`` (an organization or a position)."""
    return api.content.create(
        container=person, type="held_position", id=id or target.getId(), safe_id=True,
        position=relation_to(target), label=label, **fields,
    )


def find_by_email(email, portal_types=CONTACT_TYPES):
    """Active contacts whose email is ``email`` (case-insensitive), as brains."""
    if not email:
        return []
    return list(api.content.find(
        contact_email=email.strip().lower(), portal_type=list(portal_types),
        review_state="active",
    ))
