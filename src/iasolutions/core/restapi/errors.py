"""JSON errors with the right HTTP status, as plone.restapi writes them."""


def error(request, status, message, type_="BadRequest", **extra):
    request.response.setStatus(status)
    body = {"type": type_, "message": message}
    body.update(extra)
    return {"error": body}


def bad_request(request, message, **extra):
    return error(request, 400, message, **extra)
