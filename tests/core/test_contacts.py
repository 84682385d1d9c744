"""Contacts: the directory's types, who reads and writes them, search, REST and bad input."""

from iasolutions.core import contacts
from iasolutions.core.validators import InvalidValue
from iasolutions.core.validators import check_enterprise_number
from plone import api
import pytest
from tests.helpers import as_user
from tests.helpers import create_user
from tests.helpers import rest
from zope.lifecycleevent import modified


@pytest.fixture
def directory(portal):
    return portal["contacts"]


def make_person(directory, lastname="Dupont", firstname="Anne", **fields):
    return contacts.add_person(directory, lastname, firstname, **fields)


def test_directory_made_on_install(directory):
    assert directory.portal_type == "directory"
    assert {"value": "echevin", "title": "Échevin"} in directory.position_types
    assert directory["plonegroup-organization"].portal_type == "organization"


def test_person_title_and_held_position(directory):
    person = make_person(directory, person_title="Madame", email="Anne.Dupont@Example.org")
    assert person.title == "Anne Dupont"
    assert person.get_title() == "Madame Anne Dupont"
    assert person.getId() == "anne-dupont"
    org = api.content.create(container=directory, type="organization", title="ASBL Culture")
    echevin = api.content.create(container=org, type="position", title="Présidente")
    held = contacts.add_held_position(person, echevin)
    assert held.get_organization() == org
    assert held.title == "Anne Dupont, Présidente (ASBL Culture)"
    labelled = contacts.add_held_position(person, org, label="Trésorière")
    assert labelled.title == "Anne Dupont, Trésorière (ASBL Culture)"
    # renaming the person or the organisation retitles the held positions
    person.lastname = "Durant"
    modified(person)
    org.title = "ASBL Culture et Loisirs"
    modified(org)
    assert labelled.title == "Anne Durant, Trésorière (ASBL Culture et Loisirs)"
    assert held.title == "Anne Durant, Présidente (ASBL Culture et Loisirs)"
    assert api.content.find(Title="Durant Présidente")[0].getObject() == held


def test_find_by_email_and_search(directory):
    person = make_person(directory, email="Anne.Dupont@Example.org")
    assert [b.getObject() for b in contacts.find_by_email("anne.dupont@example.org ")] == [person]
    assert contacts.find_by_email("nobody@example.org") == []
    found = api.content.find(SearchableText="dupont", portal_type="person")
    assert [b.getObject() for b in found] == [person]


def test_deactivated_contacts_are_not_found_by_email(directory):
    person = make_person(directory, email="old@example.org")
    api.content.transition(obj=person, transition="deactivate")
    assert contacts.find_by_email("old@example.org") == []


def test_organization_full_title(directory):
    own = directory["plonegroup-organization"]
    assert (
        own["finances"]["taxes"].get_full_title()
        == "Commune de Démo - Finances - Taxes et recettes"
    )


@pytest.mark.parametrize("number", ["0403.170.701", "BE 0403 170 701", "403170701"])
def test_valid_enterprise_numbers(number):
    assert check_enterprise_number(number)


@pytest.mark.parametrize("number", ["0403.170.702", "12345", "2403.170.701"])
def test_invalid_enterprise_numbers(number):
    with pytest.raises(InvalidValue):
        check_enterprise_number(number)


def test_who_reads_and_writes_contacts(directory):
    person = make_person(directory)
    create_user("agent")
    create_user("gestionnaire", groups=["gestion_contacts"])
    with as_user("agent"):
        assert api.user.has_permission("View", obj=person)
        assert not api.user.has_permission("Modify portal content", obj=person)
        assert not api.user.has_permission("iasolutions.core: Add person", obj=directory)
    with as_user("gestionnaire"):
        assert api.user.has_permission("Modify portal content", obj=person)
        assert api.user.has_permission("iasolutions.core: Add person", obj=directory)
        api.content.transition(obj=person, transition="deactivate")
    assert api.content.get_state(person) == "deactivated"
    with as_user("agent"):
        assert api.user.has_permission("View", obj=person)
    with api.env.adopt_roles(["Anonymous"]):
        assert not api.user.has_permission("View", obj=person)


def test_directory_search_view(directory, http_request):
    make_person(directory, lastname="Lambert", firstname="Luc", city="Namur")
    http_request.form.update({"SearchableText": "namur"})
    html = api.content.get_view("contacts-view", directory, http_request)()
    assert "Luc Lambert" in html


# REST --------------------------------------------------------------------


def test_rest_create_and_read_contacts(functional_portal):
    create_user("gestionnaire", groups=["gestion_contacts"])
    create_user("agent")
    session = rest(functional_portal, "gestionnaire")
    response = session.post(
        "contacts",
        json={
            "@type": "organization",
            "title": "ASBL Les Amis",
            "organization_type": "asbl",
            "enterprise_number": "0403.170.701",
            "email": "info@amis.example.org",
            "city": "Namur",
        },
    )
    assert response.status_code == 201, response.text
    org = response.json()
    response = session.post(
        "contacts",
        json={
            "@type": "person",
            "lastname": "Martin",
            "firstname": "Anne",
            "gender": "F",
            "email": "anne@example.org",
        },
    )
    assert response.status_code == 201, response.text
    person_url = response.json()["@id"]
    response = session.post(
        person_url,
        json={
            "@type": "held_position",
            "position": org["UID"],
            "label": "Présidente",
            "start_date": "2024-01-01",
        },
    )
    assert response.status_code == 201, response.text
    assert response.json()["title"] == "Anne Martin, Présidente (ASBL Les Amis)"

    reader = rest(functional_portal, "agent")
    found = reader.get("@search", params={"portal_type": "person", "SearchableText": "martin"})
    assert [item["title"] for item in found.json()["items"]] == ["Anne Martin"]
    assert reader.get(person_url).json()["email"] == "anne@example.org"
    assert (
        reader.patch(person_url, json={"email": "x@example.org"}).status_code == 403
    )  # logged in, not allowed
    assert rest(functional_portal).get(person_url).status_code == 401


@pytest.mark.parametrize(
    "payload,field",
    [
        ({"@type": "person", "firstname": "Sans Nom"}, "lastname"),
        ({"@type": "person", "lastname": "Dupont", "email": "not-an-email"}, "email"),
        ({"@type": "person", "lastname": "Dupont", "gender": "X"}, "gender"),
        ({"@type": "person", "lastname": "Dupont", "website": "www.example.org"}, "website"),
        (
            {"@type": "organization", "title": "SA", "enterprise_number": "0403.170.702"},
            "enterprise_number",
        ),
        ({"@type": "organization"}, "title"),
    ],
)
def test_rest_invalid_contacts_are_refused(functional_portal, payload, field):
    session = rest(functional_portal, "admin")
    before = len(functional_portal["contacts"].objectIds())
    response = session.post("contacts", json=payload)
    assert response.status_code == 400, response.text
    error = response.json()
    assert error["type"] == "BadRequest"
    assert field in str(error["message"])
    functional_portal._p_jar.sync()
    assert len(functional_portal["contacts"].objectIds()) == before


def test_rest_held_position_dates_out_of_order(functional_portal):
    session = rest(functional_portal, "admin")
    person = session.post("contacts", json={"@type": "person", "lastname": "Dupont"}).json()
    org_uid = functional_portal["contacts"]["plonegroup-organization"].UID()
    response = session.post(
        person["@id"],
        json={
            "@type": "held_position",
            "position": org_uid,
            "start_date": "2026-01-01",
            "end_date": "2025-01-01",
        },
    )
    assert response.status_code == 400
    assert "end date is before the start date" in str(response.json()["message"])
