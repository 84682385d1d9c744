"""Workflow guards of mails and tasks, with the reason of each refusal.

Each workflow transition has a guard permission (``Review portal content``:
who) and a guard expression ``python:here.wf_guard('<transition>')`` (when),
which calls ``refusal``: None when the transition may be done, else the
message the user sees (the mail view lists them; the REST API answers 400 with
it).
"""

from AccessControl.users import UnrestrictedUser
from iasolutions.mail import _
from iasolutions.mail import settings
from iasolutions.mail import validation
from iasolutions.mail.assignment import agents_of
from iasolutions.mail.module import DIR_GENERAL
from iasolutions.mail.module import EDITOR_FUNCTIONS
from iasolutions.mail.module import EXPEDITION
from iasolutions.mail.references import INCOMING_TYPES
from plone import api


def family(obj):
    portal_type = getattr(obj, "portal_type", None)
    if portal_type in INCOMING_TYPES:
        return "incoming"
    if portal_type == "dmsoutgoingmail":
        return "outgoing"
    if portal_type == "task":
        return "task"
    return None


def refusal(obj, transition):
    """Why ``transition`` cannot be done on ``obj`` now, or None when it can
    (the permission guard of the workflow aside)."""
    check = CHECKS.get((family(obj), transition))
    return check(obj, transition) if check is not None else None


