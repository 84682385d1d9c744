"""Helpers shared by the tests: users, REST sessions."""

from contextlib import contextmanager
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles
import requests
import transaction


PASSWORD = "secret-password"


def create_user(userid, roles=("Member",), groups=(), fullname=None):
    user = api.user.create(
        username=userid,
        email=f"{userid}@example.org",
        password=PASSWORD,
        roles=list(roles),
        properties={"fullname": fullname or userid},
    )
    for group in groups:
        api.group.add_user(groupname=group, username=userid)
    return user


@contextmanager
def as_user(userid):
    """Run a block as ``userid`` (plone.api), restoring the previous user."""
    with api.env.adopt_user(username=userid):
        yield


class RestSession(requests.Session):
    """requests against the test WSGI server, JSON in and out, as one user."""

    def __init__(self, portal, user=None, password=PASSWORD):
        super().__init__()
        self.base = portal.absolute_url()
        self.headers.update({"Accept": "application/json", "Content-Type": "application/json"})
        if user == "admin":
            self.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
        elif user:
            self.auth = (user, password)

    def request(self, method, url, *args, **kwargs):
        if not url.startswith("http"):
            url = self.base + "/" + url.lstrip("/")
        return super().request(method, url, *args, **kwargs)


def rest(portal, user=None):
    transaction.commit()
    return RestSession(portal, user)


def is_refused(response):
    """True when Plone refused the page: 401/403, or a redirect to the login or
    insufficient-privileges page (requests must not follow redirects)."""
    if response.status_code in (401, 403):
        return True
    location = response.headers.get("Location", "")
    return response.status_code == 302 and (
        "insufficient-privileges" in location or "login" in location
    )


def site_as_manager(layer_resources):
    """The layer's site, with the test user a Manager there: tests set up as a Manager,
    then act as the users concerned (``as_user``, ``rest``)."""
    portal = layer_resources["portal"]
    setRoles(portal, TEST_USER_ID, ["Manager"])
    return portal
