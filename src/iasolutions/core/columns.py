"""Dashboard columns of the core (``IDashboardColumn`` named utilities)."""

from iasolutions.core import _
from iasolutions.core import workflows
from iasolutions.core.dashboards import display
from iasolutions.core.dates import format_date


class Column:
    def __init__(self, title, format=display, attribute=None):
        self.title = title
        self.format = format
        self.attribute = attribute

    def __call__(self, brain):
        return self.format(getattr(brain, self.attribute, None))


def state_title(brain):
    """The translated title of the result's workflow state."""
    return workflows.state_title(brain.portal_type, brain.review_state) or ""


def date_only(value):
    return format_date(value)


class StateColumn(Column):
    def __call__(self, brain):
        return state_title(brain)


title = Column(_("Title"), attribute="Title")
review_state = StateColumn(_("State"))
created = Column(_("Created"), date_only, "created")
modified = Column(_("Modified"), date_only, "modified")
creator = Column(_("Creator"), attribute="Creator")
