"""The meeting configuration (the reference's MeetingConfig).

A configuration is a container in ``meeting-configs``; it holds its categories,
annex types, recurring items and item templates. Saving it (re)generates its
portal types (``MeetingItem<ShortName>``, ``Meeting<ShortName>``) and its own
workflow copies (``<config id>__meetingitem_workflow`` …), see
``iasolutions.delib.generation``.
"""

from iasolutions.core import counters
from iasolutions.core.rows import Row
from iasolutions.core.validators import InvalidValue
from iasolutions.delib import _
from iasolutions.delib.interfaces import IMeetingConfig
from plone.dexterity.content import Container
from plone.supermodel import model
import re
from zope import schema
from zope.interface import Interface
from zope.interface import Invalid
from zope.interface import implementer
from zope.interface import invariant


SHORT_NAME = re.compile(r"^[A-Z][A-Za-z0-9]*$")


def check_short_name(value):
    if not SHORT_NAME.match(value or ""):
        raise InvalidValue(
            _(
                "The short name starts with a capital letter and holds letters and "
                "digits only, e.g. College."
            )
        )
    return True


def check_reference_format(value):
    if value:
        counters.validate_format(value)
    return True


class ICustomAdviser(Interface):
    """A row of ``customAdvisers``: an adviser with a delay, or asked automatically, for
    the items created in a period (the reference's ids: org, delay,
    for_item_created_from, for_item_created_until)."""

    org = schema.TextLine(
        title=_("Service"), description=_("The adviser service: its id, acronym or UID.")
    )
    delay = schema.Int(
        title=_("Delay (working days)"),
        description=_("Empty: no delay."),
        required=False,
        min=1,
    )
    categories = schema.List(
        title=_("Categories asking the advice automatically"),
        description=_(
            "Category ids, one per line; * for every item; empty for an optional advice."
        ),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )
    for_item_created_from = schema.Date(
        title=_("For items created from"),
        description=_("Empty: no start."),
        required=False,
    )
    for_item_created_until = schema.Date(
        title=_("For items created until"),
        description=_("Empty: no end."),
        required=False,
    )

    @invariant
    def period_in_order(data):
        start, end = data.for_item_created_from, data.for_item_created_until
        if start and end and end < start:
            raise Invalid(_("The period ends before it starts."))


