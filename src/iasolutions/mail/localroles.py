"""Local roles of mails and tasks: who sees, edits and validates what, in
which state.

The roles of a mail follow from its state, its treating service
(``treating_groups``), its services in copy (``recipient_groups``) and the
services its tasks are assigned to. ``apply`` recomputes them after each
transition and each change (see ``subscribers``); the roles it gave before are
remembered on the object so that roles given by hand (sharing) are kept.

Mails do not acquire local roles from their folder (where creators are
Contributors); their files and tasks acquire the mail's. The creator keeps
the Owner role, which the workflows honour in the ``created`` state only.

The tables are the reference's (imio.dms.mail ``configure_rolefields`` and
its validation adaptations), with these roles:

- ``Base Field Writer``: may change the description of the mail (title,
  sender, dates, references, type);
- ``Treating Group Writer``: may change the treating service.
"""

from iasolutions.core import localroles
from iasolutions.core.localroles import OTHER_STATES
from iasolutions.core.localroles import itself
from iasolutions.core.localroles import service_groups
from iasolutions.mail.module import DIR_GENERAL
from iasolutions.mail.module import ENCODEURS
from iasolutions.mail.module import EXPEDITION
from iasolutions.mail.module import LECTEURS_GLOBAUX_CE
from iasolutions.mail.module import LECTEURS_GLOBAUX_CS
from iasolutions.mail.module import LEVELS
from iasolutions.mail.module import PRE_MANAGER
from iasolutions.mail.references import INCOMING_TYPES
from plone import api


BFW = "Base Field Writer"
TGW = "Treating Group Writer"
# Where the roles the rules gave are remembered (kept from before the core's tables).
ROLES_ATTRIBUTE = "_iasolutions_mail_roles"

EDIT = ("Contributor", "Editor", "Reviewer")
MANAGE = EDIT + (BFW, TGW)
LEVEL_STATES = tuple(f"proposed_to_n_plus_{level}" for level in LEVELS)
AFTER_LEVELS = ("proposed_to_agent", "in_treatment")


def _im_static():
    """Global groups in each state of an incoming mail."""
    readers = {ENCODEURS: ("Reader",), LECTEURS_GLOBAUX_CE: ("Reader",), PRE_MANAGER: ("Reader",)}
    table = {
        "created": {ENCODEURS: ("Contributor", "Editor", BFW, TGW)},
        "proposed_to_pre_manager": {
            PRE_MANAGER: ("Editor", "Reviewer"),
            ENCODEURS: ("Reader",),
            DIR_GENERAL: ("Reader",),
        },
        "proposed_to_manager": {
            DIR_GENERAL: MANAGE,
            ENCODEURS: (BFW, "Reader"),
            LECTEURS_GLOBAUX_CE: ("Reader",),
            PRE_MANAGER: ("Reader",),
        },
    }
    for state in LEVEL_STATES:
        table[state] = dict(readers, **{DIR_GENERAL: MANAGE})
    for state in AFTER_LEVELS + ("closed",):
        table[state] = dict(readers, **{DIR_GENERAL: EDIT + (TGW,)})
    return table


def _im_treating():
    """Functions of the treating service in each state: {state: {function: roles}}."""
    table = {}
    for level in LEVELS:
        # A level validates in its own state and keeps editing in the states below.
        roles = {f"n_plus_{higher}": EDIT for higher in LEVELS if higher > level}
        roles[f"n_plus_{level}"] = EDIT + (TGW,)
        table[f"proposed_to_n_plus_{level}"] = roles
    for state in AFTER_LEVELS:
        table[state] = dict(
            {f"n_plus_{level}": EDIT for level in LEVELS}, editeur=EDIT, lecteur=("Reader",)
        )
    table["closed"] = dict(
        {f"n_plus_{level}": ("Reviewer",) for level in LEVELS},
        editeur=("Reviewer",),
        lecteur=("Reader",),
    )
    return table


def _im_copy():
    """Functions of the services in copy: they read from the service's levels on."""
    table = {}
    for level in LEVELS:
        table[f"proposed_to_n_plus_{level}"] = {
            f"n_plus_{higher}": ("Reader",) for higher in LEVELS if higher >= level
        }
    for state in AFTER_LEVELS + ("closed",):
        table[state] = dict(
            {f"n_plus_{level}": ("Reader",) for level in LEVELS},
            editeur=("Reader",),
            lecteur=("Reader",),
        )
    return table


