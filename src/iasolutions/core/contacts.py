"""Contacts API: what modules need from the directory."""

from plone import api
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds


CONTACT_TYPES = ("organization", "person", "held_position", "position")


def relation_to(obj):
    """A RelationValue pointing to ``obj`` (for RelationChoice fields)."""
    return RelationValue(getUtility(IIntIds).getId(obj))


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
    return api.content.find(
        contact_email=email.strip().lower(), portal_type=list(portal_types),
        review_state="active",
    )
