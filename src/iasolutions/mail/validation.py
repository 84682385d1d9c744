"""Validation levels: where an incoming mail goes next, and where it goes back.

The incoming-mail workflow holds every state of the reference's adaptations
(``proposed_to_pre_manager``, ``proposed_to_n_plus_5`` … ``proposed_to_n_plus_1``);
settings switch them on for the organisation, and for each service a level is
used only when the service's ``n_plus_N`` group has members. Nothing is stored:
the levels of a service follow its group membership at once, and switching a
level on or off needs no reindexing.

Order of the states::

    created → [proposed_to_pre_manager] → proposed_to_manager (optional)
            → proposed_to_n_plus_5 … proposed_to_n_plus_1 (the levels in use)
            → proposed_to_agent → in_treatment → closed
"""

from iasolutions.core.caching import request_cached
from iasolutions.core.services import group_id
from iasolutions.core.services import group_member_ids
from iasolutions.core.services import split_group_id
from iasolutions.mail import settings
from plone import api


BEFORE_LEVELS = ("created", "proposed_to_pre_manager", "proposed_to_manager")
AGENT = "proposed_to_agent"


def level_state(level):
    return f"proposed_to_n_plus_{level}"


def state_level(state):
    """5 for ``proposed_to_n_plus_5``, None for other states."""
    prefix = "proposed_to_n_plus_"
    if state and state.startswith(prefix) and state[len(prefix) :].isdigit():
        return int(state[len(prefix) :])
    return None


@request_cached(membership=True)
def has_members(groupname):
    """Does the group have members? (remembered for the request, until membership changes)"""
    return bool(group_member_ids(groupname))


def service_levels(service_uid, portal_type="dmsincomingmail"):
    """Levels a mail of this service goes through, highest first: e.g. (2, 1)."""
    if not service_uid:
        return ()
    if portal_type == "dmsoutgoingmail":
        levels = (1,) if settings.get("omail_validation") else ()
    else:
        levels = settings.validation_levels()
    return tuple(level for level in levels if has_members(group_id(service_uid, f"n_plus_{level}")))


def next_transition(mail, state=None):
    """The transition that moves an incoming mail down to the next step of its
    service: ``propose_to_n_plus_N`` for the next level in use, else
    ``propose_to_agent``."""
    state = state or api.content.get_state(mail)
    current = state_level(state)
    for level in service_levels(mail.treating_groups, mail.portal_type):
        if current is None or level < current:
            return f"propose_to_n_plus_{level}"
    return "propose_to_agent"


def back_transitions(mail, state=None):
    """Back transitions offered from a level or from ``proposed_to_agent``: to
    the nearest level in use above, else to the general management and to creation."""
    state = state or api.content.get_state(mail)
    current = 0 if state == AGENT else state_level(state)
    if current is None:
        return ()
    for level in reversed(service_levels(mail.treating_groups, mail.portal_type)):
        if level > current:
            return (f"back_to_n_plus_{level}",)
    back = ["back_to_creation", "back_to_manager"]
    return tuple(back)


def level_is_obsolete(mail, state=None):
    """True when the mail sits on a level its (new) treating service does not use."""
    level = state_level(state or api.content.get_state(mail))
    return level is not None and level not in service_levels(mail.treating_groups, mail.portal_type)


def user_levels(user=None):
    """{service uid: [levels]} where the user validates (member of ``n_plus_N``),
    for the levels switched on."""
    user = user or api.user.get_current()
    enabled = set(settings.validation_levels())
    result = {}
    for gid in user.getGroups():
        parts = split_group_id(gid)
        if parts and parts[1].startswith("n_plus_") and parts[1][7:].isdigit():
            level = int(parts[1][7:])
            if level in enabled:
                result.setdefault(parts[0], []).append(level)
    return result


def needs_approval(mail):
    """Does this outgoing mail go through ``to_approve`` (setting ``omail_approval``)?
    As the levels, only when the service has an N+1 to approve it."""
    return bool(
        settings.get("omail_approval")
        and mail.treating_groups
        and has_members(group_id(mail.treating_groups, "n_plus_1"))
    )