def _om_static():
    signing = {
        EXPEDITION: ("Editor", "Reviewer"),
        ENCODEURS: ("Reader",),
        DIR_GENERAL: EDIT,
        LECTEURS_GLOBAUX_CS: ("Reader",),
    }
    return {
        "proposed_to_n_plus_1": {DIR_GENERAL: EDIT, LECTEURS_GLOBAUX_CS: ("Reader",)},
        "to_approve": {DIR_GENERAL: EDIT, LECTEURS_GLOBAUX_CS: ("Reader",)},
        # The dispatch service prints what the service wrote: it reads and passes
        # the mail on to be signed, nobody edits it meanwhile (it is on paper).
        "to_print": {
            EXPEDITION: ("Reader", "Reviewer"),
            ENCODEURS: ("Reader",),
            DIR_GENERAL: ("Reader", "Reviewer"),
            LECTEURS_GLOBAUX_CS: ("Reader",),
        },
        "validated": signing,
        "to_be_signed": signing,
        "signed": signing,
        "sent": {
            EXPEDITION: ("Reader", "Reviewer"),
            ENCODEURS: ("Reader",),
            DIR_GENERAL: ("Reader", "Reviewer"),
            LECTEURS_GLOBAUX_CS: ("Reader",),
        },
        "scanned": {
            EXPEDITION: ("Contributor", "Editor", "Reader", "Reviewer", BFW, TGW),
            ENCODEURS: ("Reader",),
        },
    }


def _om_treating():
    after = {
        "editeur": ("Reader",),
        "encodeur": EDIT,
        "lecteur": ("Reader",),
        "n_plus_1": ("Reader", "Reviewer"),
    }
    return {
        "created": {"encodeur": MANAGE, "n_plus_1": ("Reader",)},
        "proposed_to_n_plus_1": {
            "n_plus_1": MANAGE,
            "encodeur": ("Reader",),
            "editeur": ("Reader",),
        },
        # The N+1 approves the letter (and may correct it); the service's writers
        # wait, as on the N+1 validation.
        "to_approve": {"n_plus_1": EDIT, "encodeur": ("Reader",), "editeur": ("Reader",)},
        # The writers may take the mail back while it is being printed.
        "to_print": {
            "editeur": ("Reader",),
            "encodeur": ("Reader", "Reviewer"),
            "lecteur": ("Reader",),
            "n_plus_1": ("Reader",),
        },
        "validated": after,
        "to_be_signed": after,
        "signed": after,
        "sent": {
            "editeur": ("Reader",),
            "encodeur": ("Reader", "Reviewer"),
            "lecteur": ("Reader",),
            "n_plus_1": ("Reader",),
        },
    }


def _om_copy():
    readers = {
        "editeur": ("Reader",),
        "encodeur": ("Reader",),
        "lecteur": ("Reader",),
        "n_plus_1": ("Reader",),
    }
    return dict.fromkeys(("validated", "to_print", "to_be_signed", "signed", "sent"), readers)


def _task_static():
    roles = {DIR_GENERAL: EDIT, ENCODEURS: ("Reader",)}
    return dict.fromkeys(("to_assign", "to_do", "in_progress", "realized", "closed"), roles)


def _task_assigned():
    working = {"editeur": ("Contributor", "Editor", "Reviewer"), "lecteur": ("Reader",)}
    return {
        "to_do": working,
        "in_progress": working,
        "realized": working,
        "closed": {"editeur": ("Reader",), "lecteur": ("Reader",)},
    }


IM_STATIC, IM_TREATING, IM_COPY = _im_static(), _im_treating(), _im_copy()
OM_STATIC, OM_TREATING, OM_COPY = _om_static(), _om_treating(), _om_copy()
TASK_STATIC, TASK_ASSIGNED = _task_static(), _task_assigned()
# The assigned service of a task reads the mail the task is about.
TASK_STATES_READING_PARENT = ("to_do", "in_progress", "realized", "closed")


def compute(obj):
    """{principal: set of roles} the rules give on ``obj`` in its current state."""
    state = api.content.get_state(obj, default=None)
    return localroles.compute(state, tables(obj))


def tables(obj):
    """The (table, principals) pairs of ``obj``'s rules (see ``core.localroles``)."""
    if obj.portal_type == "task":
        return ((TASK_STATIC, itself), (TASK_ASSIGNED, service_groups(obj.assigned_group)))
    if obj.portal_type in INCOMING_TYPES:
        static, treating, copy = IM_STATIC, IM_TREATING, IM_COPY
    elif obj.portal_type == "dmsoutgoingmail":
        static, treating, copy = OM_STATIC, OM_TREATING, OM_COPY
    else:
        return ()
    reading = [
        task.assigned_group
        for task in _tasks(obj)
        if api.content.get_state(task, default=None) in TASK_STATES_READING_PARENT
    ]
    return (
        (static, itself),
        (treating, service_groups(obj.treating_groups)),
        (copy, service_groups(*(obj.recipient_groups or ()))),
        ({OTHER_STATES: {"editeur": ("Reader",)}}, service_groups(*reading)),
    )


def _tasks(obj):
    """The tasks of a mail, sub-tasks included."""
    for child in obj.objectValues():
        if child.portal_type == "task":
            yield child
            yield from _tasks(child)


def apply(obj, reindex=True):
    """Set the local roles the rules give, removing those they gave before.

    A mail's security is what the rules say, not what its folder gives (the
    creators' roles on incoming-mail / outgoing-mail): it blocks acquisition;
    tasks acquire the mail's roles. Returns True when something changed (the
    security index is then updated for the object and its children).
    """
    block = None if obj.portal_type == "task" else True
    changed = localroles.apply(obj, compute(obj), block=block, memory=ROLES_ATTRIBUTE)
    if changed and reindex:
        obj.reindexObjectSecurity()
    return changed
