"""The deliberations' daily path in Chromium, clicking as each user does (issue 8):
an agent creates an item from the add menu, adds an annex and proposes it; the head of
service validates it; the general director creates a meeting from the add menu, presents
the item, freezes, decides and closes the meeting (confirming). The delib screens on the
way pass axe-core's WCAG 2.1 A/AA rules."""

import json
from pathlib import Path
from plone import api
import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select
from selenium.webdriver.support.ui import WebDriverWait
import tempfile
from tests.delib.helpers import create_delib_users
from tests.delib.helpers import earlier_today
import time
import transaction


AXE = Path("/work/axe/node_modules/axe-core/axe.min.js")
SHOTS = Path(tempfile.gettempdir()) / "delib-daily-path"  # screenshots, to look at


def axe_violations(page, selector):
    """axe-core's WCAG 2.1 A/AA violations inside ``selector`` (the delib template's part)."""
    if not AXE.exists():
        pytest.fail(f"axe-core is not installed ({AXE}): npm install axe-core there")
    page.driver.execute_script(AXE.read_text())
    result = page.driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run({include: [[arguments[0]]]},"
        " {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        ".then(r => done(JSON.stringify(r.violations)), e => done(JSON.stringify(String(e))));",
        selector,
    )
    violations = json.loads(result)
    return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in violations]


def shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(SHOTS / f"{name}.png")


def here(page):
    """The address of the object shown (without a view name or a query)."""
    url = page.driver.current_url.split("?")[0].rstrip("/")
    return url[: -len("/view")] if url.endswith("/view") else url


def type_in_editor(page, field, text):
    """Click in a rich text field's editor (TinyMCE's frame) and type, as a user does."""
    frame = WebDriverWait(page.driver, 30).until(
        lambda driver: driver.find_elements(
            By.CSS_SELECTOR, f"#formfield-form-widgets-{field} iframe"
        )
    )[0]
    page.driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", frame
    )
    time.sleep(0.5)
    frame.click()
    ActionChains(page.driver).send_keys(text).perform()
    page.driver.switch_to.frame(frame)
    try:
        typed = page.driver.find_element(By.CSS_SELECTOR, "body").text
    finally:
        page.driver.switch_to.default_content()
    assert text in typed


def click_add_menu(page, entry_id):
    """Open the toolbar's add menu and pick an entry, as a user does."""
    page.find("#plone-contentmenu-factories > a").click()
    entry = page.wait_for(f"#plone-contentmenu-factories #{entry_id}")
    page.loads(entry.click)


def press(page, target):
    """Click a button (its id, or a CSS selector) once the page has settled (the editor's
    loading moves the form)."""
    page.press(target if target[0] in ".[" or " " in target else f"#{target}")


@pytest.fixture
def site(delib_functional_portal):
    portal = delib_functional_portal
    api.portal.set_registry_record("plone.default_language", "fr")
    services = {b.getId: b.UID for b in api.content.find(portal_type="organization")}
    create_delib_users(services)
    transaction.commit()
    return portal, services


