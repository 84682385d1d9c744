"""Accessibility (WCAG 2.1 AA, Walloon decree of 2 May 2019) of the core's pages.

axe-core runs in Chromium on the pages users meet: the public pages, a dashboard,
the contacts directory, an add form with a multi-choice field; and the texts that
screen readers read (status messages, select2) are in the user's language.
"""

from DateTime import DateTime
from datetime import date
from datetime import datetime
from iasolutions.core import dashboards
from iasolutions.core.contacts import add_held_position
from iasolutions.core.contacts import add_person
from iasolutions.core.dates import format_date
from iasolutions.core.interfaces import IIASolutionsCoreLayer
from iasolutions.core.services import get_own_organization
import json
from pathlib import Path
from plone import api
from plone.app.textfield import RichText
from plone.app.viewletmanager.interfaces import IViewletSettingsStorage
import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait
from tests.helpers import create_user
from tests.helpers import rest
import transaction
from z3c.form.interfaces import DISPLAY_MODE
from z3c.form.interfaces import IFieldWidget
from zope import schema
from zope.component import getMultiAdapter
from zope.component import getUtility
from zope.interface import alsoProvides


REPO = Path(__file__).resolve().parents[2]
AXE_PATHS = (
    REPO / "node_modules/axe-core/axe.min.js",
    Path("/work/axe/node_modules/axe-core/axe.min.js"),
)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_source():
    for path in AXE_PATHS:
        if path.exists():
            return path.read_text()
    pytest.fail("axe-core is not installed: npm install axe-core (node_modules/axe-core)")


def axe_violations(page):
    """The WCAG 2.1 A/AA violations axe-core finds on the page, as readable lines."""
    page.driver.execute_script(axe_source())
    violations = page.driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(function (result) { done(result.violations); })"
        ".catch(function (error) { done([{id: 'axe-error', nodes: [], help: String(error)}]); });",
        WCAG_TAGS,
    )
    return [
        f"{violation['id']} ({violation['help']}): "
        + "; ".join(node["html"][:120] for node in violation["nodes"])
        for violation in violations
    ]


@pytest.fixture
def site(functional_portal):
    """The trunk's site in French, as a municipality's (the test site speaks English)."""
    api.portal.set_registry_record("plone.available_languages", ["fr", "en"])
    api.portal.set_registry_record("plone.default_language", "fr")
    transaction.commit()
    return functional_portal


def settled(page):
    """Wait until the page's scripts have run (patterns, faceted results)."""
    WebDriverWait(page.driver, 20).until(
        lambda driver: driver.execute_script("return document.readyState === 'complete';")
    )
    page.driver.execute_script("return new Promise(function (done) { setTimeout(done, 800); });")
    return page


# Public pages --------------------------------------------------------------


@pytest.mark.parametrize("path", ["", "login", "accessibility-info"])
def test_public_pages_have_no_violation(site, browser, path):
    page = settled(browser(site).open(path))
    assert axe_violations(page) == []


def test_keyboard_users_skip_to_the_content(site, browser):
    page = settled(browser(site).open(""))
    page.find("body").send_keys(Keys.TAB)
    focused = page.driver.switch_to.active_element
    assert focused.text == "Aller au contenu"
    assert focused.size["width"] > 50  # shown once it has the focus
    target = focused.get_attribute("href").rsplit("#", 1)[1]
    assert page.find_all(f"#{target}")


# An agent's pages ------------------------------------------------------------


@pytest.fixture
def agent_dashboard(site):
    """A dashboard of documents with a batch action, a text filter and a type filter."""
    folder = api.content.create(container=site, type="Folder", id="work", title="Travail")
    create_user("agent", roles=["Member", "Contributor", "Reader"])
    for number in range(3):
        api.content.create(
            container=folder, type="Document", id=f"doc-{number}", title=f"Rapport {number}"
        )
    dashboards.create_dashboard(
        folder,
        "documents",
        "Documents",
        query=[dashboards.type_is("Document")],
        criteria=[
            dashboards.text_filter(),
            dashboards.search_filter(
                "portal_type", "Type", "plone.app.vocabularies.ReallyUserFriendlyTypes"
            ),
        ],
        columns=["Title", "review_state", "created"],
        sort_on="sortable_title",
        sort_reversed=False,
        batch_actions=[{"view": "batch-noop", "title": "Ne rien faire"}],
    )
    return site


def test_agent_dashboard_has_named_checkboxes_and_no_violation(agent_dashboard, browser):
    page = browser(agent_dashboard).login("agent").open("work/documents")
    page.wait_for(".dashboard-results tbody tr")
    settled(page)
    assert axe_violations(page) == []
    assert page.find(".select-all").get_attribute("aria-label") == "Tout sélectionner"
    names = [box.get_attribute("aria-label") for box in page.find_all("input[name='uids:list']")]
    assert names == ["Sélectionner Rapport 0", "Sélectionner Rapport 1", "Sélectionner Rapport 2"]


