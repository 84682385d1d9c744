"""The agenda and item screens in a browser (zope.testbrowser over the test WSGI app)."""

from iasolutions.delib.meetingconfigs import folder_of
from plone import api
from plone.testing.zope import Browser
import pytest
from tests.delib.helpers import create_delib_users
from tests.delib.helpers import make_meeting
from tests.delib.helpers import validated_item
from tests.helpers import PASSWORD
import transaction


@pytest.fixture
def site(delib_functional_portal, delib_functional):
    portal = delib_functional_portal
    services = {b.getId: b.UID for b in api.content.find(portal_type="organization")}
    create_delib_users(services)
    transaction.commit()
    return portal, services, delib_functional["app"]


def browser_for(app, userid):
    browser = Browser(app)
    browser.handleErrors = False
    browser.addHeader("Authorization", f"Basic {userid}:{PASSWORD}")
    return browser


def test_creator_adds_and_proposes_an_item(site):
    portal, services, app = site
    college = portal["meeting-configs"]["meeting-config-college"]
    browser = browser_for(app, "creator_fin")
    browser.open(folder_of(college).absolute_url() + "/++add++MeetingItemCollege")
    browser.getControl(name="form.widgets.title").value = "Achat de tables"
    browser.getControl(name="form.widgets.proposingGroup:list").value = [services["finances"]]
    browser.getControl(name="form.widgets.category:list").value = ["administration"]
    browser.getControl(name="form.buttons.save").click()
    assert "Achat de tables" in browser.contents
    assert "Finances" in browser.contents
    # The core's "Generate" bar offers the item's deliberation.
    assert "document-generation" in browser.contents and "Délibération" in browser.contents
    assert "transition-propose" in browser.contents
    browser.getControl("Propose").click()
    assert "transition-propose" not in browser.contents  # the creator has nothing left to do
    reviewer = browser_for(app, "reviewer_fin")
    reviewer.open(browser.url)
    reviewer.getControl("Validate").click()
    transaction.begin()
    item = portal.unrestrictedTraverse(browser.url.replace(portal.absolute_url() + "/", ""))
    assert api.content.get_state(item) == "validated"


def test_agenda_screen_present_move_and_late_items(site):
    portal, services, app = site
    college = portal["meeting-configs"]["meeting-config-college"]
    meeting = make_meeting(college)
    first = validated_item(college, services, title="Travaux de voirie")
    second = validated_item(college, services, title="Budget 2027")
    transaction.commit()
    manager = browser_for(app, "manager")
    manager.open(meeting.absolute_url())
    assert "Approbation du proc" in manager.contents  # recurring item inserted at creation
    for item in (first, second):
        manager.open(meeting.absolute_url())
        present(manager, item)
    transaction.begin()
    assert api.content.get_state(first) == "presented"
    from iasolutions.delib.agenda import items_of

    titles = [i.title for i in items_of(meeting, unrestricted=True)]

    assert titles[1:] == ["Travaux de voirie", "Budget 2027"]
    # Move "Budget 2027" to number 1.
    manager.open(meeting.absolute_url())
    form = form_for(manager, second, "agenda-move")
    form.getControl(name="number").value = "1"
    form.submit()

    transaction.begin()
    assert [i.title for i in items_of(meeting, unrestricted=True)][0] == "Budget 2027"
    numbers = manager.contents
    assert "Agenda" in numbers or "Ordre du jour" in numbers
    # Freeze, then a late item shows as late.
    manager.getControl("Freeze").click()
    late = validated_item(college, services, title="Point urgent")
    transaction.commit()
    manager.open(meeting.absolute_url())
    present(manager, late)
    manager.open(meeting.absolute_url())
    agenda_table = manager.contents.split('id="delib-agenda"')[1].split("</table>")[0]
    assert 'class="late"' in agenda_table and "Point urgent" in agenda_table
    # The agenda document, generated from the meeting screen, lists the items in order.
    from iasolutions.core.odt import odt_text

    link = [
        line
        for line in manager.contents.split('"')
        if "document-generation" in line and "output_format=odt" in line and "template_uid" in line
    ]
    texts = []
    for url in link:
        manager.open(url.replace("&amp;", "&"))
        texts.append(
            odt_text(
                manager.contents
                if isinstance(manager.contents, bytes)
                else manager.contents.encode("latin-1")
            )
        )
    assert any("Budget 2027" in text and "Ordre du jour" in text for text in texts)
    # Creators see the agenda without the move forms.
    creator = browser_for(app, "creator_fin")
    creator.open(meeting.absolute_url())
    assert "agenda-move" not in creator.contents
    assert "Budget 2027" in creator.contents


