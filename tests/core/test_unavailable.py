"""A storage that does not answer is a 503 with Retry-After, read from nothing in the
database (the outage itself over HTTP: tests/policy/test_faults.py)."""

import json
from ZEO.Exceptions import ClientDisconnected
from zope.component import getMultiAdapter


def answer(portal, accept):
    request = portal.REQUEST
    request.environ["HTTP_ACCEPT"] = accept
    view = getMultiAdapter((ClientDisconnected("gone"), request), name="index.html")
    return view(), request.response


def test_a_page_says_it_in_french_and_english(portal):
    body, response = answer(portal, "text/html")
    assert response.getStatus() == 503
    assert response.getHeader("Retry-After") == "10"
    assert "Service momentanément indisponible" in body
    assert "Service temporarily unavailable" in body


def test_a_json_client_gets_json(portal):
    body, response = answer(portal, "application/json")
    assert response.getStatus() == 503
    assert json.loads(body) == {
        "type": "ServiceUnavailable",
        "message": "The storage of the site does not answer for the moment; "
        "nothing was saved. Try again shortly.",
    }


def test_an_error_leaving_zope_is_answered_by_the_wsgi_filter():
    from iasolutions.core.unavailable import filter_app

    def zope(environ, start_response):
        raise ClientDisconnected("timed out waiting for connection")

    started = []
    body = filter_app(zope)({"HTTP_ACCEPT": "application/json"}, lambda *a: started.append(a))
    status, headers = started[0]
    assert status == "503 Service Unavailable"
    assert ("Retry-After", "10") in headers
    assert json.loads(b"".join(body))["type"] == "ServiceUnavailable"


def test_other_errors_go_through():
    from iasolutions.core.unavailable import filter_app
    import pytest

    def zope(environ, start_response):
        raise KeyError("a bug")

    with pytest.raises(KeyError):
        filter_app(zope)({}, lambda *a: None)
