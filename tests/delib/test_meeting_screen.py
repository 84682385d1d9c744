"""The meeting and item screens as their users meet them (issue 8, point 17): publication
buttons only where publication applies, closing asked twice, dates as dd/mm/yyyy."""

from iasolutions.delib import advices
from plone import api
from plone.testing.zope import Browser
import pytest
from tests.delib.helpers import create_delib_users
from tests.delib.helpers import make_item
from tests.delib.helpers import make_meeting
from tests.delib.helpers import transition
from tests.delib.helpers import validated_item
from tests.helpers import PASSWORD
import transaction


@pytest.fixture
def site(delib_functional_portal, delib_functional):
    portal = delib_functional_portal
    services = {b.getId: b.UID for b in api.content.find(portal_type="organization")}
    create_delib_users(services)
    return portal, services, delib_functional["app"]


def browser_for(app, userid):
    browser = Browser(app)
    browser.handleErrors = False
    browser.addHeader("Authorization", f"Basic {userid}:{PASSWORD}")
    return browser


def publication_buttons(browser):
    return sorted(
        stage
        for stage in ("in_project", "decision", "private")
        if f'id="publish-{stage}"' in browser.contents
    )


def meeting_with_an_item(portal, services):
    """A College meeting with one item presented, committed for the browsers."""
    college = portal["meeting-configs"]["meeting-config-college"]
    meeting = make_meeting(college)
    item = validated_item(college, services, title="Voirie")
    transition(item, "manager", "present")
    transaction.commit()
    return meeting, item


def test_publication_buttons_follow_the_meeting(site):
    portal, services, app = site
    meeting, item = meeting_with_an_item(portal, services)
    manager = browser_for(app, "manager")
    manager.open(meeting.absolute_url())
    assert publication_buttons(manager) == []  # in preparation: nothing to publish
    transition(meeting, "manager", "freeze")
    transaction.commit()
    manager.open(meeting.absolute_url())
    assert publication_buttons(manager) == ["in_project"]
    manager.getControl("Publish the draft decisions").click()
    manager.open(meeting.absolute_url())
    assert publication_buttons(manager) == ["in_project", "private"]
    transaction.begin()
    transition(meeting, "manager", "decide")
    transaction.commit()
    manager.open(meeting.absolute_url())
    assert publication_buttons(manager) == ["decision", "private"]
    # Not for the others, whatever the state.
    powerobserver = browser_for(app, "powerobserver")
    powerobserver.open(meeting.absolute_url())
    assert publication_buttons(powerobserver) == []


def test_closing_a_meeting_asks_for_confirmation(site):
    portal, services, app = site
    college = portal["meeting-configs"]["meeting-config-college"]
    meeting = make_meeting(college)
    transition(meeting, "manager", "freeze", "decide")
    transaction.commit()
    manager = browser_for(app, "manager")
    manager.open(meeting.absolute_url())
    # Press "Close": a question, the meeting is still decided.
    manager.getControl("Close").click()
    assert 'id="confirm-transition"' in manager.contents
    assert "cannot go back" in manager.contents
    transaction.begin()
    assert api.content.get_state(meeting) == "decided"
    # Cancel goes back to the meeting, unchanged.
    manager.getLink("Cancel").click()
    assert manager.url == meeting.absolute_url()
    transaction.begin()
    assert api.content.get_state(meeting) == "decided"
    # Confirmed, it closes.
    manager.getControl("Close").click()
    manager.getControl("Close").click()
    transaction.begin()
    assert api.content.get_state(meeting) == "closed"
    assert 'id="confirm-transition"' not in manager.contents


def test_advice_deadline_reads_dd_mm_yyyy(site):
    portal, services, app = site
    college = portal["meeting-configs"]["meeting-config-college"]
    fin = services["finances"]
    item = make_item(college, "creator_trav", services["travaux"], category="finances")
    transition(item, "creator_trav", "propose")
    limit = advices.limit_date(item, fin)
    transaction.commit()
    reviewer = browser_for(app, "reviewer_trav")
    reviewer.open(item.absolute_url())
    assert f'<td class="delib-advice-limit">{limit:%d/%m/%Y}</td>' in reviewer.contents
    assert limit.isoformat() not in reviewer.contents


def test_an_item_in_a_meeting_links_it_without_rendering_it(site, monkeypatch):
    """The item's page names its meeting; rendering the whole agenda for that (a path
    expression calls what it finds) made an item's page grow with its meeting."""
    from iasolutions.delib.browser.views import MeetingView

    portal, services, app = site
    meeting, item = meeting_with_an_item(portal, services)

    def agenda_rendered(view, *args, **kwargs):
        raise AssertionError("the item's page rendered its meeting's page")

    monkeypatch.setattr(MeetingView, "__call__", agenda_rendered)
    manager = browser_for(app, "manager")
    manager.open(item.absolute_url())
    assert f'href="{meeting.absolute_url()}"' in manager.contents
