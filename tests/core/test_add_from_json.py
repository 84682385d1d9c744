"""``add_from_json``: plone.restapi's create → deserialize → add, with pre-filled values."""

from iasolutions.core.restapi.content import add_from_json
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles
import pytest
from zExceptions import BadRequest


@pytest.fixture
def manager(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    return portal


def test_the_body_overrides_the_prefilled_values(manager):
    request = manager.REQUEST
    document = add_from_json(
        manager,
        "Document",
        {"title": "From the body"},
        request,
        values={"title": "Prefilled", "description": "Prefilled description"},
    )
    assert document.aq_parent is manager
    assert (document.title, document.description) == ("From the body", "Prefilled description")
    assert document.getId() == "from-the-body"


def test_refused_fields_add_nothing(manager):
    before = set(manager.objectIds())
    with pytest.raises(BadRequest):
        add_from_json(manager, "Document", {"title": 42}, manager.REQUEST, values={"title": "x"})
    assert set(manager.objectIds()) == before
