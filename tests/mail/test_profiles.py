"""The mail module's profiles: install alone, uninstall, upgrades, its part of
the organisation profiles, and the demo."""

from iasolutions.core import services
from iasolutions.mail import settings
from iasolutions.mail.module import MODULE
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import applyProfile
from plone.app.testing import setRoles
import pytest


@pytest.fixture
def bare_site(bare_portal):
    setRoles(bare_portal, TEST_USER_ID, ["Manager"])
    bare_portal.setTitle("Commune de Démo")
    return bare_portal


def test_installs_alone_on_the_core(bare_site):
    applyProfile(bare_site, "iasolutions.core:default")
    applyProfile(bare_site, "iasolutions.mail:default")
    assert "incoming-mail" in bare_site
    # no organisation profile: the counters get the reference's example formats
    from iasolutions.core import counters

    assert counters.get_definition("incoming_mail").format == "E%04d"
    assert settings.get("due_date_extension") == 0


def test_the_organisation_part_is_skipped_while_not_installed(bare_site):
    applyProfile(bare_site, "iasolutions.policy:commune")
    assert (
        api.portal.get_registry_record("iasolutions.mail.due_date_extension", default=None) is None
    )


def test_installed_after_the_organisation_profile_reads_its_part(bare_site):
    applyProfile(bare_site, "iasolutions.policy:seneffe")
    applyProfile(bare_site, "iasolutions.mail:default")
    assert settings.get("imail_validation_levels") == 1  # seneffe
    assert settings.get("due_date_extension") == 15  # commune, which seneffe extends
    for brain in services.get_services():
        assert api.group.get(groupname=f"{brain.UID}_n_plus_1") is not None


def test_uninstall_keeps_mails_and_removes_function_groups(bare_site):
    from iasolutions.mail import mails
    from Products.CMFPlone.utils import get_installer

    applyProfile(bare_site, "iasolutions.policy:commune")
    installer = get_installer(bare_site, bare_site.REQUEST)
    installer.install_product("iasolutions.mail")
    mail = mails.create(title="Courrier gardé")
    installer.uninstall_product("iasolutions.mail")
    assert mail.getId() in mail.aq_parent
    uid = services.get_services()[0].UID
    assert api.group.get(groupname=f"{uid}_n_plus_1") is None
    assert api.group.get(groupname="dir_general") is not None


def test_upgrade_path(bare_site):
    applyProfile(bare_site, "iasolutions.mail:default")
    setup = api.portal.get_tool("portal_setup")
    assert setup.getLastVersionForProfile(MODULE.profile) == ("1009",)
    setup.setLastVersionForProfile(MODULE.profile, "1000")
    assert setup.listUpgrades(MODULE.profile) != []
    setup.upgradeProfile(MODULE.profile)
    assert setup.getLastVersionForProfile(MODULE.profile) == ("1009",)
    assert setup.listUpgrades(MODULE.profile) == []


class BeforeUpgrade:
    """An outgoing mail as indexed before 1001: its signatory in ``sender_index``."""

    def __init__(self, uid):
        self.sender_index = [uid]


def test_upgrade_1001_facets_and_senders(mail_portal, people, sender):
    from eea.facetednavigation.interfaces import ICriteria
    from iasolutions.core.contacts import add_held_position
    from iasolutions.core.contacts import add_person
    from iasolutions.core.contacts import relation_to
    from iasolutions.mail.upgrades import v1001
    from Products.CMFCore.indexing import processQueue
    from tests.mail.helpers import outgoing_mail

    own = mail_portal["contacts"]["plonegroup-organization"]
    signatory = add_held_position(
        add_person(mail_portal["contacts"], "Lejeune", "Marie"),
        own["direction-generale"],
        "Directrice générale",
    )
    mail = outgoing_mail(people.a, sender, sender=relation_to(signatory))
    catalog = api.portal.get_tool("portal_catalog")
    processQueue()  # the mail's own indexing first, then the old value
    catalog._catalog.getIndex("sender_index").index_object(
        catalog.getrid("/".join(mail.getPhysicalPath())), BeforeUpgrade(signatory.UID())
    )
    board = mail_portal["incoming-mail"]["all_mails"]
    for cid, criterion in list(ICriteria(board).items()):
        if criterion.index in ("sender_index", "labels"):
            ICriteria(board).delete(cid)
    assert len(catalog.unrestrictedSearchResults(sender_index=signatory.UID())) == 1

    v1001.upgrade(api.portal.get_tool("portal_setup"))
    assert len(catalog.unrestrictedSearchResults(sender_index=signatory.UID())) == 0
    assert {"sender_index", "labels"} <= {c.index for c in ICriteria(board).values()}
    assert len(catalog.unrestrictedSearchResults(recipients_index=sender.UID())) == 1


