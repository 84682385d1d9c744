"""``@working-days``: deadlines from the working-day calendar.

GET @working-days?start=2026-12-23&days=3             → 3 working days later
GET @working-days?start=2026-12-23&days=30&unit=calendar
GET @working-days?year=2026                            → the holidays of 2026
"""

from datetime import date
from iasolutions.core import workingdays
from iasolutions.core.restapi.errors import bad_request
from plone.restapi.services import Service


class WorkingDaysGet(Service):
    def reply(self):
        form = self.request.form
        if "year" in form:
            try:
                year = int(form["year"])
                if not 1900 <= year <= 2999:
                    raise ValueError
            except ValueError:
                return bad_request(self.request, f"year must be a year such as 2026, not {form['year']!r}")
            return {"year": year, "holidays": [
                {"date": day.isoformat(), "title": name}
                for day, name in workingdays.holidays(year).items()]}
        try:
            start = date.fromisoformat(form.get("start", ""))
        except ValueError:
            return bad_request(self.request, "start must be a date as YYYY-MM-DD")
        try:
            days = int(form.get("days", ""))
        except ValueError:
            return bad_request(self.request, "days must be an integer")
        unit = form.get("unit", "working")
        if unit == "working":
            end = workingdays.add_working_days(start, days)
        elif unit == "calendar":
            end = workingdays.add_calendar_days(start, days, end_on_working_day=True)
        else:
            return bad_request(self.request, "unit must be 'working' or 'calendar'")
        return {"start": start.isoformat(), "days": days, "unit": unit, "date": end.isoformat(),
                "is_working_day": workingdays.is_working_day(end)}
