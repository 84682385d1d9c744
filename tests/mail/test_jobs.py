"""The mail module's long jobs (``iasolutions.mail.jobs``): the letters of an
outgoing mail, queued when there are too many for the request or they are PDF,
and the import of the municipality's import directory. Jobs run at once in the
caller (``IASOLUTIONS_JOBS_IMMEDIATE=1``), recorded in a file of the test's own."""

from iasolutions.core import documents
from iasolutions.core import jobs
from iasolutions.core.contacts import add_person
from iasolutions.core.contacts import relation_to
from iasolutions.core.i18n import site_language
from iasolutions.mail import _
from iasolutions.mail import importer
from iasolutions.mail import letters
import json
from plone import api
from plone.protect.authenticator import createToken
import pytest
from tests.helpers import as_user
from tests.helpers import create_user
from tests.helpers import rest
from tests.mail.helpers import outgoing_mail
from tests.mail.test_import import EMAIL
from tests.mail.test_import import PDF
from tests.mail.test_import import scan
from zope.i18n import translate


@pytest.fixture
def immediate(tmp_path, monkeypatch):
    monkeypatch.setenv("IASOLUTIONS_JOBS_DB", str(tmp_path / "jobs.sqlite"))
    monkeypatch.setenv("IASOLUTIONS_JOBS_IMMEDIATE", "1")


def submit_here(name, **arguments):
    from iasolutions.core import worker  # imported once the test chose the jobs' file

    return worker.submit_here(name, **arguments)


def site_path(portal):
    return "/".join(portal.getPhysicalPath())


def in_site_language(message):
    return translate(message, target_language=site_language())


def postal_mail(portal, service, count):
    """An outgoing mail by post to ``count`` people: one letter each."""
    people = [
        add_person(
            portal["contacts"], f"Habitant{number}", "Jean", street="Rue Haute", city="Binche"
        )
        for number in range(count)
    ]
    mail = outgoing_mail(service, people[0], title="Avis de travaux", send_modes=["post"])
    mail.recipients = [relation_to(person) for person in people]
    return mail


def letter_files(mail):
    return [obj for obj in mail.objectValues() if obj.portal_type == "dmsommainfile"]


def base_letter(portal):
    return portal["templates"][letters.BASE_LETTER]


def arguments(mail, template, output_format="odt"):
    return {"mail_uid": mail.UID(), "template_uid": template.UID(), "output_format": output_format}


# -- letters --------------------------------------------------------------------


def test_the_letters_job_makes_one_letter_per_recipient_and_says_how_far(
    people, mail_portal, immediate
):
    mail = postal_mail(mail_portal, people.a, 3)
    with as_user("redacteur_a"):
        job_id = submit_here("mail.generate_letters", **arguments(mail, base_letter(mail_portal)))
    found = jobs.record(job_id)
    assert found["state"] == "done", found["error"]
    assert (found["done"], found["total"]) == (3, 3)
    assert found["userid"] == "redacteur_a"
    made = letter_files(mail)
    assert found["result"]["count"] == 3 == len(made)
    site = mail_portal.getPhysicalPath()
    assert [entry["path"] for entry in found["result"]["files"]] == [
        "/".join(obj.getPhysicalPath()[len(site) :]) for obj in made
    ]
    assert [entry["title"] for entry in found["result"]["files"]] == [obj.title for obj in made]
    assert found["result"]["message"] == in_site_language(
        _(
            "${count} letters generated for ${title}.",
            mapping={"count": 3, "title": "Avis de travaux"},
        )
    )
    assert "Habitant2" in found["message"]  # the last letter written


def test_a_failing_letter_leaves_no_letter_and_its_error(
    people, mail_portal, immediate, monkeypatch
):
    mail = postal_mail(mail_portal, people.a, 3)
    generate = documents.generate
    written = []

    def out_of_paper_at_the_third(template, context, output_format="odt", **extra):
        written.append(1)
        if len(written) == 3:
            raise documents.DocumentError("LibreOffice could not convert the document to pdf")
        return generate(template, context, output_format, **extra)

    monkeypatch.setattr(documents, "generate", out_of_paper_at_the_third)
    with as_user("redacteur_a"):
        job_id = submit_here("mail.generate_letters", **arguments(mail, base_letter(mail_portal)))
    found = jobs.record(job_id)
    assert found["state"] == "failed" and found["result"] is None
    assert "LetterError: LibreOffice could not convert the document to pdf" in found["error"]
    assert (found["done"], found["total"]) == (2, 3)
    assert letter_files(mail) == []


