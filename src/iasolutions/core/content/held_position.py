from Acquisition import aq_inner
from Acquisition import aq_parent
from iasolutions.core import _
from iasolutions.core.validators import InvalidValue
from iasolutions.core.widgets import SiteRelatedItemsFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.supermodel import model
from z3c.relationfield.schema import RelationChoice
from zope import schema
from zope.interface import Invalid
from zope.interface import implementer
from zope.interface import invariant


POSITION_TYPES = ("organization", "position")


def is_position(value):
    """A held position is held in an organisation or a position, nothing else (a
    mail's title would show as the function of a person)."""
    target = getattr(value, "to_object", value)
    if getattr(target, "portal_type", None) not in POSITION_TYPES:
        raise InvalidValue(_("Choose an organisation or a position."))
    return True


class IHeldPosition(model.Schema):
    """A person holding a position in an organisation, for a period."""

    # Made of the person and the position, shown by the REST API, never entered.
    directives.omitted("title")
    title = schema.TextLine(title=_("Title"), readonly=True, required=False)

    position = RelationChoice(
        title=_("Organisation or position"),
        vocabulary="plone.app.vocabularies.Catalog",
        required=True,
        constraint=is_position,
    )
    directives.widget(
        "position",
        SiteRelatedItemsFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        base_path="/contacts",
        pattern_options={"selectableTypes": list(POSITION_TYPES)},
    )
    label = schema.TextLine(
        title=_("Label"),
        description=_("How the position reads, e.g. 'Échevine des finances'."),
        required=False,
    )
    start_date = schema.Date(title=_("Start date"), required=False)
    end_date = schema.Date(title=_("End date"), required=False)

    @invariant
    def dates_in_order(data):
        if data.start_date and data.end_date and data.end_date < data.start_date:
            raise Invalid(_("The end date is before the start date."))


@implementer(IHeldPosition)
class HeldPosition(Item):
    """A position held by a person (child of the person)."""

    def get_person(self):
        return aq_parent(aq_inner(self))

    def get_position(self):
        """The related position or organisation (None if the relation is broken)."""
        relation = getattr(self, "position", None)
        return None if relation is None or relation.isBroken() else relation.to_object

    def get_organization(self):
        target = self.get_position()
        if target is not None and target.portal_type == "position":
            return target.get_organization()
        return target

    def get_title(self):
        """'Anne Dupont, Échevine des finances (Commune de Démo)'.

        Stored as ``title`` on add and on changes of the person or the position
        (see ``subscribers``): a property could not reach the parent, since
        properties get the object without its acquisition chain.
        """
        person = self.get_person()
        target = self.get_position()
        label = self.label or (
            target.title if target is not None and target.portal_type == "position" else ""
        )
        organization = self.get_organization()
        text = person.title if person is not None else ""
        if label:
            text = f"{text}, {label}"
        if organization is not None:
            text = f"{text} ({organization.title})"
        return text
