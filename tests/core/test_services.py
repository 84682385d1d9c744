"""Internal services and the groups that follow them."""

from iasolutions.core import services
from iasolutions.core.modules import Function
from iasolutions.core.modules import Module
from plone import api
import pytest
from tests.helpers import as_user
from tests.helpers import create_user
from tests.helpers import is_refused
from tests.helpers import rest
from zope.component import getUtility
from zope.lifecycleevent import modified
from zope.schema.interfaces import IVocabularyFactory


def groups_of(service):
    uid = api.content.get_uuid(service)
    return sorted(g.getId() for g in api.group.get_groups() if g.getId().startswith(uid + "_"))


def test_commune_services_from_the_profile(portal):
    titles = [brain.Title for brain in services.get_services()]
    assert titles[:4] == [
        "Direction générale",
        "Secrétariat communal",
        "Finances",
        "Taxes et recettes",
    ]
    assert len(titles) == 10
    own = services.get_own_organization()
    assert own.title == "Commune de Démo"
    assert own.organization_type == "commune"


def test_each_service_has_a_group_per_function(portal):
    finances = services.get_own_organization()["finances"]
    uid = api.content.get_uuid(finances)
    assert groups_of(finances) == [f"{uid}_editeur", f"{uid}_lecteur"]
    assert api.group.get(groupname=f"{uid}_editeur").getProperty("title") == "Finances (Éditeur)"
    # nested services too
    taxes = finances["taxes"]
    assert len(groups_of(taxes)) == 2


def test_groups_are_created_renamed_and_removed_with_the_service(portal):
    service = services.add_service("Service Jeunesse", acronym="JEU")
    uid = api.content.get_uuid(service)
    assert groups_of(service) == [f"{uid}_editeur", f"{uid}_lecteur"]

    service.title = "Jeunesse et Sports"
    modified(service)
    assert api.group.get(groupname=f"{uid}_lecteur").getProperty("title") == (
        "Jeunesse et Sports (Lecteur)"
    )

    child = services.add_service("Plaines de jeux", parent=service)
    child_uid = api.content.get_uuid(child)
    api.content.delete(service)
    assert api.group.get(groupname=f"{uid}_editeur") is None
    assert api.group.get(groupname=f"{child_uid}_editeur") is None


def test_external_organizations_get_no_groups(portal):
    contacts = portal["contacts"]
    org = api.content.create(container=contacts, type="organization", title="ASBL Externe")
    assert not services.is_service(org)
    assert groups_of(org) == []


def test_a_module_installed_later_gets_groups_for_every_service(portal):
    extra = Module(
        id="extra",
        title="Extra",
        profile="iasolutions.core:default",
        functions=(Function("n_plus_1", "N+1"),),
    )
    services.sync_all_groups(extra.functions)
    for brain in services.get_services():
        assert api.group.get(groupname=f"{brain.UID}_n_plus_1") is not None
    services.remove_function_groups(extra.functions)
    for brain in services.get_services():
        assert api.group.get(groupname=f"{brain.UID}_n_plus_1") is None
        assert api.group.get(groupname=f"{brain.UID}_editeur") is not None


def test_services_of_user(portal):
    finances = services.get_own_organization()["finances"]
    travaux = services.get_own_organization()["travaux"]
    create_user(
        "agent",
        groups=[
            services.group_id(api.content.get_uuid(finances), "editeur"),
            services.group_id(api.content.get_uuid(travaux), "lecteur"),
        ],
    )
    user = api.user.get(userid="agent")
    assert services.services_of_user(user) == sorted(
        [api.content.get_uuid(finances), api.content.get_uuid(travaux)],
        key=services.services_of_user(user).index,
    )
    assert services.services_of_user(user, "editeur") == [api.content.get_uuid(finances)]
    assert services.service_members(api.content.get_uuid(travaux), "lecteur") == ["agent"]


def test_services_vocabulary_skips_deactivated_services(portal):
    own = services.get_own_organization()
    api.content.transition(obj=own["enseignement"], transition="deactivate")
    vocabulary = getUtility(IVocabularyFactory, "iasolutions.core.services")(portal)
    titles = [term.title for term in vocabulary]
    assert "Finances (FIN)" in titles
    assert "Enseignement (ENS)" not in titles


def test_only_administrators_manage_services(portal):
    create_user("contacts-manager", groups=["gestion_contacts"])
    external = api.content.create(container=portal["contacts"], type="organization", title="ASBL")
    own = services.get_own_organization()
    with as_user("contacts-manager"):
        # contacts managers keep the directory, not the internal services
        assert api.user.has_permission("Modify portal content", obj=external)
        assert api.user.has_permission("iasolutions.core: Add person", obj=portal["contacts"])
        assert not api.user.has_permission("Modify portal content", obj=own["finances"])
        assert not api.user.has_permission("iasolutions.core: Add organization", obj=own)


def test_services_control_panel(portal, http_request):
    view = api.content.get_view("iasolutions-services", portal, http_request)
    html = view()
    assert "Taxes et recettes" in html
    assert "Éditeur" in html