def test_dashboard_announces_the_new_count(agent_dashboard, browser):
    page = browser(agent_dashboard).login("agent").open("work/documents")
    page.wait_for(".dashboard-results tbody tr")
    status = page.find("#dashboard-status")
    assert status.get_attribute("role") == "status"
    WebDriverWait(page.driver, 20).until(lambda driver: "3" in status.get_attribute("textContent"))
    search = page.find("#faceted-form input[type=text]")
    search.send_keys("Rapport 1", Keys.ENTER)
    WebDriverWait(page.driver, 20).until(
        lambda driver: status.get_attribute("textContent").strip() == "1 résultat(s)"
    )


def test_dashboard_filter_answers_in_french(agent_dashboard, browser):
    page = browser(agent_dashboard).login("agent").open("work/documents")
    page.wait_for(".dashboard-results tbody tr")
    settled(page)
    page.find(".select2-container a.select2-choice").click()
    ActionChains(page.driver).send_keys("zzzzz").perform()
    page.wait_for_text("Aucun résultat trouvé")
    assert "No matches found" not in page.text()


def test_agent_directory_has_no_violation(site, browser):
    create_user("agent")
    page = settled(browser(site).login("agent").open("contacts"))
    assert axe_violations(page) == []
    assert (
        page.find("label[for=contacts-search-type]").get_attribute("textContent")
        == "Type de contact"
    )


def test_person_page_has_no_violation(site, browser):
    """A person and their positions (Plone's listing put an empty link before each)."""
    person = add_person(site["contacts"], "Dupont", "Anne")
    organization = api.content.create(
        container=site["contacts"], type="organization", id="spw", title="SPW"
    )
    add_held_position(person, organization, label="Inspectrice")
    create_user("agent")
    page = settled(browser(site).login("agent").open("contacts/" + person.getId()))
    assert "Anne Dupont, Inspectrice (SPW)" in page.text()
    assert axe_violations(page) == []


def test_add_form_with_a_multi_choice_field_has_no_violation(site, browser):
    """The two-list widget of List(Choice) fields: both lists and the four arrows named."""
    api.content.create(container=site, type="Folder", id="models", title="Modèles")
    create_user("siteadmin", roles=["Member", "Manager"])
    page = browser(site).login("siteadmin").open("models/++add++pod_template")
    page.wait_for(".ordered-selection-field")
    settled(page)
    assert axe_violations(page) == []
    widget = page.find("#formfield-form-widgets-output_formats")
    labels = [
        label.text for label in widget.find_elements("css selector", "label.form-label.small")
    ]
    assert labels[0].startswith("Disponibles (") and labels[1].startswith("Sélectionnés (")
    buttons = [
        button.get_attribute("aria-label")
        for button in widget.find_elements("css selector", "button")
    ]
    assert buttons == ["Ajouter à la sélection", "Retirer de la sélection", "Monter", "Descendre"]


def test_status_messages_are_read_in_french(site, browser):
    """After logging in, the message says 'Info' and no message id."""
    create_user("agent")
    page = browser(site).login("agent")
    message = page.wait_for(".portalMessage")
    assert "Bienvenue" in message.text
    html = message.get_attribute("outerHTML")
    assert "statusmessage_mtype" not in html
    assert message.find_element("css selector", "strong").text == "Info:"


# What the pages are made of --------------------------------------------------


def test_select2_texts_are_in_the_french_catalog(functional_portal):
    """@@plonejsi18n, where the pages' scripts read select2's texts."""
    response = rest(functional_portal).get("plonejsi18n?domain=widgets&language=fr")
    catalog = json.loads(response.text)
    assert catalog["No matches found"] == "Aucun résultat trouvé"
    assert catalog["Loading more results…"] == "Chargement de résultats supplémentaires…"
    assert catalog["Searching…"] == "Recherche en cours…"
    english = json.loads(rest(functional_portal).get("plonejsi18n?domain=widgets&language=en").text)
    assert english["No matches found"] == "No matches found"


def test_accessibility_statement_follows_the_eu_model(site):
    own = get_own_organization()
    own.email = "accessibilite@commune.example"
    own.street, own.number, own.zip_code, own.city = "Grand-Place", "1", "7180", "Seneffe"
    transaction.commit()
    page = rest(site).get("accessibility-info", headers={"Accept": "text/html"})
    assert page.status_code == 200
    text = " ".join(page.text.split())
    assert "Déclaration d'accessibilité" in text
    assert f"{own.title}</strong> s'engage" in text
    assert "<strong>partiellement conforme</strong>" in text
    assert "Contenu non accessible" in text
    assert "auto-évaluation" in text and "axe-core" in text
    assert "mailto:accessibilite@commune.example" in text
    assert "Grand-Place 1, 7180 Seneffe" in text
    assert "Médiateur commun de la Fédération Wallonie-Bruxelles et de la Wallonie" in text
    assert "It meets the Web Content Accessibility Guidelines" not in text
    assert "répond aux" not in text  # Plone's generic claim of conformance, in French


