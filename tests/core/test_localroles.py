"""State → local-role tables: computed apart from applied, sharing kept."""

from iasolutions.core import localroles
from iasolutions.core.localroles import OTHER_STATES
from iasolutions.core.localroles import itself
from iasolutions.core.localroles import service_groups
from plone import api
import pytest
from zope.annotation.interfaces import IAnnotations


STATIC = {"draft": {"secretaries": ("Editor",)}, OTHER_STATES: {"secretaries": ("Reader",)}}
SERVICE = {"draft": {"editeur": ("Editor", "Reader"), "lecteur": ("Reader",)}}


def test_compute_is_a_pure_function_of_state_and_tables():
    tables = [(STATIC, itself), (SERVICE, service_groups("a" * 32, None))]
    assert localroles.compute("draft", tables) == {
        "secretaries": {"Editor"},
        f"{'a' * 32}_editeur": {"Editor", "Reader"},
        f"{'a' * 32}_lecteur": {"Reader"},
    }
    # a state a table does not name: its OTHER_STATES entry, or nothing
    assert localroles.compute("published", tables) == {"secretaries": {"Reader"}}


def test_compute_merges_the_roles_of_several_tables():
    tables = [(STATIC, itself), ({"draft": {"secretaries": ("Reviewer",)}}, itself)]
    assert localroles.compute("draft", tables) == {"secretaries": {"Editor", "Reviewer"}}


def test_principals_are_looked_up_only_for_the_holders_of_the_state():
    asked = []

    def advisers(holder):
        asked.append(holder)
        return ["finances_advisers"]

    tables = [({"proposed": {"advisers": ("Reader",)}}, advisers)]
    assert localroles.compute("draft", tables) == {}
    assert asked == []
    assert localroles.compute("proposed", tables) == {"finances_advisers": {"Reader"}}


@pytest.fixture
def document(portal):
    return api.content.create(container=portal, type="Document", id="roles-doc", title="Doc")


def test_apply_gives_and_takes_back_the_rules_roles(document):
    assert localroles.apply(document, {"secretaries": {"Editor"}, "auditors": {"Reader"}})
    assert document.get_local_roles_for_userid("secretaries") == ("Editor",)
    assert localroles.apply(document, {"secretaries": {"Reader"}})
    assert document.get_local_roles_for_userid("secretaries") == ("Reader",)
    assert document.get_local_roles_for_userid("auditors") == ()
    # nothing to do the second time
    assert not localroles.apply(document, {"secretaries": {"Reader"}})


def test_apply_keeps_sharing_given_by_hand_and_the_owner(document):
    owner = [p for p, roles in document.get_local_roles() if "Owner" in roles]
    document.manage_setLocalRoles("auditors", ["Reader"])  # the Sharing tab
    localroles.apply(document, {"secretaries": {"Editor"}})
    document.manage_setLocalRoles("secretaries", ["Editor", "Contributor"])  # by hand too
    localroles.apply(document, {})
    assert document.get_local_roles_for_userid("auditors") == ("Reader",)
    assert document.get_local_roles_for_userid("secretaries") == ("Contributor",)
    assert [p for p, roles in document.get_local_roles() if "Owner" in roles] == owner


def test_apply_without_memory_counts_the_managed_roles_as_the_rules(document):
    """Objects whose roles were set before the rules remembered them."""
    document.manage_setLocalRoles("secretaries", ["Editor", "Contributor"])
    localroles.apply(document, {"auditors": {"Reader"}}, managed={"Editor"})
    assert document.get_local_roles_for_userid("secretaries") == ("Contributor",)
    # from then on the memory says what the rules gave
    document.manage_setLocalRoles("secretaries", ["Contributor", "Editor"])
    localroles.apply(document, {"auditors": {"Reader"}}, managed={"Editor"})
    assert document.get_local_roles_for_userid("secretaries") == ("Contributor", "Editor")


def test_apply_blocks_or_unblocks_acquisition(document):
    assert localroles.apply(document, {}, block=True)
    assert document.__ac_local_roles_block__
    assert not localroles.apply(document, {}, block=None)
    assert document.__ac_local_roles_block__
    assert localroles.apply(document, {}, block=False)
    assert not document.__ac_local_roles_block__


def test_apply_forgets_the_checks_borg_cached_on_the_request(document):
    annotations = IAnnotations(document.REQUEST)
    annotations["borg.localrole.workspace.checkLocalRolesAllowed:x"] = True
    annotations["other"] = True
    localroles.apply(document, {"secretaries": {"Reader"}})
    assert "borg.localrole.workspace.checkLocalRolesAllowed:x" not in annotations
    assert annotations["other"] is True
