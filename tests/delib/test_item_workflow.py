"""Items through validation and meetings, as the users concerned (delib.md §2, §7 1–8)."""

from AccessControl import Unauthorized
from iasolutions.delib.transitions import TransitionRefused
from plone import api
import pytest
from tests.delib.helpers import can
from tests.delib.helpers import earlier_today
from tests.delib.helpers import html
from tests.delib.helpers import make_item
from tests.delib.helpers import make_meeting
from tests.delib.helpers import state
from tests.delib.helpers import transition
from tests.delib.helpers import transitions_of
from tests.delib.helpers import validated_item
from tests.helpers import as_user


def test_creator_proposes_reviewer_validates(college, services, users):
    item = make_item(college, "creator_fin", services["finances"], title="Achat de mobilier")
    assert item.portal_type == "MeetingItemCollege"
    assert state(item) == "itemcreated"
    assert transitions_of(item, "creator_fin") == ["propose"]
    assert can("creator_fin", "Modify portal content", item)
    assert transition(item, "creator_fin", "propose") == "proposed"
    assert transitions_of(item, "reviewer_fin") == ["backToItemCreated", "validate"]
    assert transition(item, "reviewer_fin", "validate") == "validated"


# (state reached, user) → (View, Modify portal content, Add annex, Add annexDecision)
PERMISSIONS = (
    "View",
    "Modify portal content",
    "iasolutions.delib: Add annex",
    "iasolutions.delib: Add annexDecision",
    "Delete objects",
)
SECURITY_TABLE = {
    "itemcreated": {
        "creator_fin": (True, True, True, True, True),
        "reviewer_fin": (False, False, False, False, False),
        "observer_fin": (True, False, False, False, False),
        "creator_trav": (False, False, False, False, False),
        "manager": (False, False, False, False, False),
        "copy_dg": (False, False, False, False, False),
        "powerobserver": (False, False, False, False, False),
    },
    "proposed": {
        "creator_fin": (True, False, False, True, False),
        "reviewer_fin": (True, True, True, True, False),
        "observer_fin": (True, False, False, False, False),
        "creator_trav": (False, False, False, False, False),
        "manager": (False, False, False, False, False),
        "copy_dg": (False, False, False, False, False),
    },
    "validated": {
        "creator_fin": (True, False, False, False, False),
        "reviewer_fin": (True, False, False, False, False),
        "observer_fin": (True, False, False, False, False),
        "creator_trav": (False, False, False, False, False),
        "manager": (True, True, True, True, False),
        "copy_dg": (True, False, False, False, False),
        "powerobserver": (False, False, False, False, False),
    },
    "presented": {
        "creator_fin": (True, False, False, False, False),
        "manager": (True, True, True, True, False),
        "creator_trav": (False, False, False, False, False),
        "powerobserver": (False, False, False, False, False),
    },
    "itemfrozen": {
        "creator_fin": (True, False, False, False, False),
        "manager": (True, True, True, True, False),
        "powerobserver": (True, False, False, False, False),
        "nobody": (False, False, False, False, False),
    },
    "returned_to_proposing_group": {
        "creator_fin": (True, True, True, True, False),
        "reviewer_fin": (True, True, True, True, False),
        "manager": (True, True, True, True, False),
        "creator_trav": (False, False, False, False, False),
        "powerobserver": (False, False, False, False, False),
    },
    "accepted": {  # the meeting is closed: nobody changes anything any more
        "creator_fin": (True, False, False, False, False),
        "manager": (True, False, False, False, False),
        "copy_dg": (True, False, False, False, False),
        "powerobserver": (True, False, False, False, False),
        "creator_trav": (False, False, False, False, False),
    },
}