def test_accessibility_statement_in_english(portal, http_request):
    alsoProvides(http_request, IIASolutionsCoreLayer)
    http_request["LANGUAGE"] = "en"
    api.portal.set_registry_record("plone.email_from_address", "webmaster@commune.example")
    html = getMultiAdapter((portal, http_request), name="accessibility-info")()
    text = " ".join(html.split())
    assert "Accessibility statement" in text
    assert "<strong>partially compliant</strong>" in text
    assert "mailto:webmaster@commune.example" in text  # no address on the organisation
    assert "Enforcement procedure" in text
    assert "Déclaration d'accessibilité" not in text


def test_rich_text_names_its_format_list_and_has_no_resize_handle(portal, http_request):
    alsoProvides(http_request, IIASolutionsCoreLayer)
    api.portal.set_registry_record("plone.allowed_types", ("text/html", "text/x-web-markdown"))
    field = RichText(__name__="motivation", title="Motivation")
    widget = getMultiAdapter((field, http_request), IFieldWidget)
    widget.context = portal
    widget.update()
    html = widget.render()
    assert f'<select id="{widget.id}_text_format" aria-label="Text format (Motivation)"' in html
    assert widget.get_pattern_options()["tiny"]["resize"] is False


# Dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, with_time, expected",
    [
        (date(2026, 11, 3), False, "03/11/2026"),
        (date(2026, 11, 3), True, "03/11/2026"),
        (datetime(2026, 11, 3, 9, 5), False, "03/11/2026"),
        (datetime(2026, 11, 3, 9, 5), True, "03/11/2026 09:05"),
        (DateTime("2026/11/03 09:05:00 GMT+1"), True, "03/11/2026 09:05"),
        ("2026-11-03", False, "03/11/2026"),
        ("2026-11-03T09:05:00", True, "03/11/2026 09:05"),
        (None, True, ""),
        ("", False, ""),
        ("not a date", False, ""),
    ],
)
def test_one_date_format_for_agents(value, with_time, expected):
    assert format_date(value, with_time=with_time) == expected


@pytest.mark.parametrize(
    "field, value, expected",
    [
        (schema.Date(__name__="when"), "2026-11-25", "25/11/2026"),
        (schema.Datetime(__name__="when"), "2026-11-28T18:10", "28/11/2026 18:10"),
    ],
)
def test_date_fields_show_four_digit_years(portal, http_request, field, value, expected):
    """A date field on a view (the mail's dates, a meeting's…), not '25/11/26'."""
    alsoProvides(http_request, IIASolutionsCoreLayer)
    widget = getMultiAdapter((field, http_request), IFieldWidget)
    widget.mode = DISPLAY_MODE
    widget.value = value
    assert widget.render() == expected


def test_dashboard_dates_read_dd_mm_yyyy(portal):
    document = api.content.create(container=portal, type="Document", id="d", title="D")
    brain = api.content.find(UID=document.UID())[0]
    created = document.created()
    assert dashboards.cell(brain, "created") == created.strftime("%d/%m/%Y")
    assert dashboards.display(created) == created.strftime("%d/%m/%Y %H:%M")
    assert dashboards.display(date(2026, 1, 2)) == "02/01/2026"


# Upgrade -----------------------------------------------------------------------


def test_upgrade_1002_registers_the_bundle_and_the_skip_link(portal):
    setup = api.portal.get_tool("portal_setup")
    registry = api.portal.get_tool("portal_registry")
    for key in [
        key for key in registry.records if key.startswith("plone.bundles/iasolutions-core.")
    ]:
        del registry.records[key]
    setup.setLastVersionForProfile("iasolutions.core:default", "1000")
    for step in setup.listUpgrades("iasolutions.core:default"):
        for single in step if isinstance(step, list) else [step]:
            single["step"].doStep(setup)
    assert (
        registry["plone.bundles/iasolutions-core.csscompilation"]
        == "++plone++iasolutions.core/iasolutions.css"
    )
    assert registry["plone.bundles/iasolutions-core.enabled"] is True
    skin = api.portal.get_tool("portal_skins").getDefaultSkin()
    order = getUtility(IViewletSettingsStorage).getOrder("plone.portalheader", skin)
    assert order[0] == "iasolutions.skiplink"
