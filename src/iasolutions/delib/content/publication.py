"""The public section: copies of what a meeting publishes (active-publicity decree).

Only copies live here, made by ``iasolutions.delib.publication``: public items,
publishable annexes, and texts already pseudonymised. The original texts never
reach these objects, so no page, REST call or document of the public section
can show them.
"""

from iasolutions.delib import _
from iasolutions.delib.interfaces import IPublicationContent
from plone.app.textfield import RichText
from plone.dexterity.content import Container
from plone.dexterity.content import Item
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IPublicationFolder(model.Schema):
    """The public deliberations of the organisation."""


@implementer(IPublicationFolder, IPublicationContent)
class PublicationFolder(Container):
    pass


class IPublicMeeting(model.Schema):
    title = schema.TextLine(title=_("Title"))
    date = schema.Datetime(title=_("Date of the meeting"), required=False)
    institution = schema.TextLine(title=_("Institution"), required=False)
    disclaimer = schema.Text(title=_("Disclaimer"), required=False)


@implementer(IPublicMeeting, IPublicationContent)
class PublicMeeting(Container):
    source_uid = None


class IPublicItem(model.Schema):
    title = schema.TextLine(title=_("Title"))
    number = schema.TextLine(title=_("No."), required=False)
    reference = schema.TextLine(title=_("Reference"), required=False)
    category = schema.TextLine(title=_("Category"), required=False)
    motivation = RichText(title=_("Motivation"), required=False)
    decision = RichText(title=_("Decision"), required=False)
    decision_state = schema.TextLine(title=_("State"), required=False)


@implementer(IPublicItem, IPublicationContent)
class PublicItem(Container):
    source_uid = None


class IPublicAnnex(model.Schema):
    title = schema.TextLine(title=_("Title"))
    file = NamedBlobFile(title=_("File"))


@implementer(IPublicAnnex, IPublicationContent)
class PublicAnnex(Item):
    pass
