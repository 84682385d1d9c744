"""The rules of the mail and task workflows, with the reason of each refusal.

Three tables on the core evaluator (``iasolutions.core.guards``), registered in
``configure.zcml`` for incoming mails, outgoing mails and tasks: one small function per
rule, each returning None, the message the user sees, or ``HIDDEN`` (the step is not
used here). Each workflow transition has a guard permission (``Review portal content``:
who) and a guard expression ``python:here.wf_guard('<transition>')`` (when), which asks
``refusal``; the mail view lists the refusals, the REST API answers 400 with them.
"""

from AccessControl.users import UnrestrictedUser
from iasolutions.core import guards
from iasolutions.core.guards import HIDDEN
from iasolutions.core.guards import Rules
from iasolutions.mail import _
from iasolutions.mail import settings
from iasolutions.mail import validation
from iasolutions.mail.assignment import agents_of
from iasolutions.mail.module import DIR_GENERAL
from iasolutions.mail.module import EDITOR_FUNCTIONS
from iasolutions.mail.module import EXPEDITION
from plone import api
from zope.globalrequest import getRequest
from zope.i18n import translate


LEVELS = range(1, 6)


def refusal(obj, transition):
    """Why ``transition`` cannot be done on ``obj`` now (a message or ``HIDDEN``), or
    None when it can (the permission guard of the workflow aside)."""
    return guards.why_not(obj, transition)


def refusals(obj):
    """{transition id: message} for the transitions of the current state that the
    rules refuse (transitions hidden by settings are left out)."""
    return guards.refusals(obj)


# --- helpers ---------------------------------------------------------------

FIELD_TITLES = {
    "title": _("title"),
    "treating_groups": _("treating service"),
    "sender": _("sender"),
    "mail_type": _("mail type"),
    "assigned_user": _("assigned agent"),
    "assigned_group": _("assigned service"),
}


def requires(*names):
    """The rule "these fields are filled in", naming all the missing ones at once."""

    def rule(obj, transition):
        missing = [FIELD_TITLES[name] for name in names if not getattr(obj, name, None)]
        if not missing:
            return None
        request = getRequest()
        fields = ", ".join(translate(name, context=request) for name in missing)
        return _("Missing: ${fields}.", mapping={"fields": fields})

    return rule


def is_admin(user):
    """Manager or Site Administrator (global roles; scripts run as the system user)."""
    if isinstance(getattr(user, "aq_base", user), UnrestrictedUser):
        return True
    roles = user.getRoles() if hasattr(user, "getRoles") else ()
    return "Manager" in roles or "Site Administrator" in roles


def has_main_file(obj):
    return any(child.portal_type == "dmsommainfile" for child in obj.objectValues())


def _history_states(obj):
    states = set()
    for history in (getattr(obj, "workflow_history", None) or {}).values():
        states.update(entry.get("review_state") for entry in history)
    return states


def _last_action(obj):
    histories = list((getattr(obj, "workflow_history", None) or {}).values())
    return histories[0][-1].get("action") if histories and histories[0] else None


# --- incoming mail ---------------------------------------------------------


def _pre_manager_used(obj, transition):
    return None if settings.get("imail_pre_manager_validation") else HIDDEN


def _level_used(obj, transition):
    level = int(transition.rsplit("_", 1)[1])
    return None if level in settings.validation_levels() else HIDDEN


def _next_level(obj, transition):
    """Only the next level of the service's validation is offered."""
    return None if validation.next_transition(obj) == transition else HIDDEN


def _validated_by_every_level(obj, transition):
    following = validation.next_transition(obj)
    if following == "propose_to_agent":
        return None
    return _(
        "The mail must first be validated by the N+${level} of the service.",
        mapping={"level": following.rsplit("_", 1)[1]},
    )


def assigned_user_needed(obj):
    """Does proposing to the agent need an assigned user (setting assigned_user_check)?"""
    check = settings.get("assigned_user_check")
    if check == "mandatory":
        return True
    if check == "n_plus_1":
        # The N+1 of the service assigns the agent: needed when the service has one.
        return 1 in validation.service_levels(obj.treating_groups, obj.portal_type)
    return False


def _assigned_user_chosen(obj, transition):
    if not obj.assigned_user and assigned_user_needed(obj):
        return _("Choose the assigned agent first.")
    return None


