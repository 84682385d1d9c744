"""Meeting dates stored one way whoever sets them; item references follow the meeting
(issue 8, points 12 and 13)."""

from datetime import UTC
from datetime import datetime
from iasolutions.delib.meetingconfigs import folder_of
from plone import api
from tests.delib.helpers import create_delib_users
from tests.delib.helpers import earlier_today
from tests.delib.helpers import make_meeting
from tests.delib.helpers import state
from tests.delib.helpers import transition
from tests.delib.helpers import validated_item
from tests.helpers import rest
import transaction


def test_a_meeting_created_over_rest_closes_after_a_closed_one(delib_functional_portal):
    """The general director closes, over REST, a meeting created over REST (an aware
    date) in a year that already has a closed meeting (a naive date, from the forms)."""
    portal = delib_functional_portal
    services = {b.getId: b.UID for b in api.content.find(portal_type="organization")}
    create_delib_users(services)
    college = portal["meeting-configs"]["meeting-config-college"]
    earlier = make_meeting(college, date=earlier_today(0.25))
    for transition_id in ("freeze", "decide", "close"):
        transition(earlier, "manager", transition_id)
    assert earlier.first_item_number == 1
    session = rest(portal, "manager")
    wall_clock = earlier_today(0.75).replace(microsecond=0)
    when = wall_clock.astimezone(UTC)
    created = session.post(
        folder_of(college).absolute_url(),
        json={"@type": college.getMeetingTypeName(), "date": when.isoformat()},
    )
    assert created.status_code == 201, created.text
    url = created.json()["@id"]
    for transition_id in ("freeze", "decide", "close"):
        answer = session.post(f"{url}/@workflow/{transition_id}", json={})
        assert answer.status_code == 200, answer.text
    transaction.begin()
    meeting = api.content.get(path=url[len(portal.absolute_url()) :])
    assert state(meeting) == "closed"
    # Stored as the site's wall-clock time, as the forms store it.
    assert meeting.date.tzinfo is None
    assert meeting.date == wall_clock
    # Numbered on from the earlier meeting (its one recurring item).
    assert meeting.first_item_number == 2


def test_a_date_with_a_time_zone_is_stored_as_local_time(college, users):
    api.portal.set_registry_record("plone.portal_timezone", "Europe/Brussels")  # as sites.py
    meeting = make_meeting(college, date=datetime(2026, 7, 1, 7, 30, tzinfo=UTC))
    assert meeting.date == datetime(2026, 7, 1, 9, 30)  # Brussels, summer time
    with api.env.adopt_user(username="manager"):
        meeting.end_date = datetime(2026, 12, 1, 11, 0, tzinfo=UTC)
    assert meeting.end_date == datetime(2026, 12, 1, 12, 0)  # winter time
    assert meeting.title == "Séance du 01/07/2026 09:30"


def test_items_lose_their_reference_when_the_meeting_goes_back_to_created(college, services, users):
    """As in PloneMeeting (test_pm_ItemReferenceSetWhenItemHasFrozenMeeting): a meeting
    back in preparation clears its items' references; freezing again gives new ones."""
    meeting = make_meeting(college)
    item = validated_item(college, services, title="Voirie")
    transition(item, "manager", "present")
    assert item.itemReference is None
    transition(meeting, "manager", "freeze")
    assert item.itemReference.startswith("COL/")
    catalog = api.portal.get_tool("portal_catalog")
    reference = item.itemReference
    assert [b.UID for b in catalog(SearchableText=f'"{reference}"')] == [item.UID()]
    assert transition(meeting, "manager", "backToCreated") == "created"
    assert state(item) == "presented"
    assert not item.itemReference
    assert len(catalog(SearchableText=f'"{reference}"')) == 0
    transition(meeting, "manager", "freeze")
    assert item.itemReference.startswith("COL/")


def test_an_item_taken_out_of_its_meeting_loses_its_reference(college, services, users):
    meeting = make_meeting(college)
    item = validated_item(college, services, title="Éclairage")
    transition(meeting, "manager", "freeze")
    transition(item, "manager", "present")  # late, frozen at once
    assert item.itemReference.startswith("COL/")
    transition(item, "manager", "backToPresented", "backToValidated")
    assert state(item) == "validated"
    assert not item.itemReference


def test_a_meeting_date_changed_over_rest_keeps_its_wall_clock_time(delib_functional_portal):
    """PATCHing a stored (naive) date with an offset or without one: 10:00 in Brussels
    stays 10:00 (plone.restapi turned it into UTC and dropped the zone: 09:00)."""
    portal = delib_functional_portal
    services = {b.getId: b.UID for b in api.content.find(portal_type="organization")}
    create_delib_users(services)
    college = portal["meeting-configs"]["meeting-config-college"]
    api.portal.set_registry_record("plone.portal_timezone", "Europe/Brussels")
    meeting = make_meeting(college, date=datetime(2026, 11, 3, 9, 0))
    session = rest(portal, "manager")
    for given in ("2026-12-01T10:00:00+01:00", "2026-12-01T10:00:00", "2026-12-01T09:00:00Z"):
        answer = session.patch(meeting.absolute_url(), json={"date": given})
        assert answer.status_code == 204, answer.text
        transaction.begin()
        assert meeting.date == datetime(2026, 12, 1, 10, 0), given
    refused = session.patch(meeting.absolute_url(), json={"date": "le 1er décembre"})
    assert refused.status_code == 400
    transaction.begin()
    assert meeting.date == datetime(2026, 12, 1, 10, 0)
