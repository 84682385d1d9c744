"""Internal services of the organisation and their Plone groups.

Internal services are ``organization`` contacts under
``contacts/plonegroup-organization`` (the organisation itself), nested as
deep as needed, as in the reference (collective.contact.plonegroup). For each
service and each active function there is a Plone group
``<service uid>_<function id>``, created, renamed and removed with the service.
"""

from Acquisition import aq_base
from dataclasses import dataclass
from iasolutions.core.caching import forget
from iasolutions.core.caching import request_cached
from iasolutions.core.i18n import site_language
from iasolutions.core.modules import active_functions
from plone import api
from plone.memoize import ram
import uuid
from zope.globalrequest import getRequest
from zope.i18n import translate


CONTACTS_ID = "contacts"
OWN_ORGANIZATION_ID = "plonegroup-organization"
SERVICES_STAMP = "_iasolutions_services_stamp"


def get_own_organization():
    """The organisation itself (the root of the internal services), or None."""
    portal = api.portal.get()
    contacts = portal.get(CONTACTS_ID)
    if contacts is None:
        return None
    return contacts.get(OWN_ORGANIZATION_ID)


def is_service(obj):
    """True for an organization nested under the organisation itself."""
    own = get_own_organization()
    if own is None or getattr(obj, "portal_type", None) != "organization":
        return False
    own_path = own.getPhysicalPath()
    path = obj.getPhysicalPath()
    return len(path) > len(own_path) and path[: len(own_path)] == own_path


@dataclass(frozen=True)
class ServiceRecord:
    """What lists of services read of a service, with a brain's names. Unlike a
    brain (bound to one request's connection), it is kept across requests and
    threads (``_service_records``)."""

    UID: str
    getId: str
    Title: str
    acronym: str
    review_state: str
    path: str

    def getPath(self):
        return self.path

    def getURL(self):
        request = getRequest()
        if request is None:
            return api.portal.get().unrestrictedTraverse(self.path).absolute_url()
        return request.physicalPathToURL(self.path)

    def getObject(self):
        return api.portal.get().unrestrictedTraverse(self.path)


@request_cached()
def get_services(active_only=False):
    """Internal services (``ServiceRecord``), depth-first in the order of the tree.

    The services are no secret to agents, and profiles applied from the command
    line run as the Zope system user, for whom a restricted search finds
    nothing: the search is unrestricted. Kept across requests until a service is
    added, changed, moved or removed (``forget_services``).
    """
    return _service_records(active_only)


def _services_key(function, active_only=False):
    """The services' stamp: a new one each time a service changes (``forget_services``),
    stored on the organisation, so that every thread and every Zope client of the
    database sees the change when it commits. Nothing is kept while this transaction
    changes the services (it may be aborted), nor for a site without a stamp."""
    own = get_own_organization()
    stamp = getattr(own, SERVICES_STAMP, None) if own is not None else None
    if stamp is None or own._p_changed:
        raise ram.DontCache
    return (stamp, active_only)


@ram.cache(_services_key)
def _service_records(active_only=False):
    own = get_own_organization()
    if own is None:
        return ()
    own_path = "/".join(own.getPhysicalPath())
    query = {
        "portal_type": "organization",
        "path": {"query": own_path, "depth": -1},
        "sort_on": "getObjPositionInParent",
    }
    if active_only:
        query["review_state"] = "active"
    children = {}
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(**query):
        children.setdefault(brain.getPath().rsplit("/", 1)[0], []).append(brain)
    ordered = []

    def walk(path):
        for brain in children.get(path, ()):
            ordered.append(
                ServiceRecord(
                    UID=brain.UID,
                    getId=brain.getId,
                    Title=brain.Title,
                    acronym=brain.acronym or "",
                    review_state=brain.review_state,
                    path=brain.getPath(),
                )
            )
            walk(brain.getPath())

    walk(own_path)
    return tuple(ordered)


def stamp_services():
    """Give the services a new stamp: what was kept of them is read again."""
    own = get_own_organization()
    if own is not None:
        setattr(own, SERVICES_STAMP, uuid.uuid4().hex)


def forget_services():
    """The services changed: the next lookups search again, in this request and
    (once committed) in every other."""
    stamp_services()
    forget(get_services, _services_by_uid)


def service_changed(obj, event):
    """An organisation was added, changed, moved or removed: forget the services if it
    is one of them, or the organisation itself. Contacts' organisations (senders,
    recipients) leave the stamp alone: agents add them all day, concurrently."""
    try:
        own = get_own_organization()
    except api.exc.CannotGetPortalError:
        return  # the whole site is being removed
    if own is None:
        return
    parents = (obj, getattr(event, "oldParent", None), getattr(event, "newParent", None))
    if any(p is not None and (aq_base(p) is aq_base(own) or is_service(p)) for p in parents):
        forget_services()


def service_uid(reference):
    """UID of the service whose UID, id or acronym (any case) is ``reference``, or None.

    >>> service_uid("FIN") == service_uid("finances") == service_uid(finances_uid)
    True
    """
    reference = (reference or "").strip() if isinstance(reference, str) else ""
    if not reference:
        return None
    for brain in get_services():
        if reference in (brain.UID, brain.getId):
            return brain.UID
    for brain in get_services():
        if brain.acronym and reference.lower() == brain.acronym.lower():
            return brain.UID
    return None


