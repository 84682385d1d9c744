"""Contact details behavior: address, email, phones, web site."""

from iasolutions.core import _
from iasolutions.core.validators import check_email
from iasolutions.core.validators import check_phone
from iasolutions.core.validators import check_url
from plone.autoform.interfaces import IFormFieldProvider
from plone.supermodel import model
from zope import schema
from zope.interface import provider


@provider(IFormFieldProvider)
class IContactDetails(model.Schema):
    """Same fields and ids as collective.contact.core's contact details."""

    model.fieldset(
        "contact_details",
        label=_("Contact details"),
        fields=[
            "email",
            "phone",
            "cell_phone",
            "fax",
            "website",
            "use_parent_address",
            "street",
            "number",
            "additional_address_details",
            "zip_code",
            "city",
            "region",
            "country",
        ],
    )
    email = schema.TextLine(title=_("Email"), required=False, constraint=check_email)
    phone = schema.TextLine(title=_("Phone"), required=False, constraint=check_phone)
    cell_phone = schema.TextLine(title=_("Cell phone"), required=False, constraint=check_phone)
    fax = schema.TextLine(title=_("Fax"), required=False, constraint=check_phone)
    website = schema.TextLine(title=_("Website"), required=False, constraint=check_url)
    use_parent_address = schema.Bool(
        title=_("Use the address of the parent organisation"), required=False, default=False
    )
    street = schema.TextLine(title=_("Street"), required=False)
    number = schema.TextLine(title=_("Number"), required=False)
    additional_address_details = schema.TextLine(
        title=_("Additional address details"), required=False
    )
    zip_code = schema.TextLine(title=_("Zip code"), required=False)
    city = schema.TextLine(title=_("City"), required=False)
    region = schema.TextLine(title=_("Region"), required=False)
    country = schema.TextLine(title=_("Country"), required=False, default="Belgique")
