from Acquisition import aq_inner
from Acquisition import aq_parent
from iasolutions.core import _
from plone.dexterity.content import Item
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IPosition(model.Schema):
    """A position in an organisation (Directeur financier, Échevin…)."""

    title = schema.TextLine(title=_("Name"))
    position_type = schema.Choice(
        title=_("Type"), vocabulary="iasolutions.core.position_types", required=False
    )


@implementer(IPosition)
class Position(Item):
    """Position in an organisation."""

    def get_organization(self):
        return aq_parent(aq_inner(self))
