"""JSON errors with the right HTTP status, as plone.restapi writes them."""

import json
from plone import api
from plone.rest.errors import ErrorHandling as BaseErrorHandling
from plone.rest.interfaces import IAPIRequest
from plone.restapi.deserializer import json_body
from plone.restapi.exceptions import DeserializationError
from zExceptions import Unauthorized


def error(request, status, message, type_="BadRequest", **extra):
    request.response.setStatus(status)
    body = {"type": type_, "message": message}
    body.update(extra)
    return {"error": body}


def bad_request(request, message, **extra):
    return error(request, 400, message, **extra)


def json_object(request):
    """The request's JSON body as a dict (``{}`` when empty), or None when it is not
    a JSON object: the service answers ``not_a_json_object`` before writing anything.
    Every suite service reads its body here (never ``json_body`` in a bare try)."""
    try:
        data = json_body(request)
    except (DeserializationError, RecursionError):  # not JSON (or not UTF-8), not an object
        return None
    return data if isinstance(data, dict) else None


def not_a_json_object(request):
    from iasolutions.core import _
    from zope.i18n import translate

    return bad_request(request, translate(_("The body must be a JSON object."), context=request))


def logged_in(request):
    """Whether the request carries the credentials of a user (refused or not: when
    traversal refuses the published object, the user is not set yet)."""
    if not api.user.is_anonymous():
        return True
    site = api.portal.get()
    for acl_users in (site.acl_users, site.getPhysicalRoot().acl_users):
        plugins = getattr(acl_users, "plugins", None)
        if plugins is not None and acl_users._extractUserIds(request, plugins):
            return True
        if plugins is None and request._auth:  # the Zope root's basic user folder
            name, password = acl_users.identify(request._auth)
            if name and acl_users.authenticate(name, password, request) is not None:
                return True
    return False


class ErrorHandling(BaseErrorHandling):
    """plone.rest's JSON error, with the suite's ``{"error": {"type", "message"}}`` too
    (the shape every suite service answers), and refusals told apart: 401 for an
    anonymous visitor (log in), 403 for a logged-in user lacking the permission."""

    def __call__(self):
        exception = self.context
        data = self.render_exception(exception)
        status = type(exception)
        if isinstance(exception, Unauthorized) and logged_in(self.request):
            status = 403
            if isinstance(data, dict):
                data["type"] = "Forbidden"
        if isinstance(data, dict):
            data.setdefault("error", {"type": data.get("type"), "message": data.get("message")})
        response = self.request.response
        response.setHeader("Content-Type", "application/json")
        response.setStatus(status, lock=1)
        response.setBody(json.dumps(data, indent=2, sort_keys=True), lock=1)
        response._has_challenged = True  # as plone.rest: no redirect to the login form


def refused_when_logged_in(event):
    """IPubBeforeCommit: a REST answer of 401 to a logged-in user is a 403 (some of
    plone.restapi's services, ``@users`` for one, set 401 whoever asks)."""
    request = event.request
    response = request.response
    if not IAPIRequest.providedBy(request) or response.getStatus() != 401:
        return
    if not logged_in(request):
        return
    response.setStatus(403)
    body = response.getBody() if hasattr(response, "getBody") else response.body
    if body in (b"", b"null", "", "null", None):
        message = "You are not allowed to do this."
        response.setHeader("Content-Type", "application/json")
        response.setBody(
            json.dumps(
                {
                    "type": "Forbidden",
                    "message": message,
                    "error": {"type": "Forbidden", "message": message},
                }
            )
        )
