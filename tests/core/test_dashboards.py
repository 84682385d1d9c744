"""Faceted dashboards: per-user queries, the results table, pages of 30, export."""

from eea.facetednavigation.interfaces import ICriteria
from iasolutions.core import dashboards
from iasolutions.core.browser.dashboards import QUERY_FAILED
import io
from plone import api
import pytest
from tests.helpers import as_user
from tests.helpers import create_user
from tests.helpers import rest
import zipfile
from zope.component import getGlobalSiteManager
from zope.i18n import translate
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleVocabulary


class MyDocuments:
    """The current user's documents."""

    def __call__(self, context):
        return {"Creator": api.user.get_current().getId()}


@pytest.fixture
def my_documents_query():
    registry = getGlobalSiteManager()
    utility = MyDocuments()
    registry.registerUtility(utility, dashboards.IDashboardQuery, name="test.my_documents")
    yield utility
    registry.unregisterUtility(utility, dashboards.IDashboardQuery, name="test.my_documents")


def make_dashboard(container, **options):
    return dashboards.create_dashboard(
        container,
        "mine",
        "Mes documents",
        query=[dashboards.type_is("Document"), dashboards.user_query("test.my_documents")],
        criteria=[dashboards.text_filter(), dashboards.checkbox_filter("review_state", "État")],
        columns=["Title", "review_state", "created", "Creator"],
        sort_on="sortable_title",
        sort_reversed=False,
        batch_actions=[{"view": "batch-noop", "title": "Ne rien faire"}],
        **options,
    )


def all_documents_dashboard(container, **options):
    """Every document, with the per-user filter "Les miens" (``only_mine_filter``)."""
    return dashboards.create_dashboard(
        container,
        "all",
        "Tous",
        query=[dashboards.type_is("Document")],
        criteria=[dashboards.user_filter("Creator", "Les miens", "test.only_mine")],
        **options,
    )


def add_documents(container, owner, count):
    with as_user(owner):
        for number in range(count):
            api.content.create(
                container=container,
                type="Document",
                id=f"{owner}-{number:02d}",
                title=f"Document {owner} {number:02d}",
            )


@pytest.fixture
def folder(portal):
    folder = api.content.create(container=portal, type="Folder", id="work", title="Travail")
    for user in ("anne", "bob"):
        create_user(user, roles=["Member", "Contributor"])
    return folder


def test_each_user_sees_their_own_documents(folder, my_documents_query):
    add_documents(folder, "anne", 3)
    add_documents(folder, "bob", 2)
    dashboard = make_dashboard(folder)
    with as_user("anne"):
        titles = [brain.Title for brain in dashboards.results(dashboard)]
    assert titles == ["Document anne 00", "Document anne 01", "Document anne 02"]
    with as_user("bob"):
        assert len(dashboards.results(dashboard)) == 2


def test_counted_as_listed_for_each_user(folder, my_documents_query, only_mine_filter):
    """The home page's count (no sorting) is the length of the page's list."""
    add_documents(folder, "anne", 3)
    add_documents(folder, "bob", 2)
    mine = make_dashboard(folder)
    everyone = all_documents_dashboard(folder, sort_on="sortable_title")
    for user, expected in (("anne", 3), ("bob", 2)):
        with as_user(user):
            assert dashboards.count(mine) == len(dashboards.results(mine)) == expected
            assert dashboards.count(everyone) == len(dashboards.results(everyone)) == 5


def test_unknown_user_query_shows_nothing(folder):
    add_documents(folder, "anne", 1)
    dashboard = dashboards.create_dashboard(
        folder, "broken", "Cassé", query=[dashboards.user_query("no.such.query")]
    )
    with as_user("anne"):
        assert len(dashboards.results(dashboard)) == 0


def test_pages_of_thirty_in_a_table(folder, my_documents_query, http_request):
    add_documents(folder, "anne", 40)
    dashboard = make_dashboard(folder)
    with as_user("anne"):
        batch = dashboards.results(dashboard, batch=True)
        assert batch.length == 30
        assert batch.sequence_length == 40
        html = api.content.get_view("faceted_query", dashboard, http_request)()
    assert html.count('name="uids:list"') == 30
    assert "Document anne 00" in html and "Document anne 30" not in html
    assert "Ne rien faire" in html
    assert "@@dashboard-export" in html


