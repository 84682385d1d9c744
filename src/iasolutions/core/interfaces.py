from plone.app.z3cform.interfaces import IPloneFormLayer
from zope import schema
from zope.interface import Attribute
from zope.interface import Interface
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IIASolutionsCoreLayer(IPloneFormLayer, IDefaultBrowserLayer):
    """Browser layer of the core, active once its profile is installed.

    It extends Plone's form layer so that the suite's widget templates (the
    accessible two-list widget) come before plone.app.z3cform's whatever the
    order in which the site's layers were installed."""


class IJob(Interface):
    """A long or daily job a module offers (``iasolutions.core.jobs.Job``), run by
    the worker; registered as a utility named after the job."""


class IModule(Interface):
    """A module add-on (delib, mail, …) as the trunk sees it.

    Each module registers one named utility providing this interface; the
    trunk only ever talks to modules through it.
    """

    id = schema.ASCIILine(title="Module id, e.g. 'mail'")
    title = schema.TextLine(title="Human title")
    profile = schema.ASCIILine(title="Id of its default profile")
    demo_profile = schema.ASCIILine(title="Id of its demo profile", required=False)
    functions = Attribute("Tuple of Function this module gives internal services")


class IOrganisationSettings(Interface):
    """What the organisation profile applied on the site said (registry)."""

    kind = schema.TextLine(
        title="Kind of organisation (commune, cpas, zone-de-police)", required=False, default=""
    )
    profile = schema.ASCIILine(
        title="Organisation profile applied last (e.g. iasolutions.policy:commune)",
        required=False,
        default="",
    )


class IDocumentHelper(Interface):
    """What document templates use of an object (``helper`` in their namespace).

    A multi-adapter (context, request); modules register theirs for their types.
    """


class IHandoverTarget(Interface):
    """What a module offers to create from another module's objects (named utility).

    E.g. delib's ``delib.college-item``: a College item from an incoming mail. The
    core (``iasolutions.core.links``) offers it on the objects it accepts, asks
    the choices of ``schema``, calls ``create`` and links the new object to its
    source; the modules never import each other.
    """

    module = schema.ASCIILine(title="Id of the module giving it (offered once installed)")
    title = schema.TextLine(title="Title of the action, e.g. 'Proposer un point au Collège'")
    schema = Attribute("Interface whose fields are the choices create() takes")

    def available(source):
        """True when the current user may create one from ``source`` (an IHandoverSource)."""

    def create(source, **choices):
        """Create and return the new object from ``source`` (an IHandoverSource) and the
        validated ``choices``, as the current user. Raises
        ``iasolutions.core.links.HandoverRefused`` (nothing written) when it cannot."""


class IHandoverSource(Interface):
    """What an object gives when it is handed over (adapter of the source object).

    A module registers one for the types it lets hand over (mail: incoming mails).
    """

    context = Attribute("The adapted object")
    title = schema.TextLine(title="Title of the new object")
    description = schema.Text(title="Its description", required=False)

    def files():
        """(title, NamedBlobFile) of the files to copy with it."""

    def may_hand_over():
        """True when the current user may hand the object over."""


class IOutcome(Interface):
    """What became of a handed-over object (adapter given by its module).

    E.g. a College item: decided once in a decided state, with its decision.
    """

    decided = schema.Bool(title="Decided")
    decision = schema.Text(title="The decision (HTML), once decided", required=False)
