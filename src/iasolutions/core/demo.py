"""Demo data the trunk and the modules share: the services the demo works in (by role,
for the organisation profile of the site) and external contacts (a ministry, an
association and their people) that the modules' demo mails and items refer to."""

from dataclasses import dataclass
from iasolutions.core.contacts import add_held_position
from iasolutions.core.contacts import add_person
from iasolutions.core.organisation import organisation_profile
from iasolutions.core.organisation import profile_chain
from iasolutions.core.services import get_own_organization
from iasolutions.core.services import get_services
from iasolutions.core.setuphandlers import ensure_contacts
from plone import api


# The roles the modules' demos give services: ``finances`` (budget, invoices, the
# financial advice), ``field`` (a service working outside: works, social aid, patrols),
# ``other`` (a third service mail is routed to), ``direction`` (observers, signatory).
ROLES = ("finances", "field", "other", "direction")
# Per organisation profile: role → (service id in the profile, suffix of the demo users'
# ids). A profile extending another (seneffe extends commune) uses the closest one; a
# profile not listed gets the first services of its tree.
DEMO_SERVICES = {
    "commune": {
        "finances": ("finances", "fin"),
        "field": ("travaux", "trav"),
        "other": ("urbanisme", "urb"),
        "direction": ("direction-generale", "dg"),
    },
    "cpas": {
        "finances": ("direction-financiere", "fin"),
        "field": ("service-social", "soc"),
        "other": ("maison-de-repos", "mr"),
        "direction": ("direction-generale", "dg"),
    },
    "zone-de-police": {
        "finances": ("comptabilite", "compta"),
        "field": ("intervention", "int"),
        "other": ("proximite", "prox"),
        "direction": ("chef-de-corps", "cdc"),
    },
}


@dataclass(frozen=True)
class DemoService:
    role: str
    id: str
    suffix: str  # of the demo users' ids: agent-<suffix>, agent_<suffix>
    title: str
    uid: str


def _mapping():
    """The role → (service id, suffix) table of the site's organisation profile, or None."""
    profile = organisation_profile()
    for profile_id in reversed(profile_chain(profile) if profile else []):
        mapping = DEMO_SERVICES.get(profile_id.split(":")[-1])
        if mapping is not None:
            return mapping
    return None


def demo_services():
    """{role: DemoService} for the site's organisation profile: the services its demo
    users work in. Roles whose service the site lacks are left out."""
    own = get_own_organization()
    if own is None:
        return {}
    brains = get_services()
    by_id = {brain.getId: brain for brain in brains}
    mapping = _mapping()
    if mapping is None:
        # the first services of the tree: direction, then finances, field, other
        order = ("direction", "finances", "field", "other")
        mapping = {
            role: (brain.getId, (brain.acronym or brain.getId).lower())
            for role, brain in zip(order, brains, strict=False)
        }
    return {
        role: DemoService(role, sid, suffix, by_id[sid].Title, by_id[sid].UID)
        for role, (sid, suffix) in mapping.items()
        if sid in by_id
    }


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