class IMeetingConfigSchema(model.Schema):
    """What a meeting configuration says (field ids as in the reference)."""

    @invariant
    def states_in_use_kept(data):
        check_states_in_use_kept(data)

    model.fieldset(
        "workflow",
        label=_("Workflow"),
        fields=[
            "itemWFValidationLevels",
            "workflowAdaptations",
            "itemCopyGroupsStates",
            "itemPowerObserversStates",
            "meetingPowerObserversStates",
            "itemRestrictedPowerObserversStates",
            "meetingRestrictedPowerObserversStates",
            "itemAutoSentToOtherMCStates",
        ],
    )
    model.fieldset(
        "advices",
        label=_("Advices"),
        fields=[
            "selectableAdvisers",
            "customAdvisers",
            "itemAdviceStates",
            "itemAdviceViewStates",
            "usedAdviceTypes",
        ],
    )
    model.fieldset(
        "votes", label=_("Votes"), fields=["useVotes", "usedPollTypes", "defaultPollType"]
    )

    title = schema.TextLine(title=_("Title"))
    shortName = schema.ASCIILine(
        title=_("Short name"),
        description=_(
            "Names the portal types of the configuration: MeetingItem<ShortName> and "
            "Meeting<ShortName>. Cannot be changed once items exist."
        ),
        constraint=check_short_name,
    )
    itemReferenceFormat = schema.TextLine(
        title=_("Item reference format"),
        description=_(
            "Format of the reference an item gets when it is frozen, e.g. "
            "COL/{year}/{number}. Kept in the reference counter named after the "
            "configuration."
        ),
        required=False,
        constraint=check_reference_format,
    )
    usedItemAttributes = schema.List(
        title=_("Optional item fields used"),
        value_type=schema.Choice(vocabulary="iasolutions.delib.item_attributes"),
        required=False,
        default=[],
    )
    usedMeetingAttributes = schema.List(
        title=_("Optional meeting fields used"),
        value_type=schema.Choice(vocabulary="iasolutions.delib.meeting_attributes"),
        required=False,
        default=[],
    )
    insertingMethodsOnAddItem = schema.List(
        title=_("Inserting methods of the agenda"),
        description=_("Applied in this order to place a presented item in its meeting."),
        value_type=schema.Choice(vocabulary="iasolutions.delib.inserting_methods"),
        required=False,
        default=["on_proposing_groups"],
    )
    itemWFValidationLevels = schema.List(
        title=_("Item validation levels"),
        description=_("The states an item goes through before being validated."),
        value_type=schema.Choice(vocabulary="iasolutions.delib.validation_levels"),
        required=True,
        default=["itemcreated", "proposed"],
    )
    workflowAdaptations = schema.List(
        title=_("Workflow adaptations"),
        value_type=schema.Choice(vocabulary="iasolutions.delib.workflow_adaptations"),
        required=False,
        default=[],
    )
    selectableCopyGroups = schema.List(
        title=_("Selectable copy groups"),
        value_type=schema.Choice(vocabulary="iasolutions.delib.service_groups"),
        required=False,
        default=[],
    )
    itemCopyGroupsStates = schema.List(
        title=_("States in which copy groups see the item"),
        value_type=schema.Choice(vocabulary="iasolutions.delib.item_states"),
        required=False,
        default=[],
    )
    itemPowerObserversStates = schema.List(
        title=_("States in which power observers see items"),
        value_type=schema.Choice(vocabulary="iasolutions.delib.item_states"),
        required=False,
        default=[],
    )
    meetingPowerObserversStates = schema.List(
        title=_("States in which power observers see meetings"),
        value_type=schema.Choice(vocabulary="iasolutions.delib.meeting_states"),
        required=False,
        default=[],
    )
    itemRestrictedPowerObserversStates = schema.List(
        title=_("States in which restricted power observers see items"),
        value_type=schema.Choice(vocabulary="iasolutions.delib.item_states"),
        required=False,
        default=[],
    )
    meetingRestrictedPowerObserversStates = schema.List(
        title=_("States in which restricted power observers see meetings"),
        value_type=schema.Choice(vocabulary="iasolutions.delib.meeting_states"),
        required=False,
        default=[],
    )
    selectableAdvisers = schema.List(
        title=_("Services that can be asked for an advice"),
        value_type=schema.Choice(vocabulary="iasolutions.core.services"),
        required=False,
        default=[],
    )
    customAdvisers = schema.List(
        title=_("Advisers with a delay, automatic advisers"),
        description=_(
            "A row per adviser: the service, the delay in working days, the "
            "categories for which the advice is asked automatically."
        ),
        value_type=Row(schema=ICustomAdviser),
        required=False,
        default=[],
    )
    itemAdviceStates = schema.List(
        title=_("States in which advices are given"),
        value_type=schema.Choice(vocabulary="iasolutions.delib.item_states"),
        required=False,
        default=["proposed", "validated"],
    )
    itemAdviceViewStates = schema.List(
        title=_("States in which advisers see the item"),
        value_type=schema.Choice(vocabulary="iasolutions.delib.item_states"),
        required=False,
        default=[
            "proposed",
            "validated",
            "presented",
            "itemfrozen",
            "itempublished",
            "accepted",
            "accepted_but_modified",
            "pre_accepted",
            "refused",
            "delayed",
            "returned_to_proposing_group",
        ],
    )
    usedAdviceTypes = schema.List(
        title=_("Advice types"),
        description=_("The types advisers choose from, in this order."),
        value_type=schema.Choice(vocabulary="iasolutions.delib.advice_types"),
        required=False,
        default=["positive", "positive_with_remarks", "cautious", "negative", "nil"],
    )
    meetingConfigsToCloneTo = schema.List(
        title=_("Configurations items can be sent to"),
        value_type=schema.Choice(vocabulary="iasolutions.delib.configs"),
        required=False,
        default=[],
    )
    itemAutoSentToOtherMCStates = schema.List(
        title=_("States in which items are sent automatically to the other configuration"),
        value_type=schema.Choice(vocabulary="iasolutions.delib.item_states"),
        required=False,
        default=["accepted", "accepted_but_modified"],
    )
    useVotes = schema.Bool(title=_("Votes are encoded"), required=False, default=True)
    usedPollTypes = schema.List(
        title=_("Poll types"),
        value_type=schema.Choice(vocabulary="iasolutions.delib.poll_types"),
        required=False,
        default=["freehand", "secret", "no_vote"],
    )
    defaultPollType = schema.Choice(
        title=_("Default poll type"),
        vocabulary="iasolutions.delib.poll_types",
        required=False,
        default="freehand",
    )
    orderedContacts = schema.List(
        title=_("Assembly members"),
        description=_("The held positions that attend meetings by default, in order."),
        value_type=schema.Choice(vocabulary="iasolutions.delib.held_positions"),
        required=False,
        default=[],
    )


