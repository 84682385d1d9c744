"""Pages the walk found refused behind a link shown to the user, each checked as that
user on the demo site of every organisation profile (over HTTP, logged in through the
login form)."""

from iasolutions.core.demo import demo_services
from iasolutions.delib.meetingconfigs import get_configs
from iasolutions.policy.demo import DEMO_PASSWORD
import lxml.html
from plone import api
import requests
from tests.persona.walk import is_refusal
from tests.persona.walk import login


def session_of(portal, userid):
    session = requests.Session()
    login(session, portal.absolute_url(), userid, DEMO_PASSWORD)
    return session


def get(session, url):
    return session.get(url, allow_redirects=False)


def agents(kind):
    """The demo's agents of the site's profile: mail (``_``) or delib (``-``) agent of
    each demo service, e.g. agent_fin, agent-fin in a commune, agent_compta in a police zone."""
    services = demo_services()
    return [f"agent{kind}{services[role].suffix}" for role in ("finances", "field", "other")]


def test_the_deliberations_folders_open_for_every_agent(demo_profile):
    """The breadcrumbs of every delib dashboard link these folders."""
    profile, site, info = demo_profile
    url = site.absolute_url()
    paths = ["deliberations", "meeting-configs"]
    paths += [f"deliberations/{cfg.getId()}" for cfg in get_configs()]
    for userid in ("encodeur", agents("_")[0], agents("-")[0], "echevin"):
        session = session_of(site, userid)
        for path in paths:
            response = get(session, f"{url}/{path}")
            assert response.status_code == 200 and not is_refusal(response), (
                profile,
                userid,
                path,
            )


def test_anonymous_still_may_not_open_them(demo_profile):
    profile, site, info = demo_profile
    url = site.absolute_url()
    for path in ["deliberations"] + [f"deliberations/{cfg.getId()}" for cfg in get_configs()]:
        assert is_refusal(get(requests.Session(), f"{url}/{path}")), (profile, path)


def test_the_scanner_opens_the_add_form_of_the_add_menu(demo_profile):
    profile, site, info = demo_profile
    session, url = session_of(site, "scanner"), site.absolute_url()
    folder = get(session, f"{url}/incoming-mail")
    assert "++add++dmsincomingmail" in folder.text
    response = get(session, f"{url}/incoming-mail/++add++dmsincomingmail")
    assert response.status_code == 200, (profile, response.headers.get("Location"))


def _state_menu_links(session, url):
    document = lxml.html.fromstring(get(session, url).text)
    return [
        a.get("href")
        for a in document.xpath("//a[@href]")
        if "content_status_history" in a.get("href")
    ]


def test_the_state_menu_offers_advanced_only_to_who_may_open_it(demo_profile):
    profile, site, info = demo_profile
    mails = api.content.find(
        context=site["incoming-mail"],
        portal_type="dmsincomingmail",
        review_state="proposed_to_agent",
        sort_on="id",
    )
    assert mails, "the demo has mails with an agent"
    mail_url = mails[0].getURL()
    agent = [u for u in agents("_") if mails[0].getObject().assigned_user == u]
    session = session_of(site, agent[0] if agent else agents("_")[0])
    for href in _state_menu_links(session, mail_url):
        assert not is_refusal(get(session, href)), (profile, href)
    admin = session_of(site, "siteadmin")
    assert _state_menu_links(admin, mail_url), "a site administrator keeps Avancé…"


def test_the_meeting_manager_opens_the_add_form_of_a_meeting(demo_profile):
    """The general director manages the meetings of the first configuration (the
    College…): the add menu's *Séance* opens its form (the folder did not give him
    Add portal content)."""
    profile, site, info = demo_profile
    session, url = session_of(site, "dir-gen"), site.absolute_url()
    cfg = get_configs()[0]
    folder = f"{url}/deliberations/{cfg.getId()}"
    add = f"++add++{cfg.getMeetingTypeName()}"
    assert add in get(session, folder).text, profile
    response = get(session, f"{folder}/{add}")
    assert response.status_code == 200, (profile, response.headers.get("Location"))
