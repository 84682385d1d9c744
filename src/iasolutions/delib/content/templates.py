"""Recurring items and item templates of a configuration."""

from iasolutions.delib import _
from plone.app.textfield import RichText
from plone.dexterity.content import Item
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IItemTemplate(model.Schema):
    """What an item made from a template or a recurring item starts with."""

    title = schema.TextLine(title=_("Title"))
    description = schema.Text(title=_("Description"), required=False)
    proposingGroup = schema.Choice(
        title=_("Proposing group"),
        vocabulary="iasolutions.core.services",
        required=False,
    )
    category = schema.Choice(
        title=_("Category"),
        vocabulary="iasolutions.delib.categories",
        required=False,
    )
    motivation = RichText(title=_("Motivation"), required=False)
    decision = RichText(title=_("Decision"), required=False)


@implementer(IItemTemplate)
class MeetingItemTemplate(Item):
    """An item template: agents start new items from it."""


class IRecurringItem(IItemTemplate):
    """A recurring item: inserted in every new meeting of the configuration."""


@implementer(IRecurringItem)
class MeetingItemRecurring(Item):
    pass
