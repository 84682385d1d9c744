"""Importing scans and emails (scenario 12 of mail.md §8)."""

import base64
from iasolutions.mail import importer
from iasolutions.mail import mails
from iasolutions.mail import settings
import json
from plone import api
import pytest
from tests.helpers import create_user
from tests.helpers import rest
from tests.mail.helpers import go
from tests.mail.helpers import outgoing_mail


PDF = b"%PDF-1.4\n% scan\n%%EOF\n"
PDF2 = b"%PDF-1.4\n% second scan, better\n%%EOF\n"


def scan(scan_id="050000000000001", **metadata):
    values = {
        "scan_id": scan_id,
        "type": "dmsincomingmail",
        "treating_groups": "finances",
        "scan_date": "2026-02-03T09:30:00",
        "pages_number": 2,
        "scanner": "Canon",
    }
    values.update(metadata)
    return values


@pytest.fixture
def scanner(people):
    create_user("scanner", roles=["Member", "Batch importer"])
    return "scanner"


def test_a_scan_becomes_a_mail_in_created(people, scanner):
    report = importer.Report()
    with api.env.adopt_user(username=scanner):
        assert importer.import_scan("0001.pdf", PDF, scan(title="Courrier SPW"), report)
    assert report.errors == []
    mail = api.content.get(path=report.created[0]["@id"].split("/plone", 1)[1])
    assert mail.portal_type == "dmsincomingmail"
    assert api.content.get_state(mail) == "created"
    assert mail.title == "Courrier SPW"
    assert mail.treating_groups == people.a
    assert mail.reception_date.isoformat() == "2026-02-03T09:30:00"
    assert mail.aq_parent.getId() == "202605"  # the week of the scan
    assert mail.getOwner().getId() == "scanner"
    main = mail.objectValues()[0]
    assert (main.portal_type, main.scan_id, main.pages_number) == (
        "dmsmainfile",
        "050000000000001",
        2,
    )
    assert main.file.data == PDF


def test_scenario_12_an_existing_scan_id_replaces_the_file(people, scanner):
    report = importer.Report()
    with api.env.adopt_user(username=scanner):
        importer.import_scan("0001.pdf", PDF, scan(), report)
        count = len(api.content.find(portal_type="dmsincomingmail"))
        importer.import_scan("0001-bis.pdf", PDF2, scan(pages_number=3), report)
    assert len(api.content.find(portal_type="dmsincomingmail")) == count
    assert len(report.replaced) == 1
    main = api.content.find(scan_id="050000000000001")[0].getObject()
    assert main.file.data == PDF2
    assert main.version == 1
    assert main.pages_number == 3


def test_a_signed_letter_scanned_back_marks_the_mail_sent(people, sender, scanner):
    mail = outgoing_mail(people.a, sender)
    mails.add_file(mail, PDF, "lettre.pdf", scan_id="IMIO050000000000777")
    go(mail, "propose_to_be_signed", "mark_as_signed")
    report = importer.Report()
    with api.env.adopt_user(username=scanner):
        importer.import_scan("retour.pdf", PDF2, scan("IMIO050000000000777"), report)
    assert report.replaced and not report.errors
    assert api.content.get_state(mail) == "sent"
    assert mail.outgoing_date is not None


@pytest.mark.parametrize(
    "data,metadata,reason",
    [
        (b"not a pdf", scan(), "is not a PDF"),
        (PDF, scan(scan_id=""), "no scan_id"),
        (PDF, scan(type="Document"), "Unknown type"),
        (PDF, scan(treating_groups="compta"), "Unknown service: compta"),
        (PDF, scan(scan_date="hier"), "scan_date"),
        (PDF, scan(pages_number="deux"), "pages_number"),
    ],
)
def test_bad_scans_are_reported_and_leave_nothing(people, scanner, data, metadata, reason):
    report = importer.Report()
    before = len(api.content.find(portal_type=["dmsincomingmail", "dmsmainfile"]))
    with api.env.adopt_user(username=scanner):
        assert not importer.import_scan("bad.pdf", data, metadata, report)
    assert reason in report.errors[0]["message"]
    assert len(api.content.find(portal_type=["dmsincomingmail", "dmsmainfile"])) == before


EMAIL = b"""From: Jean Dupont <Jean.Dupont@example.org>
To: urbanisme@commune.example.be
Subject: Demande de permis
Date: Tue, 03 Feb 2026 10:12:00 +0100
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="XX"

--XX
Content-Type: text/plain; charset=utf-8

Bonjour, voici ma demande.
--XX
Content-Type: application/pdf
Content-Disposition: attachment; filename="plan.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQKJSBwbGFuCiUlRU9GCg==
--XX--
"""


