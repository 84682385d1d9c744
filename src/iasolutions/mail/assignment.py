"""Who may be assigned a mail or a task: the agents of a service's editor
functions (editeur and the N+ levels)."""

from iasolutions.core.caching import request_cached
from iasolutions.core.services import group_id
from iasolutions.core.services import group_member_ids
from iasolutions.mail.module import EDITOR_FUNCTIONS


def agents_of(service_uid, functions=EDITOR_FUNCTIONS):
    """User ids holding one of ``functions`` in the service, sorted, without duplicates."""
    return list(_agents_of(service_uid, tuple(functions)))


@request_cached(membership=True)
def _agents_of(service_uid, functions):
    users = set()
    for function in functions:
        users.update(group_member_ids(group_id(service_uid, function)))
    return tuple(sorted(users))


def can_be_assigned(userid, service_uid):
    return userid in agents_of(service_uid)