def test_the_letters_job_checks_the_user_may_add_files(people, mail_portal, immediate):
    mail = postal_mail(mail_portal, people.a, 2)
    with as_user("chef_a"):  # sees the mail of the service, does not write its letters
        job_id = submit_here("mail.generate_letters", **arguments(mail, base_letter(mail_portal)))
    found = jobs.record(job_id)
    assert found["state"] == "failed"
    assert in_site_language(_("You may not add files to this mail.")) in found["error"]
    with as_user("lecteur_b"):  # does not even see it
        job_id = submit_here("mail.generate_letters", **arguments(mail, base_letter(mail_portal)))
    found = jobs.record(job_id)
    assert found["state"] == "failed" and "may not see" in found["error"]
    assert letter_files(mail) == []


def post_letters_form(portal, mail, template, output_format):
    request = portal.REQUEST
    request.method = "POST"
    request.form.update(letter=f"{template.UID()}|{output_format}", _authenticator=createToken())
    api.content.get_view("mail-letters", mail, request)()
    return request


def test_the_page_queues_more_letters_than_the_request_makes(
    people, mail_portal, immediate, monkeypatch
):
    monkeypatch.setattr(letters, "LETTERS_IN_REQUEST", 2)
    few, many = postal_mail(mail_portal, people.a, 2), postal_mail(mail_portal, people.a, 3)
    template = base_letter(mail_portal)
    with as_user("redacteur_a"):
        request = post_letters_form(mail_portal, few, template, "odt")
        assert request.response.getHeader("Location") == few.absolute_url()
        assert len(letter_files(few)) == 2
        assert jobs.records(site_path(mail_portal)) == []

        request = post_letters_form(mail_portal, many, template, "odt")
    assert request.response.getHeader("Location") == f"{mail_portal.absolute_url()}/@@jobs"
    (found,) = jobs.records(site_path(mail_portal))
    assert found["name"] == "mail.generate_letters" and found["userid"] == "redacteur_a"
    assert found["arguments"] == arguments(many, template)
    assert found["state"] == "done" and found["result"]["count"] == 3
    assert len(letter_files(many)) == 3


def test_the_page_refuses_before_queuing(people, mail_portal, immediate):
    mail = postal_mail(mail_portal, people.a, 1)
    with as_user("lecteur_a"):
        request = post_letters_form(mail_portal, mail, base_letter(mail_portal), "pdf")
    assert request.response.getHeader("Location") == mail.absolute_url()
    assert jobs.records(site_path(mail_portal)) == []


def test_rest_queues_pdf_letters_and_makes_few_odt_ones(
    mail_functional_portal, functional_people, immediate
):
    mail = postal_mail(mail_functional_portal, functional_people.a, 1)
    template = base_letter(mail_functional_portal)
    session = rest(mail_functional_portal, "redacteur_a")
    url = mail.absolute_url() + "/@mail-letters"

    response = session.post(url, json={"template_uid": template.UID(), "output_format": "odt"})
    assert response.status_code == 201, response.text
    assert session.get(mail_functional_portal.absolute_url() + "/@jobs").json()["items"] == []

    response = session.post(url, json={"template_uid": template.UID(), "output_format": "pdf"})
    assert response.status_code == 202, response.text
    record = response.json()
    assert record["name"] == "mail.generate_letters"
    assert record["arguments"] == arguments(mail, template, "pdf")
    assert record["state"] == "done", record["error"]
    assert (record["done"], record["total"]) == (1, 1)
    (letter,) = record["result"]["files"]
    assert letter["filename"].endswith(".pdf")
    pdf = session.get(f"{mail_functional_portal.absolute_url()}/{letter['path']}/@@download/file")
    assert pdf.content.startswith(b"%PDF")

    listed = session.get(mail_functional_portal.absolute_url() + "/@jobs").json()["items"]
    assert [job["id"] for job in listed] == [record["id"]]
    refused = rest(mail_functional_portal, "chef_a").post(
        url, json={"template_uid": template.UID(), "output_format": "pdf"}
    )
    assert refused.status_code == 400, refused.text


# -- import ---------------------------------------------------------------------


