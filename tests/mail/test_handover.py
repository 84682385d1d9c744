"""An incoming mail's agent proposes a College item from the mail (iasolutions.core.links):
the item links the mail and holds its files as annexes, the mail shows the item and, once
taken, its decision — in the UI and over REST. Without delib installed, nothing is
offered and the REST call is refused with a message, nothing written."""

from iasolutions.core import links
from iasolutions.core.contacts import add_person
from iasolutions.core.events import IOutcomeChanged
from iasolutions.core.services import get_own_organization
from iasolutions.mail import mails
from plone import api
from plone.testing.zope import Browser
import pytest
from tests.helpers import PASSWORD
from tests.helpers import as_user
from tests.helpers import create_user
from tests.helpers import rest
from tests.helpers import site_as_manager
from tests.mail.helpers import go
from tests.mail.helpers import incoming_mail
import transaction
from zope.component import getGlobalSiteManager


TARGET = "delib.college-item"


def make_mail(portal):
    """A mail of Finances, proposed to its agent, with a scan; the agents of Finances:
    ``agent`` also creates its College items, ``agent_mail`` does not."""
    finances = api.content.get_uuid(get_own_organization()["finances"])
    groups = [f"{finances}_editeur", f"{finances}_creators"]
    create_user("agent", groups=[g for g in groups if api.group.get(groupname=g)])
    create_user("agent_mail", groups=[f"{finances}_editeur"])
    sender = add_person(portal["contacts"], "Dupont", "Jean")
    mail = incoming_mail(finances, sender, description="Subside pour la kermesse.")
    mails.add_file(mail, b"%PDF-1.4 scan", "scan.pdf")
    go(mail, "propose_to_manager", "propose_to_agent")
    return mail, finances


@pytest.fixture
def flow(mail_delib_functional):
    portal = site_as_manager(mail_delib_functional)
    api.portal.set_registry_record("plone.default_language", "fr")
    with api.env.adopt_roles(["Manager"]):
        mail, finances = make_mail(portal)
        create_user("manager", groups=["meeting-config-college_meetingmanagers"])
        create_user("reviewer", groups=[f"{finances}_reviewers"])
    transaction.commit()
    return portal, mail, finances


@pytest.fixture
def mail_only(mail_functional):
    portal = site_as_manager(mail_functional)
    api.portal.set_registry_record("plone.default_language", "fr")
    with api.env.adopt_roles(["Manager"]):
        mail, finances = make_mail(portal)
    transaction.commit()
    return portal, mail, finances


def browser_as(portal, userid):
    browser = Browser(portal.getPhysicalRoot())
    browser.handleErrors = False
    browser.addHeader("Authorization", f"Basic {userid}:{PASSWORD}")
    browser.addHeader("Accept-Language", "fr")
    return browser


def decide(item):
    """The College takes the item: validated, presented, the meeting decided, accepted."""
    from iasolutions.delib.meetingconfigs import get_config
    from plone.app.textfield.value import RichTextValue
    from tests.delib.helpers import make_meeting
    from tests.delib.helpers import transition

    item.category = "administration"
    item.decision = RichTextValue("<p>Le Collège octroie le subside.</p>", "text/html", "text/html")
    transition(item, "agent", "propose")
    transition(item, "reviewer", "validate")
    meeting = make_meeting(get_config("meeting-config-college"))
    transition(item, "manager", "present")
    transition(meeting, "manager", "freeze", "decide")
    transition(item, "manager", "accept")
    transaction.commit()


def test_the_agent_proposes_an_item_from_the_mail_page(flow):
    portal, mail, finances = flow
    browser = browser_as(portal, "agent")
    browser.open(mail.absolute_url())
    browser.getLink("Proposer un point au Collège").click()
    browser.getControl(name="form.widgets.config_id:list").value = ["meeting-config-college"]
    browser.getControl(name="form.widgets.proposing_group:list").value = [finances]
    browser.getControl(name="form.buttons.confirm").click()
    assert "Provient de" in browser.contents and mail.absolute_url() in browser.contents
    transaction.begin()
    item = api.content.get(path=browser.url.replace(portal.absolute_url(), ""))
    assert (item.title, item.description, item.proposingGroup) == (
        "Demande de subside",
        "Subside pour la kermesse.",
        finances,
    )
    assert [(a.title, a.file.data) for a in item.objectValues()] == [("scan.pdf", b"%PDF-1.4 scan")]
    assert item.Creator() == "agent"
    with as_user("agent"):
        assert links.handed_from(item) == [mail]

    decide(item)
    browser.open(mail.absolute_url())
    assert "Suites données" in browser.contents and item.absolute_url() in browser.contents
    assert "Le Collège octroie le subside." in browser.contents
    assert "Accepté" in browser.contents


