"""Demo data the trunk and the modules share: external contacts (a ministry, an
association and their people) that the modules' demo mails and items refer to."""

from iasolutions.core.contacts import add_held_position
from iasolutions.core.contacts import add_person
from iasolutions.core.setuphandlers import ensure_contacts
from plone import api


ORGANIZATIONS = [
    (
        "spw-territoire",
        "SPW Territoire, Logement, Patrimoine, Énergie",
        "administration",
        {
            "city": "Namur",
            "zip_code": "5100",
            "street": "Rue des Brigades d'Irlande",
            "number": "1",
            "email": "territoire@spw.example.org",
        },
    ),
    (
        "asbl-les-amis-du-parc",
        "ASBL Les Amis du Parc",
        "asbl",
        {
            "city": "Démo",
            "zip_code": "7180",
            "email": "info@amisduparc.example.org",
            "enterprise_number": "0403.170.701",
        },
    ),
]
PERSONS = [
    (
        "dupont-jean",
        "Dupont",
        "Jean",
        "M",
        "jean.dupont@example.org",
        "spw-territoire",
        "Inspecteur",
    ),
    (
        "martin-anne",
        "Martin",
        "Anne",
        "F",
        "anne.martin@example.org",
        "asbl-les-amis-du-parc",
        "Présidente",
    ),
    ("lambert-luc", "Lambert", "Luc", "M", "luc.lambert@example.org", None, None),
]


def create_demo_contacts():
    """The demo's external contacts, each created once (none twice on a second run)."""
    contacts = ensure_contacts()
    for cid, title, kind, details in ORGANIZATIONS:
        if cid not in contacts:
            api.content.create(
                container=contacts,
                type="organization",
                id=cid,
                title=title,
                organization_type=kind,
                **details,
            )
    for cid, lastname, firstname, gender, email, org_id, label in PERSONS:
        if cid in contacts:
            continue
        person = add_person(contacts, lastname, firstname, id=cid, gender=gender, email=email)
        if org_id:
            add_held_position(person, contacts[org_id], label)
