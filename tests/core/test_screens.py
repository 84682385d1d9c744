"""Key screens of the trunk in a real browser (Chromium)."""

from iasolutions.core.contacts import add_person
from tests.helpers import create_user


def test_administrator_sees_the_services_and_their_groups(functional_portal, browser):
    create_user("siteadmin", roles=["Member", "Site Administrator"])
    page = browser(functional_portal).login("siteadmin")
    page.open("@@iasolutions-services")
    rows = page.find_all("#services tbody tr")
    assert len(rows) == 10
    assert "Taxes et recettes" in rows[3].text
    assert "0 member(s)" in rows[3].text
    page.loads(page.find("#services tbody tr:nth-child(3) td:nth-child(3) a").click)
    page.wait_for_text("Group Members")


def test_agent_searches_the_directory(functional_portal, browser):
    add_person(functional_portal["contacts"], "Dupont", "Anne", city="Namur")
    add_person(functional_portal["contacts"], "Martin", "Luc", city="Mons")
    create_user("agent")
    page = browser(functional_portal).login("agent")
    page.open("contacts")
    search = page.find("#contacts-search input[name=SearchableText]")
    search.send_keys("namur")
    page.loads(page.find("#contacts-search button[type=submit]").click)
    results = page.find("#contacts-results").text
    assert "Anne Dupont" in results
    assert "Luc Martin" not in results


def test_anonymous_visitor_is_sent_to_login(functional_portal, browser):
    page = browser(functional_portal)
    page.open("contacts")
    assert "login" in page.driver.current_url or "Log in" in page.text()
