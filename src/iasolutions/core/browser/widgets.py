"""Date fields shown as agents read them (dd/mm/yyyy, dd/mm/yyyy HH:MM).

plone.app.z3cform shows a date field on a view with the locale's short format,
two-digit years in French ("25/11/26"); the suite's views use
``iasolutions.core.dates.format_date`` instead. Inputs are unchanged (the
browser's date picker)."""

from iasolutions.core.dates import format_date
from plone.app.z3cform.widgets.datetime import DateWidget
from plone.app.z3cform.widgets.datetime import DatetimeWidget
from z3c.form.interfaces import IDataConverter
from z3c.form.interfaces import IFieldWidget
from z3c.form.widget import FieldWidget
from zope.component import getMultiAdapter
from zope.interface import implementer


class FormattedDisplay:
    with_time = False

    def render(self):
        if self.mode != "display" or not self.value:
            return super().render()
        value = getMultiAdapter((self.field, self), IDataConverter).toFieldValue(self.value)
        if value is self.field.missing_value:
            return ""
        return format_date(value, with_time=self.with_time)


class AgentsDateWidget(FormattedDisplay, DateWidget):
    """A date: 25/11/2026."""


class AgentsDatetimeWidget(FormattedDisplay, DatetimeWidget):
    """A date and time: 25/11/2026 09:30."""

    with_time = True


@implementer(IFieldWidget)
def DateFieldWidget(field, request):
    return FieldWidget(field, AgentsDateWidget(request))


@implementer(IFieldWidget)
def DatetimeFieldWidget(field, request):
    return FieldWidget(field, AgentsDatetimeWidget(request))
