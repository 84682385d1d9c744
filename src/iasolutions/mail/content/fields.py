"""Fields and defaults shared by the mail types."""

from datetime import date
from datetime import datetime
from datetime import timedelta
from iasolutions.core.validators import check_email
from iasolutions.core.workingdays import add_calendar_days
from iasolutions.mail import settings
from z3c.relationfield.schema import RelationChoice
from z3c.relationfield.schema import RelationList
from zope.interface import provider
from zope.schema.interfaces import IContextAwareDefaultFactory


CONTACT_TYPES = ["organization", "person", "held_position", "position"]
MAIL_TYPES = ["dmsincomingmail", "dmsincoming_email", "dmsoutgoingmail"]


def today():
    return date.today()


def original_mail_date_default():
    """The reference's default: the letter was written three days before it arrives."""
    return date.today() - timedelta(days=3)


def reception_date_default():
    return datetime.now().replace(second=0, microsecond=0)


@provider(IContextAwareDefaultFactory)
def due_date_default(context):
    """Today plus the configured extension (moved to a working day), or none."""
    days = settings.get("due_date_extension")
    if not days:
        return None
    return add_calendar_days(date.today(), days, end_on_working_day=True)


def related(types=CONTACT_TYPES, base_path="/contacts"):
    """Options of the widget of a relation field: a search among ``types``
    under ``base_path`` (relative to the site).

    ``directives.widget("sender", SiteRelatedItemsFieldWidget, **related())``
    """
    return {
        "vocabulary": "plone.app.vocabularies.Catalog",
        "base_path": base_path,
        # typing searches the whole folder: browsing (the pattern's default)
        # searched only its first level, where held positions never are
        "pattern_options": {"selectableTypes": list(types), "mode": "search"},
    }


def contact_list(title, description="", required=False, min_length=0):
    return RelationList(
        title=title,
        description=description,
        required=required,
        default=None if min_length else [],
        min_length=min_length,
        value_type=RelationChoice(title=title, vocabulary="plone.app.vocabularies.Catalog"),
    )


def email_constraint(value):
    return check_email(value)
