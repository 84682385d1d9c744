"""``@working-days``: deadlines from the working-day calendar.

GET @working-days?start=2026-12-23&days=3             → 3 working days later
GET @working-days?start=2026-12-23&days=30&unit=calendar
GET @working-days?year=2026                            → the holidays of 2026
"""

from datetime import date
from iasolutions.core import workingdays
from iasolutions.core.restapi.errors import bad_request
from iasolutions.core.restapi.input import query_text
from iasolutions.core.restapi.input import refuses_bad_input
from plone.restapi.services import Service


MAX_DAYS = 3660  # ten years


class WorkingDaysGet(Service):
    @refuses_bad_input
    def reply(self):
        form = self.request.form
        for name in ("year", "start", "days", "unit"):
            query_text(form, name)
        if "year" in form:
            try:
                year = int(form["year"])
                if not 1900 <= year <= 2999:
                    raise ValueError
            except ValueError:
                return bad_request(
                    self.request, f"year must be a year such as 2026, not {form['year']!r}"
                )
            return {
                "year": year,
                "holidays": [
                    {"date": day.isoformat(), "title": name}
                    for day, name in workingdays.holidays(year).items()
                ],
            }
        try:
            start = date.fromisoformat(form.get("start", ""))
        except ValueError:
            return bad_request(self.request, "start must be a date as YYYY-MM-DD")
        try:
            days = int(form.get("days", ""))
            if abs(days) > MAX_DAYS:
                raise ValueError
        except ValueError:
            return bad_request(
                self.request, f"days must be an integer from -{MAX_DAYS} to {MAX_DAYS}"
            )
        unit = form.get("unit", "working")
        if unit not in ("working", "calendar"):
            return bad_request(self.request, "unit must be 'working' or 'calendar'")
        try:
            if unit == "working":
                end = workingdays.add_working_days(start, days)
            else:
                end = workingdays.add_calendar_days(start, days, end_on_working_day=True)
        except (OverflowError, ValueError):
            return bad_request(self.request, "The date falls outside the calendar")
        return {
            "start": start.isoformat(),
            "days": days,
            "unit": unit,
            "date": end.isoformat(),
            "is_working_day": workingdays.is_working_day(end),
        }
