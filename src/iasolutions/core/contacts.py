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
    name = id or getUtility(IIDNormalizer).normalize(" ".join(filter(None, [firstname, lastname])))
    return api.content.create(
        container=container,
        type="person",
        id=unique_id(container, name),
        lastname=lastname,
        firstname=firstname,
        **fields,
    )


def add_held_position(person, target, label="", id=None, **fields):
    """Make ``person`` hold a position in ``target`` (an organization or a position)."""
    return api.content.create(
        container=person,
        type="held_position",
        id=unique_id(person, id or target.getId()),
        position=relation_to(target),
        label=label,
        **fields,
    )


def unique_id(container, name):
    """``name``, or ``name-1``, ``name-2``… if the container already has it."""
    candidate, number = name, 0
    while candidate in container:
        number += 1
        candidate = f"{name}-{number}"
    return candidate


def find_by_email(email, portal_types=CONTACT_TYPES):
    """Active contacts whose email is ``email`` (case-insensitive), as brains."""
    if not email:
        return []
    return list(
        api.content.find(
            contact_email=email.strip().lower(),
            portal_type=list(portal_types),
            review_state="active",
        )
    )
