"""Working-day calendar: Belgian public holidays plus the municipality's own.

Legal deadlines (advice delays, urbanism deadlines, mail due dates) count
working days: Monday to Friday, except the Belgian public holidays and the
holidays the administrator sets in the "Calendrier" control panel (yearly
ones such as 27 September, 2 and 15 November, 26 December, and one-off dates).
"""

from datetime import date
from datetime import timedelta
from dateutil.easter import easter
from iasolutions.core import _
from iasolutions.core.rows import Row
from iasolutions.core.validators import InvalidValue
from plone.registry.interfaces import IRegistry
import re
from zope import schema
from zope.component import queryUtility
from zope.interface import Interface


REGISTRY_PREFIX = "iasolutions.core.calendar"
DAY_PATTERN = re.compile(r"^(\d{4}-)?\d{2}-\d{2}$")


def check_day(value):
    """Refuse a holiday that is not MM-DD (every year) or YYYY-MM-DD (one year)."""
    day = (value or "").strip()
    if not DAY_PATTERN.match(day) or _parse_day(day, 2024) is None:
        raise InvalidValue(
            _(
                "${value} is not a date: use YYYY-MM-DD, or MM-DD for every year.",
                mapping={"value": value},
            )
        )
    return True


def check_days(values):
    for value in values or ():
        check_day(value)
    return True


class IHoliday(Interface):
    """A municipal holiday: a day (every year or one year) and its name."""

    day = schema.TextLine(
        title=_("Day"),
        description=_("MM-DD for every year (e.g. 11-02), YYYY-MM-DD for one year only."),
        constraint=check_day,
    )
    name = schema.TextLine(title=_("Name"), required=False)


class ICalendarSettings(Interface):
    """Municipal holidays, set in the "Calendrier" control panel."""

    municipal_holidays = schema.List(
        title=_("Municipal holidays"),
        description=_("A row per holiday, e.g. 11-02 and Toussaint (jour des morts)."),
        value_type=Row(schema=IHoliday),
        required=False,
        default=[],
    )


def belgian_public_holidays(year):
    """The ten Belgian public holidays of a year, as {date: name}."""
    easter_sunday = easter(year)
    return {
        date(year, 1, 1): "Nouvel An",
        easter_sunday + timedelta(days=1): "Lundi de Pâques",
        date(year, 5, 1): "Fête du Travail",
        easter_sunday + timedelta(days=39): "Ascension",
        easter_sunday + timedelta(days=50): "Lundi de Pentecôte",
        date(year, 7, 21): "Fête nationale",
        date(year, 8, 15): "Assomption",
        date(year, 11, 1): "Toussaint",
        date(year, 11, 11): "Armistice",
        date(year, 12, 25): "Noël",
    }


def municipal_holidays(year):
    """The municipality's holidays for a year, as {date: name}."""
    registry = queryUtility(IRegistry)
    settings = (
        registry.forInterface(ICalendarSettings, prefix=REGISTRY_PREFIX, check=False)
        if registry
        else None
    )
    days = {}
    for holiday in getattr(settings, "municipal_holidays", None) or []:
        parsed = _parse_day(holiday["day"], year)
        if parsed is not None and parsed.year == year:
            days[parsed] = holiday.get("name") or "Congé communal"
    return days


def holidays(year):
    """Every non-working weekday of a year ({date: name}), public holidays first."""
    days = dict(municipal_holidays(year))
    days.update(belgian_public_holidays(year))
    return dict(sorted(days.items()))


def is_working_day(day, _cache=None):
    """Monday to Friday and not a holiday (``_cache`` keeps each year's holidays)."""
    cache = {} if _cache is None else _cache
    if day.year not in cache:
        cache[day.year] = holidays(day.year)
    return day.weekday() < 5 and day not in cache[day.year]


def add_working_days(start, count):
    """The ``count``-th working day after ``start`` (before it when negative).

    ``start`` itself is never counted; ``count == 0`` returns ``start``.
    """
    step = 1 if count >= 0 else -1
    day, remaining, cache = start, abs(count), {}
    while remaining:
        day += timedelta(days=step)
        if is_working_day(day, cache):
            remaining -= 1
    return day


def add_calendar_days(start, count, end_on_working_day=False):
    """``start`` plus ``count`` days; a deadline that would end on a weekend
    or holiday moves to the next working day when ``end_on_working_day``."""
    day, cache = start + timedelta(days=count), {}
    while end_on_working_day and not is_working_day(day, cache):
        day += timedelta(days=1)
    return day


def working_days_between(start, end):
    """Working days after ``start`` up to and including ``end``."""
    if end <= start:
        return 0
    cache = {}
    return sum(
        1
        for offset in range(1, (end - start).days + 1)
        if is_working_day(start + timedelta(days=offset), cache)
    )


def _parse_day(text, year):
    try:
        if len(text) == 5:
            month, day = text.split("-")
            return date(year, int(month), int(day))
        return date.fromisoformat(text)
    except ValueError:
        return None
