"""The agenda and item screens in a real browser (Chromium), as a meeting manager and an agent."""

from plone import api
from tests.delib.helpers import create_delib_users
from tests.delib.helpers import make_meeting
from tests.delib.helpers import transition
from tests.delib.helpers import validated_item


def test_meeting_manager_orders_the_agenda_in_chromium(delib_functional_portal, browser):
    portal = delib_functional_portal
    services = {b.getId: b.UID for b in api.content.find(portal_type="organization")}
    create_delib_users(services)
    college = portal["meeting-configs"]["meeting-config-college"]
    meeting = make_meeting(college, place="Salle des mariages")
    roads = validated_item(college, services, title="Entretien des voiries")
    park = validated_item(college, services, title="Aménagement du parc")
    transition(roads, "manager", "present")
    page = browser(portal).login("manager")
    page.open(meeting.absolute_url()[len(portal.absolute_url()) + 1:])
    page.wait_for("#delib-agenda")
    numbers = [cell.text for cell in page.find_all("#delib-agenda .delib-number")]
    assert numbers == ["1", "2"]
    assert page.find_all("#delib-agenda .delib-item-state")[1].text in ("Présenté", "Presented")
    page.loads(page.find(f"#present-{park.UID()}").click)
    rows = page.find_all("#delib-agenda tbody tr")
    assert "Aménagement du parc" in rows[2].text
    field = page.find(f"#move-{park.UID()}")
    field.clear()
    field.send_keys("1")
    page.loads(field.submit)
    rows = page.find_all("#delib-agenda tbody tr")
    assert "Aménagement du parc" in rows[0].text
    # The item screen, as its creator: the state, the meeting, no action left.
    page = browser(portal).login("creator_fin")
    page.open(park.absolute_url()[len(portal.absolute_url()) + 1:])
    page.wait_for(".delib-item")
    assert "Aménagement du parc" in page.text()
    assert page.find(".delib-state").text in ("Présenté", "Presented")
    assert page.find_all("#transition-present") == []