def get_service(reference):
    """The internal service whose UID, id or acronym is ``reference``, or None."""
    uid = service_uid(reference)
    obj = api.content.get(UID=uid) if uid else None
    return obj if obj is not None and is_service(obj) else None


def service_title(uid, acronym=False):
    """The title of the service with this UID ("" if unknown); with ``acronym``,
    "Finances (FIN)" when it has one (as vocabularies show services)."""
    brain = _services_by_uid().get(uid) if isinstance(uid, str) else None
    if brain is None:
        return ""
    if acronym and getattr(brain, "acronym", ""):
        return f"{brain.Title} ({brain.acronym})"
    return brain.Title


def service_record(uid):
    """The ``ServiceRecord`` of the service with this UID, or None."""
    return _services_by_uid().get(uid) if isinstance(uid, str) else None


@request_cached()
def _services_by_uid():
    return {brain.UID: brain for brain in get_services()}


@request_cached()
def fullname(userid):
    """The full name of a user, else the user id ("" for no user id)."""
    if not userid:
        return ""
    user = api.user.get(userid=userid)
    return (user.getProperty("fullname") or userid) if user is not None else userid


def add_service(title, acronym="", parent=None, id=None):
    """Create an internal service (under ``parent``, default the organisation)."""
    parent = parent if parent is not None else get_own_organization()
    return api.content.create(
        container=parent,
        type="organization",
        title=title,
        acronym=acronym,
        id=id,
        safe_id=id is None,
    )


def group_id(service_uid, function_id):
    return f"{service_uid}_{function_id}"


def split_group_id(groupid):
    """(service uid, function id) for a service group id, or None."""
    uid, sep, function_id = groupid.partition("_")
    if not sep or len(uid) != 32:
        return None
    return uid, function_id


def group_title(service, function):
    function_title = translate(function.title, target_language=site_language())
    return f"{service.title} ({function_title})"


def sync_service_groups(service, functions=None):
    """Create the missing groups of a service and keep their titles in step."""
    uid = api.content.get_uuid(service)
    for function in functions if functions is not None else active_functions():
        gid = group_id(uid, function.id)
        title = group_title(service, function)
        group = api.group.get(groupname=gid)
        if group is None:
            api.group.create(groupname=gid, title=title)
        elif group.getProperty("title") != title:
            group.setGroupProperties({"title": title})


def remove_service_groups(service_uid, functions=None):
    """Remove the groups of a service (all functions, or the given ones)."""
    if functions is None:
        prefix = service_uid + "_"
        gids = [g.getId() for g in api.group.get_groups() if g.getId().startswith(prefix)]
    else:
        gids = [group_id(service_uid, function.id) for function in functions]
    for gid in gids:
        if api.group.get(groupname=gid) is not None:
            api.group.delete(groupname=gid)


def sync_all_groups(functions=None):
    """Groups of every service for every active function (used when a module installs)."""
    for brain in get_services():
        sync_service_groups(brain.getObject(), functions)


def remove_function_groups(functions):
    """Remove the groups of these functions from every service (module uninstall)."""
    for brain in get_services():
        remove_service_groups(brain.UID, functions)


def services_of_user(user=None, function_id=None):
    """UIDs of the services where the user holds the function (any function if None)."""
    user = user or api.user.get_current()
    uids = []
    for gid in user.getGroups():
        parts = split_group_id(gid)
        holds = parts and (function_id is None or parts[1] == function_id)
        if holds and parts[0] not in uids:
            uids.append(parts[0])
    return uids


def service_members(service_uid, function_id):
    """User ids in the group of a service and function."""
    return list(group_member_ids(group_id(service_uid, function_id)))


@request_cached(membership=True)
def group_member_ids(groupname):
    """Ids of the users and groups directly in a group, sorted (none for an unknown
    group). Read from the group plugins without loading each member, which
    ``getGroupMemberIds`` does to leave out deleted users: here a deleted user
    leaves its groups (``principal_deleted``)."""
    return tuple(sorted(api.portal.get_tool("portal_groups").getGroupMembers(groupname)))


def principal_deleted(event):
    """A user or group was deleted: it leaves every group. Plone keeps it in them
    otherwise, and a user created later with the same id would hold its rights."""
    remove_from_groups(event.principal)


def remove_from_groups(principal_id):
    groups_tool = api.portal.get_tool("portal_groups")
    for groupname in groups_tool.getGroupIds():
        if principal_id in groups_tool.getGroupMembers(groupname):
            groups_tool.removePrincipalFromGroup(principal_id, groupname)


def remove_deleted_members():
    """Take out of every group the principals that no longer exist (deleted before
    ``principal_deleted`` existed). Returns their ids."""
    acl_users = api.portal.get_tool("acl_users")
    groups_tool = api.portal.get_tool("portal_groups")
    gone = set()
    for groupname in groups_tool.getGroupIds():
        for member in groups_tool.getGroupMembers(groupname):
            if acl_users.getUserById(member) is None and groups_tool.getGroupById(member) is None:
                groups_tool.removePrincipalFromGroup(member, groupname)
                gone.add(member)
    return sorted(gone)
