"""The REST API of the mail module, as the users concerned."""

import base64
from iasolutions.core import counters
from iasolutions.core.contacts import add_person
from plone import api
import pytest
from tests.helpers import rest


PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def site(mail_functional_portal, functional_people):
    add_person(
        mail_functional_portal["contacts"],
        "Dupont",
        "Jean",
        id="jean-dupont",
        email="jean.dupont@example.org",
    )
    counters.set_next("incoming_mail", 10)
    return mail_functional_portal


def new_mail(session, **fields):
    body = {
        "@type": "dmsincomingmail",
        "title": "Demande de subside",
        "treating_groups": "finances",
        "sender": ["jean-dupont"],
        "mail_type": "courrier",
    }
    body.update(fields)
    return session.post("incoming-mail", json=body)


def test_encodeur_creates_a_mail_with_its_scan_in_one_call(site):
    session = rest(site, "encodeur")
    response = new_mail(
        session,
        main_file={
            "data": base64.b64encode(PDF).decode(),
            "filename": "scan.pdf",
            "content-type": "application/pdf",
            "scan_id": "050000000012345",
            "pages_number": 2,
            "scan_date": "2026-02-03T09:30:00",
        },
    )
    assert response.status_code == 201, response.text
    mail = response.json()
    assert mail["internal_reference_no"] == "E0010"
    assert mail["title"] == "Demande de subside"
    assert mail["review_state"] == "created"
    assert mail["treating_groups"]["title"] == "Finances (FIN)"
    assert mail["sender"][0]["title"] == "Jean Dupont"
    # stored in the period folder, with its scan
    assert "/incoming-mail/20" in mail["@id"]
    assert [item["@type"] for item in mail["items"]] == ["dmsmainfile"]
    scan = session.get(mail["items"][0]["@id"]).json()
    assert scan["scan_id"] == "050000000012345"
    assert scan["pages_number"] == 2
    download = session.get(scan["file"]["download"], headers={"Accept": "*/*"})
    assert download.content == PDF


def test_services_and_contacts_by_uid_too(site, functional_people):
    person = api.content.get(path="/contacts/jean-dupont")
    response = new_mail(
        rest(site, "encodeur"), treating_groups=functional_people.a, sender=[person.UID()]
    )
    assert response.status_code == 201, response.text
    assert response.json()["treating_groups"]["token"] == functional_people.a


@pytest.mark.parametrize(
    "fields,field",
    [
        ({"treating_groups": "no-such-service"}, "treating_groups"),
        ({"treating_groups": None}, "treating_groups"),
        ({"sender": []}, "sender"),
        ({"mail_type": "pigeon"}, "mail_type"),
        ({"original_mail_date": "2026-13-45"}, "original_mail_date"),
        ({"orig_sender_email": "not-an-email"}, "orig_sender_email"),
    ],
)
def test_bad_fields_get_a_400_naming_the_field(site, fields, field):
    session = rest(site, "encodeur")
    before = len(api.content.find(portal_type="dmsincomingmail"))
    response = new_mail(session, **fields)
    assert response.status_code == 400, response.text
    assert field in response.text
    assert len(api.content.find(portal_type="dmsincomingmail")) == before


def test_a_bad_file_gets_a_400_and_no_mail(site):
    response = new_mail(rest(site, "encodeur"), main_file={"data": "%%%", "filename": "x.pdf"})
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "The file data is not valid base64."
    assert not api.content.find(portal_type="dmsincomingmail")


def test_duplicate_reference_is_a_400(site):
    session = rest(site, "encodeur")
    assert new_mail(session, internal_reference_no="E0500").status_code == 201
    response = new_mail(session, internal_reference_no="E0500")
    assert response.status_code == 400
    assert "E0500 is already used" in response.text


def test_transitions_say_why_they_are_refused(site):
    session = rest(site, "encodeur")
    mail = new_mail(session).json()
    # a mail is created with its type (REST refuses it without); taken off again
    assert session.patch(mail["@id"], json={"mail_type": None}).status_code == 204
    response = session.post(mail["@id"] + "/@workflow/propose_to_manager")
    assert response.status_code == 200, response.text
    admin = rest(site, "directeur")
    response = admin.post(mail["@id"] + "/@workflow/propose_to_agent")
    assert response.status_code == 200, response.text
    agent = rest(site, "agent_a")
    response = agent.post(mail["@id"] + "/@workflow/close")
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Missing: mail type."
    response = rest(site, "agent_b").post(mail["@id"] + "/@workflow/treat")
    assert response.status_code in (401, 403, 404)


