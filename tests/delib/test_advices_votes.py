"""Advices with delays, votes and attendance, sending to the Council (delib.md §7 9–11)."""

from AccessControl import Unauthorized
from datetime import date
from datetime import timedelta
from iasolutions.core.contacts import add_held_position
from iasolutions.core.contacts import add_person
from iasolutions.core.localroles import forget_cached_roles as purge_security_cache
from iasolutions.delib import advices
from iasolutions.delib import votes
from iasolutions.delib.cloning import SendRefused
from iasolutions.delib.cloning import send_to
from iasolutions.delib.cloning import sent_to
from iasolutions.delib.transitions import TransitionRefused
from plone import api
import pytest
from tests.delib.helpers import can
from tests.delib.helpers import html
from tests.delib.helpers import make_item
from tests.delib.helpers import make_meeting
from tests.delib.helpers import state
from tests.delib.helpers import transition
from tests.delib.helpers import validated_item
from tests.helpers import as_user


def add_advice(item, userid, service_uid, advice_type="positive", **fields):
    with as_user(userid):
        return api.content.create(
            container=item,
            type="meetingadvice",
            id=f"avis-{userid}",
            advice_group=service_uid,
            advice_type=advice_type,
            **fields,
        )


def test_optional_advice_asked_and_given(college, services, users):
    dg = services["direction-generale"]
    item = make_item(
        college,
        "creator_fin",
        services["finances"],
        optionalAdvisers=[dg],
        category="administration",
    )
    assert not can("adviser_dg", "View", item)  # not yet in an advice state
    transition(item, "creator_fin", "propose")
    assert can("adviser_dg", "View", item)
    assert can("adviser_dg", "iasolutions.delib: Add advice", item)
    with as_user("adviser_dg"):
        assert advices.addable_advice_groups(item) == [dg]
    advice = add_advice(
        item,
        "adviser_dg",
        dg,
        "positive_with_remarks",
        advice_comment=html("<p>Attention au budget.</p>"),
    )
    assert can("adviser_dg", "Modify portal content", advice)
    assert not can("creator_fin", "Modify portal content", advice)
    assert can("creator_fin", "View", advice)
    transition(advice, "adviser_dg", "giveAdvice")
    assert not can("adviser_dg", "Modify portal content", advice)
    summary = advices.advice_summary(item)
    assert [(s["title"], s["type"], s["state"]) for s in summary] == [
        ("Direction générale", "positive_with_remarks", "advice_given")
    ]
    history = [
        (e["kind"], e.get("action"))
        for e in __import__("iasolutions.delib.history", fromlist=["x"]).full_history(item)
    ]
    assert ("advice", "giveAdvice") in history
    with as_user("creator_fin"):
        told = [
            row["what"]
            for row in api.content.get_view("view", item, item.REQUEST).history()
            if row["kind"] == "advice"
        ]
    assert told[0] == "Direction générale: advice added"
    assert told[-1].startswith("Direction générale: ") and "giveAdvice" not in told[-1]


def test_scenario_9_adviser_not_asked_is_unauthorized(college, services, users):
    item = make_item(
        college,
        "creator_fin",
        services["finances"],
        optionalAdvisers=[services["direction-generale"]],
        category="administration",
    )
    transition(item, "creator_fin", "propose")
    assert not can("adviser_fin", "View", item)
    with as_user("adviser_fin"), pytest.raises(Unauthorized):
        api.content.create(
            container=item,
            type="meetingadvice",
            title="Avis",
            advice_group=services["finances"],
            advice_type="negative",
        )


def test_scenario_9_timed_out_advice_cannot_be_added_or_edited(college, services, users):
    fin = services["finances"]
    # Category "finances" asks the Finances' advice automatically, within 10 working days.
    item = make_item(college, "creator_trav", services["travaux"], category="finances")
    transition(item, "creator_trav", "propose")
    info = advices.advice_index(item)[fin]
    assert info["delay"] == 10 and info["delay_started_on"] == date.today()
    assert advices.limit_date(item, fin) > date.today()
    advice = add_advice(item, "adviser_fin", fin, "negative")
    assert can("adviser_fin", "Modify portal content", advice)
    # Forty days later (a later request: nothing cached from this one) the delay is over.
    info["delay_started_on"] = date.today() - timedelta(days=40)
    purge_security_cache(item)
    assert advices.is_timed_out(item, fin)
    assert not can("adviser_fin", "Modify portal content", advice)
    api.content.delete(advice)
    assert not can("adviser_fin", "iasolutions.delib: Add advice", item)
    with as_user("adviser_fin"), pytest.raises(Unauthorized):
        api.content.create(
            container=item,
            type="meetingadvice",
            title="Avis",
            advice_group=fin,
            advice_type="positive",
        )


def test_mandatory_advice_blocks_present_until_given(college, services, users):
    fin = services["finances"]
    make_meeting(college)
    item = make_item(college, "creator_trav", services["travaux"], category="finances")
    transition(item, "creator_trav", "propose")
    transition(item, "reviewer_trav", "validate")
    with pytest.raises(TransitionRefused) as refused:
        transition(item, "manager", "present")
    assert refused.value.message == "mandatory_advices_missing"
    advice = add_advice(item, "adviser_fin", fin)
    transition(advice, "adviser_fin", "giveAdvice")
    assert transition(item, "manager", "present") == "presented"