def test_the_same_over_rest(flow):
    portal, mail, finances = flow
    agent = rest(portal, "agent")
    listing = agent.get(f"{mail.absolute_url()}/@links").json()
    assert [offer["target"] for offer in listing["offered"]] == [TARGET]
    assert listing["offered"][0]["choices"] == ["config_id", "proposing_group"]
    choices = {"config_id": "meeting-config-college", "proposing_group": finances}
    response = agent.post(f"{mail.absolute_url()}/@handover", json={"target": TARGET, **choices})
    assert response.status_code == 201, response.text
    item_url = response.json()["@id"]
    assert response.headers["Location"] == item_url
    assert response.json()["decided"] is False
    again = agent.post(f"{mail.absolute_url()}/@handover", json={"target": TARGET, **choices})
    assert again.status_code == 400  # once to each configuration, as the reference
    assert "déjà" in again.json()["error"]["message"]
    handed_to = agent.get(f"{mail.absolute_url()}/@links").json()["handed_to"]
    assert [link["@id"] for link in handed_to] == [item_url]
    handed_from = agent.get(f"{item_url}/@links").json()["handed_from"]
    assert [link["@id"] for link in handed_from] == [mail.absolute_url()]

    transaction.begin()
    outcomes = []
    registry = getGlobalSiteManager()
    registry.registerHandler(outcomes.append, (IOutcomeChanged,))
    try:
        decide(api.content.get(UID=response.json()["UID"]))
    finally:
        registry.unregisterHandler(outcomes.append, (IOutcomeChanged,))
    assert [event.object.absolute_url() for event in outcomes] == [item_url]
    decided = agent.get(f"{mail.absolute_url()}/@links").json()["handed_to"][0]
    assert decided["decided"] is True and decided["review_state"] == "accepted"
    assert "octroie le subside" in decided["decision"]


@pytest.mark.parametrize(
    "userid, body, status",
    [
        ("agent", {"target": TARGET, "config_id": "nope"}, 400),
        ("agent", {"target": TARGET, "proposing_group": "FIN"}, 400),  # no config_id
        ("agent", {"target": TARGET, "config_id": "meeting-config-college", "x": 1}, 400),
        ("agent_mail", {"target": TARGET, "config_id": "meeting-config-college"}, 403),
        (None, {"target": TARGET}, 401),
    ],
)
def test_refused_with_a_message_nothing_written(flow, userid, body, status):
    portal, mail, finances = flow
    body = dict(body, proposing_group=finances) if "config_id" in body else body
    response = rest(portal, userid).post(f"{mail.absolute_url()}/@handover", json=body)
    assert response.status_code == status
    if userid:
        assert response.json()["error"]["message"]
    transaction.begin()
    assert len(api.content.find(portal_type="MeetingItemCollege")) == 0


def test_only_whom_may_and_not_anonymous(flow):
    portal, mail, _finances = flow
    assert rest(portal, "agent_mail").get(f"{mail.absolute_url()}/@links").json()["offered"] == []
    assert rest(portal).get(f"{mail.absolute_url()}/@links").status_code == 401
    browser = browser_as(portal, "agent_mail")
    browser.open(mail.absolute_url())
    assert "Proposer un point au Collège" not in browser.contents


def test_without_delib_nothing_offered_and_refused(mail_only):
    portal, mail, finances = mail_only
    agent = rest(portal, "agent")
    assert agent.get(f"{mail.absolute_url()}/@links").json()["offered"] == []
    body = {"target": TARGET, "config_id": "meeting-config-college", "proposing_group": finances}
    response = agent.post(f"{mail.absolute_url()}/@handover", json=body)
    assert response.status_code == 400
    assert response.json()["error"]["message"]
    browser = browser_as(portal, "agent")
    browser.open(mail.absolute_url())
    assert "Proposer un point au Collège" not in browser.contents
    transaction.begin()
    with as_user("agent"):
        assert links.handed_to(mail) == []
