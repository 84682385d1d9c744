"""Documents generated for the items of a meeting and stored in them (the job
``delib.generate_documents``): progress and result recorded, one document per item,
meeting managers only, nothing half-written on failure; the meeting's action and
``@delib-documents``."""

from AccessControl import Unauthorized
from iasolutions.core import documents
from iasolutions.core import jobs
from iasolutions.core.odt import odt_text
from iasolutions.delib import stored_documents
from iasolutions.delib.agenda import items_of
from plone import api
import pytest
import re
import requests
from tests.delib.helpers import create_delib_users
from tests.delib.helpers import html
from tests.delib.helpers import make_meeting
from tests.delib.helpers import transition
from tests.delib.helpers import validated_item
from tests.helpers import PASSWORD
from tests.helpers import as_user
from tests.helpers import rest
import transaction
from zope.i18n import translate


TITLES = ("Réfection de la toiture", "Subside au club", "Achat de sel")


@pytest.fixture
def jobs_file(tmp_path, monkeypatch):
    """The jobs are recorded in a file of the test's own."""
    monkeypatch.setenv("IASOLUTIONS_JOBS_DB", str(tmp_path / "jobs.sqlite"))


@pytest.fixture
def immediate(jobs_file, monkeypatch):
    """Jobs run at once, in the caller's transaction (as the worker would, after)."""
    monkeypatch.setenv("IASOLUTIONS_JOBS_IMMEDIATE", "1")


def meeting_with_items(college, services):
    meeting = make_meeting(college, place="Salle du Collège")
    for title in TITLES:
        item = validated_item(
            college, services, title=title, decision=html(f"<p>Décide : {title}.</p>")
        )
        transition(item, "manager", "present")
    transition(meeting, "manager", "freeze")
    return meeting


@pytest.fixture
def meeting(college, services, users):
    return meeting_with_items(college, services)


def agenda_titles(meeting):
    """The recurring item (Approbation du procès-verbal) first, then TITLES."""
    return [item.title for item in items_of(meeting, unrestricted=True)]


def stored(meeting):
    return {
        item.title: [obj for obj in item.objectValues() if obj.portal_type == "annexDecision"]
        for item in items_of(meeting, unrestricted=True)
    }


def site_path():
    return "/".join(api.portal.get().getPhysicalPath())


def test_the_rule_keeps_one_odt_in_the_request():
    assert stored_documents.runs_in_request("odt", 1)
    assert not stored_documents.runs_in_request("odt", 2)
    assert not stored_documents.runs_in_request("pdf", 1)


def test_the_job_stores_one_document_per_item(meeting, immediate):
    with as_user("manager"):
        job_id = stored_documents.submit(meeting, "deliberation", "odt")
    found = jobs.record(job_id)
    assert found["name"] == "delib.generate_documents" and found["userid"] == "manager"
    assert found["state"] == "done", found["error"]
    titles = agenda_titles(meeting)
    assert len(titles) == 4 and titles[1:] == list(TITLES)
    assert (found["done"], found["total"]) == (4, 4)
    assert found["message"] == "Achat de sel"  # the last item done
    result = found["result"]
    assert result["count"] == 4 and result["refused"] == []
    assert [row["item"] for row in result["documents"]] == titles
    annexes = stored(meeting)
    for title in TITLES:
        (annex,) = annexes[title]
        assert annex.title == "Délibération" and annex.content_category == "annexe-decision"
        assert annex.file.filename.endswith(".odt")
        assert f"Décide : {title}." in odt_text(annex.file.data)
        row = next(row for row in result["documents"] if row["item"] == title)
        assert row["url"] == annex.absolute_url()
        assert row["path"].endswith(annex.getId())
    assert "4 " in result["message"]

    # Generating again replaces each document instead of adding a second one.
    first_file = annexes[TITLES[0]][0].file
    with as_user("manager"):
        again = jobs.record(stored_documents.submit(meeting, "deliberation", "odt"))
    assert again["state"] == "done"
    annexes = stored(meeting)
    assert all(len(annexes[title]) == 1 for title in titles)
    assert annexes[TITLES[0]][0].file is not first_file


def test_one_odt_in_the_request_several_or_pdf_to_the_worker(meeting, jobs_file, monkeypatch):
    from iasolutions.core import worker

    queued = []
    monkeypatch.setattr(worker, "enqueue", queued.append)
    first = stored(meeting)  # nothing yet
    assert all(annexes == [] for annexes in first.values())
    uid = items_of(meeting, unrestricted=True)[1].UID()
    with as_user("manager"):
        now = jobs.record(stored_documents.submit(meeting, "deliberation", "odt", items=[uid]))
        assert queued == []
        later = stored_documents.submit(meeting, "deliberation", "pdf", items=[uid])
        several = stored_documents.submit(meeting, "deliberation", "odt")
    assert now["state"] == "done" and now["result"]["count"] == 1
    assert [len(annexes) for annexes in stored(meeting).values()] == [0, 1, 0, 0]
    assert queued == [later, several]
    assert jobs.record(later)["state"] == "queued"
    assert jobs.record(later)["arguments"]["items"] == [uid]


def test_an_item_creator_cannot_submit_it(meeting, immediate):
    with as_user("creator_fin"), pytest.raises(Unauthorized):
        stored_documents.submit(meeting, "deliberation", "odt")
    assert jobs.records(site_path()) == []
    assert all(annexes == [] for annexes in stored(meeting).values())