def test_buttons_only_for_whom_may_use_them(folder, my_documents_query, http_request):
    # managing portlets: Managers and Site Administrators only
    dashboard = make_dashboard(folder)
    dashboard.batch_actions = [
        {"view": "batch-noop", "title": "Ne rien faire"},
        {"view": "manage-portlets", "title": "Réservé"},
    ]
    with as_user("anne"):
        html = api.content.get_view("faceted_query", dashboard, http_request)()
    assert "Ne rien faire" in html and "Réservé" not in html
    create_user("chef", roles=["Member", "Site Administrator"])
    with as_user("chef"):
        html = api.content.get_view("faceted_query", dashboard, http_request)()
    assert "Ne rien faire" in html and "Réservé" in html


def test_filters_apply(folder, my_documents_query):
    add_documents(folder, "anne", 3)
    dashboard = make_dashboard(folder)
    with as_user("anne"):
        results = dashboards.results(dashboard, SearchableText="01")
        assert [b.Title for b in results] == ["Document anne 01"]


def test_creating_again_changes_nothing(folder, my_documents_query):
    from eea.facetednavigation.interfaces import ICriteria

    dashboard = make_dashboard(folder)
    first = [(c.widget, getattr(c, "index", None)) for c in ICriteria(dashboard).values()]
    assert make_dashboard(folder).UID() == dashboard.UID()
    assert [(c.widget, getattr(c, "index", None)) for c in ICriteria(dashboard).values()] == first
    assert [o for o in folder.objectIds() if o.startswith("mine")] == ["mine"]


def test_export_spreadsheet(folder, my_documents_query, http_request):
    add_documents(folder, "anne", 2)
    dashboard = make_dashboard(folder)
    with as_user("anne"):
        http_request.form.update({"format": "csv"})
        data = api.content.get_view("dashboard-export", dashboard, http_request)()
        text = data.decode("utf-8-sig")
        assert text.splitlines()[0] == "Title;State;Created;Creator"
        assert "Document anne 01;" in text
        http_request.form["format"] = "ods"
        ods = api.content.get_view("dashboard-export", dashboard, http_request)()
    content = zipfile.ZipFile(io.BytesIO(ods)).read("content.xml").decode()
    assert "Document anne 00" in content


def test_agents_read_dashboards_but_do_not_change_them(folder, my_documents_query):
    dashboard = make_dashboard(folder)
    with as_user("anne"):
        assert api.user.has_permission("View", obj=dashboard)
        assert not api.user.has_permission("Modify portal content", obj=dashboard)
        assert not api.user.has_permission("iasolutions.core: Add dashboard", obj=folder)


