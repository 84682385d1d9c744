"""Dates as agents read them: ``dd/mm/yyyy`` and ``dd/mm/yyyy HH:MM``.

The one formatting helper of the suite (views, dashboard columns, documents)::

    >>> format_date(date(2026, 11, 3))
    '03/11/2026'
    >>> format_date(datetime(2026, 11, 3, 9, 5), with_time=True)
    '03/11/2026 09:05'
"""

from DateTime import DateTime
from datetime import date
from datetime import datetime


DATE_FORMAT = "%d/%m/%Y"
DATETIME_FORMAT = "%d/%m/%Y %H:%M"


def as_datetime(value):
    """A ``date``/``datetime`` for a date, datetime, Zope DateTime or ISO text; else None."""
    if isinstance(value, DateTime):
        return value.asdatetime()
    if isinstance(value, (date, datetime)):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def format_date(value, with_time=False):
    """'03/11/2026' (or '03/11/2026 09:05' with_time, for a datetime); '' for no date.

    A ``date`` has no time: it is shown without one."""
    value = as_datetime(value)
    if value is None:
        return ""
    if with_time and isinstance(value, datetime):
        return value.strftime(DATETIME_FORMAT)
    return value.strftime(DATE_FORMAT)