def bring_to(item, meeting, target):
    path = {
        "itemcreated": [],
        "proposed": [("creator_fin", "propose")],
        "validated": [("creator_fin", "propose"), ("reviewer_fin", "validate")],
        "presented": [
            ("creator_fin", "propose"),
            ("reviewer_fin", "validate"),
            ("manager", "present"),
        ],
        "itemfrozen": [
            ("creator_fin", "propose"),
            ("reviewer_fin", "validate"),
            ("manager", "present"),
            ("manager", "itemfreeze"),
        ],
        "returned_to_proposing_group": [
            ("creator_fin", "propose"),
            ("reviewer_fin", "validate"),
            ("manager", "present"),
            ("manager", "itemfreeze"),
            ("manager", "decide"),
            ("manager", "return_to_proposing_group"),
        ],
        "accepted": [
            ("creator_fin", "propose"),
            ("reviewer_fin", "validate"),
            ("manager", "present"),
            ("manager", "itemfreeze"),
            ("manager", "decide"),
            ("manager", "close"),
        ],
    }[target]
    for userid, transition_id in path:
        if transition_id in ("itemfreeze", "decide", "close"):
            transition(
                meeting, "manager", {"itemfreeze": "freeze"}.get(transition_id, transition_id)
            )
        else:
            transition(item, userid, transition_id)
    assert state(item) == target


@pytest.mark.parametrize("target", list(SECURITY_TABLE))
def test_security_table(college, services, users, target):
    """Every state × user × permission of the table, as the users concerned."""
    meeting = make_meeting(college)
    item = make_item(
        college,
        "creator_fin",
        services["finances"],
        title="Sécurité",
        category="administration",
        copyGroups=[f"{services['direction-generale']}_reviewers"],
        decision=html("<p>Décide.</p>"),
    )
    bring_to(item, meeting, target)
    for userid, expected in SECURITY_TABLE[target].items():
        got = tuple(can(userid, permission, item) for permission in PERMISSIONS)
        assert got == expected, (target, userid, dict(zip(PERMISSIONS, got, strict=False)))


def test_scenario_1_my_items_and_managers_see_nothing_until_validated(college, services, users):
    item = make_item(
        college, "creator_fin", services["finances"], title="Subside", category="administration"
    )
    with as_user("creator_fin"):
        mine = api.content.find(portal_type="MeetingItemCollege", Creator="creator_fin")
        assert [b.UID for b in mine] == [item.UID()]
    with as_user("manager"):
        assert len(api.content.find(portal_type="MeetingItemCollege")) == 0
    transition(item, "creator_fin", "propose")
    with as_user("manager"):
        assert len(api.content.find(portal_type="MeetingItemCollege")) == 0
    transition(item, "reviewer_fin", "validate")
    with as_user("manager"):
        assert len(api.content.find(portal_type="MeetingItemCollege")) == 1
    # A creator of another group never sees the annexes, even after presentation.
    with as_user("creator_fin"):
        pass
    with api.env.adopt_roles(["Manager"]):
        annex = api.content.create(
            container=item, type="annex", title="Plan", content_category="annexe"
        )
    meeting = make_meeting(college)
    transition(item, "manager", "present")
    assert item.meeting_uid == meeting.UID()
    assert not can("creator_trav", "View", annex)
    assert can("creator_fin", "View", annex)


def test_scenario_2_after_propose(college, services, users):
    item = make_item(college, "creator_fin", services["finances"])
    transition(item, "creator_fin", "propose")
    assert transitions_of(item, "creator_fin") == []
    assert not can("creator_fin", "iasolutions.delib: Add annex", item)
    assert can("creator_fin", "iasolutions.delib: Add annexDecision", item)
    with as_user("creator_fin"):
        api.content.create(container=item, type="annexDecision", title="Décision signée")
        with pytest.raises(Unauthorized):
            api.content.create(container=item, type="annex", title="Refusée")
    assert can("reviewer_fin", "Modify portal content", item)
    assert "validate" in transitions_of(item, "reviewer_fin")


def test_scenario_3_reviewer_does_not_see_itemcreated(college, services, users):
    item = make_item(college, "creator_fin", services["finances"])
    assert not can("reviewer_fin", "View", item)
    with as_user("reviewer_fin"):
        assert len(api.content.find(UID=item.UID())) == 0