def test_hidden_advice_while_being_written(college, services, users):
    dg = services["direction-generale"]
    item = make_item(college, "creator_fin", services["finances"], optionalAdvisers=[dg])
    transition(item, "creator_fin", "propose")
    advice = add_advice(item, "adviser_dg", dg, "negative", advice_hide_during_redaction=True)
    assert not can("creator_fin", "View", advice)
    assert advices.advice_summary(item)[0]["type"] is None
    transition(advice, "adviser_dg", "giveAdvice")
    assert can("creator_fin", "View", advice)
    assert advices.advice_summary(item)[0]["type"] == "negative"


@pytest.fixture
def assembly(delib_portal):
    contacts = delib_portal["contacts"]
    own = contacts["plonegroup-organization"]
    members = []
    for lastname in ("Dupont", "Martin", "Lambert", "Leroy"):
        person = add_person(contacts, lastname, "Conseiller")
        members.append(add_held_position(person, own, label="Conseiller").UID())
    return members


def test_votes_and_attendance(college, services, users, assembly):
    meeting = make_meeting(college, attendees=assembly)
    item = validated_item(college, services, pollType="freehand")
    secret = validated_item(college, services, title="Nomination", pollType="secret")
    transition(item, "manager", "present")
    transition(secret, "manager", "present")
    votes.set_item_attendance(meeting, item, assembly[3], "absent")
    assert votes.present_voters(meeting, item) == assembly[:3]
    with pytest.raises(votes.VoteError) as error:
        votes.set_vote(meeting, item, {assembly[3]: "yes"})
    assert error.value.message == "voter_not_present"
    votes.set_vote(meeting, item, {assembly[0]: "yes", assembly[1]: "yes", assembly[2]: "no"})
    assert votes.vote_totals(meeting, item) == {"yes": 2, "no": 1}
    # Scenario 11: an attendee who voted cannot be marked excused.
    with pytest.raises(votes.VoteError) as error:
        votes.set_item_attendance(meeting, item, assembly[0], "excused")
    assert error.value.message == "attendee_has_voted"
    with pytest.raises(votes.VoteError) as error:
        votes.set_vote(meeting, secret, counts={"yes": 3, "no": 2})
    assert error.value.message == "vote_count_exceeds_voters"
    votes.set_vote(meeting, secret, counts={"yes": 3, "no": 1})
    assert votes.vote_totals(meeting, secret) == {"yes": 3, "no": 1}


def test_scenario_10_sent_once_to_council(college, council, services, users):
    meeting = make_meeting(college)
    item = validated_item(
        college,
        services,
        title="Règlement taxe",
        otherMeetingConfigsClonableTo=["meeting-config-council"],
    )
    with api.env.adopt_roles(["Manager"]):
        api.content.create(
            container=item, type="annex", title="Règlement", content_category="annexe"
        )
    transition(item, "manager", "present")
    transition(meeting, "manager", "freeze", "decide")
    transition(item, "manager", "accept")
    uid = sent_to(item, "meeting-config-council")
    assert uid
    with api.env.adopt_roles(["Manager"]):
        copy = api.content.get(UID=uid)
    assert copy.portal_type == "MeetingItemCouncil"
    assert state(copy) == "itemcreated"
    assert copy.predecessor_uid == item.UID()
    assert [a.title for a in copy.objectValues()] == ["Règlement"]
    assert can("creator_fin", "Modify portal content", copy)
    with pytest.raises(SendRefused) as refused:
        send_to(item, "meeting-config-council")
    assert refused.value.message == "item_already_sent"


def test_advice_types_offered_by_the_configuration(college, services, users):
    from zope.component import getUtility
    from zope.i18n import translate
    from zope.schema.interfaces import IVocabularyFactory

    def offered(context):
        factory = getUtility(IVocabularyFactory, "iasolutions.delib.config_advice_types")
        return [term.value for term in factory(context)]

    everything = getUtility(IVocabularyFactory, "iasolutions.delib.advice_types")(college)
    assert [term.value for term in everything] == [
        "positive",
        "positive_with_remarks",
        "cautious",
        "negative",
        "nil",
        "read",
        "back_to_proposing_group",
    ]
    assert [translate(term.title, target_language="fr") for term in everything][-2:] == [
        "Lu",
        "Renvoi au service proposant",
    ]
    dg = services["direction-generale"]
    item = make_item(college, "creator_fin", services["finances"], optionalAdvisers=[dg])
    # By default, the types configurations offered before (nothing changes for them).
    assert offered(item) == ["positive", "positive_with_remarks", "cautious", "negative", "nil"]
    transition(item, "creator_fin", "propose")
    advice = add_advice(item, "adviser_dg", dg, "cautious")
    college.usedAdviceTypes = ["positive", "negative", "read"]
    assert offered(item) == ["positive", "negative", "read"]
    assert offered(advice) == ["positive", "negative", "read", "cautious"]  # its own type kept
