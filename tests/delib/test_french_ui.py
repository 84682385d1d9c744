"""A French site shows French states and titles, never a workflow's English title or a
raw id (issue 8, point 8): item and meeting pages, the dashboards' filters, the public
pages, read by the users concerned over HTTP."""

import html
from iasolutions.delib.meetingconfigs import folder_of
from iasolutions.delib.publication import publish
from plone import api
import pytest
import re
import requests
from tests.delib.helpers import create_delib_users
from tests.delib.helpers import make_item
from tests.delib.helpers import make_meeting
from tests.delib.helpers import transition
from tests.delib.helpers import validated_item
from tests.helpers import PASSWORD
from tests.helpers import as_user
import transaction


RAW_IDS = (
    "itemcreated",
    "proposedToValidationLevel1",
    "itemfrozen",
    "accepted_but_modified",
    "returned_to_proposing_group",
    "public",
    "secret",
)


def english_titles():
    """Every state and transition title of the module's workflows, as written (English)."""
    titles = set()
    for workflow in api.portal.get_tool("portal_workflow").objectValues():
        if workflow.getId().startswith("iasolutions_meeting"):
            for obj in list(workflow.states.objectValues()) + list(
                workflow.transitions.objectValues()
            ):
                titles.add(obj.title)
    return titles


def visible_text(page):
    page = re.sub(r"(?s)<(script|style|head)\b.*?</\1>", " ", page)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def words(text):
    return set(re.findall(r"[\w'-]+", text))


@pytest.fixture
def french_site(delib_functional_portal):
    portal = delib_functional_portal
    api.portal.set_registry_record("plone.default_language", "fr")
    services = {b.getId: b.UID for b in api.content.find(portal_type="organization")}
    create_delib_users(services)
    college = portal["meeting-configs"]["meeting-config-college"]
    draft = make_item(college, "creator_fin", services["finances"], title="Brouillon")
    meeting = make_meeting(college)
    accepted = validated_item(college, services, title="Réfection du trottoir")
    transition(accepted, "manager", "present")
    transition(meeting, "manager", "freeze", "decide")
    transition(accepted, "manager", "accept")
    with as_user("manager"):
        publish(meeting, "decision")
    transaction.commit()
    return portal, college, draft, meeting, accepted


def get(url, user=None):
    auth = (user, PASSWORD) if user else None
    answer = requests.get(url, auth=auth, timeout=60, headers={"Accept-Language": "fr"})
    assert answer.status_code == 200, url
    return answer.text


def assert_french(text, where):
    english = sorted(t for t in english_titles() if re.search(rf"\b{re.escape(t)}\b", text))
    assert english == [], where
    raw = sorted(set(RAW_IDS) & words(text))
    assert raw == [], where


def test_item_and_meeting_pages_in_french(french_site):
    portal, college, draft, meeting, accepted = french_site
    page = visible_text(get(draft.absolute_url(), "creator_fin"))
    assert "En création" in page
    assert_french(page, "item in creation, as its creator")
    page = visible_text(get(accepted.absolute_url(), "manager"))
    assert "Accepté" in page
    assert_french(page, "accepted item, as the meeting manager")
    page = visible_text(get(meeting.absolute_url(), "manager"))
    assert "Décidée" in page or "Décidé" in page
    assert_french(page, "decided meeting, as the meeting manager")


def filter_labels(page):
    """The choices of the faceted filters, as shown (``<wbr>`` cuts long words)."""
    labels = re.findall(r'<label class="form-check-label"[^>]*>(.*?)</label>', page, re.S)
    return [
        visible_text(label.replace("<wbr></wbr>", "").replace("<wbr>", "")).strip()
        for label in labels
    ]


def test_dashboard_filters_show_titles_not_ids(french_site):
    portal, college, *_ = french_site
    shown = {}
    for dashboard in ("tous-les-points", "seances"):
        page = get(f"{folder_of(college).absolute_url()}/{dashboard}", "manager")
        shown[dashboard] = filter_labels(page)
        raw = set(RAW_IDS + ("proposedToValidationLevel2", "created", "closed")) & set(
            shown[dashboard]
        )
        assert raw == set(), dashboard
        assert_french(visible_text(page), dashboard)
    assert {
        "En création",
        "Proposé au niveau de validation 1",
        "Accepté",
        "Séance publique",
        "Huis clos",
    } <= set(shown["tous-les-points"])
    assert {"En création", "Clôturée"} <= set(shown["seances"])


def test_public_pages_in_french(french_site):
    portal, college, draft, meeting, accepted = french_site
    public = api.content.find(portal_type="PublicMeeting")[0]
    page = visible_text(get(public.getURL()))
    assert "Accepté" in page
    assert_french(page, "public meeting, anonymous")