def test_scenario_4_present_for_managers_with_a_category(college, services, users):
    make_meeting(college)
    item = make_item(college, "creator_fin", services["finances"])
    transition(item, "creator_fin", "propose")
    transition(item, "reviewer_fin", "validate")
    assert "present" not in transitions_of(item, "reviewer_fin")
    with pytest.raises(TransitionRefused) as refused:
        transition(item, "reviewer_fin", "present")
    assert refused.value.message == "present_is_for_meeting_managers"
    with pytest.raises(TransitionRefused) as refused:
        transition(item, "manager", "present")
    assert refused.value.message == "category_required"
    with as_user("manager"):
        item.category = "administration"
    assert transition(item, "manager", "present") == "presented"


def test_scenario_5_freeze_late_items_recurring(college, services, users):
    meeting = make_meeting(college)
    recurring = list(_items(meeting))
    assert [i.title for i in recurring] == ["Approbation du procès-verbal de la séance précédente"]
    assert state(recurring[0]) == "presented"
    first = validated_item(college, services, title="Premier")
    transition(first, "manager", "present")
    assert transition(meeting, "manager", "freeze") == "frozen"
    assert state(first) == "itemfrozen" and state(recurring[0]) == "itemfrozen"
    assert meeting.meeting_number >= 1
    assert first.itemReference.startswith("COL/")
    late = validated_item(college, services, title="Tardif")
    transition(late, "manager", "present")
    assert late.listType == "late"
    assert state(late) == "itemfrozen"
    assert [i.title for i in _items(meeting)][-1] == "Tardif"
    second = make_meeting(college)
    transition(second, "manager", "freeze")
    assert second.meeting_number == meeting.meeting_number + 1


def _items(meeting):
    from iasolutions.delib.agenda import items_of

    return items_of(meeting, unrestricted=True)


def test_scenario_6_decisions_and_close(college, services, users):
    meeting = make_meeting(college)
    items = {
        name: validated_item(college, services, title=name)
        for name in ("accepte", "refuse", "reporte", "modifie", "gele")
    }
    empty = validated_item(college, services, title="vide", decision=html("<p> </p>"))
    for item in list(items.values()) + [empty]:
        transition(item, "manager", "present")
    transition(meeting, "manager", "freeze", "decide")
    with pytest.raises(TransitionRefused) as refused:
        transition(empty, "manager", "accept")
    assert refused.value.message == "decision_is_empty"
    transition(items["refuse"], "manager", "refuse")
    transition(items["reporte"], "manager", "delay")
    transition(items["modifie"], "manager", "accept_but_modify")
    with as_user("manager"):
        empty.motivation = html("<p>Vu la demande.</p>")
    transition(meeting, "manager", "close")
    assert state(items["accepte"]) == "accepted"
    assert state(items["gele"]) == "accepted"
    assert state(empty) == "accepted"
    assert state(items["refuse"]) == "refused"
    assert state(items["reporte"]) == "delayed"
    assert state(items["modifie"]) == "accepted_but_modified"
    # Nothing goes back once the meeting is closed.
    assert transitions_of(items["refuse"], "manager") == []
    with pytest.raises(TransitionRefused) as refused:
        transition(items["refuse"], "manager", "backToItemFrozen")
    assert refused.value.message == "meeting_is_closed"
    assert not can("manager", "Modify portal content", items["accepte"])


def test_decide_needs_a_meeting_date_in_the_past(college, services, users):
    from datetime import datetime
    from datetime import timedelta

    meeting = make_meeting(college, date=datetime.now() + timedelta(days=2))
    item = validated_item(college, services)
    transition(item, "manager", "present")
    transition(meeting, "manager", "freeze")
    with pytest.raises(TransitionRefused) as refused:
        transition(meeting, "manager", "decide")
    assert refused.value.message == "meeting_date_not_past"


