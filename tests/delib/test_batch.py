"""Batch actions of the item dashboards, as the users concerned (plone.api)."""

from iasolutions.delib import batch
import pytest
from tests.delib.helpers import make_item
from tests.delib.helpers import state
from tests.delib.helpers import transition
from tests.helpers import as_user
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent


def uids(items):
    return [item.UID() for item in items]


@pytest.fixture
def proposed(college, services, users):
    """Two items of Finances, proposed."""
    items = [
        make_item(
            college, "creator_fin", services["finances"], title=title, category="administration"
        )
        for title in ("Achat de sel", "Budget")
    ]
    for item in items:
        transition(item, "creator_fin", "propose")
    return items


def test_only_the_transitions_common_to_every_item_are_offered(college, services, users):
    first = make_item(college, "creator_fin", services["finances"])
    second = make_item(college, "creator_fin", services["finances"])
    transition(second, "creator_fin", "propose")
    with as_user("creator_fin"):
        items = batch.items_from_uids(uids([first, second]))
        assert batch.common_transitions(items[:1]) == ["propose"]
        assert batch.common_transitions(items) == []


def test_a_creator_cannot_batch_validate(proposed):
    with as_user("creator_fin"):
        items = batch.items_from_uids(uids(proposed))
        assert batch.common_transitions(items) == []
        result = batch.transition(items, "validate")
    assert result.done == [] and [item for item, _why in result.refused] == proposed
    assert {state(item) for item in proposed} == {"proposed"}


def test_a_reviewer_batch_validates(proposed):
    with as_user("reviewer_fin"):
        items = batch.items_from_uids(uids(proposed))
        assert set(batch.common_transitions(items)) == {"validate", "backToItemCreated"}
        result = batch.transition(items, "validate", comment="OK")
    assert result.done == proposed and result.refused == []
    assert {state(item) for item in proposed} == {"validated"}


def test_a_reviewer_validates_only_the_items_of_their_level(college, services, users):
    """With a prevalidation level, the pre-reviewer prevalidates, the reviewer validates."""
    from tests.helpers import create_user

    college.itemWFValidationLevels = ["itemcreated", "proposed", "prevalidated"]
    notify(ObjectModifiedEvent(college))
    create_user("prereviewer_fin", groups=[f"{services['finances']}_prereviewers"])
    waiting = make_item(college, "creator_fin", services["finances"], title="En attente")
    transition(waiting, "creator_fin", "propose")
    further = make_item(college, "creator_fin", services["finances"], title="Plus loin")
    transition(further, "creator_fin", "propose")
    transition(further, "prereviewer_fin", "prevalidate")
    with as_user("prereviewer_fin"):
        items = batch.items_from_uids(uids([waiting, further]))  # both visible
        assert batch.common_transitions(items) == []
        result = batch.transition(items, "prevalidate")
    assert result.done == [waiting] and [item for item, _why in result.refused] == [further]
    assert (state(waiting), state(further)) == ("prevalidated", "prevalidated")
    with as_user("reviewer_fin"):
        result = batch.transition(batch.items_from_uids(uids([waiting, further])), "validate")
    assert result.done == [waiting, further]


def test_a_rule_refusal_is_reported_per_item(college, services, users):
    """Presenting without a category (categories used): that item says why, the other goes."""
    from tests.delib.helpers import make_meeting
    from tests.delib.helpers import validated_item

    make_meeting(college)
    good = validated_item(college, services, title="Avec catégorie")
    bad = validated_item(college, services, title="Sans catégorie")
    bad.category = None
    with as_user("manager"):
        result = batch.transition(batch.items_from_uids(uids([good, bad])), "present")
    assert result.done == [good]
    assert [(item, str(why)) for item, why in result.refused] == [(bad, "category_required")]
    assert (state(good), state(bad)) == ("presented", "validated")


def test_hidden_items_refuse_the_whole_batch(proposed, college, services):
    other = make_item(college, "creator_trav", services["travaux"])
    with as_user("reviewer_fin"):
        with pytest.raises(batch.BatchError):
            batch.items_from_uids(uids(proposed + [other]))
        with pytest.raises(batch.BatchError):
            batch.items_from_uids([])


def test_copy_groups_added_and_removed(college, services, proposed):
    dg, fin = (f"{services['direction-generale']}_reviewers", f"{services['finances']}_reviewers")
    assert {dg, fin} <= set(college.selectableCopyGroups)
    with as_user("reviewer_fin"):
        items = batch.items_from_uids(uids(proposed))
        result = batch.update_copy_groups(items, add=[dg, fin])
        assert result.done == proposed
        assert [item.copyGroups for item in proposed] == [[dg, fin], [dg, fin]]
        batch.update_copy_groups(items, remove=[fin])
        assert [item.copyGroups for item in proposed] == [[dg], [dg]]
        with pytest.raises(batch.BatchError):
            batch.update_copy_groups(items)
        result = batch.update_copy_groups(items, add=["not-a-group"])
        assert result.done == [] and len(result.refused) == 2
    # The creator may no longer edit proposed items: refused, nothing changed.
    with as_user("creator_fin"):
        result = batch.update_copy_groups(batch.items_from_uids(uids(proposed)), add=[fin])
    assert result.done == [] and len(result.refused) == 2
    assert [item.copyGroups for item in proposed] == [[dg], [dg]]
