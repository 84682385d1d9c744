"""Bad input over REST, as the users concerned: a 400 with a JSON message, nothing
written; refusals are 401 for anonymous visitors and 403 for logged-in users."""

from iasolutions.core import counters
from plone import api
import pytest
from tests.rest.helpers import as_demo
from tests.rest.helpers import first
from tests.rest.helpers import last_transaction
from tests.rest.helpers import message


def assert_refused(portal, response, status=400):
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"].startswith("application/json")
    assert message(response)
    assert response.json()["error"]["message"]


MAIL = {
    "@type": "dmsincomingmail",
    "title": "Courrier",
    "treating_groups": "finances",
    "sender": ["dupont-jean"],
    "mail_type": "courrier",
}


@pytest.mark.parametrize(
    "change",
    [
        {"treating_groups": ["finances"]},
        {"sender": [{"a": 1}]},
        {"sender": [5]},
        {"@type": 5},
        {"id": ["x"]},
        {"recipient_groups": {"a": 1}},
        {"original_mail_date": 5},
        {"main_file": {"data": 5}},
        {"mail_type": None},  # the reference requires the mail type
    ],
)
def test_encodeur_bad_incoming_mail(demo_portal, change):
    before = last_transaction(demo_portal)
    count = len(api.content.find(portal_type="dmsincomingmail"))
    response = as_demo(demo_portal, "encodeur").post("incoming-mail", json={**MAIL, **change})
    assert_refused(demo_portal, response)
    assert last_transaction(demo_portal) == before
    assert len(api.content.find(portal_type="dmsincomingmail")) == count


def test_encodeur_mail_type_is_required(demo_portal):
    body = {key: value for key, value in MAIL.items() if key != "mail_type"}
    response = as_demo(demo_portal, "encodeur").post("incoming-mail", json=body)
    assert_refused(demo_portal, response)
    assert response.json()["error"]["field"] == "mail_type"
    assert as_demo(demo_portal, "encodeur").post("incoming-mail", json=MAIL).status_code == 201


@pytest.mark.parametrize(
    "body",
    [
        {"config_id": 5, "title": "x", "proposingGroup": "finances"},
        {"config_id": "meeting-config-college", "title": "x", "proposingGroup": ["FIN"]},
        {"config_id": "meeting-config-college", "title": ["x"], "proposingGroup": "FIN"},
        {
            "config_id": "meeting-config-college",
            "title": "x",
            "proposingGroup": "FIN",
            "wf_transitions": {"a": 1},
        },
        {
            "config_id": "meeting-config-college",
            "title": "x",
            "proposingGroup": "FIN",
            "__children__": [1],
        },
        {
            "config_id": "meeting-config-college",
            "title": "x",
            "proposingGroup": "FIN",
            "decision": 5,
        },
        {
            "config_id": "meeting-config-college",
            "title": "x",
            "proposingGroup": "FIN",
            "category": ["finances"],
        },
    ],
)
def test_agent_bad_item(demo_portal, body):
    before = last_transaction(demo_portal)
    assert_refused(demo_portal, as_demo(demo_portal, "agent-fin").post("@item", json=body))
    assert last_transaction(demo_portal) == before


def test_meeting_manager_bad_votes_and_attendance(demo_portal):
    meeting = first("MeetingCollege", review_state="created")
    item = api.content.find(meeting_uid=meeting.UID())[0].getObject()
    session = as_demo(demo_portal, "dir-gen")
    before = last_transaction(demo_portal)
    for body in ({"votes": "yes"}, {"votes": {"x": 5}}, {"counts": {"yes": True}}, {"counts": [1]}):
        assert_refused(demo_portal, session.post(f"{item.absolute_url()}/@votes", json=body))
    for body in (
        {"kind": ["absent"]},
        {"held_position": 5, "kind": "absent"},
        {"kind": "signatory", "signature_number": "x", "held_position": "y"},
    ):
        assert_refused(demo_portal, session.post(f"{item.absolute_url()}/@attendance", json=body))
    assert_refused(
        demo_portal,
        session.post(f"{meeting.absolute_url()}/@publication", json={"stage": ["decision"]}),
    )
    assert last_transaction(demo_portal) == before


def test_bad_batches_imports_and_queries(demo_portal):
    mail = first("dmsincomingmail")
    before = last_transaction(demo_portal)
    dirgen = as_demo(demo_portal, "dirgen")
    for body in (
        {"uids": [mail.UID()], "action": "treating_group", "service": ["x"]},
        {"uids": [mail.UID()], "action": "transition", "transition": 5},
        {"uids": [mail.UID()], "action": ["label"]},
        {"uids": [mail.UID()], "action": "label", "label": "lu", "active": "yes"},
    ):
        assert_refused(demo_portal, dirgen.post("@mail-batch", json=body))
    scanner = as_demo(demo_portal, "scanner")
    for body in (
        {"files": [1]},
        {"files": [{"data": 5}]},
        {"files": [{"filename": "a.pdf", "data": "JVBERg==", "metadata": [1]}]},
    ):
        assert_refused(demo_portal, scanner.post("@mail-import", json=body))
    agent = as_demo(demo_portal, "agent_fin")
    for params in (
        {"start": "9999-12-31", "days": "10"},
        {"start": "2026-01-01", "days": "10**9"},
        {"start": ["2026-01-01", "2026-01-02"], "days": "1"},
    ):
        assert_refused(demo_portal, agent.get("@working-days", params=params))
    for params in (
        {"config_id": ["a", "b"]},
        {"sort_on": ["a", "b"]},
        {"b_size": "x"},
        {"type": ["item", "meeting"]},
    ):
        assert_refused(demo_portal, agent.get("@search", params=params))
    assert last_transaction(demo_portal) == before