def test_an_email_becomes_an_incoming_email(people, sender, scanner):
    settings.set(
        "email_routing",
        [
            {
                "kind": "to",
                "pattern": "urbanisme@commune.example.be",
                "service": "finances",
                "user": "agent_a",
                "state": "proposed_to_agent",
            }
        ],
    )
    report = importer.Report()
    with api.env.adopt_user(username=scanner):
        assert importer.import_email("message.eml", EMAIL, report), report.errors
    mail = api.content.get(path=report.created[0]["@id"].split("/plone", 1)[1])
    assert mail.portal_type == "dmsincoming_email"
    assert mail.title == "Demande de permis"
    assert [r.to_object for r in mail.sender] == [sender]  # matched on the From address
    assert mail.orig_sender_email == "jean.dupont@example.org"
    assert mail.treating_groups == people.a
    assert mail.assigned_user == "agent_a"
    assert api.content.get_state(mail) == "proposed_to_agent"
    assert "voici ma demande" in mail.description
    children = {c.portal_type: c for c in mail.objectValues()}
    assert children["dmsmainfile"].file.contentType == "message/rfc822"
    assert children["dmsappendixfile"].file.filename == "plan.pdf"
    assert children["dmsappendixfile"].file.data.startswith(b"%PDF")


def test_an_email_without_subject_nor_rule(people, scanner):
    report = importer.Report()
    data = b"From: inconnu@example.org\nTo: info@commune.be\n\nBonjour"
    with api.env.adopt_user(username=scanner):
        importer.import_email("vide.eml", data, report)
    mail = api.content.get(path=report.created[0]["@id"].split("/plone", 1)[1])
    assert mail.title == "(VIDE)"
    assert mail.sender == []
    assert mail.treating_groups is None
    assert api.content.get_state(mail) == "created"


def test_a_routing_rule_on_the_sender(people, scanner):
    settings.set(
        "email_routing",
        [
            {
                "kind": "from",
                "pattern": "*@spw.example.org",
                "service": "travaux",
                "state": "proposed_to_manager",
            }
        ],
    )
    report = importer.Report()
    data = b"From: agent@spw.example.org\nTo: info@commune.be\nSubject: Chantier\n\nTexte"
    with api.env.adopt_user(username=scanner):
        importer.import_email("spw.eml", data, report)
    mail = api.content.get(path=report.created[0]["@id"].split("/plone", 1)[1])
    assert mail.treating_groups == people.b
    assert api.content.get_state(mail) == "proposed_to_manager"


# directory (command) and REST: functional layer, each import commits --------


def test_import_directory(mail_functional_portal, functional_people, tmp_path):
    create_user("scanner", roles=["Member", "Batch importer"])
    (tmp_path / "0001.pdf").write_bytes(PDF)
    (tmp_path / "0001.json").write_text(json.dumps(scan("050000000000011")))
    (tmp_path / "0002.pdf").write_bytes(PDF)  # no metadata
    (tmp_path / "0003.pdf").write_bytes(b"garbage")
    (tmp_path / "0003.json").write_text(json.dumps(scan("050000000000013")))
    (tmp_path / "0004.pdf").write_bytes(PDF)
    (tmp_path / "0004.json").write_text("{not json")
    (tmp_path / "message.eml").write_bytes(EMAIL)
    with api.env.adopt_user(username="scanner"):
        report = importer.import_directory(tmp_path)
    assert [c["filename"] for c in report.created] == ["0001.pdf", "message.eml"]
    assert {e["filename"] for e in report.errors} == {"0002.pdf", "0003.pdf", "0004.json"}
    assert sorted(p.name for p in (tmp_path / "done").iterdir()) == [
        "0001.json",
        "0001.pdf",
        "message.eml",
    ]
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == [
        "0002.pdf",
        "0003.json",
        "0003.pdf",
        "0004.json",
        "0004.pdf",
    ]


def test_import_over_rest(mail_functional_portal, functional_people):
    create_user("scanner", roles=["Member", "Batch importer"])
    body = {
        "files": [
            {
                "filename": "0001.pdf",
                "data": base64.b64encode(PDF).decode(),
                "metadata": scan("050000000000021"),
            },
            {"filename": "message.eml", "data": base64.b64encode(EMAIL).decode()},
        ]
    }
    response = rest(mail_functional_portal, "scanner").post("@mail-import", json=body)
    assert response.status_code == 200, response.text
    assert len(response.json()["created"]) == 2
    # again: the scan replaces its file, the email is a new mail
    body["files"][0]["data"] = base64.b64encode(PDF2).decode()
    body["files"].append({"filename": "bad.pdf", "data": "%%%"})
    response = rest(mail_functional_portal, "scanner").post("@mail-import", json=body)
    assert response.status_code == 400
    report = response.json()
    assert len(report["replaced"]) == 1 and len(report["created"]) == 1
    assert report["errors"] == [
        {"filename": "bad.pdf", "message": "The file data is not valid base64."}
    ]
    # agents may not import
    response = rest(mail_functional_portal, "agent_a").post("@mail-import", json=body)
    assert response.status_code in (401, 403)


def test_a_scanned_outgoing_mail(people, scanner):
    report = importer.Report()
    with api.env.adopt_user(username=scanner):
        importer.import_scan(
            "retour.pdf",
            PDF,
            scan("050000000000555", type="dmsoutgoingmail", title="Lettre signée"),
            report,
        )
    mail = api.content.get(path=report.created[0]["@id"].split("/plone", 1)[1])
    assert mail.portal_type == "dmsoutgoingmail"
    assert api.content.get_state(mail) == "scanned"
    assert mail.objectValues()[0].portal_type == "dmsommainfile"
