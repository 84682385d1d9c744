from iasolutions.core.widgets import SiteRelatedItemsFieldWidget
from iasolutions.mail import _
from iasolutions.mail.content.base import IMail
from iasolutions.mail.content.base import MailBase
from iasolutions.mail.content.fields import MAIL_TYPES
from iasolutions.mail.content.fields import contact_list
from iasolutions.mail.content.fields import due_date_default
from iasolutions.mail.content.fields import email_constraint
from iasolutions.mail.content.fields import original_mail_date_default
from iasolutions.mail.content.fields import reception_date_default
from iasolutions.mail.content.fields import related
from iasolutions.mail.references import ReferenceNumber
from plone.autoform import directives
from plone.supermodel import model
from zope import schema
from zope.interface import Invalid
from zope.interface import implementer
from zope.interface import invariant


BASE_FIELDS = "iasolutions.mail.WriteBaseFields"
TREATING_GROUPS = "iasolutions.mail.WriteTreatingGroups"


class IIncomingMail(model.Schema):
    """An incoming mail (dmsincomingmail) or email (dmsincoming_email)."""

    title = schema.TextLine(title=_("Title"))
    description = schema.Text(title=_("Description"), required=False)
    internal_reference_no = ReferenceNumber(
        portal_type="dmsincomingmail",
        title=_("Internal reference"),
        description=_("Given by the counter when left empty."),
        required=False,
    )
    external_reference_no = schema.TextLine(title=_("External reference"), required=False)
    original_mail_date = schema.Date(
        title=_("Date of the mail"),
        required=False,
        defaultFactory=original_mail_date_default,
    )
    reception_date = schema.Datetime(
        title=_("Reception date"),
        required=False,
        defaultFactory=reception_date_default,
    )
    sender = contact_list(_("Sender"), required=True, min_length=1)
    directives.widget("sender", SiteRelatedItemsFieldWidget, **related())
    orig_sender_email = schema.TextLine(
        title=_("Email of the sender"),
        required=False,
        constraint=email_constraint,
    )
    mail_type = schema.Choice(
        title=_("Mail type"),
        vocabulary="iasolutions.mail.mail_types",
        required=False,
    )
    send_modes = schema.List(
        title=_("Arrived by"),
        required=False,
        default=[],
        value_type=schema.Choice(vocabulary="iasolutions.mail.imail_send_modes"),
    )
    treating_groups = schema.Choice(
        title=_("Treating service"),
        vocabulary="iasolutions.mail.treating_groups",
        required=True,
    )
    # no service preselected: a forgotten choice would route the mail silently
    directives.widget(
        "treating_groups", prompt=True, promptMessage=_("Choose the treating service")
    )
    recipient_groups = schema.List(
        title=_("Services in copy"),
        required=False,
        default=[],
        value_type=schema.Choice(vocabulary="iasolutions.mail.treating_groups"),
    )
    assigned_user = schema.Choice(
        title=_("Assigned agent"),
        vocabulary="iasolutions.mail.assigned_users",
        required=False,
    )
    due_date = schema.Date(title=_("Due date"), required=False, defaultFactory=due_date_default)
    task_description = schema.Text(title=_("Instructions to the agent"), required=False)
    reply_to = contact_list(_("In reply to"))
    directives.widget("reply_to", SiteRelatedItemsFieldWidget, **related(MAIL_TYPES, "/"))

    directives.write_permission(
        title=BASE_FIELDS,
        description=BASE_FIELDS,
        internal_reference_no=BASE_FIELDS,
        external_reference_no=BASE_FIELDS,
        original_mail_date=BASE_FIELDS,
        reception_date=BASE_FIELDS,
        sender=BASE_FIELDS,
        orig_sender_email=BASE_FIELDS,
        mail_type=BASE_FIELDS,
        send_modes=BASE_FIELDS,
        treating_groups=TREATING_GROUPS,
    )

    @invariant
    def dates_in_order(data):
        try:
            written, received = data.original_mail_date, data.reception_date
        except Exception:
            return
        if written and received and written > received.date():
            raise Invalid(_("The mail cannot be written after it was received."))


@implementer(IIncomingMail, IMail)
class IncomingMail(MailBase):
    """Incoming mail: its main files, appendixes and tasks are its children."""
