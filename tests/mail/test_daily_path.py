"""The mail module's daily path in a real browser (Chromium), as its users:
the encodeur registers an incoming mail with its scan, choosing the sender by
typing in the contact field; the agent treats it and replies with a signed
letter (the signatory chosen in the reply form); the dispatch sends it."""

from iasolutions.mail.demo import DEMO_PASSWORD
from pathlib import Path
from plone import api
from plone.app.testing import applyProfile
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select
from selenium.webdriver.support.ui import WebDriverWait

import os
import pytest
import tempfile
import transaction


SHOTS = Path(os.environ.get("IASOLUTIONS_SCREENSHOTS", tempfile.gettempdir())) / "mail-daily-path"
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
       b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
       b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
       b"trailer<</Root 1 0 R>>\n%%EOF\n")


@pytest.fixture
def demo(mail_functional_portal):
    applyProfile(mail_functional_portal, "iasolutions.mail:demo")
    transaction.commit()
    SHOTS.mkdir(parents=True, exist_ok=True)
    return mail_functional_portal


def click(page, element):
    page.driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element)
    element.click()


def choose_contact(page, field, term, expected):
    """Type ``term`` in the related-items field ``field`` and pick ``expected``."""
    container = page.find(f"#formfield-form-widgets-{field} .select2-container")
    click(page, container.find_element(By.CSS_SELECTOR, "input.select2-input"))
    box = page.driver.switch_to.active_element
    box.send_keys(term)
    result = WebDriverWait(page.driver, 20).until(lambda driver: [
        item for item in driver.find_elements(
            By.CSS_SELECTOR, ".select2-drop-active .select2-result .pat-relateditems-result-title")
        if expected in item.text] or False)[0]
    click(page, result)
    WebDriverWait(page.driver, 10).until(
        lambda driver: expected in page.find(f"#formfield-form-widgets-{field}").text)


def test_encodeur_registers_an_incoming_mail_with_its_scan(demo, browser):
    page = browser(demo).login("encodeur", DEMO_PASSWORD)
    page.open("incoming-mail/++add++dmsincomingmail")
    page.wait_for("#form-widgets-title")
    # no service preselected: a forgotten choice is asked for, not routed silently
    treating = Select(page.find("#form-widgets-treating_groups"))
    assert treating.first_selected_option.get_attribute("value") == "--NOVALUE--"
    page.find("#form-widgets-title").send_keys("Demande de permis de bâtir")
    page.loads(lambda: click(page, page.find("#form-buttons-save")))
    page.screenshot(SHOTS / "01-encodeur-missing.png")
    assert "error" in page.find("#formfield-form-widgets-treating_groups").get_attribute("class")
    assert "error" in page.find("#formfield-form-widgets-sender").get_attribute("class")
    # the errors fixed, Enregistrer saves
    Select(page.find("#form-widgets-treating_groups")).select_by_visible_text(
        "Urbanisme et aménagement du territoire (URB)")
    choose_contact(page, "sender", "dupont", "Jean Dupont")
    scan = SHOTS / "scan.pdf"
    scan.write_bytes(PDF)
    page.find("input[type=file][name='form.widgets.scan']").send_keys(str(scan))
    page.screenshot(SHOTS / "02-encodeur-fixed.png")
    page.loads(lambda: click(page, page.find("#form-buttons-save")))
    page.screenshot(SHOTS / "03-encodeur-saved.png")
    page.wait_for(".mail-view")
    transaction.begin()
    found = api.content.find(portal_type="dmsincomingmail", Title="Demande de permis de bâtir")
    assert len(found) == 1
    mail = found[0].getObject()
    assert [obj.portal_type for obj in mail.objectValues()] == ["dmsmainfile"]
    assert mail.objectValues()[0].file.data == PDF
    assert [relation.to_object.Title() for relation in mail.sender] == ["Jean Dupont"]
