"""Items through validation and meetings, as the users concerned (delib.md §2, §7 1–8)."""

from iasolutions.delib.transitions import TransitionRefused
from plone import api
from tests.delib.helpers import can
from tests.delib.helpers import html
from tests.delib.helpers import make_item
from tests.delib.helpers import make_meeting
from tests.delib.helpers import state
from tests.delib.helpers import transition
from tests.delib.helpers import transitions_of
from tests.delib.helpers import validated_item
from tests.helpers import as_user

import pytest


def test_creator_proposes_reviewer_validates(college, services, users):
    item = make_item(college, "creator_fin", services["finances"], title="Achat de mobilier")
    assert item.portal_type == "MeetingItemCollege"
    assert state(item) == "itemcreated"
    assert transitions_of(item, "creator_fin") == ["propose"]
    assert can("creator_fin", "Modify portal content", item)
    assert transition(item, "creator_fin", "propose") == "proposed"
    assert transitions_of(item, "reviewer_fin") == ["backToItemCreated", "validate"]
    assert transition(item, "reviewer_fin", "validate") == "validated"