def form_for(browser, item, action):
    """The form of ``action`` (present-item, agenda-move) for ``item`` on the screen."""
    index = 0
    while True:
        try:
            form = browser.getForm(index=index)
        except IndexError:
            raise AssertionError(f"no {action} form for {item.title}")
        if action in form.action and form.getControl(name="uid").value == item.UID():
            return form
        index += 1


def present(browser, item):
    form_for(browser, item, "present-item").submit()


def test_meeting_manager_sends_a_decided_item_once(site):
    portal, services, app = site
    college = portal["meeting-configs"]["meeting-config-college"]
    college.meetingConfigsToCloneTo = ["meeting-config-council"]
    college.itemAutoSentToOtherMCStates = []  # manual only here
    meeting = make_meeting(college)
    item = validated_item(college, services, title="Règlement redevance")
    from tests.delib.helpers import transition

    transition(item, "manager", "present")
    transition(meeting, "manager", "freeze", "decide")
    transition(item, "manager", "accept")
    transaction.commit()
    creator = browser_for(app, "creator_fin")
    creator.open(item.absolute_url())
    assert "send-to-config" not in creator.contents
    manager = browser_for(app, "manager")
    manager.open(item.absolute_url())
    manager.getControl(name="config_id").click()
    assert "send-to-config" not in manager.contents  # sent: no second time
    assert "Conseil communal" in manager.contents
    transaction.begin()
    from iasolutions.delib.cloning import sent_to

    assert sent_to(item, "meeting-config-council")


def test_meeting_manager_encodes_attendance_and_votes(site):
    from iasolutions.core.contacts import add_held_position
    from iasolutions.core.contacts import add_person
    from tests.delib.helpers import transition
    from urllib.error import HTTPError
    from zExceptions import Unauthorized

    portal, services, app = site
    college = portal["meeting-configs"]["meeting-config-college"]
    contacts = portal["contacts"]
    members = [
        add_held_position(
            add_person(contacts, name, "Conseiller"),
            contacts["plonegroup-organization"],
            label="Conseiller",
        ).UID()
        for name in ("Alpha", "Bravo", "Charlie")
    ]
    meeting = make_meeting(college, attendees=members)
    item = validated_item(college, services, title="Vote du budget", pollType="freehand")
    transition(item, "manager", "present")
    transaction.commit()
    manager = browser_for(app, "manager")
    manager.open(item.absolute_url())
    manager.getLink(url="@@item-votes").click()
    manager.getControl(name=f"attendance-{members[2]}").value = ["absent"]
    manager.getControl(name=f"vote-{members[0]}").value = ["yes"]
    manager.getControl(name=f"vote-{members[1]}").value = ["no"]
    manager.getControl(name=f"vote-{members[2]}").value = ["yes"]  # absent: refused
    manager.getControl("Save").click()
    message = (
        manager.contents.split("statusmessage")[-1][:800]
        if "statusmessage" in manager.contents
        else manager.contents[-1500:]
    )
    assert "not present" in manager.contents or "pas présent" in manager.contents, message
    transaction.begin()
    from iasolutions.delib import votes

    assert votes.get_vote(meeting, item) is None  # nothing of the refused form was kept
    manager.open(item.absolute_url() + "/@@item-votes")
    manager.getControl(name=f"attendance-{members[2]}").value = ["absent"]
    manager.getControl(name=f"vote-{members[0]}").value = ["yes"]
    manager.getControl(name=f"vote-{members[1]}").value = ["no"]
    manager.getControl("Save").click()
    page = " ".join(manager.contents.split())
    assert "1 yes, 1 no" in page or "1 oui, 1 non" in page
    transaction.begin()
    assert votes.vote_totals(meeting, item) == {"yes": 1, "no": 1}
    creator = browser_for(app, "creator_fin")
    try:
        creator.open(item.absolute_url() + "/@@item-votes")
        refused = False
    except (Unauthorized, HTTPError):
        refused = True
    assert refused


