"""The home page: each agent's dashboards, grouped by module folder, with counts."""

from iasolutions.core import dashboards
from plone import api
from tests.helpers import as_user
from tests.helpers import create_user
from tests.helpers import rest


def test_the_site_opens_on_the_home_page(portal):
    assert portal.getLayout() == "iasolutions-home"


def test_home_lists_the_dashboards_with_their_counts(portal, http_request):
    folder = api.content.create(container=portal, type="Folder", id="courrier",
                                title="Courrier entrant")
    api.content.create(container=folder, type="Document", id="d1", title="Lettre")
    dashboards.create_dashboard(folder, "all", "Tous les documents (Courrier entrant)",
                                query=[dashboards.type_is("Document")])
    create_user("agent")
    with as_user("agent"):
        view = api.content.get_view("iasolutions-home", portal, http_request)
        sections = view.sections()
        assert sections == [{"title": "Courrier entrant", "url": folder.absolute_url(),
                             "dashboards": [{"title": "Tous les documents",
                                             "url": folder["all"].absolute_url(), "count": 1}]}]
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
