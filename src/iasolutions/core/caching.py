"""Values computed once per request, on plone.memoize.

A page asks for the same services, group members and names many times (each
vocabulary term, each dashboard row, each guard). ``request_cached`` remembers
a function's results for the rest of the request::

    @request_cached()
    def agents_of(service_uid, functions): ...

    @request_cached(membership=True)  # forgotten when someone joins or leaves a group
    def has_members(groupname): ...

Why request-scoped (``plone.memoize.request``'s store, the request's
annotations) rather than ``plone.memoize.ram``: what is cached (group
membership, services, configurations) changes through the UI, and a value that
lives only as long as the request needs no invalidation across threads or ZEO
clients; within the request, the changes that matter forget it (``forget``,
``forget_membership``). Domain functions have no request argument, so the
request is the global one (zope.globalrequest); without one (a script) the
value is computed each time. The list of services is the one value kept across
requests (``iasolutions.core.services``, under a stamp stored in the database).
"""

from plone.memoize import volatile
from zope.annotation.interfaces import IAnnotations
from zope.globalrequest import getRequest


# Dotted names of the functions whose values follow group membership.
_MEMBERSHIP = set()


def _dotted(function):
    function = getattr(function, "__wrapped__", function)
    return f"{function.__module__}.{function.__name__}"


def _args_key(function, *args, **kwargs):
    return repr((args, sorted(kwargs.items())))


def _store(*_args, **_kwargs):
    """Where plone.memoize.request keeps its values: the request's annotations."""
    request = getRequest()
    return IAnnotations(request, None) if request is not None else None


def request_cached(get_key=_args_key, membership=False):
    """Decorator: the function's result, remembered for the rest of the request.

    ``get_key(function, *args, **kwargs)`` makes the key (default: the
    arguments); ``membership``: the value depends on group membership.
    """

    def key(function, *args, **kwargs):
        if _store() is None:
            raise volatile.DontCache  # no request: compute each time
        return get_key(function, *args, **kwargs)

    def decorator(function):
        if membership:
            _MEMBERSHIP.add(_dotted(function))
        return volatile.cache(key, get_cache=_store)(function)

    return decorator


def forget(*functions):
    """Forget what this request remembered of these (decorated) functions."""
    _forget(_dotted(function) for function in functions)


def forget_membership(*args):
    """Group membership changed: forget the values that depend on it (subscribed
    to PluggableAuthService's principal added to / removed from group events)."""
    _forget(_MEMBERSHIP)


def _forget(names):
    store = _store()
    prefixes = tuple(name + ":" for name in names)
    if store is None or not prefixes:
        return
    for key in [k for k in store if isinstance(k, str) and k.startswith(prefixes)]:
        del store[key]
