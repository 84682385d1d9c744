from iasolutions.delib import _
from plone.dexterity.content import Item
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IMeetingCategory(model.Schema):
    """A category of items (meetingcategory); its id is stored on the items."""

    title = schema.TextLine(title=_("Title"))
    description = schema.Text(title=_("Description"), required=False)
    category_id = schema.ASCIILine(title=_("Category id (for exports)"), required=False)
    using_groups = schema.List(
        title=_("Services that may use it"),
        description=_("Empty: every service."),
        value_type=schema.Choice(vocabulary="iasolutions.core.services"),
        required=False,
        default=[],
    )
    groups_in_charge = schema.List(
        title=_("Services in charge"),
        value_type=schema.Choice(vocabulary="iasolutions.core.services"),
        required=False,
        default=[],
    )
    enabled = schema.Bool(title=_("Enabled"), required=False, default=True)


@implementer(IMeetingCategory)
class MeetingCategory(Item):
    pass


class IAnnexType(model.Schema):
    """A type of annex (ItemAnnexContentCategory) with the default flags of its annexes."""

    title = schema.TextLine(title=_("Title"))
    relatedTo = schema.Choice(
        title=_("Annexes of"),
        values=["item", "item_decision"],
        default="item",
    )
    to_print = schema.Bool(title=_("To print by default"), required=False, default=False)
    confidential = schema.Bool(title=_("Confidential by default"), required=False, default=False)
    publishable = schema.Bool(title=_("Publishable by default"), required=False, default=False)
    enabled = schema.Bool(title=_("Enabled"), required=False, default=True)


@implementer(IAnnexType)
class AnnexType(Item):
    pass
