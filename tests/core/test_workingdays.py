"""Working-day calendar: Belgian holidays, municipal holidays, deadlines."""

from datetime import date
from iasolutions.core import workingdays
from iasolutions.core.validators import InvalidValue
from plone import api
import pytest
from tests.helpers import rest


def test_belgian_public_holidays_2026():
    days = workingdays.belgian_public_holidays(2026)
    assert len(days) == 10
    # Easter 2026 is on 5 April.
    assert days[date(2026, 4, 6)] == "Lundi de Pâques"
    assert days[date(2026, 5, 14)] == "Ascension"
    assert days[date(2026, 5, 25)] == "Lundi de Pentecôte"
    assert {
        date(2026, 1, 1),
        date(2026, 5, 1),
        date(2026, 7, 21),
        date(2026, 8, 15),
        date(2026, 11, 1),
        date(2026, 11, 11),
        date(2026, 12, 25),
    } <= set(days)


@pytest.mark.parametrize(
    "start,count,expected",
    [
        (date(2026, 12, 23), 3, date(2026, 12, 29)),  # Christmas, the 26th (commune) and a weekend
        (date(2026, 11, 6), 3, date(2026, 11, 12)),  # Friday; Armistice on Wednesday
        (date(2026, 4, 3), 1, date(2026, 4, 7)),  # Easter Monday
        (date(2026, 11, 23), 0, date(2026, 11, 23)),
        (date(2026, 11, 23), -1, date(2026, 11, 20)),  # backwards over a weekend
        (date(2026, 12, 31), 2, date(2027, 1, 5)),  # over New Year
    ],
)
def test_add_working_days(portal, start, count, expected):
    assert workingdays.add_working_days(start, count) == expected


def test_commune_profile_municipal_holidays(portal):
    holidays = workingdays.holidays(2026)
    assert holidays[date(2026, 11, 2)] == "Lendemain de la Toussaint"
    assert holidays[date(2026, 12, 26)] == "Lendemain de Noël"
    assert not workingdays.is_working_day(date(2026, 11, 2))
    assert workingdays.is_working_day(date(2026, 11, 3))


def test_administrator_adds_a_one_off_holiday(portal):
    record = "iasolutions.core.calendar.municipal_holidays"
    api.portal.set_registry_record(
        record,
        api.portal.get_registry_record(record) + [{"day": "2026-11-24", "name": "Fête locale"}],
    )
    assert not workingdays.is_working_day(date(2026, 11, 24))
    assert workingdays.is_working_day(date(2027, 11, 24))
    assert workingdays.add_working_days(date(2026, 11, 23), 1) == date(2026, 11, 25)


def test_add_calendar_days_moves_to_next_working_day(portal):
    # 30 days after 26 Nov 2026 is Saturday 26 Dec: the deadline ends on Monday 28.
    assert workingdays.add_calendar_days(date(2026, 11, 26), 30) == date(2026, 12, 26)
    assert workingdays.add_calendar_days(date(2026, 11, 26), 30, end_on_working_day=True) == date(
        2026, 12, 28
    )


def test_working_days_between(portal):
    assert workingdays.working_days_between(date(2026, 12, 23), date(2026, 12, 29)) == 3
    assert workingdays.working_days_between(date(2026, 12, 29), date(2026, 12, 23)) == 0


@pytest.mark.parametrize("line", ["31-12", "2026-02-30", "tomorrow", "12/25"])
def test_bad_holiday_lines_are_refused(line):
    with pytest.raises(InvalidValue):
        workingdays.check_days([line])


def test_rest_working_days(functional_portal):
    session = rest(functional_portal, "admin")
    response = session.get("@working-days", params={"start": "2026-12-23", "days": 3})
    assert response.status_code == 200
    assert response.json()["date"] == "2026-12-29"
    response = session.get(
        "@working-days", params={"start": "2026-11-26", "days": 30, "unit": "calendar"}
    )
    assert response.json()["date"] == "2026-12-28"
    holidays = session.get("@working-days", params={"year": 2026}).json()["holidays"]
    assert {"date": "2026-07-21", "title": "Fête nationale"} in holidays


@pytest.mark.parametrize(
    "params,message",
    [
        ({"start": "23/12/2026", "days": 3}, "start must be a date"),
        ({"start": "2026-12-23", "days": "three"}, "days must be an integer"),
        ({"start": "2026-12-23", "days": 3, "unit": "weeks"}, "unit must be"),
        ({"year": "next"}, "year must be a year"),
    ],
)
def test_rest_working_days_bad_input(functional_portal, params, message):
    response = rest(functional_portal, "admin").get("@working-days", params=params)
    assert response.status_code == 400
    assert message in response.json()["error"]["message"]
