"""Advices (meetingadvice) given by a service on an item."""

from iasolutions.delib import _
from iasolutions.delib.interfaces import IAdvice
from plone.app.textfield import RichText
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IAdviceSchema(model.Schema):
    advice_group = schema.Choice(
        title=_("Advice of"),
        vocabulary="iasolutions.delib.advice_groups",
    )
    advice_type = schema.Choice(
        title=_("Advice"),
        vocabulary="iasolutions.delib.config_advice_types",
        default="positive",
    )
    advice_comment = RichText(title=_("Comment"), required=False)
    advice_observations = RichText(title=_("Observations"), required=False)
    advice_reference = schema.TextLine(title=_("Reference"), required=False)
    advice_hide_during_redaction = schema.Bool(
        title=_("Hide while being written"),
        description=_("Others see that the advice is being written, not what it says."),
        required=False,
        default=False,
    )


@implementer(IAdvice, IAdviceSchema)
class MeetingAdvice(Container):
    """An advice; its title is made of the service and the advice type."""

    advice_hide_during_redaction = False
