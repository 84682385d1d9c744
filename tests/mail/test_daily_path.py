"""The mail module's daily path in a real browser (Chromium), as its users:
the encodeur registers an incoming mail with its scan, choosing the sender by
typing in the contact field; the agent treats it and replies with a signed
letter (the signatory chosen in the reply form); the dispatch sends it."""

from iasolutions.core.services import get_own_organization
from iasolutions.mail.demo import DEMO_PASSWORD
import io
import os
from pathlib import Path
from plone import api
from plone.app.testing import applyProfile
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select
from selenium.webdriver.support.ui import WebDriverWait
import tempfile
import transaction
import zipfile


SHOTS = Path(os.environ.get("IASOLUTIONS_SCREENSHOTS", tempfile.gettempdir())) / "mail-daily-path"
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture
def mail_demo(mail_functional_portal):
    applyProfile(mail_functional_portal, "iasolutions.mail:demo")
    transaction.commit()
    SHOTS.mkdir(parents=True, exist_ok=True)
    return mail_functional_portal


def click(page, element):
    # instant: the theme scrolls smoothly, and a click during the scroll misses
    page.driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element
    )
    element.click()


def choose_contact(page, field, term, expected):
    """Type ``term`` in the related-items field ``field`` and pick ``expected``."""
    container = page.find(f"#formfield-form-widgets-{field} .select2-container")
    click(page, container.find_element(By.CSS_SELECTOR, "input.select2-input"))
    box = page.driver.switch_to.active_element
    box.send_keys(term)
    result = WebDriverWait(page.driver, 20).until(
        lambda driver: (
            [
                item
                for item in driver.find_elements(
                    By.CSS_SELECTOR,
                    ".select2-drop-active .select2-result .pat-relateditems-result-title",
                )
                if expected in item.text
            ]
            or False
        )
    )[0]
    click(page, result)
    WebDriverWait(page.driver, 10).until(
        lambda driver: expected in page.find(f"#formfield-form-widgets-{field}").text
    )


def test_encodeur_registers_an_incoming_mail_with_its_scan(mail_demo, browser):
    page = browser(mail_demo).login("encodeur", DEMO_PASSWORD)
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
        "Urbanisme et aménagement du territoire (URB)"
    )
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


def transition(page, transition_id):
    """Do a transition from the toolbar's state menu."""
    link = page.wait_for(f"#workflow-transition-{transition_id}")
    page.loads(lambda: page.driver.execute_script("arguments[0].click();", link))


def as_demo_user(userid, func, *args, **kwargs):
    transaction.begin()
    with api.env.adopt_user(username=userid):
        result = func(*args, **kwargs)
    transaction.commit()
    return result


def letter_text(obj):
    with zipfile.ZipFile(io.BytesIO(obj.file.data)) as odt:
        return odt.read("content.xml").decode("utf-8")


def test_agent_replies_with_a_signed_letter_that_the_dispatch_sends(mail_demo, browser):
    from iasolutions.core.contacts import relation_to
    from iasolutions.mail import mails

    contacts = mail_demo["contacts"]
    urbanisme = api.content.get_uuid(get_own_organization()["urbanisme"])
    mail = as_demo_user(
        "encodeur",
        mails.create,
        "dmsincomingmail",
        title="Demande de permis de bâtir",
        treating_groups=urbanisme,
        sender=[relation_to(contacts["dupont-jean"])],
        mail_type="courrier",
        assigned_user="agent_urb",
    )
    as_demo_user("encodeur", api.content.transition, obj=mail, transition="propose_to_manager")
    as_demo_user("dirgen", api.content.transition, obj=mail, transition="propose_to_agent")
    path = "/".join(mail.getPhysicalPath()[2:])

    # the agent treats it and replies, choosing the sender and the signatory by typing
    page = browser(mail_demo).login("agent_urb", DEMO_PASSWORD)
    page.open(path)
    page.wait_for(".mail-view")
    transition(page, "treat")
    page.wait_for(".mail-reply")
    page.loads(lambda: click(page, page.find("a.mail-reply")))
    page.wait_for("#form-widgets-title")
    page.screenshot(SHOTS / "04-agent-reply-prefilled.png")
    WebDriverWait(page.driver, 20).until(
        lambda driver: "Jean Dupont" in page.find("#formfield-form-widgets-recipients").text
    )
    choose_contact(page, "sender", "lejeune", "Marie Lejeune")
    choose_contact(page, "signers", "lejeune", "Marie Lejeune")
    page.screenshot(SHOTS / "04-agent-reply-form.png")
    page.loads(lambda: click(page, page.find("#form-buttons-save")))
    page.screenshot(SHOTS / "05-agent-replied.png")
    transaction.begin()
    reply = api.content.find(portal_type="dmsoutgoingmail", Title="Réponse: Demande de permis*")
    assert len(reply) == 1
    reply = reply[0].getObject()
    assert [relation.to_object.Title() for relation in reply.signers] == [
        reply.sender.to_object.Title()
    ]
    assert reply.sender.to_object.Title().startswith("Marie Lejeune, Directrice générale")

    # the letter, signed by the signatory chosen
    page.open("/".join(reply.getPhysicalPath()[2:]))
    page.wait_for("form.mail-letters button")
    odt_button = [
        button for button in page.find_all("form.mail-letters button") if "(odt)" in button.text
    ][0]
    page.loads(lambda: click(page, odt_button))
    page.screenshot(SHOTS / "06-agent-letter.png")
    transaction.begin()
    letters = [obj for obj in reply.objectValues() if obj.portal_type == "dmsommainfile"]
    assert len(letters) == 1
    assert "Marie Lejeune" in letter_text(letters[0])
    transition(page, "propose_to_be_signed")
    page.screenshot(SHOTS / "07-agent-to-be-signed.png")

    # the dispatch signs and sends it
    page = browser(mail_demo).login("expediteur", DEMO_PASSWORD)
    page.open("outgoing-mail/to_send")
    page.wait_for_text(reply.Title())
    page.screenshot(SHOTS / "08-dispatch-to-send.png")
    page.open("/".join(reply.getPhysicalPath()[2:]))
    transition(page, "mark_as_signed")
    transition(page, "mark_as_sent")
    page.screenshot(SHOTS / "09-dispatch-sent.png")
    transaction.begin()
    assert api.content.get_state(reply) == "sent"
    assert reply.outgoing_date is not None
