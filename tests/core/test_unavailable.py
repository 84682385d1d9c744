"""A storage that does not answer is a 503 with Retry-After, read from nothing in the
database (the outage itself over HTTP: tests/policy/test_scale_out.py)."""

import json
from ZEO.Exceptions import ClientDisconnected
from zope.component import getMultiAdapter


def test_the_errors_view_hands_it_to_the_wsgi_filter(portal):
    """Plone's own error view would answer 500: this one gives the error back."""
    import pytest

    error = ClientDisconnected("gone")
    view = getMultiAdapter((error, portal.REQUEST), name="index.html")
    with pytest.raises(ClientDisconnected):
        view()


def test_a_page_says_it_in_french_and_english():
    from iasolutions.core.unavailable import answer

    status, headers, body = answer("text/html")
    assert status == "503 Service Unavailable" and ("Retry-After", "10") in headers
    assert "Service momentanément indisponible" in body.decode()
    assert "Service temporarily unavailable" in body.decode()


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
