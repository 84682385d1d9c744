"""Helpers of the delib tests: users of each function, items and meetings."""

from datetime import datetime
from iasolutions.delib.meetingconfigs import folder_of
from plone import api
from plone.app.textfield.value import RichTextValue
from tests.helpers import as_user
from tests.helpers import create_user


# user id: (service id, function) or a config group
USERS = {
    "creator_fin": [("finances", "creators")],
    "reviewer_fin": [("finances", "reviewers")],
    "observer_fin": [("finances", "observers")],
    "creator_trav": [("travaux", "creators")],
    "reviewer_trav": [("travaux", "reviewers")],
    "adviser_dg": [("direction-generale", "advisers")],
    "adviser_fin": [("finances", "advisers")],
    "copy_dg": [("direction-generale", "reviewers")],
    "manager": ["meeting-config-college_meetingmanagers", "meeting-config-council_meetingmanagers"],
    "powerobserver": ["meeting-config-college_powerobservers"],
    "nobody": [],
}


def create_delib_users(services):
    for userid, memberships in USERS.items():
        groups = []
        for membership in memberships:
            if isinstance(membership, tuple):
                groups.append(f"{services[membership[0]]}_{membership[1]}")
            else:
                groups.append(membership)
        create_user(userid, groups=groups)
    return list(USERS)


def html(text):
    return RichTextValue(text, "text/html", "text/x-html-safe")


def make_item(cfg, userid, proposing_group, title="Point", **fields):
    with as_user(userid):
        return api.content.create(
            container=folder_of(cfg),
            type=cfg.getItemTypeName(),
            title=title,
            proposingGroup=proposing_group,
            **fields,
        )


def earlier_today(share=0.5):
    """A moment of today before now, ``share`` of the way from midnight: a meeting then can
    be decided (its date is past) and still takes items (it is today), at any hour of the
    run, 00:30 included."""
    now = datetime.now()
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight + (now - midnight) * share


def make_meeting(cfg, userid="manager", date=None, **fields):
    date = date or earlier_today()
    from iasolutions.delib.agenda import create_meeting

    with as_user(userid):
        return create_meeting(cfg, date, **fields)


def transition(obj, userid, *transition_ids, comment=""):
    from iasolutions.delib.transitions import do_transition

    with as_user(userid):
        for transition_id in transition_ids:
            do_transition(obj, transition_id, comment=comment)
    return api.content.get_state(obj)


def state(obj):
    return api.content.get_state(obj)


def can(userid, permission, obj):
    with as_user(userid):
        return bool(api.user.has_permission(permission, obj=obj))


def transitions_of(obj, userid):
    from iasolutions.delib.transitions import available_transitions

    with as_user(userid):
        return sorted(available_transitions(obj))


def validated_item(
    cfg, services, title="Point", proposer="creator_fin", service="finances", **fields
):
    fields.setdefault("category", "administration")
    fields.setdefault("decision", html("<p>Décide d'approuver.</p>"))
    item = make_item(cfg, proposer, services[service], title=title, **fields)
    transition(item, proposer, "propose")
    transition(item, "reviewer_fin" if service == "finances" else "reviewer_trav", "validate")
    return item
