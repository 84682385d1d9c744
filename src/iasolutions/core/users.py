"""Helpers to set up users (demo data, organisation set-up)."""

from plone import api


def ensure_user(userid, fullname, password, email=None, roles=(), groups=()):
    """Create the user when missing; grant the roles and group memberships."""
    user = api.user.get(userid=userid)
    if user is None:
        user = api.user.create(
            username=userid, email=email or f"{userid}@example.org", password=password,
            properties={"fullname": fullname},
        )
    if roles:
        api.user.grant_roles(user=user, roles=list(roles))
    current = set(user.getGroups())
    for group in groups:
        if group not in current and api.group.get(groupname=group) is not None:
            api.group.add_user(groupname=group, user=user)
    return user
