"""Local roles by state: tables as data, computed apart from applied.

A module describes who gets which local role on its content as tables: for
each state, the holders and their roles. A holder stands for principals: a
global group for itself, a function (``editeur``, ``creators``…) for the
groups of the services concerned (the mail's treating service, the item's
proposing group)::

    TREATING = {"in_treatment": {"editeur": ("Editor",), "lecteur": ("Reader",)}}
    STATIC = {"in_treatment": {"dir_general": ("Reader",)}}

    roles = compute(state, [(STATIC, itself), (TREATING, service_groups(mail.treating_groups))])
    apply(mail, roles)

``compute`` is pure (state and tables in, ``{principal: roles}`` out);
``apply`` sets the result on the object, remembering what it gave so that
roles given by hand (the Sharing tab) are kept.
"""

from Acquisition import aq_get
from iasolutions.core.services import group_id
from persistent.mapping import PersistentMapping
from zope.annotation.interfaces import IAnnotations
from zope.globalrequest import getRequest


# The entry of a table for every state it does not name.
OTHER_STATES = "*"
# Where ``apply`` remembers, on the object, the roles it gave.
MEMORY = "_iasolutions_local_roles"
# borg.localrole caches the local-role checks of a request in its annotations.
BORG_CACHE_PREFIX = "borg.localrole."


def itself(holder):
    """The holder is a principal id (a global group, a configuration's group)."""
    return (holder,)


def service_groups(*service_uids):
    """Holders are functions: the principals are those functions' groups of the services.

    >>> service_groups(uid)("editeur")
    ['<uid>_editeur']
    """
    uids = [uid for uid in service_uids if uid]

    def principals(function_id):
        return [group_id(uid, function_id) for uid in uids]

    return principals


def compute(state, tables):
    """{principal: set of roles} the tables give in ``state``.

    ``tables`` is a sequence of ``(table, principals)``: ``table`` maps a state
    (or ``OTHER_STATES``) to ``{holder: roles}``; ``principals(holder)`` gives
    the principal ids a holder stands for. It is called only for the holders of
    ``state``, so costly lookups (the asked advisers) happen only when needed.
    """
    result = {}
    for table, principals in tables:
        holders = table.get(state, table.get(OTHER_STATES, {}))
        for holder, roles in holders.items():
            if not roles:
                continue
            for principal in principals(holder):
                if principal:
                    result.setdefault(principal, set()).update(roles)
    return result


def apply(obj, roles, block=None, memory=MEMORY, managed=()):
    """Give ``roles`` ({principal: roles}) on ``obj``, taking back those given before.

    Only the roles this function gave (remembered in the attribute ``memory``)
    are taken back: Owner and roles given by hand stay. On an object that has
    no memory yet, the roles in ``managed`` count as given by the rules.
    ``block`` True or False sets whether the object acquires local roles from
    its parent (None leaves it). Returns True when something changed; the
    caller reindexes the security it needs.
    """
    previous = getattr(obj, memory, None)
    if previous is None:
        previous = _managed_roles(obj, managed)
    changed = _set_block(obj, block)
    for principal in set(previous) | set(roles):
        current = set(obj.get_local_roles_for_userid(principal))
        wanted = (current - set(previous.get(principal, ()))) | set(roles.get(principal, ()))
        if wanted == current:
            continue
        changed = True
        if wanted:
            obj.manage_setLocalRoles(principal, sorted(wanted))
        else:
            obj.manage_delLocalRoles([principal])
    given = {principal: tuple(sorted(r)) for principal, r in roles.items() if r}
    if dict(previous) != given or getattr(obj, memory, None) is None:
        setattr(obj, memory, PersistentMapping(given))
    if changed:
        forget_cached_roles(obj)
    return changed


def _managed_roles(obj, managed):
    managed = set(managed)
    found = {}
    for principal, roles in (getattr(obj, "__ac_local_roles__", None) or {}).items():
        if managed & set(roles):
            found[principal] = tuple(managed & set(roles))
    return found


def _set_block(obj, block):
    if block is None or bool(getattr(obj, "__ac_local_roles_block__", False)) == block:
        return False
    obj.__ac_local_roles_block__ = block
    return True


def forget_cached_roles(obj=None):
    """Forget the local-role checks borg.localrole cached on the request.

    They are stale once roles change: later checks in the same request (a
    batch action, the REST answer after a transition) must see the new roles.
    """
    request = aq_get(obj, "REQUEST", None) if obj is not None else None
    if request is None or isinstance(request, str):
        request = getRequest()
    annotations = IAnnotations(request, None) if request is not None else None
    if annotations is None:
        return
    for key in [k for k in annotations if isinstance(k, str) and k.startswith(BORG_CACHE_PREFIX)]:
        del annotations[key]
