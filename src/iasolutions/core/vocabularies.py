"""Named vocabularies of the core."""

from Acquisition import aq_inner
from Acquisition import aq_parent
from iasolutions.core import _
from iasolutions.core import rows
from iasolutions.core.modules import active_functions
from iasolutions.core.services import CONTACTS_ID
from iasolutions.core.services import get_services
from iasolutions.core.services import service_title
from plone import api
from plone.app.content.browser.vocabulary import PERMISSIONS
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


VIEW_INTERNAL = "iasolutions.core: View internal data"


def protect_vocabularies(*names, permission=VIEW_INTERNAL):
    """Only users with ``permission`` (agents: any logged-in member) read these
    vocabularies over REST (``@vocabularies``) and through the widgets
    (``@@getVocabulary``): plone.app.content's table of vocabulary permissions,
    which both check; the others need only View, so anonymous visitors get them."""
    PERMISSIONS.update(dict.fromkeys(names, permission))


# The core's lists of services and functions are internal; Plone's lists of groups
# and principals name the suite's groups and users; two of Plone's fail without rights.
protect_vocabularies(
    "iasolutions.core.services",
    "iasolutions.core.functions",
    "plone.app.vocabularies.Groups",
    "plone.app.vocabularies.Principals",
    "plone.app.users.group_ids",
)
protect_vocabularies(
    "Behaviors", "plone.app.content.ValidAddableTypes", permission="Modify portal content"
)


class LazyVocabulary(SimpleVocabulary):
    """A SimpleVocabulary whose terms are made the first time they are read.

    plone.restapi's serializer and z3c.form bind every Choice field of an object,
    which calls each vocabulary factory, but read terms only for the fields that
    hold a value: an empty field then costs no catalog search. ``make_terms``
    returns the terms (an iterable of SimpleTerm); ``term_of(value)``, when given,
    returns the one term of ``value`` (None if the vocabulary has none), so that
    showing a field's value or checking it does not make every term.
    """

    def __init__(self, make_terms, term_of=None):
        self._make_terms = make_terms
        self._term_of = term_of

    def __getattr__(self, name):
        # only called for attributes not set yet: SimpleVocabulary's tables
        if name in ("_terms", "by_value", "by_token"):
            SimpleVocabulary.__init__(self, list(self._make_terms()))
            return getattr(self, name)
        raise AttributeError(name)

    def _one_term(self, value):
        """The term of ``value`` from ``term_of`` while the tables are not made, else
        ``NotImplemented`` (then the tables answer)."""
        if self._term_of is None or "by_value" in self.__dict__:
            return NotImplemented
        try:
            return self._term_of(value)
        except TypeError:  # an unhashable value: no term, as SimpleVocabulary says
            return None

    def getTerm(self, value):
        term = self._one_term(value)
        if term is NotImplemented:
            return SimpleVocabulary.getTerm(self, value)
        if term is None:
            raise LookupError(value)
        return term

    def __contains__(self, value):
        term = self._one_term(value)
        if term is NotImplemented:
            return SimpleVocabulary.__contains__(self, value)
        return term is not None


def _directory(context):
    """The contacts directory holding ``context``, else the site's one."""
    obj = context
    while obj is not None:
        if getattr(obj, "portal_type", None) == "directory":
            return obj
        obj = aq_parent(aq_inner(obj))
    return api.portal.get().get(CONTACTS_ID)


@provider(IVocabularyFactory)
def organization_types(context):
    """The directory's organisation types and levels."""
    directory = _directory(context)
    return rows.vocabulary(
        [
            *(getattr(directory, "organization_types", None) or ()),
            *(getattr(directory, "organization_levels", None) or ()),
        ]
    )


@provider(IVocabularyFactory)
def position_types(context):
    directory = _directory(context)
    return rows.vocabulary(getattr(directory, "position_types", None))


@provider(IVocabularyFactory)
def genders(context):
    return SimpleVocabulary([SimpleTerm("F", "F", _("Female")), SimpleTerm("M", "M", _("Male"))])


@provider(IVocabularyFactory)
def internal_services(context):
    """Active internal services, titled with their acronym when they have one."""
    return LazyVocabulary(
        lambda: [
            SimpleTerm(brain.UID, brain.UID, service_title(brain.UID, acronym=True))
            for brain in get_services(active_only=True)
        ]
    )


@provider(IVocabularyFactory)
def functions(context):
    """Functions of the installed modules."""
    return SimpleVocabulary([SimpleTerm(f.id, f.id, f.title) for f in active_functions()])


@provider(IVocabularyFactory)
def output_formats(context):
    return SimpleVocabulary(
        [SimpleTerm("odt", "odt", _("Editable document (ODT)")), SimpleTerm("pdf", "pdf", _("PDF"))]
    )
