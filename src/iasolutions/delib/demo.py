"""Demo data of the deliberations module: users of each function, the first meeting
configuration's assembly (the College, the Bureau permanent…), items in several states,
a decided meeting with its decisions published and the next one (profile ``demo``).

It follows what the organisation profile gives: the demo services of its kind
(``iasolutions.core.demo.demo_services``), the configurations' validation levels (an
item is walked through each level as the user holding its function).

Running it again adds nothing twice.
"""

from datetime import datetime
from datetime import timedelta
from iasolutions.core.contacts import add_held_position
from iasolutions.core.contacts import add_person
from iasolutions.core.demo import DEMO_SERVICES
from iasolutions.core.demo import demo_services
from iasolutions.core.services import group_id
from iasolutions.core.users import ensure_user
from iasolutions.delib.agenda import create_meeting
from iasolutions.delib.meetingconfigs import config_categories
from iasolutions.delib.meetingconfigs import enabled_levels
from iasolutions.delib.meetingconfigs import folder_of
from iasolutions.delib.meetingconfigs import free_id
from iasolutions.delib.meetingconfigs import get_configs
from iasolutions.delib.publication import publish
from iasolutions.delib.transitions import do_transition
from iasolutions.delib.transitions import has_exit
import logging
from plone import api
from plone.app.textfield.value import RichTextValue
from zope.globalrequest import getRequest


logger = logging.getLogger("iasolutions.delib")
DEMO_PASSWORD = "demo1234"
# The functions of every validation level after the creators' (``reviewers``, and
# ``prereviewers`` where a configuration prevalidates): the service heads hold them all.
VALIDATION = "validation levels"

# Per service role (iasolutions.core.demo.demo_services): user id prefix, full name
# ({service}: the service's title), functions in the service. The ids end with the
# service's suffix: agent-fin, chef-trav in a commune; agent-soc in a CPAS.
SERVICE_USERS = [
    ("agent", "finances", "Anne Finet (agente, {service})", ["creators"]),
    ("chef", "finances", "Charles Lebrun (chef de service, {service})", [VALIDATION]),
    ("agent", "field", "Thomas Pavé (agent, {service})", ["creators"]),
    ("chef", "field", "Chantal Dumur (cheffe de service, {service})", [VALIDATION]),
    ("avis", "finances", "Véronique Chiffre (directrice financière, avis)", ["advisers"]),
    ("observ", "direction", "Olivier Regard (observateur, {service})", ["observers"]),
]
# user id, full name, groups: "managers" of every meeting configuration, or
# "powerobservers" of the first one (the College, the Bureau permanent…)
CONFIG_USERS = [
    ("dir-gen", "Denise Général (directrice générale, gestionnaire de séances)", "managers"),
    ("echevin", "Eric Échevin (super observateur du Collège)", "powerobservers"),
]
# The commune's users (docs/delib.rst); other profiles get the same in their services.
USERS = [
    (f"{prefix}-{DEMO_SERVICES['commune'][role][1]}", fullname, functions)
    for prefix, role, fullname, functions in SERVICE_USERS
] + CONFIG_USERS

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
    configs = get_configs()
    services = demo_services()
    if not configs or not {"finances", "field"} <= set(services):
        logger.info("No meeting configuration or no demo services: no delib demo data")
        return
    main = configs[0]
    users = create_users(configs, services)
    assembly = ensure_assembly(main)
    with api.env.adopt_roles(["Manager"]):
        create_demo_content(main, assembly, services, users)


def validation_functions(configs):
    """The functions of the validation levels after the creators', in every configuration."""
    functions = []
    for cfg in configs:
        for _state, _leading, _back, function in enabled_levels(cfg)[1:]:
            if function not in functions:
                functions.append(function)
    return functions or ["reviewers"]


