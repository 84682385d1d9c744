"""The site administrator applies an organisation profile from Site Setup."""

from iasolutions.core import services
from iasolutions.core.organisation import organisation_profile
from plone import api
from plone.protect.authenticator import createToken
from Products.statusmessages.interfaces import IStatusMessage
import re
from selenium.webdriver.common.keys import Keys
from tests.helpers import as_user
from tests.helpers import create_user
from tests.helpers import is_refused
from tests.helpers import rest
import transaction
from zope.i18n import translate


PAGE = "@@iasolutions-organisation-profile"


def open_page(portal, request, **form):
    """The page as the current user, after posting ``form`` (with the CSRF token)."""
    if form:
        request.method = "POST"
        request.form.update(form, _authenticator=createToken())
    view = api.content.get_view(PAGE.lstrip("@"), portal, request)
    return view, view()


def test_site_administrator_applies_a_profile_after_confirming(portal, http_request):
    create_user("siteadmin", roles=["Member", "Site Administrator"])
    assert organisation_profile() == "iasolutions.policy:commune"
    with as_user("siteadmin"):
        view, html = open_page(portal, http_request)
        # only the organisation profiles, the one applied last marked
        assert [p["name"] for p in view.profiles()] == [
            "commune",
            "cpas",
            "zone-de-police",
            "seneffe",
        ]
        assert [p["name"] for p in view.profiles() if p["applied"]] == ["commune"]
        assert 'id="profile-commune"' in html and "applied last" in html
        # choosing one asks for a confirmation, and applies nothing yet
        view, html = open_page(portal, http_request, **{"profile": "seneffe", "form.choose": "1"})
        assert 'id="confirm-organisation-profile"' in html and "Seneffe" in html
        assert organisation_profile() == "iasolutions.policy:commune"
        http_request.form.clear()
        view, html = open_page(portal, http_request, **{"profile": "seneffe", "form.apply": "1"})
    assert organisation_profile() == "iasolutions.policy:seneffe"
    assert {"CAB", "MP"} <= {b.acronym for b in services.get_services()}
    shown = [m.message for m in IStatusMessage(http_request).show()]
    assert shown == ["The organisation profile Seneffe was applied."]


def test_an_unknown_profile_is_a_form_error(portal, http_request):
    create_user("siteadmin", roles=["Member", "Site Administrator"])
    with as_user("siteadmin"):
        view, html = open_page(portal, http_request, **{"profile": "ville", "form.apply": "1"})
    assert organisation_profile() == "iasolutions.policy:commune"
    assert "Choose one of the organisation profiles." in html
    assert 'id="organisation-profiles"' in html


def test_the_page_speaks_french_and_english(portal):
    from iasolutions.policy import _

    message = _("The organisation profile ${title} was applied.", mapping={"title": "CPAS"})
    assert (
        translate(message, target_language="fr") == "Le profil d'organisation CPAS a été appliqué."
    )
    assert translate(message, target_language="en") == "The organisation profile CPAS was applied."
    assert translate(_("Organisation profile"), target_language="fr") == "Profil d'organisation"


def test_only_site_administrators_open_the_page(functional_portal):
    create_user("siteadmin", roles=["Member", "Site Administrator"])
    create_user("agent")
    page = rest(functional_portal, "siteadmin").get(PAGE, headers={"Accept": "text/html"})
    assert page.status_code == 200 and 'id="organisation-profiles"' in page.text
    # the page is in Site Setup
    setup = rest(functional_portal, "siteadmin").get(
        "@@overview-controlpanel", headers={"Accept": "text/html"}
    )
    assert PAGE in setup.text
    refused = rest(functional_portal, "agent").get(
        PAGE, headers={"Accept": "text/html"}, allow_redirects=False
    )
    assert is_refused(refused)
    anonymous = rest(functional_portal).get(
        PAGE, headers={"Accept": "text/html"}, allow_redirects=False
    )
    assert is_refused(anonymous)


def test_the_site_administrator_applies_a_profile_in_the_browser(functional_portal, browser):
    create_user("siteadmin", roles=["Member", "Site Administrator"])
    page = browser(functional_portal).login("siteadmin")
    page.open("@@overview-controlpanel")
    link = [a for a in page.find_all(f'a[href$="/{PAGE}"]') if a.is_displayed()][0]
    assert "Organisation profile" in link.text
    # Site Setup's tiles are taller than the window: follow the link from the keyboard
    page.loads(lambda: link.send_keys(Keys.ENTER))
    assert page.find("#profile-commune").is_selected()
    page.find("#profile-cpas").click()
    page.loads(page.find('#organisation-profiles button[name="form.choose"]').click)
    assert "CPAS" in page.find("#confirm-organisation-profile").text
    page.loads(page.find('#confirm-organisation-profile button[name="form.apply"]').click)
    page.wait_for_text("The organisation profile CPAS was applied.")
    assert page.find("#profile-cpas").is_selected()
    label = page.find('label[for="profile-cpas"]').text
    assert re.search(r"applied last", label)
    transaction.begin()  # see what the server committed
    assert organisation_profile() == "iasolutions.policy:cpas"
