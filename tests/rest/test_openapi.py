"""The OpenAPI description of the suite's endpoints: served to anyone, the same as
docs/openapi.json, and describing every service the suite registers."""

import json
from pathlib import Path
import re
from tests.rest.helpers import as_demo
from zope.component import getGlobalSiteManager


DOCS = Path(__file__).parents[2] / "docs" / "openapi.json"
METHODS = ("GET", "POST", "PATCH", "PUT", "DELETE")


def registrations(registry):
    """The adapters of a registry and of those it stacks on (the test layers' stack)."""
    yield from registry.registeredAdapters()
    for base in registry.__bases__:
        yield from registrations(base)


def registered_services():
    """(method, name) of every REST service a suite package registers."""
    found = set()
    for registration in registrations(getGlobalSiteManager()):
        factory = registration.factory
        method = getattr(factory, "method", None)
        name = registration.name or ""
        # plone.rest registers a class made from the service's: its first base
        bases = getattr(factory, "__bases__", ())
        if method not in METHODS or not bases or not bases[0].__module__.startswith("iasolutions."):
            continue
        service = re.sub(rf"^{method}_application_json_", "", name)
        found.add((method, service))
    return found


def described(description):
    """(method, service name) of every operation of the description."""
    found = set()
    for path, operations in description["paths"].items():
        last = [part for part in path.split("/") if part.startswith("@")]
        for method in operations:
            found.add((method.upper(), last[-1] if last else ""))
    return found


def test_served_to_anyone_and_kept_in_the_docs(demo_portal):
    response = as_demo(demo_portal).get("@iasolutions-openapi")
    assert response.status_code == 200
    served = response.json()
    assert served.pop("servers") == [{"url": demo_portal.absolute_url()}]
    assert served == json.loads(DOCS.read_text("utf-8")), (
        "docs/openapi.json is not what the site serves: regenerate it with "
        "iasolutions.core.restapi.openapi.description(['iasolutions.delib', 'iasolutions.mail'])"
    )
    assert served["openapi"].startswith("3.")


def test_every_registered_service_is_described(demo_portal):
    description = json.loads(DOCS.read_text("utf-8"))
    services = registered_services()
    assert ("POST", "@item") in services and ("GET", "@working-days") in services
    missing = services - described(description)
    assert not missing, f"services of the suite missing from docs/openapi.json: {missing}"


def test_every_operation_answers_errors_in_the_suite_shape():
    description = json.loads(DOCS.read_text("utf-8"))
    for path, operations in description["paths"].items():
        for method, operation in operations.items():
            assert operation.get("responses"), (method, path)
            assert (
                "400" in operation["responses"]
                or method == "get"
                and not operation.get("parameters")
            ), (method, path)
