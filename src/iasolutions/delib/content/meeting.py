"""Meetings (Meeting<ShortName>): date, place, attendees; per-item attendance and votes."""

from AccessControl import ClassSecurityInfo
from AccessControl.class_init import InitializeClass
from iasolutions.delib import _
from iasolutions.delib.interfaces import IMeeting
from plone.app.textfield import RichText
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.supermodel import model
from zoneinfo import ZoneInfo
from zope import schema
from zope.interface import Invalid
from zope.interface import implementer
from zope.interface import invariant


SITE_TIMEZONE = "Europe/Brussels"
DATE_FIELDS = ("date", "start_date", "end_date", "convocation_date")


def local_naive(value):
    """A meeting date as stored: the site's wall-clock time, without a time zone.

    The forms and the demo give naive local times, plone.restapi gives aware ones
    (UTC on creation); comparing the two fails, so every date is stored one way.
    """
    if value is None or getattr(value, "tzinfo", None) is None:
        return value
    from plone import api

    zone = api.portal.get_registry_record("plone.portal_timezone", default=None) or SITE_TIMEZONE
    return value.astimezone(ZoneInfo(zone)).replace(tzinfo=None)


class LocalDate:
    """A date attribute that stores what it is given as a naive local time."""

    def __init__(self, name):
        self.name = name

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        obj._p_activate()
        return obj.__dict__.get(self.name)

    def __set__(self, obj, value):
        obj._p_activate()
        obj.__dict__[self.name] = local_naive(value)
        obj._p_changed = True


class IMeetingSchema(model.Schema):
    """Fields of a meeting (ids as in the reference)."""

    directives.omitted("title")
    title = schema.TextLine(title=_("Title"), required=False, readonly=True)
    date = schema.Datetime(title=_("Date of the meeting"))
    start_date = schema.Datetime(title=_("Start"), required=False)
    end_date = schema.Datetime(title=_("End"), required=False)
    convocation_date = schema.Datetime(title=_("Convocation date"), required=False)
    place = schema.TextLine(title=_("Place"), required=False)
    extraordinary_session = schema.Bool(
        title=_("Extraordinary session"), required=False, default=False
    )
    attendees = schema.List(
        title=_("Attendees"),
        value_type=schema.Choice(vocabulary="iasolutions.delib.held_positions"),
        required=False,
        default=[],
    )
    excused = schema.List(
        title=_("Excused"),
        value_type=schema.Choice(vocabulary="iasolutions.delib.held_positions"),
        required=False,
        default=[],
    )
    absents = schema.List(
        title=_("Absent"),
        value_type=schema.Choice(vocabulary="iasolutions.delib.held_positions"),
        required=False,
        default=[],
    )
    signatories = schema.List(
        title=_("Signatories"),
        description=_("In signing order (the first signs first)."),
        value_type=schema.Choice(vocabulary="iasolutions.delib.held_positions"),
        required=False,
        default=[],
    )
    observations = RichText(title=_("Observations"), required=False)

    directives.omitted("meeting_number", "first_item_number")
    meeting_number = schema.Int(title=_("Meeting number"), required=False, readonly=True)
    first_item_number = schema.Int(title=_("First item number"), required=False, readonly=True)

    @invariant
    def dates_in_order(data):
        if data.start_date and data.end_date and data.end_date < data.start_date:
            raise Invalid(_("The meeting ends before it starts."))


@implementer(IMeeting, IMeetingSchema)
class Meeting(Container):
    """A meeting. Per-item attendance and votes are stored on it, keyed by item UID."""

    security = ClassSecurityInfo()
    date = LocalDate("date")
    start_date = LocalDate("start_date")
    end_date = LocalDate("end_date")
    convocation_date = LocalDate("convocation_date")
    meeting_number = None
    first_item_number = None

    @security.public
    def delib_guard(self, transition_id):
        """Workflow guard: True when ``transition_id`` may be triggered now."""
        from iasolutions.delib.guards import why_not

        return why_not(self, transition_id) is None

    def Title(self):
        return self.title or ""


InitializeClass(Meeting)
