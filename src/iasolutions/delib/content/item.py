"""Items (MeetingItem<ShortName>): what a service proposes to a meeting."""

from AccessControl import ClassSecurityInfo
from AccessControl.class_init import InitializeClass
from iasolutions.delib import _
from iasolutions.delib.interfaces import IMeetingItem
from plone.app.textfield import RichText
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IMeetingItemSchema(model.Schema):
    """Fields of an item (ids as in the reference)."""

    title = schema.TextLine(title=_("Title"))
    publicTitle = schema.TextLine(
        title=_("Title for the public"),
        description=_(
            "public_title_help",
            default=(
                "Published instead of the title (publication of deliberations, public "
                "deliberation), e.g. without the names of the persons concerned. Empty: the "
                "title is published."
            ),
        ),
        required=False,
    )
    description = schema.Text(title=_("Description"), required=False)
    proposingGroup = schema.Choice(
        title=_("Proposing group"),
        vocabulary="iasolutions.delib.proposing_groups",
    )
    groupsInCharge = schema.List(
        title=_("Groups in charge"),
        value_type=schema.Choice(vocabulary="iasolutions.core.services"),
        required=False,
        default=[],
    )
    associatedGroups = schema.List(
        title=_("Associated groups"),
        value_type=schema.Choice(vocabulary="iasolutions.core.services"),
        required=False,
        default=[],
    )
    category = schema.Choice(
        title=_("Category"),
        vocabulary="iasolutions.delib.categories",
        required=False,
    )
    motivation = RichText(title=_("Motivation"), required=False)
    decision = RichText(title=_("Decision"), required=False)
    listType = schema.Choice(
        title=_("List type"),
        vocabulary="iasolutions.delib.list_types",
        default="normal",
        required=False,
    )
    preferredMeeting = schema.Choice(
        title=_("Preferred meeting"),
        vocabulary="iasolutions.delib.meetings_accepting_items",
        required=False,
    )
    optionalAdvisers = schema.List(
        title=_("Optional advisers"),
        value_type=schema.Choice(vocabulary="iasolutions.delib.optional_advisers"),
        required=False,
        default=[],
    )
    copyGroups = schema.List(
        title=_("Copy groups"),
        value_type=schema.Choice(vocabulary="iasolutions.delib.copy_groups"),
        required=False,
        default=[],
    )
    privacy = schema.Choice(
        title=_("Privacy"),
        vocabulary="iasolutions.delib.privacies",
        default="public",
        required=False,
    )
    pollType = schema.Choice(
        title=_("Poll type"),
        vocabulary="iasolutions.delib.config_poll_types",
        required=False,
    )
    toDiscuss = schema.Bool(title=_("To discuss"), required=False, default=True)
    otherMeetingConfigsClonableTo = schema.List(
        title=_("Send to other configurations"),
        value_type=schema.Choice(vocabulary="iasolutions.delib.configs_to_clone_to"),
        required=False,
        default=[],
    )
    notes = schema.Text(title=_("Internal notes"), required=False)
    externalIdentifier = schema.TextLine(title=_("External identifier"), required=False)

    # Set by the workflow and the agenda, shown by the REST API, never entered.
    directives.omitted("itemNumber", "itemReference", "meeting_uid", "predecessor_uid")
    itemNumber = schema.Int(title=_("Item number (x100)"), required=False, readonly=True)
    itemReference = schema.TextLine(title=_("Reference"), required=False, readonly=True)
    meeting_uid = schema.ASCIILine(title=_("Meeting"), required=False, readonly=True)
    predecessor_uid = schema.ASCIILine(title=_("Predecessor"), required=False, readonly=True)


@implementer(IMeetingItem, IMeetingItemSchema)
class MeetingItem(Container):
    """An item; its workflow, local roles and numbering live in the domain modules."""

    security = ClassSecurityInfo()
    itemNumber = None
    itemReference = None
    meeting_uid = None
    predecessor_uid = None
    listType = "normal"
    privacy = "public"

    @security.public
    def delib_guard(self, transition_id):
        """Workflow guard: True when ``transition_id`` may be triggered now."""
        from iasolutions.delib.guards import why_not

        return why_not(self, transition_id) is None

    def getProposingGroup(self):
        return self.proposingGroup

    def getCategory(self):
        return self.category


InitializeClass(MeetingItem)
