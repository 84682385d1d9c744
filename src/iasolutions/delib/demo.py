"""Demo data of the deliberations module: users of each function, the College's assembly,
items in several states, a decided meeting with its decisions published and the next one
(profile ``demo``).

Running it again adds nothing twice.
"""

from datetime import datetime
from datetime import timedelta
from iasolutions.core.contacts import add_held_position
from iasolutions.core.contacts import add_person
from iasolutions.core.services import group_id
from iasolutions.core.services import service_uid
from iasolutions.core.users import ensure_user
from iasolutions.delib.agenda import create_meeting
from iasolutions.delib.meetingconfigs import folder_of
from iasolutions.delib.meetingconfigs import free_id
from iasolutions.delib.meetingconfigs import get_config
from iasolutions.delib.publication import publish
from iasolutions.delib.transitions import do_transition
import logging
from plone import api
from plone.app.textfield.value import RichTextValue
from zope.globalrequest import getRequest


logger = logging.getLogger("iasolutions.delib")
DEMO_PASSWORD = "demo1234"

# user id, full name, [(service id, function) or group id]
USERS = [
    ("agent-fin", "Anne Finet (agente, Finances)", [("finances", "creators")]),
    ("chef-fin", "Charles Lebrun (chef de service, Finances)", [("finances", "reviewers")]),
    ("agent-trav", "Thomas Pavé (agent, Travaux)", [("travaux", "creators")]),
    ("chef-trav", "Chantal Dumur (cheffe de service, Travaux)", [("travaux", "reviewers")]),
    ("avis-fin", "Véronique Chiffre (directrice financière, avis)", [("finances", "advisers")]),
    (
        "observ-dg",
        "Olivier Regard (observateur, Direction générale)",
        [("direction-generale", "observers")],
    ),
    (
        "dir-gen",
        "Denise Général (directrice générale, gestionnaire de séances)",
        ["meeting-config-college_meetingmanagers", "meeting-config-council_meetingmanagers"],
    ),
    (
        "echevin",
        "Eric Échevin (super observateur du Collège)",
        ["meeting-config-college_powerobservers"],
    ),
]

# id, last name, first name, label, gender (documents print "La Directrice générale")
ASSEMBLY = [
    ("durant-marc", "Durant", "Marc", "Bourgmestre", "M"),
    ("lenoir-julie", "Lenoir", "Julie", "Première échevine", "F"),
    ("petit-paul", "Petit", "Paul", "Échevin des travaux", "M"),
    ("general-denise", "Général", "Denise", "Directrice générale", "F"),
]


def _html(text):
    return RichTextValue(text, "text/html", "text/x-html-safe")


def post_install(context):
    college = get_config("meeting-config-college")
    if college is None:
        logger.info("No College configuration: no delib demo data")
        return
    for userid, fullname, memberships in USERS:
        groups = []
        for membership in memberships:
            if isinstance(membership, tuple):
                uid = service_uid(membership[0])
                if uid:
                    groups.append(group_id(uid, membership[1]))
            else:
                groups.append(membership)
        ensure_user(userid, fullname, DEMO_PASSWORD, groups=groups)
    assembly = ensure_assembly(college)
    with api.env.adopt_roles(["Manager"]):
        create_demo_content(college, assembly)


def ensure_assembly(cfg):
    portal = api.portal.get()
    contacts = portal["contacts"]
    own = contacts["plonegroup-organization"]
    uids = []
    for person_id, lastname, firstname, label, gender in ASSEMBLY:
        person = contacts.get(person_id)
        if person is None:
            person = add_person(
                contacts,
                lastname,
                firstname,
                id=person_id,
                gender=gender,
                person_title="Madame" if gender == "F" else "Monsieur",
            )
        held = [child for child in person.objectValues() if child.portal_type == "held_position"]
        if not held:
            held = [add_held_position(person, own, label=label)]
        uids.append(held[0].UID())
    if not cfg.orderedContacts:
        cfg.orderedContacts = uids
    return uids


