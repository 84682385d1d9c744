"""Plone's widgets as the suite's users need them.

Date fields shown as agents read them (dd/mm/yyyy, dd/mm/yyyy HH:MM):
plone.app.z3cform shows a date field on a view with the locale's short format,
two-digit years in French ("25/11/26"); the suite's views use
``iasolutions.core.dates.format_date`` instead. Inputs are unchanged (the
browser's date picker)."""

from html import escape
from iasolutions.core import _
from iasolutions.core.dates import format_date
from plone.app.z3cform.widgets.datetime import DatetimeWidget
from plone.app.z3cform.widgets.datetime import DateWidget
from plone.app.z3cform.widgets.richtext import RichTextWidget
from z3c.form.interfaces import IDataConverter
from z3c.form.interfaces import IFieldWidget
from z3c.form.widget import FieldWidget
from zope.component import getMultiAdapter
from zope.i18n import translate
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


class AgentsRichTextWidget(RichTextWidget):
    """Plone's rich text, whose text format list (shown when several formats are
    allowed) had no name: it is read as 'Format du texte (Motivation)'; without
    TinyMCE's resize handle, which has no role."""

    def get_pattern_options(self):
        # TinyMCE's resize handle is a div with a name and no role (WCAG 4.1.2): no
        # handle (full screen, in its View menu, remains for long texts).
        options = super().get_pattern_options()
        options.setdefault("tiny", {}).update({"resize": False})
        return options

    def render(self):
        # the editor's renderer (an adapter) calls RichTextWidget.render_input_mode
        rendered = super().render()
        if self.mode != "input":
            return rendered
        name = translate(
            _("Text format (${field})", mapping={"field": self.label}), context=self.request
        )
        select = f'<select id="{self.id}_text_format"'
        return rendered.replace(select, f'{select} aria-label="{escape(name)}"', 1)


@implementer(IFieldWidget)
def RichTextFieldWidget(field, request):
    return FieldWidget(field, AgentsRichTextWidget(request))
