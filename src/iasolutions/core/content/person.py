from iasolutions.core import _
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.namedfile.field import NamedBlobImage
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IPerson(model.Schema):
    """A natural person; the positions they hold are held_position children."""

    # Made of the names, shown by the REST API, never entered.
    directives.omitted("title")
    title = schema.TextLine(title=_("Title"), readonly=True, required=False)

    lastname = schema.TextLine(title=_("Lastname"))
    firstname = schema.TextLine(title=_("Firstname"), required=False)
    gender = schema.Choice(title=_("Gender"), vocabulary="iasolutions.core.genders", required=False)
    person_title = schema.TextLine(
        title=_("Person title"), description=_("Monsieur, Madame, Docteur…"), required=False
    )
    birthday = schema.Date(title=_("Birthday"), required=False)
    photo = NamedBlobImage(title=_("Photo"), required=False)


@implementer(IPerson)
class Person(Container):
    """Person; its title is made of its names."""

    @property
    def title(self):
        return " ".join(name for name in (self.firstname, self.lastname) if name)

    @title.setter
    def title(self, value):
        """The title follows the names; setting it does nothing."""

    def get_title(self, include_person_title=True):
        """'Madame Anne Dupont' (with the person title) or 'Anne Dupont'."""
        names = [self.person_title if include_person_title else None, self.firstname, self.lastname]
        return " ".join(name for name in names if name)