def fill_inbox(root, portal):
    """The site's import directory with a scan, an email and two bad scans."""
    inbox = root / portal.getId()
    inbox.mkdir()
    (inbox / "0001.pdf").write_bytes(PDF)
    (inbox / "0001.json").write_text(json.dumps(scan("050000000000901")))
    (inbox / "0002.pdf").write_bytes(PDF)  # no metadata
    (inbox / "0003.pdf").write_bytes(b"garbage")
    (inbox / "0003.json").write_text(json.dumps(scan("050000000000903")))
    (inbox / "message.eml").write_bytes(EMAIL)
    (inbox / "notes.txt").write_text("not for the import")
    return inbox


@pytest.fixture
def import_root(tmp_path, monkeypatch):
    root = tmp_path / "imports"
    root.mkdir()
    monkeypatch.setenv(importer.INBOX_VARIABLE, str(root))
    return root


def test_the_import_job_reports_imported_and_refused_files(
    people, mail_portal, immediate, import_root
):
    fill_inbox(import_root, mail_portal)
    create_user("scanner", roles=["Member", "Batch importer"])
    with as_user("scanner"):
        job_id = submit_here("mail.import_directory")
    found = jobs.record(job_id)
    assert found["state"] == "done", found["error"]
    assert (found["done"], found["total"]) == (4, 4)
    report = found["result"]
    assert [entry["filename"] for entry in report["created"]] == ["0001.pdf", "message.eml"]
    assert report["replaced"] == []
    reasons = {entry["filename"]: entry["message"] for entry in report["errors"]}
    assert sorted(reasons) == ["0002.pdf", "0003.pdf"]
    assert "0002.json" in reasons["0002.pdf"] and "not a PDF" in reasons["0003.pdf"]
    scanned = api.content.get(path="/" + report["created"][0]["path"])
    assert scanned.portal_type == "dmsincomingmail"
    assert [obj.scan_id for obj in scanned.objectValues()] == ["050000000000901"]
    assert scanned.internal_reference_no == report["created"][0]["internal_reference_no"]
    assert report["message"] == in_site_language(
        _(
            "${created} files imported, ${replaced} replaced, ${refused} refused.",
            mapping={"created": 2, "replaced": 0, "refused": 2},
        )
    )


def test_the_import_job_needs_an_import_directory(people, mail_portal, immediate, monkeypatch):
    monkeypatch.delenv(importer.INBOX_VARIABLE, raising=False)
    job_id = submit_here("mail.import_directory")
    found = jobs.record(job_id)
    assert found["state"] == "failed" and importer.INBOX_VARIABLE in found["error"]


def test_only_importers_run_the_import_job(people, mail_portal, immediate, import_root):
    inbox = fill_inbox(import_root, mail_portal)
    with as_user("agent_a"):
        job_id = submit_here("mail.import_directory")
    found = jobs.record(job_id)
    assert found["state"] == "failed"
    assert in_site_language(_("You may not import mail.")) in found["error"]
    assert len(api.content.find(portal_type="dmsmainfile", scan_id="050000000000901")) == 0
    assert (inbox / "0001.pdf").exists() and not (inbox / "done").exists()


def test_the_import_job_over_rest_moves_what_it_imported(
    mail_functional_portal, functional_people, immediate, import_root
):
    inbox = fill_inbox(import_root, mail_functional_portal)
    create_user("scanner", roles=["Member", "Batch importer"])
    refused = rest(mail_functional_portal, "agent_a").post(
        "@jobs", json={"job": "mail.import_directory"}
    )
    assert refused.status_code == 403, refused.text
    odd = rest(mail_functional_portal, "scanner").post(
        "@jobs", json={"job": "mail.import_directory", "arguments": {"directory": "/etc"}}
    )
    assert odd.status_code == 400 and "takes no argument directory" in odd.text

    response = rest(mail_functional_portal, "scanner").post(
        "@jobs", json={"job": "mail.import_directory"}
    )
    assert response.status_code == 202, response.text
    record = response.json()
    assert record["state"] == "done", record["error"]
    assert len(record["result"]["created"]) == 2 and len(record["result"]["errors"]) == 2
    # once the request committed, what was imported is in done/, the rest stays
    assert sorted(p.name for p in (inbox / "done").iterdir()) == [
        "0001.json",
        "0001.pdf",
        "message.eml",
    ]
    assert sorted(p.name for p in inbox.iterdir() if p.is_file()) == [
        "0002.pdf",
        "0003.json",
        "0003.pdf",
        "notes.txt",
    ]