def _item(cfg, userid, service, title, **fields):
    folder = folder_of(cfg)
    existing = list(api.content.find(portal_type=cfg.getItemTypeName(), Title=title))
    if existing:
        return existing[0].getObject()
    with api.env.adopt_user(username=userid):
        return api.content.create(
            container=folder,
            type=cfg.getItemTypeName(),
            id=free_id(folder, title),
            title=title,
            proposingGroup=service_uid(service),
            **fields,
        )


def _as(userid, obj, *transitions):
    with api.env.adopt_user(username=userid):
        for transition_id in transitions:
            do_transition(obj, transition_id)


def create_demo_content(cfg, assembly):
    folder = folder_of(cfg)
    if folder.get("demo-decided-meeting") is not None:
        return
    motivation = _html("<p>Vu le Code de la démocratie locale et de la décentralisation ;</p>")
    # Items still with their services
    _item(
        cfg,
        "agent-fin",
        "finances",
        "Modification budgétaire n°1",
        category="finances",
        motivation=motivation,
    )
    proposed = _item(
        cfg,
        "agent-trav",
        "travaux",
        "Réfection de la rue de l'Église",
        category="travaux",
        motivation=motivation,
        decision=_html("<p>Approuve le cahier des charges.</p>"),
    )
    _as("agent-trav", proposed, "propose")
    # A decided meeting, last week
    last_week = (datetime.now() - timedelta(days=7)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    with api.env.adopt_user(username="dir-gen"):
        decided = create_meeting(
            cfg,
            last_week,
            id="demo-decided-meeting",
            place="Salle du Collège",
            attendees=assembly,
            signatories=[assembly[0], assembly[3]],
        )
    decisions = [
        ("Achat de mobilier scolaire", "travaux", "agent-trav", "chef-trav", "accept"),
        ("Subside à l'ASBL Les Amis du Parc", "finances", "agent-fin", "chef-fin", "accept"),
        ("Désignation d'un auteur de projet", "travaux", "agent-trav", "chef-trav", "delay"),
        ("Prime à la rénovation", "finances", "agent-fin", "chef-fin", "refuse"),
    ]
    items = []
    for title, service, creator, reviewer, decision in decisions:
        item = _item(
            cfg,
            creator,
            service,
            title,
            category="administration",
            motivation=motivation,
            decision=_html(
                '<p>Décide d\'octroyer à <span class="pm-anonymize">'
                "Madame Dupont</span> la somme demandée.</p>"
                if title.startswith("Prime")
                else "<p>Décide d'approuver la proposition.</p>"
            ),
        )
        _as(creator, item, "propose")
        _as(reviewer, item, "validate")
        current = getRequest()
        if current is not None:
            current.other["delib_present_in"] = decided
        try:
            _as("dir-gen", item, "present")
        finally:
            if current is not None:
                current.other.pop("delib_present_in", None)
        items.append((item, decision))
    _as("dir-gen", decided, "freeze", "decide")
    for item, decision in items:
        if decision != "accept":
            _as("dir-gen", item, decision)
    _as("dir-gen", decided, "close")
    # Its decisions published for the citizens (decree of 18 May 2022)
    with api.env.adopt_user(username="dir-gen"):
        publish(decided, "decision")
    # The next meeting, next week, with a validated item waiting to be presented
    next_week = (datetime.now() + timedelta(days=7)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    with api.env.adopt_user(username="dir-gen"):
        create_meeting(cfg, next_week, place="Salle du Collège", attendees=assembly)
    waiting = _item(
        cfg,
        "agent-fin",
        "finances",
        "Compte de fin d'exercice",
        category="administration",
        motivation=motivation,
        decision=_html("<p>Arrête le compte.</p>"),
    )
    _as("agent-fin", waiting, "propose")
    _as("chef-fin", waiting, "validate")
