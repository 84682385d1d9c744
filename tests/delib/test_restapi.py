"""The REST API as integrators and agents use it (functional layer, real HTTP)."""

import base64
from iasolutions.delib.meetingconfigs import folder_of
from plone import api
import pytest
from tests.delib.helpers import create_delib_users
from tests.delib.helpers import html
from tests.delib.helpers import make_item
from tests.delib.helpers import make_meeting
from tests.delib.helpers import transition
from tests.helpers import rest


@pytest.fixture
def site(delib_functional_portal):
    portal = delib_functional_portal
    services = {b.getId: b.UID for b in api.content.find(portal_type="organization")}
    create_delib_users(services)
    return portal, services


def test_config_endpoint(site):
    portal, services = site
    response = rest(portal, "creator_fin").get("@config")
    assert response.status_code == 200
    configs = {c["id"]: c for c in response.json()["items"]}
    college = configs["meeting-config-college"]
    assert college["item_type"] == "MeetingItemCollege"
    assert "accepted_but_modified" in college["item_states"]
    assert {"id": "finances", "title": "Finances", "enabled": True} in college["categories"]
    assert rest(portal).get("@config").status_code == 401
    bad = rest(portal, "creator_fin").get("@config?config_id=nope")
    assert bad.status_code == 400 and "nope" in bad.json()["error"]["message"]