@pytest.mark.parametrize(
    "template, output_format, items, message",
    [
        ("", "odt", None, "Give the template"),
        ("nothing", "odt", None, "Unknown template nothing"),
        ("oj", "odt", None, "Unknown template oj"),  # the meeting's, not the items'
        ("deliberation", "docx", None, "does not produce docx"),
        ("deliberation", "odt", ["not-an-item"], "Not an item of this meeting: not-an-item"),
        ("deliberation", "odt", "one", "items must be a list"),
    ],
)
def test_what_cannot_be_done_is_refused(
    meeting, immediate, template, output_format, items, message
):
    with as_user("manager"), pytest.raises(stored_documents.GenerationRefused) as refused:
        stored_documents.submit(meeting, template, output_format, items)
    assert message in translate(refused.value.message, target_language="en")
    assert jobs.records(site_path()) == []


def test_a_failing_generation_stores_nothing_and_keeps_its_error(meeting, immediate, monkeypatch):
    generate = documents.generate

    def fail_on_the_second(template, context, output_format="odt", **extra):
        if context.title == TITLES[1]:
            raise documents.DocumentError("The template could not be rendered: boom")
        return generate(template, context, output_format, **extra)

    monkeypatch.setattr(documents, "generate", fail_on_the_second)
    with as_user("manager"):
        job_id = stored_documents.submit(meeting, "deliberation", "odt")
    found = jobs.record(job_id)
    assert found["state"] == "failed" and found["result"] is None
    assert "DocumentError: The template could not be rendered: boom" in found["error"]
    assert (found["done"], found["total"]) == (2, 4)  # how far it went
    assert all(annexes == [] for annexes in stored(meeting).values())  # the first too


def test_an_item_the_manager_may_not_annex_is_left_and_listed(meeting, immediate):
    closed = items_of(meeting, unrestricted=True)[2]
    closed.manage_permission(stored_documents.ADD_ANNEX, roles=["Manager"], acquire=False)
    with as_user("manager"):
        found = jobs.record(stored_documents.submit(meeting, "deliberation", "odt"))
    assert found["state"] == "done", found["error"]
    assert found["result"]["count"] == 3
    assert found["result"]["refused"] == [{"item": closed.title, "item_url": closed.absolute_url()}]
    assert [len(annexes) for annexes in stored(meeting).values()] == [1, 1, 0, 1]


def test_a_pdf_per_item(meeting, immediate):
    uid = items_of(meeting, unrestricted=True)[1].UID()
    with as_user("manager"):
        found = jobs.record(stored_documents.submit(meeting, "deliberation", "pdf", items=[uid]))
    assert found["state"] == "done", found["error"]
    (annex,) = stored(meeting)[TITLES[0]]
    assert annex.file.data.startswith(b"%PDF") and annex.file.filename.endswith(".pdf")
    assert annex.file.contentType == "application/pdf"


# -- over the web ---------------------------------------------------------------


@pytest.fixture
def functional_meeting(delib_functional_portal):
    services = {b.getId: b.UID for b in api.content.find(portal_type="organization")}
    create_delib_users(services)
    college = delib_functional_portal["meeting-configs"]["meeting-config-college"]
    meeting = meeting_with_items(college, services)
    transaction.commit()
    return meeting


def test_over_rest(functional_meeting, immediate):
    meeting = functional_meeting
    url = meeting.absolute_url()
    manager = rest(meeting, "manager")
    done = manager.post(
        f"{url}/@delib-documents", json={"template": "deliberation", "output_format": "odt"}
    )
    assert done.status_code == 202, done.text
    assert done.json()["state"] == "done" and done.json()["result"]["count"] == 4
    transaction.begin()
    assert all(len(annexes) == 1 for annexes in stored(meeting).values())

    for body, message in (
        ([1], "JSON object"),
        ({}, "template is required"),
        ({"template": 3}, "template must be a string"),
        ({"template": "nothing"}, "Unknown template nothing"),
        ({"template": "deliberation", "output_format": "docx"}, "does not produce docx"),
        ({"template": "deliberation", "items": []}, "items is required"),
        ({"template": "deliberation", "items": ["x"]}, "Not an item of this meeting: x"),
    ):
        refused = manager.post(f"{url}/@delib-documents", json=body)
        assert refused.status_code == 400, (body, refused.text)
        assert message in refused.json()["error"]["message"], (body, refused.text)

    creator = rest(meeting, "creator_fin")
    forbidden = creator.post(f"{url}/@delib-documents", json={"template": "deliberation"})
    assert forbidden.status_code in (401, 403)
    assert jobs.records(site_path(), "creator_fin") == []
    assert len(jobs.records(site_path())) == 1  # the manager's only


def test_the_meeting_action(functional_meeting, immediate):
    meeting = functional_meeting
    session = requests.Session()
    session.auth = ("manager", PASSWORD)
    page = session.get(meeting.absolute_url(), timeout=60).text
    assert 'for="delib-generate-template"' in page and 'id="delib-generate-template"' in page
    assert re.search(r'<option value="deliberation"', page)
    token = re.search(r'name="_authenticator" value="([^"]+)"', page).group(1)
    action = f"{meeting.absolute_url()}/@@delib-generate-documents"
    form = {"template": "deliberation", "output_format": "odt"}
    assert session.post(action, data=form, timeout=60, allow_redirects=False).status_code == 403
    done = session.post(action, data={**form, "_authenticator": token}, timeout=60)
    assert done.status_code == 200 and done.url == meeting.absolute_url()
    assert "4 documents stored" in done.text or "4 documents enregistrés" in done.text
    transaction.begin()
    assert all(len(annexes) == 1 for annexes in stored(meeting).values())

    creator_page = requests.get(meeting.absolute_url(), auth=("creator_fin", PASSWORD), timeout=60)
    assert "delib-generate-documents" not in creator_page.text
