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

from iasolutions.core.services import group_id
from iasolutions.mail.module import DIR_GENERAL
from iasolutions.mail.module import ENCODEURS
from iasolutions.mail.module import EXPEDITION
from iasolutions.mail.module import LECTEURS_GLOBAUX_CE
from iasolutions.mail.module import LECTEURS_GLOBAUX_CS
from iasolutions.mail.module import LEVELS
from iasolutions.mail.module import PRE_MANAGER
from iasolutions.mail.references import INCOMING_TYPES
from persistent.mapping import PersistentMapping
from plone import api


BFW = "Base Field Writer"
TGW = "Treating Group Writer"
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


def _add(result, principal, roles):
    if principal and roles:
        result.setdefault(principal, set()).update(roles)


def _add_service(result, service_uid, functions_roles):
    if not service_uid:
        return
    for function, roles in functions_roles.items():
        _add(result, group_id(service_uid, function), roles)


def compute(obj):
    """{principal: set of roles} the rules give on ``obj`` in its current state."""
    state = api.content.get_state(obj, default=None)
    result = {}
    portal_type = obj.portal_type
    if portal_type in INCOMING_TYPES:
        static, treating, copy = IM_STATIC, IM_TREATING, IM_COPY
    elif portal_type == "dmsoutgoingmail":
        static, treating, copy = OM_STATIC, OM_TREATING, OM_COPY
    elif portal_type == "task":
        for principal, roles in TASK_STATIC.get(state, {}).items():
            _add(result, principal, roles)
        _add_service(result, obj.assigned_group, TASK_ASSIGNED.get(state, {}))
        return result
    else:
        return result
    for principal, roles in static.get(state, {}).items():
        _add(result, principal, roles)
    _add_service(result, obj.treating_groups, treating.get(state, {}))
    for service in obj.recipient_groups or ():
        _add_service(result, service, copy.get(state, {}))
    for task in _tasks(obj):
        if api.content.get_state(task, default=None) in TASK_STATES_READING_PARENT:
            _add_service(result, task.assigned_group, {"editeur": ("Reader",)})
    return result


def _tasks(obj):
    """The tasks of a mail, sub-tasks included."""
    for child in obj.objectValues():
        if child.portal_type == "task":
            yield child
            yield from _tasks(child)


def apply(obj, reindex=True):
    """Set the local roles the rules give, removing those they gave before.

    Returns True when something changed (the security index is then updated
    for the object and its children).
    """
    desired = compute(obj)
    previous = getattr(obj, ROLES_ATTRIBUTE, None) or {}
    changed = False
    if obj.portal_type != "task" and not getattr(obj, "__ac_local_roles_block__", False):
        # A mail's security is what the rules say, not what its folder gives
        # (the creators' roles on incoming-mail / outgoing-mail).
        obj.__ac_local_roles_block__ = True
        changed = True
    for principal in set(previous) | set(desired):
        current = set(obj.get_local_roles_for_userid(principal))
        wanted = (current - set(previous.get(principal, ()))) | desired.get(principal, set())
        if wanted == current:
            continue
        changed = True
        if wanted:
            obj.manage_setLocalRoles(principal, sorted(wanted))
        else:
            obj.manage_delLocalRoles([principal])
    remembered = {principal: tuple(sorted(roles)) for principal, roles in desired.items()}
    if dict(previous) != remembered:
        setattr(obj, ROLES_ATTRIBUTE, PersistentMapping(remembered))
    if changed:
        forget_cached_roles()
        if reindex:
            obj.reindexObjectSecurity()
    return changed


LOCAL_ROLES_CACHE = "borg.localrole.workspace.checkLocalRolesAllowed:"


def forget_cached_roles():
    """borg.localrole caches who has which local role for the whole request;
    after a change, later checks in the same request (a batch action, the
    REST answer) must see the new roles."""
    from zope.annotation.interfaces import IAnnotations
    from zope.globalrequest import getRequest

    annotations = IAnnotations(getRequest(), None)
    if annotations is None:
        return
    for key in [k for k in annotations if isinstance(k, str) and k.startswith(LOCAL_ROLES_CACHE)]:
        del annotations[key]