def refusals(obj):
    """{transition id: message} for the transitions of the current state that
    the guards refuse (transitions hidden by settings are left out)."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    result = {}
    for workflow in workflow_tool.getWorkflowsFor(obj):
        state = workflow._getWorkflowStateOf(obj)
        for transition in state.transitions if state is not None else ():
            message = refusal(obj, transition)
            if message is not None and message is not HIDDEN:
                result[transition] = message
    return result


class _Hidden(str):
    """A refusal nobody needs to read: the step is not used here (settings)."""


HIDDEN = _Hidden("hidden")


# --- helpers ---------------------------------------------------------------

FIELD_TITLES = {
    "title": _("title"),
    "treating_groups": _("treating service"),
    "sender": _("sender"),
    "mail_type": _("mail type"),
    "assigned_user": _("assigned agent"),
    "assigned_group": _("assigned service"),
}


def _missing(obj, *names):
    missing = [FIELD_TITLES[name] for name in names if not getattr(obj, name, None)]
    if not missing:
        return None
    from zope.globalrequest import getRequest
    from zope.i18n import translate

    request = getRequest()
    names = ", ".join(translate(name, context=request) for name in missing)
    return _("Missing: ${fields}.", mapping={"fields": names})


def is_admin(user):
    """Manager or Site Administrator (global roles; scripts run as the system user)."""
    if isinstance(getattr(user, "aq_base", user), UnrestrictedUser):
        return True
    roles = user.getRoles() if hasattr(user, "getRoles") else ()
    return "Manager" in roles or "Site Administrator" in roles


_is_admin = is_admin


def _state(obj):
    return api.content.get_state(obj)


def _history_states(obj):
    states = set()
    for history in (getattr(obj, "workflow_history", None) or {}).values():
        states.update(entry.get("review_state") for entry in history)
    return states


# --- incoming mail ---------------------------------------------------------


def _im_to_manager(obj, transition):
    return _missing(obj, "title", "treating_groups")


def _im_to_pre_manager(obj, transition):
    if not settings.get("imail_pre_manager_validation"):
        return HIDDEN
    return _missing(obj, "title", "treating_groups")


def _im_back_to_pre_manager(obj, transition):
    return None if settings.get("imail_pre_manager_validation") else HIDDEN


def _im_to_level(obj, transition):
    level = int(transition.rsplit("_", 1)[1])
    if level not in settings.validation_levels():
        return HIDDEN
    missing = _missing(obj, "treating_groups")
    if missing:
        return missing
    if validation.next_transition(obj) != transition:
        return HIDDEN
    return None


def _im_to_agent(obj, transition):
    missing = _missing(obj, "title", "treating_groups")
    if missing:
        return missing
    following = validation.next_transition(obj)
    if following != "propose_to_agent":
        level = following.rsplit("_", 1)[1]
        return _(
            "The mail must first be validated by the N+${level} of the service.",
            mapping={"level": level},
        )
    if not obj.assigned_user and assigned_user_needed(obj):
        return _("Choose the assigned agent first.")
    return None


def assigned_user_needed(obj):
    """Does proposing to the agent need an assigned user (setting assigned_user_check)?"""
    check = settings.get("assigned_user_check")
    if check == "mandatory":
        return True
    if check == "n_plus_1":
        # The N+1 of the service assigns the agent: needed when the service has one.
        return 1 in validation.service_levels(obj.treating_groups, obj.portal_type)
    return False


def _im_treat(obj, transition):
    return _missing(obj, "title", "sender", "treating_groups")


def _im_close(obj, transition):
    missing = _missing(obj, "sender", "treating_groups", "mail_type")
    if missing:
        return missing
    user = api.user.get_current()
    if _is_admin(user) or DIR_GENERAL in user.getGroups():
        return None
    if user.getId() in agents_of(obj.treating_groups, EDITOR_FUNCTIONS):
        return None
    return _(
        "Only the editors of the treating service or the general management can close the mail."
    )


def _im_back(obj, transition):
    state = _state(obj)
    in_validation = state == "proposed_to_agent" or validation.state_level(state) is not None
    if in_validation and transition not in validation.back_transitions(obj, state):
        return HIDDEN
    return None


# --- outgoing mail ---------------------------------------------------------


def has_main_file(obj):
    return any(child.portal_type == "dmsommainfile" for child in obj.objectValues())


def _om_needs_validation(obj):
    return _state(obj) == "created" and 1 in validation.service_levels(
        obj.treating_groups, obj.portal_type
    )


def _om_to_n_plus_1(obj, transition):
    if not settings.get("omail_validation"):
        return HIDDEN
    if 1 not in validation.service_levels(obj.treating_groups, obj.portal_type):
        return HIDDEN
    return None


def _om_needs_approval(obj):
    return _state(obj) in ("created", "validated") and validation.needs_approval(obj)


def _om_before_signing(obj):
    """Why a mail may not leave creation (or validation) towards its signature yet."""
    if _om_needs_validation(obj):
        return _("The mail must first be validated by the N+1 of the service.")
    if _om_needs_approval(obj):
        return _("The mail must first be approved by the N+1 of the service.")
    if not has_main_file(obj):
        return _("Add the letter (a main file) first.")
    return None


def _om_to_be_signed(obj, transition):
    return _om_before_signing(obj)


def _om_to_approve(obj, transition):
    if not validation.needs_approval(obj):
        return HIDDEN
    if _om_needs_validation(obj):
        return _("The mail must first be validated by the N+1 of the service.")
    if not has_main_file(obj):
        return _("Add the letter (a main file) first.")
    return None


def _om_to_print(obj, transition):
    if not settings.get("omail_printing"):
        return HIDDEN
    return _om_before_signing(obj)


def _om_signed(obj, transition):
    if not has_main_file(obj):
        return _("Add the letter (a main file) first.")
    return None


def _om_sent(obj, transition):
    if _om_needs_validation(obj):
        return _("The mail must first be validated by the N+1 of the service.")
    if _om_needs_approval(obj):
        return _("The mail must first be approved by the N+1 of the service.")
    if "email" in (obj.send_modes or ()) and not obj.email_status:
        user = api.user.get_current()
        if not (_is_admin(user) or EXPEDITION in user.getGroups()):
            return _("The mail is sent by email: send the email first.")
    return None


def _om_back_to(state):
    def check(obj, transition):
        return None if state in _history_states(obj) else HIDDEN

    return check


# --- task ------------------------------------------------------------------


def _task_to_assign(obj, transition):
    return _missing(obj, "assigned_group")


def _task_to_do(obj, transition):
    return _missing(obj, "assigned_group", "assigned_user")


def _task_auto_to_do(obj, transition):
    """The reference goes on from ``do_to_assign`` to "to do" when an agent is
    chosen or when tasks have no service validation (its TaskServiceValidation
    adaptation, which this suite does not have): always, here. A task sent back
    to be assigned (``back_in_to_assign``) waits for its agent."""
    return None if _last_action(obj) == "do_to_assign" else HIDDEN


def _last_action(obj):
    histories = list((getattr(obj, "workflow_history", None) or {}).values())
    return histories[0][-1].get("action") if histories and histories[0] else None


CHECKS = {
    ("incoming", "propose_to_pre_manager"): _im_to_pre_manager,
    ("incoming", "propose_to_manager"): _im_to_manager,
    ("incoming", "propose_to_agent"): _im_to_agent,
    ("incoming", "treat"): _im_treat,
    ("incoming", "close"): _im_close,
    ("incoming", "back_to_creation"): _im_back,
    ("incoming", "back_to_manager"): _im_back,
    ("incoming", "back_to_pre_manager"): _im_back_to_pre_manager,
    ("outgoing", "propose_to_n_plus_1"): _om_to_n_plus_1,
    ("outgoing", "propose_to_be_signed"): _om_to_be_signed,
    ("outgoing", "propose_to_approve"): _om_to_approve,
    ("outgoing", "approve"): _om_signed,
    ("outgoing", "set_to_print"): _om_to_print,
    ("outgoing", "mark_as_signed"): _om_signed,
    ("outgoing", "mark_as_sent"): _om_sent,
    ("outgoing", "back_to_scanned"): _om_back_to("scanned"),
    ("outgoing", "back_to_signed"): _om_back_to("signed"),
    ("outgoing", "back_to_validated"): _om_back_to("validated"),
    ("task", "do_to_assign"): _task_to_assign,
    ("task", "do_to_do"): _task_to_do,
    ("task", "auto_do_to_do"): _task_auto_to_do,
}
for _level in range(1, 6):
    CHECKS[("incoming", f"propose_to_n_plus_{_level}")] = _im_to_level
    CHECKS[("incoming", f"back_to_n_plus_{_level}")] = _im_back
