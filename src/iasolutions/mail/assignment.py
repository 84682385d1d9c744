"""Who may be assigned a mail or a task: the agents of a service's editor
functions (editeur and the N+ levels)."""

from iasolutions.core.caching import request_cached
from iasolutions.core.services import group_id
from iasolutions.mail.module import EDITOR_FUNCTIONS
from plone import api


def agents_of(service_uid, functions=EDITOR_FUNCTIONS):
    """User ids holding one of ``functions`` in the service, sorted, without duplicates."""
    return list(_agents_of(service_uid, tuple(functions)))


@request_cached(membership=True)
def _agents_of(service_uid, functions):
    users = set()
    for function in functions:
        group = api.group.get(groupname=group_id(service_uid, function))
        if group is not None:
            users.update(group.getGroupMemberIds())
    return tuple(sorted(users))


def can_be_assigned(userid, service_uid):
    return userid in agents_of(service_uid)
