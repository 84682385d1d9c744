from iasolutions.policy import testing
from plone import api
import pytest
from tests.helpers import site_as_manager
from tests.layers import register


globals().update(
    register(
        delib=testing.DELIB_INTEGRATION_TESTING, delib_functional=testing.DELIB_FUNCTIONAL_TESTING
    )
)


@pytest.fixture
def delib_portal(delib):
    return site_as_manager(delib)


@pytest.fixture
def delib_functional_portal(delib_functional):
    return site_as_manager(delib_functional)


SERVICES = {"finances": "FIN", "travaux": "TRAV", "secretariat": "SEC", "direction-generale": "DG"}


@pytest.fixture
def services(delib_portal):
    """{service id: UID} of the commune's services."""
    own = delib_portal["contacts"]["plonegroup-organization"]
    found = {}
    for brain in api.content.find(portal_type="organization"):
        if brain.getId in SERVICES or brain.getId == "taxes":
            found[brain.getId] = brain.UID
    assert own is not None
    return found


@pytest.fixture
def users(delib_portal, services):
    """Users of each function (see USERS in helpers)."""
    from tests.delib.helpers import create_delib_users

    return create_delib_users(services)


@pytest.fixture
def college(delib_portal):
    return delib_portal["meeting-configs"]["meeting-config-college"]


@pytest.fixture
def council(delib_portal):
    return delib_portal["meeting-configs"]["meeting-config-council"]
