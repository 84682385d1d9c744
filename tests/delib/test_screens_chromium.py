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
    page.open(meeting.absolute_url()[len(portal.absolute_url()) + 1 :])
    page.wait_for("#delib-agenda")
    numbers = [cell.text for cell in page.find_all("#delib-agenda .delib-number")]
    assert numbers == ["1", "2"]
    assert page.find_all("#delib-agenda .delib-item-state")[1].text in ("Présenté", "Presented")
    page.press(f"#present-{park.UID()}")
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
    page.open(park.absolute_url()[len(portal.absolute_url()) + 1 :])
    page.wait_for(".delib-item")
    assert "Aménagement du parc" in page.text()
    assert page.find(".delib-state").text in ("Présenté", "Presented")
    assert page.find_all("#transition-present") == []


def test_a_refused_config_change_is_a_form_error_in_chromium(delib_functional_portal, browser):
    """Removing a level an item is in: the form says why, keeps what was typed, saves nothing."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import Select
    from selenium.webdriver.support.ui import WebDriverWait
    from tests.delib.helpers import make_item
    from tests.helpers import create_user
    import transaction

    portal = delib_functional_portal
    services = {b.getId: b.UID for b in api.content.find(portal_type="organization")}
    create_delib_users(services)
    create_user("siteadmin", roles=["Site Administrator"])
    college = portal["meeting-configs"]["meeting-config-college"]
    item = make_item(college, "creator_fin", services["finances"], category="administration")
    transition(item, "creator_fin", "propose")
    page = browser(portal).login("siteadmin")
    page.open("meeting-configs/meeting-config-college/edit")
    title = page.wait_for("#form-widgets-title")
    title.clear()
    title.send_keys("Collège (nouveau titre)")
    page.driver.find_element(By.LINK_TEXT, "Workflow").click()
    # Move "proposed" out of the chosen levels with the ordered select's arrow.
    chosen = Select(page.find("#form-widgets-itemWFValidationLevels-to"))
    chosen.deselect_all()
    chosen.select_by_value("proposed")
    page.find("#form-widgets-itemWFValidationLevels button[name=to2fromButton]").click()
    chosen.select_by_value("itemcreated")  # the browser wants a choice in a required list
    save = page.find("#form-buttons-save")
    save.click()
    WebDriverWait(page.driver, 20).until(expected_conditions.staleness_of(save))
    page.wait_for("#form-buttons-save")
    # The message is in the Workflow tab, marked as holding an error.
    page.driver.find_element(By.LINK_TEXT, "Workflow").click()
    errors = " ".join(e.text for e in page.find_all("#fieldset-workflow .field.error"))
    assert "proposed" in errors and ("supprime" in errors or "removes" in errors), errors
    assert page.find("#form-widgets-title").get_attribute("value") == "Collège (nouveau titre)"
    kept = [
        o.get_attribute("value")
        for o in page.find_all("#form-widgets-itemWFValidationLevels-to option")
    ]
    assert kept == ["itemcreated"]
    transaction.begin()
    assert college.title != "Collège (nouveau titre)"
    assert college.itemWFValidationLevels == ["itemcreated", "proposed"]
    item_wf = api.portal.get_tool("portal_workflow")[college.getItemWorkflow()]
    assert "proposed" in item_wf.states.objectIds()
    assert api.content.get_state(item) == "proposed"
