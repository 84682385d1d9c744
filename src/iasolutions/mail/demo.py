"""Demo data of the mail module: agents of three services for each function,
the global groups' users, and mails in every state (made by the users
concerned, as they would do it).

Password of every demo user: ``demo1234``. Running it again adds nothing.
"""

from datetime import datetime
from datetime import timedelta
from iasolutions.core.contacts import add_held_position
from iasolutions.core.contacts import add_person
from iasolutions.core.contacts import relation_to
from iasolutions.core.demo import create_demo_contacts
from iasolutions.core.demo import demo_services
from iasolutions.core.services import group_id
from iasolutions.core.users import ensure_user
from iasolutions.mail import mails
from iasolutions.mail import validation
from iasolutions.mail.module import BATCH_IMPORTER
import logging
from plone import api
from zope.annotation.interfaces import IAnnotations


logger = logging.getLogger("iasolutions.mail")

DEMO_PASSWORD = "demo1234"
MARKER = "iasolutions.mail.demo"

GLOBAL_USERS = [
    # user id, full name, groups, roles
    ("encodeur", "Emma Encodeur", ["encodeurs"], []),
    ("dirgen", "Denis Directeur", ["dir_general"], []),
    ("expediteur", "Xavier Expédition", ["expedition"], []),
    ("lecteurglobal", "Louise Lecture", ["lecteurs_globaux_ce", "lecteurs_globaux_cs"], []),
    ("scanner", "Scanner", [], [BATCH_IMPORTER]),
]
# Users of the demo services (iasolutions.core.demo.demo_services), by role: their ids end
# with the service's suffix (agent_fin, chef_trav, lecteur_urb in a commune).
SERVICE_ROLES = ("finances", "field", "other")
SERVICE_USERS = [
    # prefix, full name pattern, functions
    ("agent", "Agent {title}", ["editeur", "encodeur"]),
    ("lecteur", "Lecteur {title}", ["lecteur"]),
    ("chef", "Chef {title}", ["n_plus_1", "editeur"]),
]
# The finance service also has a head of department at level N+2 (used when two levels are on).
EXTRA_USERS = [("chef2", "Directrice financière", "finances", ["n_plus_2"])]
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def post_install(context):
    users = create_users()
    if IAnnotations(api.portal.get()).get(MARKER):
        return
    contacts = demo_contacts()
    create_mails(users, contacts)
    IAnnotations(api.portal.get())[MARKER] = True


def create_users():
    """The demo users; returns {role: uid of its service, (prefix, role): userid, "<role>_id":
    its service id}."""
    for userid, fullname, groups, roles in GLOBAL_USERS:
        ensure_user(userid, fullname, DEMO_PASSWORD, roles=roles, groups=groups)
    services = demo_services()
    users = {}
    for role in SERVICE_ROLES:
        service = services.get(role)
        if service is None:
            continue
        for prefix, fullname, functions in SERVICE_USERS:
            userid = f"{prefix}_{service.suffix}"
            ensure_user(
                userid,
                fullname.format(title=service.title),
                DEMO_PASSWORD,
                groups=[group_id(service.uid, function) for function in functions],
            )
            users[(prefix, role)] = userid
        users[role] = service.uid
        users[f"{role}_id"] = service.id
    for prefix, fullname, role, functions in EXTRA_USERS:
        service = services.get(role)
        if service is not None:
            ensure_user(
                f"{prefix}_{service.suffix}",
                fullname,
                DEMO_PASSWORD,
                groups=[group_id(service.uid, function) for function in functions],
            )
    return users


def demo_contacts():
    """External senders (the trunk's demo contacts) and the administration's signatory."""
    create_demo_contacts()
    contacts = api.portal.get()["contacts"]
    direction = demo_services().get("direction")
    signatory = contacts.get("lejeune-marie")
    if signatory is None:
        signatory = add_person(
            contacts,
            "Lejeune",
            "Marie",
            id="lejeune-marie",
            email="marie.lejeune@commune.example.be",
        )
    held = signatory.get(direction.id) if direction is not None else None
    if held is None and direction is not None:
        held = add_held_position(
            signatory, api.content.get(UID=direction.uid), "Directrice générale"
        )
    return {
        "dupont": contacts["dupont-jean"],
        "martin": contacts["martin-anne"],
        "spw": contacts["spw-territoire"],
        "signatory": held,
    }


def _as(userid, func, *args, **kwargs):
    with api.env.adopt_user(username=userid):
        return func(*args, **kwargs)


def _transition(userid, obj, *transitions):
    for transition in transitions:
        if transition == "next":
            transition = validation.next_transition(obj)
        _as(userid, api.content.transition, obj=obj, transition=transition)


def _to_agent(users, role, mail):
    """Through the N+1 validation where the profile has it, as the service's N+1."""
    if validation.state_level(api.content.get_state(mail)) == 1:
        _transition(users[("chef", role)], mail, "next")


def _assign(mail, userid):
    mail.assigned_user = userid
    mail.reindexObject(idxs=["assigned_user"])