def test_agents_read_and_edit_as_the_workflow_says(site):
    mail = new_mail(rest(site, "encodeur")).json()
    url = mail["@id"]
    assert rest(site, "agent_a").get(url).status_code in (401, 403)
    rest(site, "encodeur").post(url + "/@workflow/propose_to_agent")
    agent = rest(site, "agent_a")
    assert agent.get(url).status_code == 200
    response = agent.patch(url, json={"assigned_user": "agent_a", "due_date": "2026-12-31"})
    assert response.status_code == 204, response.text
    # the agent cannot change the treating service (the field is not theirs)
    agent.patch(url, json={"treating_groups": "travaux"})
    assert (
        agent.get(url).json()["treating_groups"]["token"]
        != site.portal_catalog(getId="travaux")[0].UID
    )
    assert rest(site, "lecteur_a").patch(url, json={"title": "x"}).status_code in (401, 403)
    assert rest(site, "agent_b").get(url).status_code in (401, 403)
    # the general management sends it to another service, by id
    response = rest(site, "directeur").patch(url, json={"treating_groups": "travaux"})
    assert response.status_code == 204, response.text
    assert rest(site, "agent_b").get(url).status_code == 200
    assert rest(site, "agent_a").get(url).status_code in (401, 403)


def test_assigned_user_must_be_an_agent_of_the_service(site):
    mail = new_mail(rest(site, "encodeur")).json()
    response = rest(site, "encodeur").patch(mail["@id"], json={"assigned_user": "agent_b"})
    assert response.status_code == 400
    assert "agent_b" in response.text


def test_search_by_service_and_state(site, functional_people):
    session = rest(site, "encodeur")
    new_mail(session)
    new_mail(session, treating_groups="travaux")
    response = session.get(
        "@search",
        params={
            "portal_type": "dmsincomingmail",
            "treating_groups": functional_people.b,
            "review_state": "created",
            "metadata_fields": "internal_reference_no",
        },
    )
    items = response.json()["items"]
    assert len(items) == 1
    assert items[0]["internal_reference_no"] == "E0011"


def test_outgoing_mail_and_tasks_over_rest(site, functional_people):
    writer = rest(site, "redacteur_a")
    response = writer.post(
        "outgoing-mail",
        json={
            "@type": "dmsoutgoingmail",
            "title": "Réponse",
            "treating_groups": "finances",
            "recipients": ["jean-dupont"],
            "send_modes": ["post"],
            "main_file": {"data": base64.b64encode(PDF).decode(), "filename": "lettre.pdf"},
        },
    )
    assert response.status_code == 201, response.text
    mail = response.json()
    assert mail["internal_reference_no"].startswith("S")
    assert mail["items"][0]["@type"] == "dmsommainfile"
    response = writer.post(mail["@id"] + "/@workflow/propose_to_be_signed")
    assert response.status_code == 200, response.text
    # a service writer cannot send for another service
    response = writer.post(
        "outgoing-mail",
        json={
            "@type": "dmsoutgoingmail",
            "title": "Autre",
            "treating_groups": "travaux",
            "recipients": ["jean-dupont"],
        },
    )
    assert response.status_code == 400


def test_task_over_rest(site, functional_people):
    encodeur = rest(site, "encodeur")
    mail = new_mail(encodeur).json()
    encodeur.post(mail["@id"] + "/@workflow/propose_to_agent")
    agent = rest(site, "agent_a")
    response = agent.post(
        mail["@id"], json={"@type": "task", "title": "Avis", "assigned_group": "travaux"}
    )
    assert response.status_code == 201, response.text
    task = response.json()
    response = agent.post(task["@id"] + "/@workflow/do_to_do")
    assert response.status_code == 400
    assert "assigned agent" in response.json()["error"]["message"]


def test_delete_only_while_created(site):
    encodeur = rest(site, "encodeur")
    first = new_mail(encodeur).json()
    assert encodeur.delete(first["@id"]).status_code == 204
    second = new_mail(encodeur).json()
    encodeur.post(second["@id"] + "/@workflow/propose_to_agent")
    assert rest(site, "agent_a").delete(second["@id"]).status_code in (401, 403)
    assert encodeur.delete(second["@id"]).status_code in (401, 403)


def test_files_over_the_standard_endpoints(site):
    mail = new_mail(rest(site, "encodeur")).json()
    rest(site, "encodeur").post(mail["@id"] + "/@workflow/propose_to_agent")
    appendix = {
        "@type": "dmsappendixfile",
        "title": "Plan",
        "file": {
            "data": base64.b64encode(PDF).decode(),
            "encoding": "base64",
            "filename": "plan.pdf",
            "content-type": "application/pdf",
        },
    }
    response = rest(site, "agent_a").post(mail["@id"], json=appendix)
    assert response.status_code == 201, response.text
    assert response.json()["file"]["filename"] == "plan.pdf"
    assert rest(site, "lecteur_a").get(response.json()["@id"]).status_code == 200
    assert rest(site, "lecteur_a").post(mail["@id"], json=appendix).status_code in (401, 403)
    assert rest(site, "agent_b").get(response.json()["@id"]).status_code in (401, 403)


def test_readers_get_no_reasons(site):
    mail = new_mail(rest(site, "encodeur")).json()
    rest(site, "encodeur").patch(mail["@id"], json={"mail_type": None})
    rest(site, "encodeur").post(mail["@id"] + "/@workflow/propose_to_agent")
    response = rest(site, "lecteur_a").post(mail["@id"] + "/@workflow/close")
    assert response.status_code in (400, 401, 403)
    assert "Missing" not in response.text
