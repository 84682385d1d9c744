"""The home page: each agent's dashboards, grouped by module folder, with counts."""

from iasolutions.core import dashboards
from plone import api
from tests.helpers import as_user
from tests.helpers import create_user
from tests.helpers import rest


def test_the_site_opens_on_the_home_page(portal):
    assert portal.getLayout() == "iasolutions-home"


def test_home_lists_the_dashboards_with_their_counts(portal, http_request):
    folder = api.content.create(
        container=portal, type="Folder", id="courrier", title="Courrier entrant"
    )
    api.content.create(container=folder, type="Document", id="d1", title="Lettre")
    dashboards.create_dashboard(
        folder,
        "all",
        "Tous les documents (Courrier entrant)",
        query=[dashboards.type_is("Document")],
    )
    create_user("agent")
    with as_user("agent"):
        view = api.content.get_view("iasolutions-home", portal, http_request)
        sections = view.sections()
        assert sections == [
            {
                "title": "Courrier entrant",
                "url": folder.absolute_url(),
                "dashboards": [
                    {"title": "Tous les documents", "url": folder["all"].absolute_url(), "count": 1}
                ],
            }
        ]
        assert view.contacts_url() == portal["contacts"].absolute_url()
        assert not view.is_administrator()


def test_administrators_get_the_administration_links(functional_portal):
    create_user("siteadmin", roles=["Member", "Site Administrator"])
    create_user("agent")
    page = rest(functional_portal, "siteadmin").get("", headers={"Accept": "text/html"})
    assert "@@iasolutions-services" in page.text
    page = rest(functional_portal, "agent").get("", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "@@iasolutions-services" not in page.text
    assert 'id="iasolutions-home"' in page.text


def demo_delib_users():
    """The delib demo's users on the current site (agent-fin… in a commune)."""
    from iasolutions.core.demo import demo_services
    from iasolutions.delib import demo as delib_demo

    services = demo_services()
    users = {
        f"{prefix}-{services[role].suffix}"
        for prefix, role, _fullname, _functions in delib_demo.SERVICE_USERS
    }
    return users | {row[0] for row in delib_demo.CONFIG_USERS}


def home_page(portal, userid):
    from tests.helpers import RestSession

    session = RestSession(portal, userid, "demo1234")
    session.headers["Accept"] = "text/html"
    return session, session.get("", allow_redirects=False)


def test_every_demo_user_opens_the_home_page(demo_profile):
    """On the demo of each organisation profile: every user of the commune's, one user
    of each persona of the others' (the same pages, other services)."""
    from iasolutions.delib.meetingconfigs import get_configs
    import re
    from tests.helpers import is_refused
    from tests.persona.walk import personas
    import transaction

    profile, demo_portal, info = demo_profile
    transaction.commit()
    users = info["users"] if profile == "commune" else personas(info["users"])
    assert len(info["users"]) >= 25, profile
    delib_users, configs = demo_delib_users(), {cfg.title for cfg in get_configs()}
    assert delib_users <= set(info["users"]), profile
    for userid in users:
        session, page = home_page(demo_portal, userid)
        assert page.status_code == 200, (userid, page.status_code, page.headers.get("Location"))
        home = page.text[page.text.index('id="iasolutions-home"') :]
        headers = re.findall(r'<div class="card-header">\s*(?:<a[^>]*>)?\s*([^<]+?)\s*<', home)
        # what each user works with is on the page
        assert {"Courrier entrant", "Courrier sortant", "Tâches", "Contacts"} <= set(headers), (
            userid
        )
        if userid in delib_users:
            assert configs <= set(headers), (profile, userid)
        assert ("Administration" in headers) == (userid == "siteadmin"), userid
        # and no link it shows leads to a refusal: each folder, the first dashboard of each
        links = []
        for card in home.split('<div class="card h-100">')[1:]:
            card = card.split("</ul>")[0].split('<div class="card-body"')[0]
            links += re.findall(r'href="([^"]+)"', card)[:2]
        for url in links:
            answer = session.get(url, allow_redirects=False)
            assert answer.status_code < 500 and not is_refused(answer), (userid, url, answer)


def test_a_failing_dashboard_does_not_refuse_the_home_page(portal, http_request, monkeypatch):
    folder = api.content.create(
        container=portal, type="Folder", id="courrier", title="Courrier entrant"
    )
    dashboards.create_dashboard(
        folder, "all", "Tous les documents", query=[dashboards.type_is("Document")]
    )

    def broken(dashboard, **filters):
        raise TypeError("a catalog Missing value")

    monkeypatch.setattr(dashboards, "count", broken)
    create_user("agent")
    with as_user("agent"):
        view = api.content.get_view("iasolutions-home", portal, http_request)
        assert view.sections()[0]["dashboards"][0]["count"] is None
        assert "Tous les documents" in view()


def test_a_folder_the_user_may_not_open_shows_without_a_link(portal, http_request):
    folder = api.content.create(
        container=portal, type="Folder", id="college", title="Collège communal"
    )
    dashboards.create_dashboard(
        folder, "mine", "Mes points", query=[dashboards.type_is("Document")]
    )
    folder.manage_permission("View", ["Manager"], acquire=False)
    folder.reindexObjectSecurity()
    folder["mine"].manage_permission("View", ["Authenticated"], acquire=False)
    folder["mine"].reindexObjectSecurity()
    create_user("alderman")
    with as_user("alderman"):
        view = api.content.get_view("iasolutions-home", portal, http_request)
        assert view.sections() == [
            {
                "title": "Collège communal",
                "url": None,
                "dashboards": [
                    {"title": "Mes points", "url": folder["mine"].absolute_url(), "count": 0}
                ],
            }
        ]
        home = view().split('id="iasolutions-home"')[1]
        assert "Mes points" in home and f'href="{folder.absolute_url()}"' not in home