def test_upgrade_1002_batch_delete(mail_portal):
    from iasolutions.mail.batch import BATCH_DELETE
    from iasolutions.mail.upgrades import v1002

    boards = [
        mail_portal[folder][board]
        for folder, board in (
            ("incoming-mail", "all_mails"),
            ("outgoing-mail", "all_mails"),
            ("tasks", "assigned_to_me"),
        )
    ]
    for board in boards:
        board.batch_actions = [
            action for action in board.batch_actions if action["view"] != "mail-batch-delete"
        ]
    mail_portal.manage_permission(BATCH_DELETE, [], acquire=True)

    v1002.upgrade(api.portal.get_tool("portal_setup"))
    for board in boards:
        assert {"view": "mail-batch-delete", "title": "Supprimer"} in board.batch_actions
    roles = {r["name"] for r in mail_portal.rolesOfPermission(BATCH_DELETE) if r["selected"]}
    assert roles == {"Manager", "Site Administrator"}


def test_upgrade_1003_approval_and_printing(mail_portal, people, sender):
    from iasolutions.mail.upgrades import v1003
    from plone.registry.interfaces import IRegistry
    from tests.mail.helpers import outgoing_mail
    from zope.component import getUtility

    mail = outgoing_mail(people.a, sender)
    workflow = api.portal.get_tool("portal_workflow")["iasolutions_outgoingmail_workflow"]
    workflow.states.manage_delObjects(["to_approve", "to_print"])
    workflow.transitions.manage_delObjects(["propose_to_approve", "approve", "set_to_print"])
    registry = getUtility(IRegistry)
    for name in ("omail_approval", "omail_printing"):
        del registry.records[f"iasolutions.mail.{name}"]

    v1003.upgrade(api.portal.get_tool("portal_setup"))
    assert {"to_approve", "to_print"} <= set(workflow.states.objectIds())
    assert {"propose_to_approve", "approve", "set_to_print"} <= set(
        workflow.transitions.objectIds()
    )
    assert registry["iasolutions.mail.omail_printing"] is False
    assert api.content.get_state(mail) == "created"


def test_commune_settings(mail_portal):
    assert settings.get("due_date_extension") == 15
    assert settings.get("imail_validation_levels") == 0
    assert settings.get("assigned_user_check") == "n_plus_1"


def test_seneffe_switches_the_n_plus_1_validation_on(mail_portal):
    applyProfile(mail_portal, "iasolutions.policy:seneffe")
    assert settings.get("imail_validation_levels") == 1
    assert settings.get("omail_validation") is True
    assert settings.get("due_date_extension") == 15
    # applying it again changes nothing
    before = {name: settings.get(name) for name in settings.NAMES}
    applyProfile(mail_portal, "iasolutions.policy:seneffe")
    assert {name: settings.get(name) for name in settings.NAMES} == before


def test_due_date_default(mail_portal):
    from datetime import date
    from iasolutions.mail import mails

    mail = mails.create(title="Courrier")
    assert mail.due_date is not None and (mail.due_date - date.today()).days >= 15


def demo_state():
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type=["dmsincomingmail", "dmsoutgoingmail", "task"]
    )
    return sorted((b.portal_type, b.review_state) for b in brains)


def test_demo_has_users_for_each_function_and_mails_in_every_state(mail_portal):
    applyProfile(mail_portal, "iasolutions.mail:demo")
    own = services.get_own_organization()
    finances = api.content.get_uuid(own["finances"])
    for function, userid in (
        ("editeur", "agent_fin"),
        ("encodeur", "agent_fin"),
        ("lecteur", "lecteur_fin"),
        ("n_plus_1", "chef_fin"),
        ("n_plus_2", "chef2_fin"),
    ):
        assert userid in services.service_members(finances, function)
    for groupid, userid in (
        ("encodeurs", "encodeur"),
        ("dir_general", "dirgen"),
        ("expedition", "expediteur"),
    ):
        assert userid in [u.getId() for u in api.user.get_users(groupname=groupid)]
    states = {(portal_type, state) for portal_type, state in demo_state()}
    for state in ("created", "proposed_to_manager", "proposed_to_agent", "in_treatment", "closed"):
        assert ("dmsincomingmail", state) in states
    for state in ("created", "to_be_signed", "signed", "sent", "scanned"):
        assert ("dmsoutgoingmail", state) in states
    assert ("task", "created") in states
    first = demo_state()
    applyProfile(mail_portal, "iasolutions.mail:demo")
    assert demo_state() == first