def test_services_control_panel_needs_administrator(functional_portal):
    create_user("agent")
    for page in ("@@iasolutions-services", "@@iasolutions-counters", "@@iasolutions-calendar"):
        response = rest(functional_portal, "agent").get(
            page, headers={"Accept": "text/html"}, allow_redirects=False
        )
        assert is_refused(response), page


def test_rest_services_and_functions(functional_portal):
    create_user("agent")
    session = rest(functional_portal, "agent")
    items = session.get("@services").json()["items"]
    finances = next(item for item in items if item["id"] == "finances")
    assert finances["acronym"] == "FIN"
    assert finances["groups"] == {
        "editeur": f"{finances['UID']}_editeur",
        "lecteur": f"{finances['UID']}_lecteur",
    }
    taxes = next(item for item in items if item["id"] == "taxes")
    assert taxes["parent_id"] == "finances"
    functions = session.get("@functions").json()["items"]
    assert {"id": "editeur", "title": "Éditeur", "module": "testing"} in functions
    assert rest(functional_portal).get("@services").status_code == 401


@pytest.mark.parametrize("function_id", ["editeur", "lecteur"])
def test_group_id_round_trip(function_id):
    uid = "0" * 32
    assert services.split_group_id(services.group_id(uid, function_id)) == (uid, function_id)
    assert services.split_group_id("Administrators") is None


def test_service_found_by_uid_id_or_acronym(portal):
    finances = services.get_own_organization()["finances"]
    uid = api.content.get_uuid(finances)
    for reference in (uid, "finances", "FIN", "fin", " FIN "):
        assert services.service_uid(reference) == uid
        assert services.get_service(reference) == finances
    for reference in ("", None, "nowhere", api.content.get_uuid(portal["contacts"])):
        assert services.service_uid(reference) is None
        assert services.get_service(reference) is None


def test_service_titles(portal):
    uid = api.content.get_uuid(services.get_own_organization()["finances"])
    assert services.service_title(uid) == "Finances"
    assert services.service_title(uid, acronym=True) == "Finances (FIN)"
    assert services.service_title("unknown") == services.service_title(None) == ""


def test_services_remembered_for_the_request_until_one_changes(portal):
    before = services.get_services()
    assert services.get_services() is before  # remembered
    service = services.add_service("Service Jeunesse", acronym="JEU")
    assert services.service_title(api.content.get_uuid(service)) == "Service Jeunesse"
    service.title = "Jeunesse et Sports"
    modified(service)
    assert services.service_title(api.content.get_uuid(service)) == "Jeunesse et Sports"
    api.content.delete(service)
    assert len(services.get_services()) == len(before)
    active = len(services.get_services(active_only=True))
    api.content.transition(
        obj=services.get_own_organization()["enseignement"], transition="deactivate"
    )
    assert len(services.get_services(active_only=True)) == active - 1


def test_full_names(portal):
    create_user("jdupont", fullname="Jean Dupont")
    assert services.fullname("jdupont") == "Jean Dupont"
    assert services.fullname("nobody") == "nobody"
    assert services.fullname(None) == services.fullname("") == ""


def test_services_kept_across_requests_until_one_changes(portal):
    """The list outlives the request (each thread and client reads the stamp); while
    this transaction changes the services nothing is kept (it may be aborted)."""
    first = services._service_records()
    assert services._service_records() is first  # another request, same services
    assert all(isinstance(record, services.ServiceRecord) for record in first)
    finances = next(record for record in first if record.acronym == "FIN")
    assert finances.getObject().title == finances.Title
    assert finances.getURL() == finances.getObject().absolute_url()

    services.add_service("Service Jeunesse", acronym="JEU")
    changed = services._service_records()
    assert "JEU" in {record.acronym for record in changed}
    assert services._service_records() is not changed  # uncommitted: read each time


def test_contacts_organisations_leave_the_services_stamp_alone(portal):
    own = services.get_own_organization()
    stamp = getattr(own, services.SERVICES_STAMP)
    api.content.create(container=portal["contacts"], type="organization", title="Électrabel")
    assert getattr(own, services.SERVICES_STAMP) == stamp
    services.add_service("Service Jeunesse")
    assert getattr(own, services.SERVICES_STAMP) != stamp


def test_a_deleted_user_leaves_its_groups(portal):
    """Plone keeps a deleted user in its groups: one created later under the same id
    would hold the former agent's rights."""
    uid = services.get_services()[0].UID
    groupname = services.group_id(uid, services.active_functions()[0].id)
    create_user("ancien", groups=[groupname])
    assert "ancien" in services.group_member_ids(groupname)
    api.user.delete(username="ancien")
    assert "ancien" not in services.group_member_ids(groupname)
    create_user("ancien")
    assert groupname not in api.user.get(userid="ancien").getGroups()


def test_upgrade_takes_deleted_users_out_of_their_groups(portal):
    uid = services.get_services()[0].UID
    groupname = services.group_id(uid, services.active_functions()[0].id)
    portal.acl_users.source_groups.addPrincipalToGroup("parti", groupname)  # no such user
    create_user("reste", groups=[groupname])
    assert services.remove_deleted_members() == ["parti"]
    assert services.service_members(uid, services.active_functions()[0].id) == ["reste"]
