from iasolutions.core.rows import ITerm
from iasolutions.core.rows import Row
from iasolutions.core.rows import terms_rows
from iasolutions.mail import _
from zope import schema
from zope.i18nmessageid import MessageFactory
from zope.interface import Interface
from zope.publisher.interfaces.browser import IDefaultBrowserLayer
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


class IIASolutionsMailLayer(IDefaultBrowserLayer):
    """Browser layer of the mail module, active once its profile is installed."""


# The states an email may be routed to (``IRoutingRule.state``), titled as the
# workflow's states (their msgids in the plone domain).
ROUTING_STATES = ("created", "proposed_to_manager", "proposed_to_agent")
_state_title = MessageFactory("plone")
ROUTING_STATE_TERMS = SimpleVocabulary(
    [SimpleTerm(state, state, _state_title(f"im_{state}")) for state in ROUTING_STATES]
)
ROUTING_KIND_TERMS = SimpleVocabulary(
    [
        SimpleTerm("to", "to", _("A recipient's address (to)")),
        SimpleTerm("from", "from", _("The sender's address (from)")),
    ]
)


class IRoutingRule(Interface):
    """A rule of ``email_routing``: which emails, and where they go."""

    kind = schema.Choice(title=_("Matched on"), vocabulary=ROUTING_KIND_TERMS, default="to")
    pattern = schema.TextLine(
        title=_("Address"),
        description=_("An address, or a pattern such as *@spw.be."),
    )
    service = schema.TextLine(
        title=_("Treating service"),
        description=_("Its id, acronym or UID; empty: none."),
        required=False,
    )
    user = schema.TextLine(
        title=_("Assigned user"), description=_("A user id; empty: none."), required=False
    )
    state = schema.Choice(
        title=_("State"), vocabulary=ROUTING_STATE_TERMS, default="created", required=False
    )


class IMailSettings(Interface):
    """Settings of the mail module (registry, prefix ``iasolutions.mail``).

    Organisation profiles set them (``iasolutions-mail.json``); administrators
    change them in Site Setup > Mail settings.
    """

    mail_types = schema.List(
        title=_("Types of incoming mail"),
        description=_("A row per type: its value and its label."),
        value_type=Row(schema=ITerm),
        required=False,
        default=terms_rows(
            ("courrier", "Courrier"),
            ("recommande", "Recommandé"),
            ("email", "E-mail"),
            ("certificat", "Certificat médical"),
            ("fax", "Fax"),
            ("retour-recommande", "Retour recommandé"),
            ("facture", "Facture"),
        ),
    )
    omail_types = schema.List(
        title=_("Types of outgoing mail"),
        description=_("A row per type: its value and its label."),
        value_type=Row(schema=ITerm),
        required=False,
        default=terms_rows(("courrier", "Courrier"), ("recommande", "Recommandé")),
    )
    imail_send_modes = schema.List(
        title=_("How incoming mail arrives"),
        description=_("A row per way: its value and its label."),
        value_type=Row(schema=ITerm),
        required=False,
        default=terms_rows(
            ("post", "Courrier postal"),
            ("post_registered", "Courrier recommandé"),
            ("email", "E-mail"),
            ("hand", "Remis en main propre"),
        ),
    )
    omail_send_modes = schema.List(
        title=_("Send modes of outgoing mail"),
        description=_(
            "A row per mode: its value and its label. The value 'email' means sending by email."
        ),
        value_type=Row(schema=ITerm),
        required=False,
        default=terms_rows(
            ("post", "Lettre"), ("post_registered", "Lettre recommandée"), ("email", "E-mail")
        ),
    )
    due_date_extension = schema.Int(
        title=_("Due date of incoming mail (days after today)"),
        description=_("0: no due date by default."),
        required=False,
        default=0,
        min=0,
    )
    assigned_user_check = schema.Choice(
        title=_("Assigned user check"),
        description=_(
            "no_check: never needed; n_plus_1: needed to propose to the agent when the "
            "service has an N+1; mandatory: always needed to propose to the agent."
        ),
        values=("no_check", "n_plus_1", "mandatory"),
        default="n_plus_1",
    )
    imail_validation_levels = schema.Int(
        title=_("Validation levels of incoming mail in the services (0 to 5)"),
        description=_(
            "1 switches on the N+1 validation, 2 adds N+2… A level is used for a "
            "service only when its group of that level has members."
        ),
        required=False,
        default=0,
        min=0,
        max=5,
    )
    imail_pre_manager_validation = schema.Bool(
        title=_("Pre-validation before the general management"),
        required=False,
        default=False,
    )
    omail_validation = schema.Bool(
        title=_("N+1 validation of outgoing mail"),
        required=False,
        default=False,
    )
    omail_approval = schema.Bool(
        title=_("Approval of outgoing mail before signature (to_approve)"),
        description=_(
            "The N+1 of the treating service approves the mail, which then goes to "
            "be signed. Used for a service only when its N+1 group has members."
        ),
        required=False,
        default=False,
    )
    omail_printing = schema.Bool(
        title=_("Printing of outgoing mail before signature (to_print)"),
        description=_(
            "The service may give the mail to the dispatch service to be printed; "
            "the dispatch service then proposes it to be signed."
        ),
        required=False,
        default=False,
    )
    response_prefix = schema.TextLine(
        title=_("Prefix of the title of a reply"),
        required=False,
        default="Réponse: ",
    )
    period_folder_max_items = schema.Int(
        title=_("Most mails in a period folder"),
        description=_(
            "Mails are stored in one folder per week; a full week folder gets a second one."
        ),
        required=False,
        default=1000,
        min=10,
    )
    email_routing = schema.List(
        title=_("Routing of incoming emails"),
        description=_(
            "The first rule that matches an email applies: its treating service, "
            "assigned user and state."
        ),
        value_type=Row(schema=IRoutingRule),
        required=False,
        default=[],
    )
