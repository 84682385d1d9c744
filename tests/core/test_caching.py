"""Values remembered for the request (core.caching, on plone.memoize)."""

from iasolutions.core import caching
from plone import api
import pytest
from tests.helpers import create_user
from zope.globalrequest import getRequest
from zope.globalrequest import setRequest


calls = []


@caching.request_cached()
def square(number):
    calls.append(number)
    return number * number


@caching.request_cached(membership=True)
def members(groupname):
    calls.append(groupname)
    return sorted(api.group.get(groupname=groupname).getGroupMemberIds())


@pytest.fixture(autouse=True)
def fresh(portal):
    calls.clear()
    caching.forget(square, members)


def test_computed_once_per_request_and_argument(portal):
    assert square(3) == 9
    assert square(3) == 9
    assert square(4) == 16
    assert calls == [3, 4]


def test_forget_one_function(portal):
    square(3)
    caching.forget(square)
    square(3)
    assert calls == [3, 3]


def test_kept_in_the_request_as_plone_memoize_does(portal):
    square(5)
    from zope.annotation.interfaces import IAnnotations

    assert any(key.endswith(".square:((5,), [])") for key in IAnnotations(getRequest()))


def test_without_a_request_computed_each_time(portal):
    request = getRequest()
    setRequest(None)
    try:
        square(6)
        square(6)
    finally:
        setRequest(request)
    assert calls == [6, 6]


def test_group_membership_changes_forget_membership_values(portal):
    api.group.create(groupname="caching_group")
    create_user("caching_user")
    assert members("caching_group") == []
    square(2)
    api.group.add_user(groupname="caching_group", username="caching_user")
    assert members("caching_group") == ["caching_user"]
    api.group.remove_user(groupname="caching_group", username="caching_user")
    assert members("caching_group") == []
    square(2)  # not membership: still remembered
    assert calls == ["caching_group", 2, "caching_group", "caching_group"]
