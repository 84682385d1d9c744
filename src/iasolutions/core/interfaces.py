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