def test_post_item_with_annex_and_transitions(site):
    portal, services = site
    session = rest(portal, "creator_fin")
    pdf = base64.b64encode(b"%PDF-1.4 demo").decode()
    response = session.post(
        "@item",
        json={
            "config_id": "meeting-config-college",
            "title": "Achat de sel de déneigement",
            "proposingGroup": "FIN",
            "category": "administration",
            "decision": {"data": "<p>Décide d'acheter.</p>", "content-type": "text/html"},
            "externalIdentifier": "ext-42",
            "__children__": [
                {
                    "@type": "annex",
                    "title": "Offre",
                    "content_category": "annexe",
                    "file": {
                        "data": pdf,
                        "encoding": "base64",
                        "filename": "offre.pdf",
                        "content-type": "application/pdf",
                    },
                }
            ],
            "wf_transitions": ["propose"],
        },
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["@type"] == "MeetingItemCollege"
    assert body["review_state"] == "proposed"
    assert body["proposingGroup"]["token"] == services["finances"]
    assert [child["title"] for child in body["items"]] == ["Offre"]
    found = session.get("@search?config_id=meeting-config-college&type=item&external_id=ext-42")
    assert found.status_code == 200
    assert [i["UID"] for i in found.json()["items"]] == [body["UID"]]
    got = session.get(f"@item?uid={body['UID']}")
    assert got.status_code == 200 and got.json()["title"] == "Achat de sel de déneigement"
    # The reviewer of another service cannot read it.
    other = rest(portal, "reviewer_trav").get(f"@get?uid={body['UID']}")
    assert other.status_code in (401, 403)
    assert rest(portal).get(f"@get?uid={body['UID']}").status_code == 401


@pytest.mark.parametrize(
    "payload,status,words",
    [
        ({"config_id": "nope", "title": "x", "proposingGroup": "FIN"}, 400, "nope"),
        (
            {"config_id": "meeting-config-college", "title": "x", "proposingGroup": "XYZ"},
            400,
            "XYZ",
        ),
        ({"config_id": "meeting-config-college", "proposingGroup": "FIN"}, 400, "title"),
        ({"config_id": "meeting-config-college", "title": "x", "proposingGroup": "TRAV"}, 403, ""),
        (
            {
                "config_id": "meeting-config-college",
                "title": "x",
                "proposingGroup": "FIN",
                "privacy": "nope",
            },
            400,
            "privacy",
        ),
        (
            {
                "config_id": "meeting-config-college",
                "title": "x",
                "proposingGroup": "FIN",
                "wf_transitions": ["validate"],
            },
            400,
            "",
        ),
    ],
)
def test_post_item_refusals_write_nothing(site, payload, status, words):
    portal, services = site
    response = rest(portal, "creator_fin").post("@item", json=payload)
    assert response.status_code == status, response.text
    assert words in response.json()["error"]["message"]
    import transaction

    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        assert len(api.content.find(portal_type="MeetingItemCollege", Title="x")) == 0


def _annex(title, category):
    pdf = base64.b64encode(b"%PDF-1.4 demo").decode()
    return {
        "@type": "annex",
        "title": title,
        "content_category": category,
        "file": {
            "data": pdf,
            "encoding": "base64",
            "filename": "annexe.pdf",
            "content-type": "application/pdf",
        },
    }


def _security(obj):
    """What decides who sees ``obj``: its local roles (block included) and its catalog
    entry's allowed roles and users."""
    catalog = api.portal.get_tool("portal_catalog")
    indexed = catalog.getIndexDataForUID("/".join(obj.getPhysicalPath()))
    return (
        {principal: sorted(roles) for principal, roles in obj.get_local_roles()},
        bool(getattr(obj, "__ac_local_roles_block__", False)),
        sorted(indexed["allowedRolesAndUsers"]),
    )


def test_item_from_integrator_is_the_item_of_a_standard_post(site):
    """@item creates on plone.restapi's path: the item's history, advices and local roles
    start from the fields posted, exactly as for an item created by the standard POST."""
    from iasolutions.delib.history import snapshot
    import transaction

    portal, services = site
    college = portal["meeting-configs"]["meeting-config-college"]
    # Copy groups and advisers read the item as soon as it is created: their roles show.
    college.itemCopyGroupsStates = ("itemcreated", *(college.itemCopyGroupsStates or ()))
    college.itemAdviceViewStates = ("itemcreated", *(college.itemAdviceViewStates or ()))
    dg = services["direction-generale"]
    fields = {
        "title": "Même point",
        "category": "administration",
        "optionalAdvisers": [dg],
        "copyGroups": [f"{dg}_reviewers"],
        "decision": {"data": "<p>Décide.</p>", "content-type": "text/html"},
    }
    creator = rest(portal, "creator_fin")
    standard = creator.post(
        folder_of(college).absolute_url(),
        json={"@type": "MeetingItemCollege", "proposingGroup": services["finances"], **fields},
    )
    assert standard.status_code == 201, standard.text
    integrated = creator.post(
        "@item",
        json={
            "config_id": "meeting-config-college",
            "proposingGroup": "FIN",
            **fields,
            "__children__": [_annex("Secret", "annexe-confidentielle")],
        },
    )
    assert integrated.status_code == 201, integrated.text
    assert integrated.headers["Location"] == integrated.json()["@id"]
    # The same confidential annex, added to the standard item by the standard POST.
    annexed = creator.post(standard.json()["@id"], json=_annex("Secret", "annexe-confidentielle"))
    assert annexed.status_code == 201, annexed.text

    # The copy group reads both items, not their confidential annexes.
    reader = rest(portal, "copy_dg")
    for response in (standard, integrated):
        item_url = response.json()["@id"]
        assert reader.get(item_url).status_code == 200
        annex_url = creator.get(item_url).json()["items"][0]["@id"]
        assert reader.get(annex_url).status_code in (401, 403)

    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        one, other = (api.content.get(UID=r.json()["UID"]) for r in (standard, integrated))
        for item in (one, other):
            assert item._historized_snapshot == snapshot(item)
            assert item._historized_snapshot["optionalAdvisers"] == [dg]
            assert not getattr(item, "data_history", None)  # creating is not a change
            assert set(item.advice_index) == {dg}
        assert one._historized_snapshot == other._historized_snapshot
        assert {uid: dict(info) for uid, info in one.advice_index.items()} == {
            uid: dict(info) for uid, info in other.advice_index.items()
        }
        assert _security(one) == _security(other)
        roles = dict(one.get_local_roles())
        assert "Reader" in roles[f"{dg}_reviewers"] and "Reader" in roles[f"{dg}_advisers"]
        annexes = [item.objectValues()[0] for item in (one, other)]
        assert [annex.confidential for annex in annexes] == [True, True]
        assert _security(annexes[0]) == _security(annexes[1])


@pytest.mark.parametrize("body", ["not json", "[1, 2]", '"Point"', "{"])
def test_delib_services_read_their_body_as_the_suite_does(site, body):
    """Sent as plain text (so the publication's check of JSON bodies lets it through),
    a body that is not a JSON object gets each delib service's 400 of the core helper."""
    import transaction

    portal, services = site
    college = portal["meeting-configs"]["meeting-config-college"]
    from tests.delib.helpers import validated_item

    item = validated_item(college, services, title="Existant")  # the managers see it
    manager = rest(portal, "manager")
    for url in ("@item", "@delib-batch", item.absolute_url() + "/@remove-inherited-advice"):
        refused = manager.post(url, data=body, headers={"Content-Type": "text/plain"})
        assert refused.status_code == 400, (url, refused.text)
        assert refused.json()["error"]["message"] == "The body must be a JSON object.", url
    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        assert [b.Title for b in api.content.find(portal_type="MeetingItemCollege")] == ["Existant"]


def test_in_name_of_is_for_meeting_managers(site):
    portal, services = site
    payload = {
        "config_id": "meeting-config-college",
        "title": "Au nom de",
        "proposingGroup": "FIN",
        "in_name_of": "creator_fin",
    }
    refused = rest(portal, "reviewer_trav").post("@item", json=payload)
    assert refused.status_code in (401, 403)
    done = rest(portal, "manager").post("@item", json=payload)
    assert done.status_code == 201, done.text
    mine = rest(portal, "creator_fin").get(f"@get?uid={done.json()['UID']}")
    assert mine.status_code == 200
    import transaction

    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        assert api.content.get(UID=done.json()["UID"]).Creator() == "creator_fin"
    searched = rest(portal, "manager").get(
        "@search?config_id=meeting-config-college&type=item&in_name_of=creator_fin"
    )
    assert [i["title"] for i in searched.json()["items"]] == ["Au nom de"]


def test_workflow_refusal_says_why(site):
    portal, services = site
    college = portal["meeting-configs"]["meeting-config-college"]
    meeting = make_meeting(college)
    item = make_item(
        college,
        "creator_fin",
        services["finances"],
        category="administration",
        decision=html("<p></p>"),
    )
    transition(item, "creator_fin", "propose")
    transition(item, "reviewer_fin", "validate")
    transition(item, "manager", "present")
    transition(meeting, "manager", "freeze", "decide")
    session = rest(portal, "manager")
    response = session.post(item.absolute_url() + "/@workflow/accept", json={})
    assert response.status_code == 400
    assert response.json()["error"]["reason"] == "decision_is_empty"
    creator = rest(portal, "creator_fin").post(item.absolute_url() + "/@workflow/accept", json={})
    assert creator.status_code in (400, 401, 403)
    ok = session.patch(
        item.absolute_url(),
        json={"decision": {"data": "<p>Accepté.</p>", "content-type": "text/html"}},
    )
    assert ok.status_code == 204, ok.text
    accepted = session.post(item.absolute_url() + "/@workflow/accept", json={})
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["review_state"] == "accepted"


def test_standard_endpoints_on_every_type(site):
    portal, services = site
    college = portal["meeting-configs"]["meeting-config-college"]
    make_meeting(college)
    session = rest(portal, "manager")
    meetings = session.get("@search?type=meeting&config_id=meeting-config-college").json()
    meeting_url = meetings["items"][0]["@id"]
    meeting = session.get(meeting_url).json()
    assert meeting["@type"] == "MeetingCollege"
    assert meeting["agenda"][0]["number"] == "1"
    standard = session.get("@search?portal_type=MeetingCollege")
    assert standard.status_code == 200 and standard.json()["items_total"] == 1
    created = rest(portal, "creator_fin").post(
        folder_of(college).absolute_url(),
        json={
            "@type": "MeetingItemCollege",
            "title": "Par POST standard",
            "proposingGroup": services["finances"],
        },
    )
    assert created.status_code == 201, created.text
    wrong = rest(portal, "creator_fin").post(
        folder_of(college).absolute_url(),
        json={
            "@type": "MeetingItemCouncil",
            "title": "Mauvais dossier",
            "proposingGroup": services["finances"],
        },
    )
    assert wrong.status_code in (400, 401, 403)


def test_votes_and_attendance_over_rest(site):
    from iasolutions.core.contacts import add_held_position
    from iasolutions.core.contacts import add_person
    from tests.delib.helpers import validated_item

    portal, services = site
    college = portal["meeting-configs"]["meeting-config-college"]
    contacts = portal["contacts"]
    members = [
        add_held_position(
            add_person(contacts, name, "Conseiller"),
            contacts["plonegroup-organization"],
            label="Conseiller",
        ).UID()
        for name in ("Un", "Deux", "Trois")
    ]
    meeting = make_meeting(college, attendees=members)
    item = validated_item(college, services, pollType="freehand")
    transition(item, "manager", "present")
    url = item.absolute_url()
    manager = rest(portal, "manager")
    assert manager.get(url + "/@votes").json()["voters"] == members
    voted = manager.post(url + "/@votes", json={"votes": {members[0]: "yes", members[1]: "no"}})
    assert voted.status_code == 200, voted.text
    assert voted.json()["totals"] == {"yes": 1, "no": 1}
    refused = manager.post(
        url + "/@attendance", json={"held_position": members[0], "kind": "excused"}
    )
    assert refused.status_code == 400 and refused.json()["error"]["reason"] == "attendee_has_voted"
    done = manager.post(url + "/@attendance", json={"held_position": members[2], "kind": "absent"})
    assert done.status_code == 200 and done.json()["voters"] == members[:2]
    stranger = manager.post(url + "/@votes", json={"votes": {members[2]: "yes"}})
    assert stranger.status_code == 400
    creator = rest(portal, "creator_fin").post(url + "/@votes", json={"votes": {}})
    assert creator.status_code in (401, 403)
    assert meeting is not None


def test_advice_over_rest(site):
    portal, services = site
    college = portal["meeting-configs"]["meeting-config-college"]
    dg = services["direction-generale"]
    item = make_item(college, "creator_fin", services["finances"], optionalAdvisers=[dg])
    transition(item, "creator_fin", "propose")
    url = item.absolute_url()
    stranger = rest(portal, "adviser_fin").post(
        url,
        json={
            "@type": "meetingadvice",
            "advice_group": services["finances"],
            "advice_type": "negative",
        },
    )
    assert stranger.status_code in (401, 403)
    assert rest(portal, "adviser_fin").get(url).status_code in (401, 403)
    adviser = rest(portal, "adviser_dg")
    wrong = adviser.post(
        url,
        json={
            "@type": "meetingadvice",
            "advice_group": services["finances"],
            "advice_type": "positive",
        },
    )
    assert wrong.status_code == 400  # not the adviser's service
    given = adviser.post(
        url,
        json={"@type": "meetingadvice", "advice_group": dg, "advice_type": "positive_with_remarks"},
    )
    assert given.status_code == 201, given.text
    done = adviser.post(given.json()["@id"] + "/@workflow/giveAdvice", json={})
    assert done.status_code == 200, done.text
    advices = rest(portal, "creator_fin").get(url).json()["advices"]
    assert [(a["service"], a["type"], a["state"]) for a in advices] == [
        (dg, "positive_with_remarks", "advice_given")
    ]


@pytest.mark.parametrize(
    "advice_type, status", [("read", 201), ("back_to_proposing_group", 201), ("cautious", 400)]
)
def test_advice_types_are_those_of_the_configuration(site, advice_type, status):
    """The College offers "read" and "back to the proposing group" but not "cautious" here."""
    portal, services = site
    college = portal["meeting-configs"]["meeting-config-college"]
    college.usedAdviceTypes = ["positive", "negative", "read", "back_to_proposing_group"]
    dg = services["direction-generale"]
    item = make_item(college, "creator_fin", services["finances"], optionalAdvisers=[dg])
    transition(item, "creator_fin", "propose")
    response = rest(portal, "adviser_dg").post(
        item.absolute_url(),
        json={"@type": "meetingadvice", "advice_group": dg, "advice_type": advice_type},
    )
    assert response.status_code == status, response.text
    if status == 201:
        advices = rest(portal, "creator_fin").get(item.absolute_url()).json()["advices"]
        assert [a["type"] for a in advices] == [advice_type]
    else:
        assert "advice_type" in response.text
