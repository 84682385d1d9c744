"""JSON errors with the right HTTP status, as plone.restapi writes them."""


def error(request, status, message, type_="BadRequest", **extra):
    request.response.setStatus(status)
    body = {"type": type_, "message": message}
    body.update(extra)
    return {"error": body}


def bad_request(request, message, **extra):
    return error(request, 400, message, **extra)



def json_object(request):
    """The request's JSON body as a dict (``{}`` when empty), or None when it is not
    a JSON object: the service answers ``not_a_json_object`` before writing anything."""
    from plone.restapi.deserializer import json_body

    try:
        data = json_body(request)
    except Exception:  # plone.restapi's DeserializationError, or a body not UTF-8
        return None
    return data if isinstance(data, dict) else None


def not_a_json_object(request):
    from iasolutions.core import _
    from zope.i18n import translate

    return bad_request(request, translate(_("The body must be a JSON object."), context=request))
