"""Helpers to set up users (demo data, organisation set-up)."""

from iasolutions.core.organisation import should_create
from plone import api


def ensure_user(userid, fullname, password, email=None, roles=(), groups=()):
    """Create the user, grant the roles and add the group memberships, each once.

    Running the demo again never undoes an administrator's change: a user they
    deleted, a role they took back or a group they removed the user from stays
    so (``organisation.should_create`` remembers what was given). Returns the
    user, or None when the administrator deleted it.
    """
    user = api.user.get(userid=userid)
    if should_create(f"users/{userid}", user is not None):
        user = api.user.create(
            username=userid,
            email=email or f"{userid}@example.org",
            password=password,
            properties={"fullname": fullname},
        )
    if user is None:
        return None
    current_roles = set(user.getRoles())
    for role in roles:
        if should_create(f"users/{userid}/roles/{role}", role in current_roles):
            api.user.grant_roles(user=user, roles=[role])
    current = set(user.getGroups())
    for group in groups:
        if api.group.get(groupname=group) is None:
            continue
        if should_create(f"users/{userid}/groups/{group}", group in current):
            api.group.add_user(groupname=group, user=user)
    return user
