"""The handover between modules (iasolutions.core.links): a target and a source
registered here as two modules would, the relation each side finds, the events,
the refusals (nothing written), the viewlet and REST."""

from iasolutions.core import links
from iasolutions.core.events import IHandedOver
from iasolutions.core.events import IOutcomeChanged
from iasolutions.core.events import OutcomeChanged
from iasolutions.core.interfaces import IHandoverSource
from iasolutions.core.interfaces import IHandoverTarget
from iasolutions.core.interfaces import IOutcome
from plone import api
from plone.app.contenttypes.interfaces import IDocument
from plone.app.contenttypes.interfaces import INewsItem
from plone.app.linkintegrity.exceptions import LinkIntegrityNotificationException
import pytest
from tests.helpers import as_user
from tests.helpers import create_user
from tests.helpers import rest
import transaction
from zope import schema
from zope.component import adapter
from zope.component import getGlobalSiteManager
from zope.event import notify
from zope.interface import Interface
from zope.interface import implementer


class IChoices(Interface):
    kind = schema.Choice(title="Kind", values=("news", "note"))


@implementer(IHandoverTarget)
class NewsTarget:
    """A news item from a page (the test module 'testing' is installed on the trunk)."""

    module = "testing"
    title = "Make a news item"
    schema = IChoices

    def available(self, source):
        return api.user.has_permission("Add portal content", obj=api.portal.get())

    def create(self, source, kind=None):
        return api.content.create(
            container=api.portal.get(), type="News Item", title=f"{source.title} ({kind})"
        )


@implementer(IHandoverSource)
@adapter(IDocument)
class PageSource:
    def __init__(self, context):
        self.context = context
        self.title = context.title
        self.description = context.description

    def files(self):
        return []

    def may_hand_over(self):
        return api.user.has_permission("Modify portal content", obj=self.context)


@implementer(IOutcome)
@adapter(INewsItem)
class NewsOutcome:
    def __init__(self, context):
        self.context = context
        self.decided = getattr(context, "decided", False)
        self.decision = "<p>Publiée.</p>"


EVENTS = []


@adapter(IHandedOver)
def handed_over(event):
    EVENTS.append(("handed over", event.object, event.source, event.handover))


@adapter(IOutcomeChanged)
def outcome_changed(event):
    EVENTS.append(("outcome", event.object))


def not_installed():
    target = NewsTarget()
    target.module = "not-installed"
    return target


REGISTRATIONS = (
    ("Utility", (NewsTarget(), IHandoverTarget, "t.news")),
    ("Utility", (not_installed(), IHandoverTarget, "t.other")),
    ("Adapter", (PageSource,)),
    ("Adapter", (NewsOutcome,)),
    ("Handler", (handed_over,)),
    ("Handler", (outcome_changed,)),
)


@pytest.fixture
def page(functional_portal):
    """A page, with the target, the source and the subscribers registered for the test."""
    registry = getGlobalSiteManager()
    for kind, args in REGISTRATIONS:
        getattr(registry, f"register{kind}")(*args)
    EVENTS.clear()
    create_user("editor", roles=("Member", "Editor", "Contributor"))
    create_user("reader", roles=("Member", "Reader"))
    yield api.content.create(container=functional_portal, type="Document", id="page", title="Page")
    for kind, args in REGISTRATIONS:
        getattr(registry, f"unregister{kind}")(*args)


def news_items():
    return [b.Title for b in api.content.find(portal_type="News Item")]


def test_offered_only_when_installed_and_allowed(page):
    with as_user("editor"):
        assert [name for name, _target in links.offered(page)] == ["t.news"]
    with as_user("reader"):  # may not edit the page
        assert links.offered(page) == []
    assert links.get_target("t.other") is None
    assert links.get_target("unknown") is None