def test_scenario_7_delay_creates_a_linked_item(college, services, users):
    meeting = make_meeting(college)
    item = validated_item(college, services, title="À reporter")
    with api.env.adopt_roles(["Manager"]):
        api.content.create(container=item, type="annex", title="Plan", content_category="annexe")
    transition(item, "manager", "present")
    transition(meeting, "manager", "freeze", "decide")
    transition(item, "manager", "delay")
    successors = [api.content.get(UID=uid) for uid in item.successor_uids]
    with api.env.adopt_roles(["Manager"]):
        successor = api.content.get(UID=item.successor_uids[0])
    assert len(successors) == 1
    assert state(successor) == "itemcreated"
    assert successor.predecessor_uid == item.UID()
    assert successor.title == "À reporter"
    assert successor.aq_parent == item.aq_parent
    assert successor.meeting_uid is None
    assert [a.title for a in successor.objectValues()] == ["Plan"]
    assert can("creator_fin", "Modify portal content", successor)


def test_scenario_8_returned_item(college, services, users):
    meeting = make_meeting(college)
    item = validated_item(college, services)
    transition(item, "manager", "present")
    transition(meeting, "manager", "freeze", "decide")
    transition(item, "manager", "return_to_proposing_group")
    assert can("creator_fin", "Modify portal content", item)
    with pytest.raises(TransitionRefused) as refused:
        transition(meeting, "manager", "close")
    assert refused.value.message == "items_returned_to_proposing_group"
    assert (
        transition(item, "manager", "backTo_itemfrozen_from_returned_to_proposing_group")
        == "itemfrozen"
    )
    assert not can("creator_fin", "Modify portal content", item)
    assert transition(meeting, "manager", "close") == "closed"
    assert state(item) == "accepted"


def test_agenda_numbers_and_manual_moves(college, services, users):
    from iasolutions.delib.agenda import AgendaError
    from iasolutions.delib.agenda import format_number
    from iasolutions.delib.agenda import items_of
    from iasolutions.delib.agenda import move

    meeting = make_meeting(college)
    a = validated_item(college, services, title="A")
    b = validated_item(college, services, title="B")
    c = validated_item(college, services, title="C", proposer="creator_trav", service="travaux")
    for item in (a, b, c):
        transition(item, "manager", "present")

    def agenda():
        return [
            (i.title[:1], format_number(i.itemNumber)) for i in items_of(meeting, unrestricted=True)
        ]

    # Inserted on the proposing groups' order: secretariat (the recurring item), finances, travaux.
    assert agenda() == [("A", "1"), ("A", "2"), ("B", "3"), ("C", "4")]
    with as_user("manager"):
        move(c, "1")
        assert agenda() == [("C", "1"), ("A", "2"), ("A", "3"), ("B", "4")]
        move(b, "3.1")
        assert agenda() == [("C", "1"), ("A", "2"), ("A", "3"), ("B", "3.1")]
        move(a, "3")
        assert agenda() == [("C", "1"), ("A", "2"), ("B", "2.1"), ("A", "3")]
        with pytest.raises(AgendaError):
            move(a, "12")
        with pytest.raises(AgendaError):
            move(a, "x.y")


def test_items_inserted_on_the_order_of_the_categories(college, services, users):
    """``on_categories``: the enabled categories' order of the configuration (agenda.py
    reads it from meetingconfigs, as the vocabularies do); a disabled one goes last."""
    college.insertingMethodsOnAddItem = ["on_categories"]
    college["personnel"].enabled = False
    meeting = make_meeting(college)
    categories = ("personnel", "urbanisme", "travaux", "administration")
    for category in categories:
        item = validated_item(college, services, title=category, category=category)
        transition(item, "manager", "present")
    assert [item.title for item in _items(meeting) if item.title in categories] == [
        "administration",
        "travaux",
        "urbanisme",
        "personnel",
    ]


def test_confidential_annexes_stay_with_the_proposing_group(college, services, users):
    dg_reviewers = f"{services['direction-generale']}_reviewers"
    item = validated_item(college, services, copyGroups=[dg_reviewers])
    with api.env.adopt_roles(["Manager"]):
        public = api.content.create(container=item, type="annex", title="Plan")
        secret = api.content.create(
            container=item, type="annex", title="Rapport médical", confidential=True
        )
    assert can("copy_dg", "View", item) and can("copy_dg", "View", public)
    assert not can("copy_dg", "View", secret)
    assert can("creator_fin", "View", secret) and can("manager", "View", secret)
    with as_user("copy_dg"):
        titles = [
            b.Title
            for b in api.content.find(path="/".join(item.getPhysicalPath()), portal_type="annex")
        ]
    assert titles == ["Plan"]