@pytest.mark.parametrize(
    "path,user",
    [
        ("contacts", "contacts"),
        ("tasks", "admin"),
        ("deliberations/meeting-config-college", "agent-fin"),
        ("incoming-mail", "encodeur"),
    ],
)
@pytest.mark.parametrize(
    "body",
    ["[1]", "5", '"text"', "null", "{", "[" * 5000 + "]" * 5000, '{"a": ' * 100 + "1" + "}" * 100],
)
def test_bodies_that_are_not_a_json_object(demo_portal, path, user, body):
    before = last_transaction(demo_portal)
    response = as_demo(demo_portal, user).post(path, data=body)
    assert_refused(demo_portal, response)
    assert last_transaction(demo_portal) == before


def test_transitions_refuse_bad_bodies_and_say_which_action(demo_portal):
    mail = first("dmsincomingmail")
    item = first("MeetingItemCollege")
    person = api.content.get(path="/contacts/dupont-jean")
    session = as_demo(demo_portal, "admin")
    before = last_transaction(demo_portal)
    for obj in (mail, item, person):
        url = f"{obj.absolute_url()}/@workflow/"
        assert_refused(demo_portal, session.post(url + "nonesuch", data="[]"))
        assert_refused(demo_portal, session.post(url + "nonesuch", json={"comment": 5}))
    response = session.post(f"{person.absolute_url()}/@workflow/nonesuch")
    assert_refused(demo_portal, response)
    assert "${" not in message(response) and "nonesuch" in message(response)
    assert last_transaction(demo_portal) == before


def test_patch_with_values_of_the_wrong_type(demo_portal):
    item = first("MeetingItemCollege", review_state="itemcreated")
    meeting = demo_portal.deliberations["meeting-config-college"]["demo-decided-meeting"]
    held = api.content.find(portal_type="held_position")[0].getObject()
    mail = first("dmsincomingmail")
    admin = as_demo(demo_portal, "admin")
    before = last_transaction(demo_portal)
    for url, body in (
        (item.absolute_url(), {"decision": 5}),
        (item.absolute_url(), {"decision": {"data": ["x"]}}),
        (meeting.absolute_url(), {"date": 5}),
        (meeting.absolute_url(), {"date": ["2026-01-01"]}),
        (held.absolute_url(), {"position": {"x": 1}}),
        (held.absolute_url(), {"position": mail.UID()}),
    ):
        assert_refused(demo_portal, admin.patch(url, json=body))
    assert last_transaction(demo_portal) == before


def test_held_position_is_in_an_organisation_or_a_position(demo_portal):
    """A mail as position would show its title as the function of a person."""
    mail = first("dmsincomingmail")
    organisation = api.content.get(path="/contacts/spw-territoire")
    session = as_demo(demo_portal, "contacts")
    person = "contacts/lambert-luc"
    refused = session.post(person, json={"@type": "held_position", "position": mail.UID()})
    assert_refused(demo_portal, refused)
    assert "position" in message(refused)
    done = session.post(
        person,
        json={"@type": "held_position", "position": organisation.UID(), "label": "Conseiller"},
    )
    assert done.status_code == 201, done.text


@pytest.mark.parametrize(
    "body",
    [
        {"name": 5},
        {"name": "incoming_mail", "next": 10**40},
        {"name": "incoming_mail", "next": True},
        {"name": "incoming_mail", "format": "E%01000000d"},
        {"name": "incoming_mail", "format": "E{number:01000000d}"},
        {"name": "incoming_mail", "format": "E" * 1000 + "%d"},
        {"name": "incoming_mail", "format": "E%04d", "reset_yearly": "maybe"},
        {"name": "incoming_mail", "format": "E%04d", "title": ["x"]},
    ],
)
def test_site_administrator_settings_that_break_the_site(demo_portal, body):
    before = counters.get_definition("incoming_mail")
    response = as_demo(demo_portal, "siteadmin").patch("@counters", json=body)
    assert_refused(demo_portal, response)
    after = counters.get_definition("incoming_mail")
    assert (after.format, after.reset_yearly) == (before.format, before.reset_yearly)
    assert counters.peek("incoming_mail") < 10**9


def test_refusals_401_anonymous_403_logged_in(demo_portal):
    for path in ("@counters", "@mail-import", "@config"):
        method = "post" if path == "@mail-import" else "get"
        anonymous = getattr(as_demo(demo_portal), method)(path, json={})
        assert anonymous.status_code == 401, (path, anonymous.text)
    agent = as_demo(demo_portal, "agent_fin")
    refused = agent.get("@counters")
    assert refused.status_code == 403
    assert refused.json()["error"]["type"] == "Forbidden"
    assert agent.post("@mail-import", json={}).status_code == 403
    assert agent.get("@users").status_code == 403
    assert as_demo(demo_portal).get("@users").status_code == 401
    # wrong password: not logged in
    wrong = as_demo(demo_portal)
    wrong.auth = ("agent_fin", "wrong")
    assert wrong.get("@counters").status_code == 401


def test_pages_refused_to_a_logged_in_user_answer_403(demo_portal):
    import requests

    page = f"{demo_portal.absolute_url()}/@@overview-controlpanel"
    refused = requests.get(page, auth=("agent-fin", "demo1234"))
    assert refused.url.endswith("/insufficient-privileges")
    assert refused.status_code == 403
    assert "Privilèges insuffisants" in refused.text or "Insufficient Privileges" in refused.text
    anonymous = requests.get(page)
    assert "insufficient-privileges" not in anonymous.url  # the login form instead