def _by_editor_or_management(obj, transition):
    user = api.user.get_current()
    if is_admin(user) or DIR_GENERAL in user.getGroups():
        return None
    if user.getId() in agents_of(obj.treating_groups, EDITOR_FUNCTIONS):
        return None
    return _(
        "Only the editors of the treating service or the general management can close the mail."
    )


def _back_one_level(obj, transition):
    """During validation, back only to the levels the mail went through."""
    state = api.content.get_state(obj)
    in_validation = state == "proposed_to_agent" or validation.state_level(state) is not None
    if in_validation and transition not in validation.back_transitions(obj, state):
        return HIDDEN
    return None


INCOMING_RULES = Rules(
    {
        "propose_to_pre_manager": (_pre_manager_used, requires("title", "treating_groups")),
        "propose_to_manager": (requires("title", "treating_groups"),),
        **{
            f"propose_to_n_plus_{level}": (_level_used, requires("treating_groups"), _next_level)
            for level in LEVELS
        },
        "propose_to_agent": (
            requires("title", "treating_groups"),
            _validated_by_every_level,
            _assigned_user_chosen,
        ),
        "treat": (requires("title", "sender", "treating_groups"),),
        "close": (requires("sender", "treating_groups", "mail_type"), _by_editor_or_management),
        "back_to_creation": (_back_one_level,),
        "back_to_pre_manager": (_pre_manager_used,),
        "back_to_manager": (_back_one_level,),
        **{f"back_to_n_plus_{level}": (_back_one_level,) for level in LEVELS},
    }
)


# --- outgoing mail ---------------------------------------------------------


def _validation_used(obj, transition):
    return None if settings.get("omail_validation") else HIDDEN


def _service_has_n_plus_1(obj, transition):
    return None if 1 in validation.service_levels(obj.treating_groups, obj.portal_type) else HIDDEN


def _approval_used(obj, transition):
    return None if validation.needs_approval(obj) else HIDDEN


def _printing_used(obj, transition):
    return None if settings.get("omail_printing") else HIDDEN


def _validated_first(obj, transition):
    """A mail still in creation goes to the N+1 of its service first, if it has one."""
    if api.content.get_state(obj) == "created" and 1 in validation.service_levels(
        obj.treating_groups, obj.portal_type
    ):
        return _("The mail must first be validated by the N+1 of the service.")
    return None


def _approved_first(obj, transition):
    state = api.content.get_state(obj)
    if state in ("created", "validated") and validation.needs_approval(obj):
        return _("The mail must first be approved by the N+1 of the service.")
    return None


def _main_file_added(obj, transition):
    return None if has_main_file(obj) else _("Add the letter (a main file) first.")


def _email_sent_first(obj, transition):
    if "email" not in (obj.send_modes or ()) or obj.email_status:
        return None
    user = api.user.get_current()
    if is_admin(user) or EXPEDITION in user.getGroups():
        return None
    return _("The mail is sent by email: send the email first.")


def _been_in(state):
    """The rule "the mail has been in ``state``" (going back to a state it never had
    makes no sense)."""

    def rule(obj, transition):
        return None if state in _history_states(obj) else HIDDEN

    return rule


OUTGOING_RULES = Rules(
    {
        "propose_to_n_plus_1": (_validation_used, _service_has_n_plus_1),
        "propose_to_be_signed": (_validated_first, _approved_first, _main_file_added),
        "propose_to_approve": (_approval_used, _validated_first, _main_file_added),
        "approve": (_main_file_added,),
        "set_to_print": (_printing_used, _validated_first, _approved_first, _main_file_added),
        "mark_as_signed": (_main_file_added,),
        "mark_as_sent": (_validated_first, _approved_first, _email_sent_first),
        "back_to_scanned": (_been_in("scanned"),),
        "back_to_signed": (_been_in("signed"),),
        "back_to_validated": (_been_in("validated"),),
    }
)


# --- task ------------------------------------------------------------------


def _just_sent_to_assign(obj, transition):
    """The reference goes on from ``do_to_assign`` to "to do" when an agent is
    chosen or when tasks have no service validation (its TaskServiceValidation
    adaptation, which this suite does not have): always, here. A task sent back
    to be assigned (``back_in_to_assign``) waits for its agent."""
    return None if _last_action(obj) == "do_to_assign" else HIDDEN


TASK_RULES = Rules(
    {
        "do_to_assign": (requires("assigned_group"),),
        "do_to_do": (requires("assigned_group", "assigned_user"),),
        "auto_do_to_do": (_just_sent_to_assign,),
    }
)
