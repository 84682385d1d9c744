"""Annexes of items (annex) and of their decision (annexDecision)."""

from iasolutions.delib import _
from iasolutions.delib.interfaces import IAnnex
from plone.dexterity.content import Item
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IAnnexSchema(model.Schema):
    title = schema.TextLine(title=_("Title"))
    content_category = schema.Choice(
        title=_("Annex type"),
        vocabulary="iasolutions.delib.annex_types",
        required=False,
    )
    file = NamedBlobFile(title=_("File"))
    to_print = schema.Bool(title=_("To print"), required=False, default=False)
    confidential = schema.Bool(
        title=_("Confidential"),
        description=_("Only the proposing group and the meeting managers see it."),
        required=False,
        default=False,
    )
    publishable = schema.Bool(
        title=_("Publishable"),
        description=_("Published with the deliberation."),
        required=False,
        default=False,
    )


@implementer(IAnnex, IAnnexSchema)
class Annex(Item):
    """An annex; its confidentiality is applied by the local-roles module."""
