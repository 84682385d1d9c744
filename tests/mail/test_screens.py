"""Key screens of the mail module in a real browser (Chromium): the agent's
dashboard and the mail view."""

from iasolutions.core.contacts import add_person
from iasolutions.mail import labels
from iasolutions.mail import mails
from selenium.webdriver.support.ui import WebDriverWait
from tests.helpers import as_user
from tests.mail.helpers import go
from tests.mail.helpers import incoming_mail


def test_agent_dashboard_to_treat(mail_functional_portal, functional_people, browser):
    person = add_person(mail_functional_portal["contacts"], "Dupont", "Jean")
    for number in range(3):
        go(
            incoming_mail(
                functional_people.a, person, title=f"Pour moi {number}", assigned_user="agent_a"
            ),
            "propose_to_manager",
            "propose_to_agent",
        )
    go(
        incoming_mail(functional_people.a, person, title="Pour mon chef", assigned_user="chef_a"),
        "propose_to_manager",
        "propose_to_agent",
    )
    page = browser(mail_functional_portal).login("agent_a")
    page.open("incoming-mail/to_treat")
    page.wait_for(".dashboard-results tbody tr")
    page.wait_for_text("Pour moi 2")
    rows = page.find_all(".dashboard-results tbody tr")
    assert len(rows) == 3
    assert "Pour mon chef" not in page.text()
    assert "Finances (FIN)" in rows[0].text
    assert "Jean Dupont" in rows[0].text
    # select two rows and open the batch transition form
    for box in page.find_all("input[name='uids:list']")[:2]:
        box.click()
    page.loads(page.find("button[formaction$='@@mail-batch-transition']").click)
    page.wait_for("select[name=transition]")
    options = [o.get_attribute("value") for o in page.find_all("select[name=transition] option")]
    assert "treat" in options and "close" in options


def test_mail_view(mail_functional_portal, functional_people, browser):
    person = add_person(mail_functional_portal["contacts"], "Dupont", "Jean")
    mail = go(
        incoming_mail(functional_people.a, person, mail_type=None, title="Subside"),
        "propose_to_manager",
        "propose_to_agent",
    )
    mails.add_file(mail, b"%PDF-1.4 scan", "scan.pdf")
    path = "/".join(mail.getPhysicalPath()[2:])
    page = browser(mail_functional_portal).login("agent_a")
    page.open(path)
    page.wait_for(".mail-view")
    text = page.text()
    assert mail.Title() in text
    assert "scan.pdf" in text
    assert "Missing: mail type." in page.find(".mail-refusals").text
    page.loads(page.find("a.mail-label").click)
    page.wait_for("a.mail-label.btn-secondary")


def listed(page, count):
    """The titles of the results once the listing shows ``count`` rows."""

    def rows(driver):
        found = page.find_all(".dashboard-results tbody tr td a")
        return found if len(found) == count else False

    links = WebDriverWait(page.driver, 20).until(rows)
    return sorted(link.text.split(" - ", 1)[1] for link in links)


def in_view(page, css):
    """The element, scrolled into view (the state filter pushed the last facets down)."""
    element = page.find(css)
    page.driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element
    )
    return element


def test_sender_and_labels_facets(mail_functional_portal, functional_people, browser):
    contacts = mail_functional_portal["contacts"]
    jean, anne = add_person(contacts, "Dupont", "Jean"), add_person(contacts, "Martin", "Anne")
    go(
        incoming_mail(functional_people.a, jean, title="De Jean"),
        "propose_to_manager",
        "propose_to_agent",
    )
    followed = go(
        incoming_mail(functional_people.a, anne, title="De Anne, suivi"),
        "propose_to_manager",
        "propose_to_agent",
    )
    go(
        incoming_mail(functional_people.a, anne, title="De Anne, pas suivi"),
        "propose_to_manager",
        "propose_to_agent",
    )
    with as_user("agent_a"):
        labels.set_label(followed, "suivi")
    page = browser(mail_functional_portal).login("agent_a")
    page.driver.set_window_size(1400, 3000)  # the facets below the others, in view
    try:
        page.open("incoming-mail/all_mails")
        listed(page, 3)
        # the sender: a search among the correspondents
        in_view(page, ".section-expediteur .select2-choice").click()
        page.driver.switch_to.active_element.send_keys("Mart\n")
        assert listed(page, 2) == ["De Anne, pas suivi", "De Anne, suivi"]
        # my labels: the one I follow
        in_view(page, ".section-etiquettes input[value=suivi]").click()
        assert listed(page, 1) == ["De Anne, suivi"]
    finally:
        page.driver.set_window_size(1400, 1000)
