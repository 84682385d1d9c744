"""Fixtures of the mail module's tests: its layers, its users, helpers."""

from iasolutions.policy import testing
import pytest
from tests.helpers import site_as_manager
from tests.layers import register


globals().update(
    register(
        mail_integration=testing.MAIL_INTEGRATION_TESTING,
        mail_functional=testing.MAIL_FUNCTIONAL_TESTING,
        mail_delib_functional=testing.MAIL_DELIB_FUNCTIONAL_TESTING,
    )
)


@pytest.fixture
def mail_portal(mail_integration):
    """The mail site; the test sets up as a Manager, then acts as the users concerned."""
    return site_as_manager(mail_integration)


@pytest.fixture
def mail_functional_portal(mail_functional):
    return site_as_manager(mail_functional)


class People:
    """The users of the mail tests, each in the groups of their function.

    Service A is Finances, service B is Travaux.
    """

    USERS = {
        # user id: [(service key or None, function or global group)]
        "encodeur": [(None, "encodeurs")],
        "directeur": [(None, "dir_general")],
        "expediteur": [(None, "expedition")],
        "lecteur_ce": [(None, "lecteurs_globaux_ce")],
        "lecteur_cs": [(None, "lecteurs_globaux_cs")],
        "agent_a": [("a", "editeur")],
        "lecteur_a": [("a", "lecteur")],
        "redacteur_a": [("a", "encodeur")],
        "chef_a": [("a", "n_plus_1")],
        "agent_b": [("b", "editeur")],
        "lecteur_b": [("b", "lecteur")],
        "chef_b": [],  # added to B's n_plus_1 by the tests that need it
    }

    def __init__(self, portal):
        from iasolutions.core.services import get_own_organization
        from plone import api
        from tests.helpers import create_user

        own = get_own_organization()
        self.a = api.content.get_uuid(own["finances"])
        self.b = api.content.get_uuid(own["travaux"])
        for userid, memberships in self.USERS.items():
            groups = [
                f"{getattr(self, key)}_{function}" if key else function
                for key, function in memberships
            ]
            create_user(userid, groups=groups, fullname=userid.replace("_", " ").title())

    def group(self, key, function):
        return f"{getattr(self, key)}_{function}"


@pytest.fixture
def people(mail_portal):
    return People(mail_portal)


@pytest.fixture
def functional_people(mail_functional_portal):
    return People(mail_functional_portal)


@pytest.fixture
def sender(mail_portal):
    from iasolutions.core.contacts import add_person

    return add_person(mail_portal["contacts"], "Dupont", "Jean", email="jean.dupont@example.org")


@pytest.fixture
def mail_request(mail_integration):
    return mail_integration["request"]