def test_daily_path_of_an_item_and_its_meeting(site, browser, tmp_path):
    portal, services = site
    portal["meeting-configs"]["meeting-config-college"]
    folder = "deliberations/meeting-config-college"

    # The agent: the add menu, the item form, an annex, propose.
    page = browser(portal).login("creator_fin")
    page.open(folder)
    click_add_menu(page, "meetingitemcollege")
    assert page.driver.current_url.endswith("/++add++MeetingItemCollege")
    page.wait_for("#form-widgets-title").send_keys("Achat de chaises pour la salle du conseil")
    Select(page.find("#form-widgets-proposingGroup")).select_by_value(services["finances"])
    Select(page.find("#form-widgets-category")).select_by_value("administration")
    type_in_editor(page, "decision", "Décide d'acheter quarante chaises.")
    shot(page, "1-agent-item-form")
    press(page, "form-buttons-save")
    page.wait_for(".delib-item")
    item_url = here(page)
    assert "En création" in page.find(".delib-state").text
    press(page, ".delib-annexes a[href$='/++add++annex']")
    page.wait_for("#form-widgets-title").send_keys("Offre du fournisseur")
    offer = tmp_path / "offre.pdf"
    offer.write_bytes(b"%PDF-1.4\n% offre\n")
    page.find("#form-widgets-file-input").send_keys(str(offer))
    press(page, "form-buttons-save")
    page.open(item_url[len(portal.absolute_url()) + 1 :])
    page.wait_for(".delib-item")
    assert "Offre du fournisseur" in page.find(".delib-annexes").text
    assert axe_violations(page, ".delib-item") == []
    shot(page, "2-agent-item")
    press(page, "transition-propose")
    assert "Proposé" in page.find(".delib-state").text
    assert page.find_all("#transition-propose") == []

    # The head of service validates.
    page = browser(portal).login("reviewer_fin")
    page.open(item_url[len(portal.absolute_url()) + 1 :])
    page.wait_for(".delib-item")
    press(page, "transition-validate")
    assert "Validé" in page.find(".delib-state").text

    # The general director: a meeting from the add menu (earlier today, so that it can be
    # decided today), present, freeze, decide, close with confirmation.
    page = browser(portal).login("manager")
    page.open(folder)
    click_add_menu(page, "meetingcollege")
    assert page.driver.current_url.endswith("/++add++MeetingCollege")
    when = earlier_today()
    date_field = page.wait_for("#form-widgets-date")
    page.driver.execute_script(
        "arguments[0].value = arguments[1];", date_field, when.strftime("%Y-%m-%dT%H:%M")
    )
    place = page.find_all("#form-widgets-place")
    if place:
        place[0].send_keys("Salle du conseil")
    shot(page, "3-director-meeting-form")
    press(page, "form-buttons-save")
    page.wait_for(".delib-meeting")
    meeting_url = here(page)
    assert "En création" in page.find(".delib-state").text
    assert page.find_all(".delib-publish") == []  # nothing to publish yet
    transaction.begin()
    item = api.content.get(path=item_url[len(portal.absolute_url()) :])
    assert item is not None, item_url
    press(page, f"present-{item.UID()}")
    rows = page.find_all("#delib-agenda tbody tr")
    assert any("Achat de chaises" in row.text for row in rows)
    assert axe_violations(page, ".delib-meeting") == []
    shot(page, "4-director-agenda")
    press(page, "transition-freeze")
    assert "Figée" in page.find(".delib-state").text
    assert [b.get_attribute("value") for b in page.find_all(".delib-publish button")] == [
        "in_project"
    ]
    press(page, "transition-decide")
    assert "Décidée" in page.find(".delib-state").text
    shot(page, "5a-director-decided")
    # Each item's deliberation stored in the item: the meeting's items (with its
    # recurring ones) go to the worker, whose progress the jobs page shows (the job
    # itself: tests/delib/test_stored_documents.py)
    Select(page.find("#delib-generate-format")).select_by_value("odt")
    press(page, "delib-generate-documents")
    page.wait_for("#jobs")
    assert "en cours de génération" in page.find(".statusmessage").text
    assert "Générer" in page.find("#jobs tbody tr").text
    assert axe_violations(page, "#content") == []
    shot(page, "5b-director-documents-queued")
    page.driver.get(meeting_url)
    page.wait_for(".delib-meeting")
    press(page, "transition-close")
    # Closing asks first; the meeting is still decided until confirmed.
    question = page.wait_for(".delib-confirm .alert")
    assert "clôturée ne revient plus en arrière" in question.text
    assert axe_violations(page, ".delib-confirm") == []
    shot(page, "5-director-confirm-close")
    press(page, "confirm-transition")
    page.wait_for(".delib-meeting")
    assert here(page) == meeting_url
    assert "Clôturée" in page.find(".delib-state").text
    shot(page, "6-director-closed")
    transaction.begin()
    assert api.content.get_state(item) == "accepted"
    assert item.itemReference.startswith("COL/")
    assert [a.title for a in item.objectValues() if a.portal_type == "annex"] == [
        "Offre du fournisseur"
    ]


