from iasolutions.core import _
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IDirectory(model.Schema):
    """A contacts directory (the site's ``contacts`` folder)."""

    title = schema.TextLine(title=_("Title"))
    position_types = schema.List(
        title=_("Position types"),
        description=_("One per line, e.g. 'Échevin' or 'echevin|Échevin' (token|label)."),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )
    organization_types = schema.List(
        title=_("Organisation types"),
        description=_("One per line, e.g. 'ASBL' or 'asbl|ASBL' (token|label)."),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )
    organization_levels = schema.List(
        title=_("Organisation levels"),
        description=_("Types of the sub-organisations (services, departments), one per line."),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )


@implementer(IDirectory)
class Directory(Container):
    """Contacts directory."""
