from iasolutions.core.widgets import SiteRelatedItemsFieldWidget
from iasolutions.mail import _
from iasolutions.mail.content.base import IMail
from iasolutions.mail.content.base import MailBase
from iasolutions.mail.content.fields import MAIL_TYPES
from iasolutions.mail.content.fields import contact_list
from iasolutions.mail.content.fields import email_constraint
from iasolutions.mail.content.fields import related
from iasolutions.mail.content.fields import today
from iasolutions.mail.references import ReferenceNumber
from plone.autoform import directives
from plone.supermodel import model
from z3c.relationfield.schema import RelationChoice
from zope import schema
from zope.interface import implementer


BASE_FIELDS = "iasolutions.mail.WriteBaseFields"
TREATING_GROUPS = "iasolutions.mail.WriteTreatingGroups"


class IOutgoingMail(model.Schema):
    """An outgoing mail (dmsoutgoingmail): a letter or an email of a service."""

    title = schema.TextLine(title=_("Title"))
    description = schema.Text(title=_("Description"), required=False)
    internal_reference_no = ReferenceNumber(
        portal_type="dmsoutgoingmail",
        title=_("Internal reference"),
        description=_("Given by the counter when left empty."),
        required=False,
    )
    external_reference_no = schema.TextLine(title=_("External reference"), required=False)
    treating_groups = schema.Choice(
        title=_("Treating service"),
        vocabulary="iasolutions.mail.om_treating_groups",
        required=True,
    )
    sender = RelationChoice(
        title=_("Sender"),
        description=_("The person of the administration who sends the mail (held position)."),
        vocabulary="plone.app.vocabularies.Catalog",
        required=False,
    )
    directives.widget("sender", SiteRelatedItemsFieldWidget, **related(["held_position"]))
    recipients = contact_list(_("Recipients"), required=True, min_length=1)
    directives.widget("recipients", SiteRelatedItemsFieldWidget, **related())
    recipient_groups = schema.List(
        title=_("Services in copy"),
        required=False,
        default=[],
        value_type=schema.Choice(vocabulary="iasolutions.mail.treating_groups"),
    )
    mail_type = schema.Choice(
        title=_("Mail type"),
        vocabulary="iasolutions.mail.omail_types",
        required=False,
    )
    send_modes = schema.List(
        title=_("Send modes"),
        required=False,
        default=["post"],
        value_type=schema.Choice(vocabulary="iasolutions.mail.omail_send_modes"),
    )
    mail_date = schema.Date(title=_("Date of the mail"), required=False, defaultFactory=today)
    outgoing_date = schema.Date(
        title=_("Sending date"),
        description=_("Set when the mail is marked as sent."),
        required=False,
    )
    reply_to = contact_list(_("In reply to"))
    directives.widget("reply_to", SiteRelatedItemsFieldWidget, **related(MAIL_TYPES, "/"))
    signers = contact_list(_("Signers"), description=_("Held positions who sign the letter."))
    directives.widget("signers", SiteRelatedItemsFieldWidget, **related(["held_position"]))

    model.fieldset(
        "email",
        label=_("Email"),
        fields=[
            "email_subject",
            "email_sender",
            "email_recipient",
            "email_cc",
            "email_bcc",
            "email_body",
            "email_status",
        ],
    )
    email_subject = schema.TextLine(title=_("Email subject"), required=False)
    email_sender = schema.TextLine(
        title=_("Email sender"), required=False, constraint=email_constraint
    )
    email_recipient = schema.TextLine(
        title=_("Email recipients"),
        description=_("Addresses separated by commas."),
        required=False,
    )
    email_cc = schema.TextLine(title=_("Email copy (cc)"), required=False)
    email_bcc = schema.TextLine(title=_("Email hidden copy (bcc)"), required=False)
    email_body = schema.Text(title=_("Email body"), required=False)
    email_status = schema.TextLine(
        title=_("Email status"),
        description=_("Set when the email is sent."),
        required=False,
    )
    directives.mode(email_status="display")

    directives.write_permission(
        title=BASE_FIELDS,
        internal_reference_no=BASE_FIELDS,
        external_reference_no=BASE_FIELDS,
        recipients=BASE_FIELDS,
        sender=BASE_FIELDS,
        mail_type=BASE_FIELDS,
        treating_groups=TREATING_GROUPS,
        email_status="cmf.ManagePortal",
    )


@implementer(IOutgoingMail, IMail)
class OutgoingMail(MailBase):
    """Outgoing mail: its main files (the letter) and appendixes are its children."""