def create_users(configs, services):
    """The demo users of the site's services and configurations: {(role, function): userid}."""
    validators = validation_functions(configs)
    users = {}
    for prefix, role, fullname, functions in SERVICE_USERS:
        service = services.get(role)
        if service is None:
            continue
        userid = f"{prefix}-{service.suffix}"
        functions = [f for function in functions for f in _expand(function, validators)]
        ensure_user(
            userid,
            fullname.format(service=service.title),
            DEMO_PASSWORD,
            groups=[group_id(service.uid, function) for function in functions],
        )
        users.update({(role, function): userid for function in functions})
    for userid, fullname, kind in CONFIG_USERS:
        if kind == "managers":
            groups = [cfg.meetingmanagers_group() for cfg in configs]
        else:
            groups = [configs[0].powerobservers_group()]
        ensure_user(userid, fullname, DEMO_PASSWORD, groups=groups)
    return users


def _expand(function, validators):
    return validators if function == VALIDATION else [function]


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


def _item(cfg, userid, service, title, category, **fields):
    folder = folder_of(cfg)
    existing = list(api.content.find(portal_type=cfg.getItemTypeName(), Title=title))
    if existing:
        return existing[0].getObject()
    categories = [obj.getId() for obj in config_categories(cfg)]
    if categories and category not in categories:
        category = "divers" if "divers" in categories else categories[0]
    with api.env.adopt_user(username=userid):
        return api.content.create(
            container=folder,
            type=cfg.getItemTypeName(),
            id=free_id(folder, title),
            title=title,
            proposingGroup=service.uid,
            category=category,
            **fields,
        )


def _as(userid, obj, *transitions):
    with api.env.adopt_user(username=userid):
        for transition_id in transitions:
            do_transition(obj, transition_id)


def advance(cfg, item, role, users, target="validated"):
    """Walk an item through the configuration's validation levels until ``target``:
    each transition as the demo user holding the function of the level it leaves."""
    levels = enabled_levels(cfg)
    states = [level[0] for level in levels] + ["validated"]
    if target not in states:
        target = states[min(1, len(states) - 1)]
    state = api.content.get_state(item)
    while state != target and state in states[:-1]:
        index = states.index(state)
        transition = levels[index + 1][1] if index + 1 < len(levels) else "validate"
        _as(users[(role, levels[index][3])], item, transition)
        state = api.content.get_state(item)


def create_demo_content(cfg, assembly, services, users):
    folder = folder_of(cfg)
    if folder.get("demo-decided-meeting") is not None:
        return
    fin, field = services["finances"], services["field"]
    motivation = _html("<p>Vu le Code de la démocratie locale et de la décentralisation ;</p>")
    # Items still with their services: one created, one at the first level after it
    _item(
        cfg,
        users[("finances", "creators")],
        fin,
        "Modification budgétaire n°1",
        "finances",
        motivation=motivation,
    )
    proposed = _item(
        cfg,
        users[("field", "creators")],
        field,
        "Réfection de la rue de l'Église",
        "travaux",
        motivation=motivation,
        decision=_html("<p>Approuve le cahier des charges.</p>"),
    )
    advance(cfg, proposed, "field", users, target="proposed")
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
        ("Achat de mobilier scolaire", "field", "accept"),
        ("Subside à l'ASBL Les Amis du Parc", "finances", "accept"),
        ("Désignation d'un auteur de projet", "field", "delay"),
        ("Prime à la rénovation", "finances", "refuse"),
    ]
    items = []
    for title, role, decision in decisions:
        item = _item(
            cfg,
            users[(role, "creators")],
            services[role],
            title,
            "administration",
            motivation=motivation,
            decision=_html(
                '<p>Décide d\'octroyer à <span class="pm-anonymize">'
                "Madame Dupont</span> la somme demandée.</p>"
                if title.startswith("Prime")
                else "<p>Décide d'approuver la proposition.</p>"
            ),
        )
        advance(cfg, item, role, users)
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
        if decision != "accept" and has_exit(item, decision):
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
        users[("finances", "creators")],
        fin,
        "Compte de fin d'exercice",
        "administration",
        motivation=motivation,
        decision=_html("<p>Arrête le compte.</p>"),
    )
    advance(cfg, waiting, "finances", users)