def check_states_in_use_kept(data):
    """Refuse, before the edit form saves anything, validation levels or adaptations that
    would remove a state some items or meetings are in.

    plone.restapi sets the values before it runs invariants: for REST the values compare
    equal here and the check made when the configuration is applied answers (a 400)."""
    from iasolutions.delib import workflows

    cfg = getattr(data, "__context__", None)
    if not IMeetingConfig.providedBy(cfg):
        return  # being created: nothing is in any state yet
    levels = list(data.itemWFValidationLevels or ())
    adaptations = list(data.workflowAdaptations or ())
    if levels == list(cfg.itemWFValidationLevels or ()) and adaptations == list(
        cfg.workflowAdaptations or ()
    ):
        return  # the workflows stay as they are (and this runs once per fieldset)
    lost = workflows.removed_states_in_use(cfg, levels, adaptations)
    if lost:
        raise Invalid(workflows.refusal_message(lost))


def define_reference_counter(config, value):
    """The item reference counter of a configuration is named after it."""
    try:
        current = counters.get_definition(config.getId())
        reset = current.reset_yearly
    except counters.CounterError:
        reset = True
    counters.define(config.getId(), value, title=config.title or config.getId(), reset_yearly=reset)


@implementer(IMeetingConfig, IMeetingConfigSchema)
class MeetingConfig(Container):
    """A meeting configuration."""

    # The format lives in the counter named after the configuration (one place).
    @property
    def itemReferenceFormat(self):
        try:
            return counters.get_definition(self.getId()).format
        except counters.CounterError:
            return getattr(self, "_pending_reference_format", None)

    @itemReferenceFormat.setter
    def itemReferenceFormat(self, value):
        # Before the configuration has its id (while being created) the value
        # waits here; generation.apply_config defines the counter.
        self._pending_reference_format = value or None
        if value and self.getId():
            define_reference_counter(self, value)

    def getItemTypeName(self):
        return f"MeetingItem{self.shortName}"

    def getMeetingTypeName(self):
        return f"Meeting{self.shortName}"

    def getItemWorkflow(self):
        return f"{self.getId()}__meetingitem_workflow"

    def getMeetingWorkflow(self):
        return f"{self.getId()}__meeting_workflow"

    def meetingmanagers_group(self):
        return f"{self.getId()}_meetingmanagers"

    def powerobservers_group(self):
        return f"{self.getId()}_powerobservers"

    def restrictedpowerobservers_group(self):
        return f"{self.getId()}_restrictedpowerobservers"

    def uses(self, attribute):
        return attribute in (self.usedItemAttributes or ())