def _incoming(users, title, service_id, sender, days_ago, **fields):
    when = datetime.now() - timedelta(days=days_ago)
    mail = _as(
        "encodeur",
        mails.create,
        "dmsincomingmail",
        when=when,
        title=title,
        treating_groups=users[service_id],
        sender=[relation_to(sender)],
        mail_type="courrier",
        reception_date=when.replace(microsecond=0),
        original_mail_date=(when - timedelta(days=3)).date(),
        **fields,
    )
    _as(
        "encodeur",
        mails.add_file,
        mail,
        PDF,
        "scan.pdf",
        scan_id=f"0500000000{mail.internal_reference_no[-5:].zfill(5)}",
        pages_number=1,
    )
    return mail


def create_mails(users, contacts):
    if not all(role in users for role in SERVICE_ROLES):
        logger.warning("Mail demo: the site has no demo services, no demo mail")
        return
    agent_fin, agent_trav = users[("agent", "finances")], users[("agent", "field")]
    spw, dupont, martin = contacts["spw"], contacts["dupont"], contacts["martin"]

    # Incoming mail, one in each state
    _incoming(users, "Demande de subside pour la fête du quartier", "finances", martin, 1)
    mail = _incoming(users, "Réclamation taxe immondices", "finances", dupont, 3)
    _transition("encodeur", mail, "propose_to_manager")
    mail = _incoming(
        users,
        "Plainte : nid de poule rue de la Gare",
        "field",
        dupont,
        5,
        assigned_user=users[("agent", "field")],
    )
    _transition("encodeur", mail, "propose_to_manager")
    _transition("dirgen", mail, "next")
    _to_agent(users, "field", mail)
    mail = _incoming(
        users,
        "Avis du SPW sur le permis d'urbanisme 2026/012",
        "other",
        spw,
        9,
        recipient_groups=[users["field"]],
    )
    _transition("encodeur", mail, "next")
    mail = _incoming(users, "Demande de réparation de l'éclairage public", "field", dupont, 12)
    _transition("encodeur", mail, "next")
    if api.content.get_state(mail) != "proposed_to_agent":
        _assign(mail, agent_trav)
        _transition(users[("chef", "field")], mail, "propose_to_agent")
    _transition(agent_trav, mail, "treat")
    _as(
        agent_trav,
        api.content.create,
        container=mail,
        type="task",
        title="Vérifier l'éclairage rue Haute",
        assigned_group=users["field"],
        assigned_user=agent_trav,
    )
    mail = _incoming(users, "Facture de l'entreprise Dubois", "finances", spw, 20)
    _transition("encodeur", mail, "next")
    if api.content.get_state(mail) != "proposed_to_agent":
        _assign(mail, agent_fin)
        _transition(users[("chef", "finances")], mail, "propose_to_agent")
    _transition(agent_fin, mail, "treat", "close")
    incoming_for_reply = mail

    # Outgoing mail: created, to be signed, signed, sent
    from iasolutions.mail.reply import create_reply

    signatory = contacts["signatory"]
    sender_fields = {"sender": relation_to(signatory)} if signatory is not None else {}
    reply = _as(agent_fin, create_reply, incoming_for_reply, **sender_fields)
    _as(agent_fin, mails.add_file, reply, PDF, "reponse.pdf")
    states = [
        ("Convocation à la commission des finances", ()),
        ("Accusé de réception de la réclamation", ("propose_to_be_signed",)),
        ("Courrier au SPW : complément d'information", ("propose_to_be_signed", "mark_as_signed")),
        (
            "Réponse à la demande de subside",
            ("propose_to_be_signed", "mark_as_signed", "mark_as_sent"),
        ),
    ]
    for title, steps in states:
        outgoing = _as(
            agent_fin,
            mails.create,
            "dmsoutgoingmail",
            title=title,
            treating_groups=users["finances"],
            recipients=[relation_to(dupont)],
            send_modes=["post"],
            **sender_fields,
        )
        _as(agent_fin, mails.add_file, outgoing, PDF, "lettre.pdf")
        for step in steps:
            who = "expediteur" if step in ("mark_as_signed", "mark_as_sent") else agent_fin
            if (
                step == "propose_to_be_signed"
                and api.content.get_state(outgoing) == "created"
                and "propose_to_be_signed" not in _available(agent_fin, outgoing)
            ):
                _transition(agent_fin, outgoing, "propose_to_n_plus_1")
                _transition(users[("chef", "finances")], outgoing, "set_validated")
            _transition(who, outgoing, step)

    # A signed letter that came back from the scanner before anyone encoded it
    from iasolutions.mail import importer

    report = importer.Report()
    _as(
        "scanner",
        importer.import_scan,
        "retour-signe.pdf",
        PDF,
        {
            "scan_id": "050000000099001",
            "type": "dmsoutgoingmail",
            "treating_groups": users["finances_id"],
            "title": "Lettre signée reçue du scanner",
        },
        report,
    )
    logger.info("Mail demo: users and mails created")


def _available(userid, obj):
    workflow = api.portal.get_tool("portal_workflow")
    with api.env.adopt_user(username=userid):
        return [t["id"] for t in workflow.getTransitionsFor(obj)]
