from iasolutions.core import _
from iasolutions.core.validators import InvalidValue
import io
from plone.dexterity.content import Item
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
import zipfile
from zope import schema
from zope.interface import implementer


ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def check_odt(value):
    """An OpenDocument text file (what LibreOffice Writer saves as .odt)."""
    data = getattr(value, "data", b"") or b""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            is_odt = archive.read("mimetype").strip() == ODT_MIMETYPE
    except (zipfile.BadZipFile, KeyError):
        is_odt = False
    if not is_odt:
        raise InvalidValue(_("The template must be an OpenDocument text file (.odt)."))
    return True


class IPodTemplate(model.Schema):
    """A document template (appy.pod ODT) for some types of content."""

    title = schema.TextLine(title=_("Title"))
    description = schema.Text(title=_("Description"), required=False)
    odt_file = NamedBlobFile(
        title=_("ODT template"),
        description=_(
            "Made with LibreOffice Writer: expressions in input fields, "
            "statements in comments (appy.pod)."
        ),
        constraint=check_odt,
    )
    pod_portal_types = schema.List(
        title=_("Types of content"),
        value_type=schema.Choice(vocabulary="plone.app.vocabularies.PortalTypes"),
        required=False,
        default=[],
    )
    output_formats = schema.List(
        title=_("Output formats"),
        value_type=schema.Choice(vocabulary="iasolutions.core.output_formats"),
        default=["odt", "pdf"],
        min_length=1,
    )
    enabled = schema.Bool(title=_("Enabled"), required=False, default=True)


@implementer(IPodTemplate)
class PodTemplate(Item):
    """Document template."""
