from iasolutions.core import _
from iasolutions.core.rows import ITerm
from iasolutions.core.rows import Row
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IDirectory(model.Schema):
    """A contacts directory (the site's ``contacts`` folder)."""

    title = schema.TextLine(title=_("Title"))
    position_types = schema.List(
        title=_("Position types"),
        description=_("A row per type: its value and its label, e.g. echevin and Échevin."),
        value_type=Row(schema=ITerm),
        required=False,
        default=[],
    )
    organization_types = schema.List(
        title=_("Organisation types"),
        description=_("A row per type: its value and its label, e.g. asbl and ASBL."),
        value_type=Row(schema=ITerm),
        required=False,
        default=[],
    )
    organization_levels = schema.List(
        title=_("Organisation levels"),
        description=_("Types of the sub-organisations (services, departments): a row per type."),
        value_type=Row(schema=ITerm),
        required=False,
        default=[],
    )


@implementer(IDirectory)
class Directory(Container):
    """Contacts directory."""