def test_dashboard_page_in_the_browser(functional_portal, my_documents_query):
    folder = api.content.create(container=functional_portal, type="Folder", id="w", title="W")
    create_user("anne", roles=["Member", "Contributor"])
    add_documents(folder, "anne", 2)
    make_dashboard(folder)
    session = rest(functional_portal, "anne")
    page = session.get("w/mine", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "faceted-form" in page.text
    results = session.get("w/mine/@@faceted_query", headers={"Accept": "text/html"})
    assert "Document anne 01" in results.text


class BrokenColumn:
    """A column whose formatting fails (as a catalog Missing date once did)."""

    title = "Cassée"

    def __call__(self, brain):
        raise TypeError("broken column")


def test_a_failing_query_says_so(functional_portal, my_documents_query):
    # eea's script shows only a successful answer: a 500 left the list empty,
    # as if nothing matched; the user must read that the list failed.
    registry = getGlobalSiteManager()
    column = BrokenColumn()
    registry.registerUtility(column, dashboards.IDashboardColumn, name="broken")
    try:
        folder = api.content.create(container=functional_portal, type="Folder", id="w", title="W")
        create_user("anne", roles=["Member", "Contributor"])
        add_documents(folder, "anne", 2)
        make_dashboard(folder).columns = ["Title", "broken"]
        session = rest(functional_portal, "anne")
        results = session.get("w/mine/@@faceted_query", headers={"Accept": "text/html"})
    finally:
        registry.unregisterUtility(column, dashboards.IDashboardColumn, name="broken")
    assert results.status_code == 200  # eea's script shows only what succeeds
    assert 'role="alert"' in results.text
    assert "This list could not be shown" in results.text  # the test site is in English
    assert "Document anne" not in results.text
    french = translate(QUERY_FAILED, target_language="fr")
    assert french.startswith("Cette liste n'a pas pu être affichée")


class OnlyMine:
    """A per-user facet: "mine" keeps the current user's documents."""

    def __call__(self, context, values, own):
        assert own["portal_type"] == {"query": ["Document"]}
        if values == ["mine"]:
            return {"Creator": api.user.get_current().getId()}
        return None


def mine_vocabulary(context):
    return SimpleVocabulary.fromValues(["mine"])


@pytest.fixture
def only_mine_filter():
    registry = getGlobalSiteManager()
    utility = OnlyMine()
    registry.registerUtility(utility, dashboards.IDashboardFilter, name="test.only_mine")
    for name in ("test.only_mine", "test.no_filter"):
        registry.registerUtility(mine_vocabulary, IVocabularyFactory, name=name)
    yield utility
    registry.unregisterUtility(utility, dashboards.IDashboardFilter, name="test.only_mine")
    for name in ("test.only_mine", "test.no_filter"):
        registry.unregisterUtility(mine_vocabulary, IVocabularyFactory, name=name)


def test_user_filter_is_computed_for_the_current_user(folder, only_mine_filter):
    add_documents(folder, "anne", 2)
    add_documents(folder, "bob", 1)
    dashboard = all_documents_dashboard(folder)
    with as_user("anne"):
        assert len(dashboards.results(dashboard)) == 3
        # sorted: two documents made in the same instant come in either order
        assert sorted(b.Title for b in dashboards.results(dashboard, Creator="mine")) == [
            "Document anne 00",
            "Document anne 01",
        ]
        # the page sends only the choice: asking for bob's documents finds nothing
        assert len(dashboards.results(dashboard, Creator="bob")) == 0
    with as_user("bob"):
        assert [b.Title for b in dashboards.results(dashboard, Creator=["mine"])] == [
            "Document bob 00"
        ]


def test_user_filter_without_its_utility_shows_nothing(folder, only_mine_filter):
    add_documents(folder, "anne", 1)
    dashboard = dashboards.create_dashboard(
        folder,
        "all",
        "Tous",
        query=[dashboards.type_is("Document")],
        criteria=[dashboards.user_filter("Creator", "Les miens", "test.no_filter")],
    )
    with as_user("anne"):
        assert len(dashboards.results(dashboard)) == 1
        assert len(dashboards.results(dashboard, Creator="mine")) == 0


@pytest.mark.parametrize(
    "criterion,message",
    [
        (("checkbox", "left", {"title": "X", "index": "no_such_index"}), "no such catalog index"),
        (
            ("checkbox", "left", {"title": "X", "index": "review_state", "vocabulary": "no.such"}),
            "no vocabulary 'no.such'",
        ),
    ],
)
def test_a_filter_on_an_unknown_index_or_vocabulary_is_refused(folder, criterion, message):
    with pytest.raises(ValueError, match=message):
        dashboards.create_dashboard(folder, "bad", "Mauvais", query=[], criteria=[criterion])


def test_filters_keep_only_the_properties_of_their_widget(folder):
    dashboard = dashboards.create_dashboard(
        folder,
        "filters",
        "Filtres",
        query=[],
        criteria=[("checkbox", "left", {"title": "État", "index": "review_state", "nope": 1})],
    )
    stored = [c for _cid, c in ICriteria(dashboard).items() if c.widget == "checkbox"][0]
    assert (stored.index, stored.title, stored.position) == ("review_state", "État", "left")
    assert not hasattr(stored, "nope")
