"""Helpers of the REST tests on the demo site."""

from plone import api
from tests.helpers import RestSession
import transaction


DEMO_PASSWORD = "demo1234"


def as_demo(portal, user=None):
    """A REST session as a demo user of README.rst (``admin``: the Zope admin)."""
    transaction.commit()
    if user == "admin":
        return RestSession(portal, "admin")
    return RestSession(portal, user, DEMO_PASSWORD)


def message(response):
    """The message of a JSON error (the suite's shape, or plone.restapi's)."""
    data = response.json()
    if isinstance(data, dict) and isinstance(data.get("error"), dict):
        return data["error"].get("message")
    return data.get("message") if isinstance(data, dict) else None


def last_transaction(portal):
    """The id of the last transaction the database committed (what the site wrote)."""
    transaction.begin()
    return portal._p_jar.db().lastTransaction()


def first(portal_type, **query):
    brains = api.content.find(portal_type=portal_type, sort_on="created", **query)
    return brains[0].getObject()
