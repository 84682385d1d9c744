"""Signatories redefined per item: the meeting manager has an attendee sign one item in place
of a signatory of the meeting (screen, REST), the deliberation names who signs."""

from iasolutions.core import documents
from iasolutions.core.contacts import add_held_position
from iasolutions.core.contacts import add_person
from iasolutions.core.odt import odt_text
from iasolutions.delib import signatories
from iasolutions.delib import votes
from plone import api
import pytest
from tests.delib.helpers import create_delib_users
from tests.delib.helpers import make_meeting
from tests.delib.helpers import transition
from tests.delib.helpers import validated_item
from tests.helpers import as_user
from tests.helpers import rest
import transaction


PEOPLE = (  # key: (lastname, firstname, label)
    ("dg", ("Dupont", "Jean", "Directeur général")),
    ("bourgmestre", ("Martin", "Marie", "Bourgmestre")),
    ("dg_ff", ("Remplaçant", "Paul", "Directeur général f.f.")),
    ("outsider", ("Ailleurs", "Luc", "Conseiller")),  # not an attendee
)


def make_assembly(portal, cfg, services):
    """A meeting signed by the DG then the Bourgmestre, with two items presented."""
    contacts = portal["contacts"]
    own = contacts["plonegroup-organization"]
    people = {
        key: add_held_position(add_person(contacts, last, first), own, label=label).UID()
        for key, (last, first, label) in PEOPLE
    }
    meeting = make_meeting(
        cfg,
        attendees=[people["dg"], people["bourgmestre"], people["dg_ff"]],
        signatories=[people["dg"], people["bourgmestre"]],
    )
    item = validated_item(cfg, services, title="Marché de voirie")
    other = validated_item(cfg, services, title="Subside au club")
    for each in (item, other):
        transition(each, "manager", "present")
    return meeting, item, other, people


@pytest.fixture
def assembly(delib_portal, college, services, users):
    return make_assembly(delib_portal, college, services)


def signing(meeting, item):
    return [row["held_position"] for row in signatories.item_signatories(meeting, item)]


def test_a_signatory_replaced_for_one_item_then_restored(assembly):
    meeting, item, other, people = assembly
    signatories.replace_signatory(meeting, item, 1, people["dg_ff"])
    assert signing(meeting, item) == [people["dg_ff"], people["bourgmestre"]]
    assert signatories.item_signatories(meeting, item)[0]["replaces"] == people["dg"]
    assert signing(meeting, other) == [people["dg"], people["bourgmestre"]]
    signatories.restore_signatory(meeting, item, 1)
    assert signing(meeting, item) == [people["dg"], people["bourgmestre"]]
    # Naming the meeting's own signatory is an undo too.
    signatories.replace_signatory(meeting, item, "1", people["dg_ff"])
    signatories.replace_signatory(meeting, item, 1, people["dg"])
    assert signatories.replacements(meeting, item) == {}


@pytest.mark.parametrize(
    "who, number, message",
    [
        ("outsider", 1, "signatory_not_present"),  # not an attendee of the meeting
        ("item_absent", 1, "signatory_not_present"),  # absent for this item
        ("bourgmestre", 1, "signatory_signs_already"),  # would sign twice
        ("dg_ff", 3, "signatory_number_unknown"),  # the meeting has two signatories
        ("dg_ff", "first", "signatory_number_unknown"),
    ],
)
def test_replacements_refused(assembly, who, number, message):
    meeting, item, other, people = assembly
    if who == "item_absent":
        votes.set_item_attendance(meeting, item, people["dg_ff"], "absent")
        who = "dg_ff"
    with pytest.raises(signatories.SignatoryError) as refused:
        signatories.replace_signatory(meeting, item, number, people[who])
    assert refused.value.message == message
    assert signatories.replacements(meeting, item) == {}


def test_who_signs_an_item_cannot_be_marked_absent_for_it(assembly):
    meeting, item, other, people = assembly
    signatories.replace_signatory(meeting, item, 1, people["dg_ff"])
    with pytest.raises(votes.VoteError) as refused:
        votes.set_item_attendance(meeting, item, people["dg_ff"], "excused")
    assert refused.value.message == "attendee_signs_item"
    votes.set_item_attendance(meeting, other, people["dg_ff"], "excused")


def test_the_deliberation_names_who_signs_each_item(college, assembly):
    meeting, item, other, people = assembly
    signatories.replace_signatory(meeting, item, 1, people["dg_ff"])
    with as_user("creator_fin"):  # may not open the contacts, still prints who signs
        helper = documents.namespace(item)["helper"]
        assert [
            (s["number"], s["label"], s["name"], s["replaced"]) for s in helper.signatories()
        ] == [
            (1, "Directeur général f.f.", "Paul Remplaçant", True),
            (2, "Bourgmestre", "Marie Martin", False),
        ]
        replaced = odt_text(documents.generate(college["deliberation"], item, "odt").data)
        normal = odt_text(documents.generate(college["deliberation"], other, "odt").data)
    # The signature block closes the deliberation (the attendance above names everyone).
    replaced = replaced.split("Par le Collège communal,")[1]
    normal = normal.split("Par le Collège communal,")[1]
    assert "Directeur général f.f.,\nPaul Remplaçant" in replaced
    assert "Jean Dupont" not in replaced
    assert "Directeur général,\nJean Dupont" in normal and "Paul Remplaçant" not in normal
    assert replaced.index("Paul Remplaçant") < replaced.index("Bourgmestre,\nMarie Martin")