def test_the_other_delib_screens_pass_axe(site, browser):
    """Attendance and votes (secret and public polls), the meeting with items waiting to be
    presented, an item with an advice asked, a new item from a template, and the public
    pages anonymous visitors read."""
    from iasolutions.core.contacts import add_held_position
    from iasolutions.core.contacts import add_person
    from iasolutions.delib.publication import publish
    from tests.delib.helpers import make_item
    from tests.delib.helpers import make_meeting
    from tests.delib.helpers import transition
    from tests.delib.helpers import validated_item
    from tests.helpers import as_user

    portal, services = site
    college = portal["meeting-configs"]["meeting-config-college"]
    contacts = portal["contacts"]
    members = [
        add_held_position(
            add_person(contacts, name, "Conseiller"),
            contacts["plonegroup-organization"],
            label="Conseiller",
        ).UID()
        for name in ("Alpha", "Bravo")
    ]
    meeting = make_meeting(college, attendees=members, signatories=members[:1])
    public_vote = validated_item(college, services, title="Budget", pollType="freehand")
    secret_vote = validated_item(college, services, title="Nomination", pollType="secret")
    validated_item(college, services, title="Éclairage public")  # waits to be presented
    advised = make_item(
        college, "creator_trav", services["travaux"], title="Égouttage", category="finances"
    )
    transition(advised, "creator_trav", "propose")
    for item in (public_vote, secret_vote):
        transition(item, "manager", "present")
    transaction.commit()

    def check(user, path, selector, shown=None):
        page = browser(portal)
        if user:
            page.login(user)
        page.open(path[len(portal.absolute_url()) + 1 :] if path.startswith("http") else path)
        page.wait_for(shown or selector)
        return axe_violations(page, selector)

    found = {
        "votes (public)": check(
            "manager",
            public_vote.absolute_url() + "/@@item-votes",
            "form.delib-votes",
            "select[name^='vote-']",
        ),
        "votes (secret)": check(
            "manager",
            secret_vote.absolute_url() + "/@@item-votes",
            "form.delib-votes",
            "input[name='count-yes']",
        ),
        "meeting": check(
            "manager", meeting.absolute_url(), ".delib-meeting", ".delib-to-present button"
        ),
        "item with advice": check(
            "reviewer_trav", advised.absolute_url(), ".delib-item", ".delib-advice-limit"
        ),
        "from template": check(
            "creator_fin",
            "deliberations/meeting-config-college/@@add-item-from-template",
            "#content-core form",
        ),
        "batch transition": check(
            "reviewer_trav",
            "deliberations/meeting-config-college/"
            f"points-a-valider/@@delib-batch-transition?uids:list={advised.UID()}",
            "form.delib-batch",
            "#delib-batch-choice",
        ),
        "batch copy groups": check(
            "reviewer_trav",
            "deliberations/meeting-config-college/"
            f"points-a-valider/@@delib-batch-copy-groups?uids:list={advised.UID()}",
            "form.delib-batch",
            "#delib-batch-choice",
        ),
    }
    transaction.begin()
    transition(meeting, "manager", "freeze", "decide")
    for item in (public_vote, secret_vote):
        transition(item, "manager", "accept")
    with as_user("manager"):
        public = publish(meeting, "decision")
    transaction.commit()
    found["public folder"] = check(None, "publications", "#content-core")
    found["public meeting"] = check(None, public.absolute_url(), "#content-core")
    found["public item"] = check(None, public.objectValues()[0].absolute_url(), "#content-core")
    assert found == {name: [] for name in found}
