"""Pages the walk found refused behind a link shown to the user, each checked as that
user on the demo site (over HTTP, logged in through the login form)."""

from iasolutions.policy.demo import DEMO_PASSWORD
import lxml.html
from plone import api
import pytest
import requests
from tests.persona.walk import is_refusal
from tests.persona.walk import login


def session_of(portal, userid):
    session = requests.Session()
    login(session, portal.absolute_url(), userid, DEMO_PASSWORD)
    return session


def get(session, url):
    return session.get(url, allow_redirects=False)


@pytest.mark.parametrize("userid", ["encodeur", "agent_fin", "agent-fin", "echevin"])
def test_the_deliberations_folders_open_for_every_agent(demo_portal, userid):
    """The breadcrumbs of every delib dashboard link these folders."""
    session, url = session_of(demo_portal, userid), demo_portal.absolute_url()
    for path in (
        "deliberations",
        "deliberations/meeting-config-college",
        "deliberations/meeting-config-council",
        "meeting-configs",
    ):
        response = get(session, f"{url}/{path}")
        assert response.status_code == 200 and not is_refusal(response), (userid, path)


def test_anonymous_still_may_not_open_them(demo_portal):
    url = demo_portal.absolute_url()
    for path in ("deliberations", "deliberations/meeting-config-college"):
        assert is_refusal(get(requests.Session(), f"{url}/{path}")), path


def test_the_scanner_opens_the_add_form_of_the_add_menu(demo_portal):
    session, url = session_of(demo_portal, "scanner"), demo_portal.absolute_url()
    folder = get(session, f"{url}/incoming-mail")
    assert "++add++dmsincomingmail" in folder.text
    response = get(session, f"{url}/incoming-mail/++add++dmsincomingmail")
    assert response.status_code == 200, response.headers.get("Location")


def _state_menu_links(session, url):
    document = lxml.html.fromstring(get(session, url).text)
    return [
        a.get("href")
        for a in document.xpath("//a[@href]")
        if "content_status_history" in a.get("href")
    ]


def test_the_state_menu_offers_advanced_only_to_who_may_open_it(demo_portal):
    mails = api.content.find(
        context=demo_portal["incoming-mail"],
        portal_type="dmsincomingmail",
        review_state="proposed_to_agent",
        sort_on="id",
    )
    assert mails, "the demo has mails with an agent"
    mail_url = mails[0].getURL()
    agent = [
        u
        for u in ("agent_fin", "agent_trav", "agent_urb")
        if mails[0].getObject().assigned_user == u
    ]
    session = session_of(demo_portal, agent[0] if agent else "agent_fin")
    for href in _state_menu_links(session, mail_url):
        assert not is_refusal(get(session, href)), href
    admin = session_of(demo_portal, "siteadmin")
    assert _state_menu_links(admin, mail_url), "a site administrator keeps Avancé…"


def test_the_meeting_manager_opens_the_add_form_of_a_meeting(demo_portal):
    """The general director manages the College's meetings: the add menu's *Séance*
    opens its form (the folder did not give him Add portal content)."""
    session, url = session_of(demo_portal, "dir-gen"), demo_portal.absolute_url()
    folder = f"{url}/deliberations/meeting-config-college"
    assert "++add++MeetingCollege" in get(session, folder).text
    response = get(session, f"{folder}/++add++MeetingCollege")
    assert response.status_code == 200, response.headers.get("Location")