def test_meeting_manager_creates_a_meeting_and_an_adviser_gives_advice(site):
    from tests.delib.helpers import make_item
    from tests.delib.helpers import transition

    portal, services, app = site
    college = portal["meeting-configs"]["meeting-config-college"]
    manager = browser_for(app, "manager")
    manager.open(folder_of(college).absolute_url() + "/++add++MeetingCollege")
    manager.getControl(name="form.widgets.date").value = "2026-12-01T09:00"
    manager.getControl(name="form.widgets.place").value = "Salle du Collège"
    manager.getControl(name="form.buttons.save").click()
    assert "Salle du Collège" in manager.contents
    assert "Approbation du proc" in manager.contents  # its recurring item is on the agenda
    creator = browser_for(app, "creator_fin")
    try:
        creator.open(folder_of(college).absolute_url() + "/++add++MeetingCollege")
        allowed = "form.widgets.date" in creator.contents
    except Exception:
        allowed = False
    assert not allowed

    dg = services["direction-generale"]
    item = make_item(
        college, "creator_fin", services["finances"], title="Avis demandé", optionalAdvisers=[dg]
    )
    transition(item, "creator_fin", "propose")
    transaction.commit()
    adviser = browser_for(app, "adviser_dg")
    adviser.open(item.absolute_url())
    adviser.getLink(url="++add++meetingadvice").click()
    adviser.getControl(name="form.widgets.advice_group:list").value = [dg]
    adviser.getControl(name="form.widgets.advice_type:list").value = ["negative"]
    adviser.getControl(name="form.buttons.save").click()
    adviser.open(item.absolute_url())
    assert "++add++meetingadvice" not in adviser.contents  # one advice per service
    page = " ".join(adviser.contents.split())
    assert "Direction générale" in page and ("Negative" in page or "Négatif" in page)


def test_creator_starts_an_item_from_a_template(site):
    portal, services, app = site
    college = portal["meeting-configs"]["meeting-config-college"]
    creator = browser_for(app, "creator_fin")
    creator.open(folder_of(college).absolute_url() + "/@@add-item-from-template")
    creator.getControl(name="template").value = ["modele-marche-public"]
    creator.getControl("Create the item").click()
    assert creator.url.endswith("/edit")
    transaction.begin()
    item = portal.unrestrictedTraverse(creator.url[len(portal.absolute_url()) + 1 : -len("/edit")])
    assert item.title == "Marché public : approbation des conditions"
    assert item.proposingGroup == services["finances"]
    assert "cahier des charges" in item.decision.raw
    assert api.content.get_state(item) == "itemcreated"


def test_batch_actions_of_the_dashboards(site):
    """A reviewer validates two items from *Points à valider*; a creator's try is refused
    item by item and changes nothing."""
    from tests.delib.helpers import make_item
    from tests.delib.helpers import transition

    portal, services, app = site
    college = portal["meeting-configs"]["meeting-config-college"]
    items = [
        make_item(
            college, "creator_fin", services["finances"], title=title, category="administration"
        )
        for title in ("Achat de sel", "Budget")
    ]
    for item in items:
        transition(item, "creator_fin", "propose")
    transaction.commit()
    dashboard = folder_of(college)["points-a-valider"]
    query = "&".join(f"uids:list={item.UID()}" for item in items)
    creator = browser_for(app, "creator_fin")
    creator.open(f"{dashboard.absolute_url()}/@@delib-batch-transition?{query}")
    assert "Nothing can be done on all of these items." in creator.contents
    creator.open(
        f"{dashboard.absolute_url()}/@@delib-batch-transition?{query}"
        f"&form.submitted=1&transition=validate"
        f"&_authenticator={creator.getControl(name='_authenticator').value}"
    )
    assert "0 item(s) changed." in creator.contents
    assert creator.contents.count("delib-batch-refused") == 1
    transaction.begin()
    assert {api.content.get_state(item) for item in items} == {"proposed"}
    # The reviewer sees the items and the buttons on their dashboard, then validates.
    reviewer = browser_for(app, "reviewer_fin")
    reviewer.open(f"{dashboard.absolute_url()}/@@faceted_query")
    assert "@@delib-batch-transition" in reviewer.contents
    assert all(item.UID() in reviewer.contents for item in items)
    reviewer.open(f"{dashboard.absolute_url()}/@@delib-batch-transition?{query}")
    select = reviewer.getControl(name="transition")
    assert set(select.options) == {"validate", "backToItemCreated"}
    select.value = ["validate"]
    reviewer.getControl("Apply").click()
    assert "2 item(s) changed." in reviewer.contents
    transaction.begin()
    assert {api.content.get_state(item) for item in items} == {"validated"}
    # Copy groups, in the same way.
    group = f"{services['direction-generale']}_reviewers"
    manager = browser_for(app, "manager")
    manager.open(f"{dashboard.absolute_url()}/@@delib-batch-copy-groups?{query}")
    manager.getControl(name="group").value = [group]
    manager.getControl("Apply").click()
    assert "2 item(s) changed." in manager.contents
    transaction.begin()
    assert [item.copyGroups for item in items] == [[group], [group]]
