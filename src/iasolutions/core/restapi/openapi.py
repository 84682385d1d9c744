"""``GET @iasolutions-openapi``: an OpenAPI 3 description of the suite's own endpoints.

Each package describes its endpoints in ``restapi/openapi.json`` (paths and tags);
the description of a site is the trunk's part and that of each module installed
there (a module plugs in by shipping its file, the trunk never names it). The
whole suite's description is kept in ``docs/openapi.json`` (a test checks they
agree). plone.restapi's standard endpoints are described by plone.restapi.
"""

import copy
from iasolutions.core.modules import installed_modules
import importlib.resources
import json
from plone.restapi.services import Service


ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["type", "message"],
            "properties": {"type": {"type": "string"}, "message": {"type": "string"}},
        }
    },
}


def _response(description, schema=None):
    response = {"description": description}
    if schema is not None:
        response["content"] = {"application/json": {"schema": schema}}
    return response


BASE = {
    "openapi": "3.0.3",
    "info": {
        "title": "iA.Solutions REST API: the suite's own endpoints",
        "version": "1",
        "description": (
            "The endpoints the suite adds to plone.restapi's. Send and accept JSON "
            "(Accept: application/json). Status codes: 400 bad input (a JSON message, nothing "
            "written), 401 not logged in, 403 logged in but not allowed, 404 unknown."
        ),
    },
    "components": {
        "securitySchemes": {
            "basic": {"type": "http", "scheme": "basic"},
            "jwt": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
        },
        "schemas": {"Error": ERROR},
        "responses": {
            "OK": _response("Done: the JSON answer"),
            "Created": _response("Created: the new object in JSON"),
            "BadRequest": _response(
                "Bad input: what is wrong; nothing written", {"$ref": "#/components/schemas/Error"}
            ),
            "Unauthorized": _response("Not logged in", {"$ref": "#/components/schemas/Error"}),
            "Forbidden": _response(
                "Logged in, not allowed", {"$ref": "#/components/schemas/Error"}
            ),
            "NotFound": _response("Unknown", {"$ref": "#/components/schemas/Error"}),
        },
    },
    "security": [{"basic": []}, {"jwt": []}],
}


def fragment(package):
    """The description a package ships in its ``restapi/openapi.json`` ({} if none)."""
    resource = importlib.resources.files(package).joinpath("restapi", "openapi.json")
    return json.loads(resource.read_text("utf-8")) if resource.is_file() else {}


def merge(description, part):
    """Add a package's tags and paths; a module may add parameters to a trunk operation."""
    description["tags"].extend(part.get("tags", []))
    for path, operations in part.get("paths", {}).items():
        known = description["paths"].setdefault(path, {})
        for method, operation in operations.items():
            if method not in known:
                known[method] = copy.deepcopy(operation)
                continue
            known[method].setdefault("parameters", []).extend(operation.get("parameters", []))
            if operation.get("description"):
                known[method]["description"] = " ".join(
                    filter(None, (known[method].get("description"), operation["description"]))
                )
    return description


def module_packages(modules):
    return [module.profile.split(":")[0] for module in modules]


def description(packages):
    result = copy.deepcopy(BASE)
    result.update(tags=[], paths={})
    for package in ["iasolutions.core", *packages]:
        merge(result, fragment(package))
    result["paths"] = dict(sorted(result["paths"].items()))
    return result


def site_description():
    """The endpoints of this site: the trunk's and those of its installed modules."""
    return description(module_packages(installed_modules()))


class OpenAPIGet(Service):
    def reply(self):
        result = site_description()
        result["servers"] = [{"url": self.context.absolute_url()}]
        return result