def test_hand_over_links_both_sides_and_fires_the_events(page):
    with as_user("editor"):
        news = links.hand_over(page, "t.news", kind="note")
        assert news.title == "Page (note)"
        assert links.handed_to(page) == [news]
        assert links.handed_from(news) == [page]
        assert links.summary(news)["decided"] is False
    assert [("handed over", news, page, "t.news")] == EVENTS
    news.decided = True
    notify(OutcomeChanged(news))
    assert EVENTS[-1] == ("outcome", news)
    summary = links.links_of(page)["handed_to"][0]
    assert summary["decided"] is True
    assert summary["decision"] == "<p>Publiée.</p>"
    assert summary["UID"] == api.content.get_uuid(news)


def test_a_removed_side_leaves_no_link(page):
    with as_user("editor"):
        news = links.hand_over(page, "t.news", kind="note")
    api.content.delete(news)
    assert links.handed_to(page) == []
    other = links.hand_over(page, "t.news", kind="news")
    with pytest.raises(LinkIntegrityNotificationException):  # Plone warns: it is linked
        api.content.delete(page)
    api.content.delete(page, check_linkintegrity=False)
    assert links.handed_from(other) == []


@pytest.mark.parametrize(
    "name, choices, status",
    [
        ("t.other", {"kind": "note"}, 400),  # its module is not installed
        ("unknown", {"kind": "note"}, 400),
        ("t.news", {}, 400),  # required choice missing
        ("t.news", {"kind": "bogus"}, 400),
        ("t.news", {"kind": "note", "extra": 1}, 400),
    ],
)
def test_refusals_write_nothing(page, name, choices, status):
    with as_user("editor"), pytest.raises(links.HandoverRefused) as refused:
        links.hand_over(page, name, **choices)
    assert refused.value.status == status
    assert news_items() == [] and EVENTS == []


def test_refused_to_whom_may_not(page):
    with as_user("reader"), pytest.raises(links.HandoverRefused) as refused:
        links.hand_over(page, "t.news", kind="note")
    assert refused.value.status == 403
    assert news_items() == []


def test_viewlet_and_form(page):
    from plone.testing.zope import Browser

    news = links.hand_over(page, "t.news", kind="news")
    transaction.commit()
    browser = Browser(page.aq_parent.aq_parent)
    browser.handleErrors = False
    browser.addHeader("Authorization", "Basic editor:secret-password")
    browser.open(page.absolute_url())
    assert "Make a news item" in browser.contents
    assert news.absolute_url() in browser.contents
    browser.getLink("Make a news item").click()
    browser.getControl(name="form.widgets.kind:list").value = ["note"]
    browser.getControl(name="form.buttons.confirm").click()
    assert browser.url.endswith("/page-note")
    assert page.absolute_url() in browser.contents  # the news item shows its page


def test_rest(page):
    editor = rest(page, "editor")
    listing = editor.get(f"{page.absolute_url()}/@links").json()
    assert listing["offered"] == [
        {"target": "t.news", "title": "Make a news item", "choices": ["kind"]}
    ]
    assert listing["handed_to"] == []
    created = editor.post(
        f"{page.absolute_url()}/@handover", json={"target": "t.news", "kind": "note"}
    )
    assert created.status_code == 201, created.text
    assert created.json()["title"] == "Page (note)"
    refused = editor.post(
        f"{page.absolute_url()}/@handover", json={"target": "t.other", "kind": "note"}
    )
    assert refused.status_code == 400
    assert refused.json()["error"]["message"]
    assert editor.post(f"{page.absolute_url()}/@handover", json=[1]).status_code == 400
    assert (
        rest(page, "reader")
        .post(f"{page.absolute_url()}/@handover", json={"target": "t.news", "kind": "note"})
        .status_code
        == 403
    )
    anonymous = rest(page)
    assert anonymous.get(f"{page.absolute_url()}/@links").json()["offered"] == []
    refused = anonymous.post(
        f"{page.absolute_url()}/@handover", json={"target": "t.news", "kind": "x"}
    )
    assert refused.status_code in (401, 403)
    transaction.begin()
    assert news_items() == ["Page (note)"]
    listing = editor.get(f"{page.absolute_url()}/@links").json()
    assert [link["title"] for link in listing["handed_to"]] == ["Page (note)"]