def test_no_signatures_block_when_the_meeting_has_no_signatories(college, services, users):
    make_meeting(college)
    item = validated_item(college, services, title="Achat de mobilier")
    transition(item, "manager", "present")
    text = odt_text(documents.generate(college["deliberation"], item, "odt").data)
    assert "Achat de mobilier" in text
    assert "Signatures" not in text


# Over REST and in the browser, as the users concerned (functional layer).


@pytest.fixture
def site(delib_functional_portal):
    portal = delib_functional_portal
    services = {b.getId: b.UID for b in api.content.find(portal_type="organization")}
    create_delib_users(services)
    college = portal["meeting-configs"]["meeting-config-college"]
    return (portal,) + make_assembly(portal, college, services)


def test_replacement_over_rest(site):
    portal, meeting, item, other, people = site
    url = item.absolute_url() + "/@attendance"
    manager = rest(portal, "manager")
    done = manager.post(
        url, json={"kind": "signatory", "signature_number": 1, "held_position": people["dg_ff"]}
    )
    assert done.status_code == 200, done.text
    assert done.json()["signatories"] == [
        {"signature_number": 1, "held_position": people["dg_ff"], "replaces": people["dg"]},
        {"signature_number": 2, "held_position": people["bourgmestre"], "replaces": None},
    ]
    refused = manager.post(
        url, json={"kind": "signatory", "signature_number": 2, "held_position": people["outsider"]}
    )
    assert refused.status_code == 400
    assert refused.json()["error"]["reason"] == "signatory_not_present"
    assert "present" in refused.json()["error"]["message"]
    transaction.begin()
    assert signatories.replacements(meeting, item) == {1: people["dg_ff"]}
    for userid in ("creator_fin", "reviewer_fin"):
        forbidden = rest(portal, userid).post(
            url, json={"kind": "signatory", "signature_number": 1}
        )
        assert forbidden.status_code in (401, 403), userid
    undone = manager.post(
        url, json={"kind": "signatory", "signature_number": 1, "held_position": None}
    )
    assert undone.status_code == 200
    assert undone.json()["signatories"][0] == {
        "signature_number": 1,
        "held_position": people["dg"],
        "replaces": None,
    }
    assert (
        manager.get(item.absolute_url() + "/@votes").json()["signatories"][0]["held_position"]
        == people["dg"]
    )


def test_replacement_on_the_attendance_screen(site, delib_functional):
    from tests.delib.test_browser import browser_for
    from urllib.error import HTTPError
    from zExceptions import Unauthorized

    portal, meeting, item, other, people = site
    transaction.commit()
    manager = browser_for(delib_functional["app"], "manager")
    manager.open(item.absolute_url() + "/@@item-votes")
    # The DG f.f. marked absent for the item cannot sign it: form error, nothing kept.
    manager.getControl(name=f"attendance-{people['dg_ff']}").value = ["absent"]
    manager.getControl(name="signatory-1").value = [people["dg_ff"]]
    manager.getControl("Save").click()
    assert (
        "present for this item" in manager.contents or "présent pour ce point" in manager.contents
    )
    transaction.begin()
    assert signatories.replacements(meeting, item) == {}
    assert votes.item_absents(meeting, item) == []
    manager.open(item.absolute_url() + "/@@item-votes")
    manager.getControl(name="signatory-1").value = [people["dg_ff"]]
    manager.getControl("Save").click()
    assert manager.url == item.absolute_url()
    shown = " ".join(
        manager.contents.split('class="delib-signatories"')[1].split("</ol>")[0].split()
    )
    assert "Paul Remplaçant" in shown and ("in place of" in shown or "à la place de" in shown)
    transaction.begin()
    assert signatories.replacements(meeting, item) == {1: people["dg_ff"]}
    # Undo: back to the meeting's signatory.
    manager.open(item.absolute_url() + "/@@item-votes")
    assert manager.getControl(name="signatory-1").value == [people["dg_ff"]]
    manager.getControl(name="signatory-1").value = [""]
    manager.getControl("Save").click()
    transaction.begin()
    assert signatories.replacements(meeting, item) == {}
    for userid in ("creator_fin", "reviewer_fin"):
        browser = browser_for(delib_functional["app"], userid)
        with pytest.raises((Unauthorized, HTTPError)):
            browser.open(item.absolute_url() + "/@@item-votes")


@pytest.mark.parametrize("body", ["not json", "[1, 2]"])
def test_a_body_that_is_not_a_json_object_is_a_400(site, body):
    portal, meeting, item, other, people = site
    manager = rest(portal, "manager")
    for url in (
        item.absolute_url() + "/@attendance",
        item.absolute_url() + "/@votes",
        meeting.absolute_url() + "/@publication",
    ):
        refused = manager.post(url, data=body)
        assert refused.status_code == 400, (url, refused.status_code, refused.text[:300])
        assert "JSON object" in refused.json()["error"]["message"]
    transaction.begin()
    assert signatories.replacements(meeting, item) == {}
