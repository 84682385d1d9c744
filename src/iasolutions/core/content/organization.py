from Acquisition import aq_inner
from Acquisition import aq_parent
from iasolutions.core import _
from iasolutions.core.validators import check_enterprise_number
from plone.app.textfield import RichText
from plone.dexterity.content import Container
from plone.namedfile.field import NamedBlobImage
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IOrganization(model.Schema):
    """An organisation, or one of its services (nested organisations)."""

    title = schema.TextLine(title=_("Name"))
    acronym = schema.TextLine(title=_("Acronym"), required=False, default="")
    organization_type = schema.Choice(
        title=_("Type or level"),
        vocabulary="iasolutions.core.organization_types",
        required=False,
    )
    enterprise_number = schema.TextLine(
        title=_("Enterprise number (BCE)"),
        required=False,
        constraint=check_enterprise_number,
    )
    activity = RichText(title=_("Activity"), required=False)
    logo = NamedBlobImage(title=_("Logo"), required=False)


@implementer(IOrganization)
class Organization(Container):
    """Organisation; under ``contacts/plonegroup-organization`` it is an internal service."""

    def get_full_title(self):
        """'Commune de Démo - Finances - Taxes': the titles of the organisation chain."""
        titles, obj = [], self
        while getattr(obj, "portal_type", None) == "organization":
            titles.insert(0, obj.title)
            obj = aq_parent(aq_inner(obj))
        return " - ".join(titles)
