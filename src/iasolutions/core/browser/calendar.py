from datetime import date
from iasolutions.core import _
from iasolutions.core.dates import format_date
from iasolutions.core.workingdays import REGISTRY_PREFIX
from iasolutions.core.workingdays import ICalendarSettings
from iasolutions.core.workingdays import holidays
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class CalendarForm(RegistryEditForm):
    schema = ICalendarSettings
    schema_prefix = REGISTRY_PREFIX
    label = _("Working-day calendar")
    description = _(
        "Belgian public holidays are always off; add here the holidays of the municipality."
    )

    def holidays_by_year(self):
        """(year, [(formatted date, name)]) of this year and the next (formatted here:
        the template may not import the dates module)."""
        year = date.today().year
        return [
            (y, [(format_date(day), name) for day, name in sorted(holidays(y).items())])
            for y in (year, year + 1)
        ]


class CalendarControlPanel(ControlPanelFormWrapper):
    form = CalendarForm
    index = ViewPageTemplateFile("templates/calendar.pt")