def test_demo_with_the_n_plus_1_of_seneffe(mail_portal):
    applyProfile(mail_portal, "iasolutions.policy:seneffe")
    applyProfile(mail_portal, "iasolutions.mail:demo")
    states = {state for portal_type, state in demo_state() if portal_type == "dmsincomingmail"}
    assert "proposed_to_n_plus_1" in states
    assert {"created", "proposed_to_manager", "in_treatment", "closed"} <= states


def test_upgrade_1004_outgoing_worklists(mail_portal, people, sender):
    from iasolutions.mail import mails
    from iasolutions.mail.upgrades import v1004
    from tests.helpers import as_user
    from tests.mail.helpers import outgoing_mail

    settings.set("omail_approval", True)
    mail = outgoing_mail(people.a, sender)
    mails.add_file(mail, b"%PDF-1.4 letter", "lettre.pdf")
    with as_user("redacteur_a"):
        api.content.transition(obj=mail, transition="propose_to_approve")
    folder = mail_portal["outgoing-mail"]
    # A site of 1003: no worklists, the mail waiting on approval not indexed for them.
    api.content.delete(objects=[folder["to_validate"], folder["to_print"]])
    catalog = api.portal.get_tool("portal_catalog")
    catalog._catalog.getIndex("validation_level").unindex_object(
        catalog.getrid("/".join(mail.getPhysicalPath()))
    )
    v1004.upgrade(api.portal.get_tool("portal_setup"))
    assert {"to_validate", "to_print"} <= set(folder.objectIds())
    with as_user("chef_a"):
        assert [b.UID for b in api.content.find(validation_level=f"{people.a}|to_approve")] == [
            mail.UID()
        ]


def test_mail_folders_are_unordered_and_upgrade_1008_drops_their_order(mail_portal):
    """Concurrent writers conflicted on the list of ids an ordered folder keeps."""
    from iasolutions.mail.folders import container_for
    from iasolutions.mail.upgrades import v1008
    from zope.annotation.interfaces import IAnnotations

    folder = container_for("dmsincomingmail")
    assert folder.getOrdering().__class__.__name__ == "UnorderedOrdering"
    assert folder.aq_parent.getOrdering().__class__.__name__ == "UnorderedOrdering"
    folder._ordering = ""  # as 1007 left it, with its order list
    folder.getOrdering().notifyAdded("x")
    assert "plone.folder.ordered.order" in IAnnotations(folder)
    v1008.upgrade(api.portal.get_tool("portal_setup"))
    assert folder.getOrdering().__class__.__name__ == "UnorderedOrdering"
    assert "plone.folder.ordered.order" not in IAnnotations(folder)


def test_mail_folders_have_wide_id_tables_and_upgrade_1009_widens_older_ones(mail_portal):
    """Their id tables split five to ten times less often under concurrent additions."""
    from BTrees.OIBTree import OIBTree
    from BTrees.OOBTree import OOBTree
    from iasolutions.core.catalog import WideOIBTree
    from iasolutions.core.catalog import WideOOBTree
    from iasolutions.mail.folders import container_for
    from iasolutions.mail.upgrades import v1009

    folder = container_for("dmsincomingmail")
    assert type(folder._tree) is WideOOBTree
    assert type(folder._mt_index["Dexterity Container"]) is WideOIBTree
    folder._tree = OOBTree(folder._tree)  # as 1008 left it
    folder._mt_index["Dexterity Container"] = OIBTree({"older-mail": 1})
    v1009.upgrade(api.portal.get_tool("portal_setup"))
    assert type(folder._tree) is WideOOBTree
    assert dict(folder._mt_index["Dexterity Container"]) == {"older-mail": 1}
    assert type(folder._mt_index["Dexterity Container"]) is WideOIBTree