def test_history_of_the_historized_fields(college, services, users):
    from iasolutions.delib.history import full_history

    item = make_item(college, "creator_fin", services["finances"], title="Avant")
    from zope.event import notify
    from zope.lifecycleevent import ObjectModifiedEvent

    with as_user("creator_fin"):
        item.title = "Après"
        item.decision = html("<p>Nouvelle décision</p>")
        notify(ObjectModifiedEvent(item))
    transition(item, "creator_fin", "propose", comment="Pour validation")
    events = full_history(item)
    changes = [e for e in events if e["kind"] == "changes"]
    assert {c["field"] for c in changes[0]["changes"]} == {"title", "decision"}
    assert changes[0]["actor"] == "creator_fin"
    assert [c for c in changes[0]["changes"] if c["field"] == "title"][0]["old"] == "Avant"
    workflow = [e for e in events if e["kind"] == "workflow"]
    assert workflow[-1]["action"] == "propose" and workflow[-1]["comments"] == "Pour validation"


def test_the_item_screen_tells_its_history_in_words(college, services, users):
    from zope.event import notify
    from zope.lifecycleevent import ObjectModifiedEvent

    item = make_item(college, "creator_fin", services["finances"], title="Avant")
    with as_user("creator_fin"):
        item.title = "Après"
        notify(ObjectModifiedEvent(item))
    transition(item, "creator_fin", "propose")
    with as_user("creator_fin"):
        rows = api.content.get_view("view", item, item.REQUEST).history()
    assert [row["what"] for row in rows] == ["Created", "Changed: Title", "Propose"]
    fullname = api.user.get(userid="creator_fin").getProperty("fullname") or "creator_fin"
    assert rows[-1]["actor"] == fullname


def test_first_item_number_follows_the_previous_meeting_of_the_year(college, services, users):
    from datetime import datetime
    from datetime import timedelta

    first = make_meeting(college, date=datetime.now() - timedelta(days=2))
    items = [
        validated_item(college, services, title=f"P{i}", preferredMeeting=first.UID())
        for i in range(2)
    ]
    for item in items:
        transition(item, "manager", "present")
    transition(first, "manager", "freeze", "decide", "close")
    assert first.first_item_number == 1
    second = make_meeting(college, date=earlier_today())
    transition(second, "manager", "freeze", "decide", "close")
    if first.date.year == second.date.year:
        assert second.first_item_number == 1 + 3  # the recurring item and the two others


def test_a_recurring_item_that_cannot_be_presented_waits(college, services, users):
    from iasolutions.delib.recurring import recurring_items

    with api.env.adopt_roles(["Manager"]):
        api.content.create(
            container=college,
            type="MeetingItemRecurring",
            id="sans-categorie",
            title="Communications",
            proposingGroup=services["secretariat"],
        )
    assert len(recurring_items(college)) == 2
    meeting = make_meeting(college)
    assert [i.title for i in _items(meeting)] == [
        "Approbation du procès-verbal de la séance précédente"
    ]
    with api.env.adopt_roles(["Manager"]):
        waiting = [
            b.getObject()
            for b in api.content.find(portal_type="MeetingItemCollege", Title="Communications")
        ]
    assert [state(i) for i in waiting] == ["validated"]


def test_annexes_take_the_flags_of_their_type(college, services, users):
    item = make_item(college, "creator_fin", services["finances"])
    with as_user("creator_fin"):
        secret = api.content.create(
            container=item,
            type="annex",
            title="Dossier social",
            content_category="annexe-confidentielle",
        )
        public = api.content.create(
            container=item, type="annex", title="Plan", content_category="annexe-publiable"
        )
    assert secret.confidential and not secret.publishable
    assert public.publishable and not public.confidential
    assert can("creator_fin", "View", secret)
