"""The one way a suite service reads its JSON body: ``json_object``."""

from iasolutions.core.restapi.errors import json_object
import pytest


@pytest.mark.parametrize(
    "body,expected",
    [
        (b"", {}),
        (b'{"title": "Point"}', {"title": "Point"}),
        ('{"titre": "Écho"}'.encode(), {"titre": "Écho"}),
        (b"[1, 2]", None),
        (b"5", None),
        (b"null", None),
        (b"{", None),
        (b"not json", None),
        (b"\xff\xfe{}", None),  # not UTF-8
        (b"[" * 100_000 + b"]" * 100_000, None),  # deeper than the parser goes
    ],
)
def test_json_object(body, expected):
    assert json_object({"BODY": body}) == expected


def test_json_object_lets_other_errors_through():
    """Only a body that is not a JSON object is refused: a broken request is a bug to see."""

    class Broken:
        def get(self, name, default=None):
            raise KeyError(name)

    with pytest.raises(KeyError):
        json_object(Broken())


class FakeResponse:
    status = 200

    def setStatus(self, status):
        self.status = status


class FakeRequest(dict):
    def __init__(self, body):
        super().__init__(BODY=body)
        self.response = FakeResponse()


def post(service_class, body):
    request = FakeRequest(body)
    service = service_class.__new__(service_class)  # as the publisher makes it, minus traversal
    service.context, service.request = None, request
    return request, service.reply()


def test_json_body_service_answers_handle_with_the_object(monkeypatch):
    from iasolutions.core.restapi import input as rest_input

    monkeypatch.setattr(rest_input, "alsoProvides", lambda request, marker: None)

    class Echo(rest_input.JsonBodyService):
        def handle(self, data):
            return {"got": data}

    request, answer = post(Echo, b'{"a": 1}')
    assert answer == {"got": {"a": 1}} and request.response.status == 200


def test_json_body_service_refuses_what_is_not_an_object(monkeypatch):
    from iasolutions.core.restapi import input as rest_input

    monkeypatch.setattr(rest_input, "alsoProvides", lambda request, marker: None)
    monkeypatch.setattr(rest_input, "not_a_json_object", lambda request: {"error": "object"})
    handled = []

    class Recorder(rest_input.JsonBodyService):
        def handle(self, data):
            handled.append(data)

    _request, answer = post(Recorder, b"[1]")
    assert answer == {"error": "object"} and handled == []


def test_json_body_service_check_comes_before_the_body(monkeypatch):
    from iasolutions.core.restapi import input as rest_input

    monkeypatch.setattr(rest_input, "alsoProvides", lambda request, marker: None)

    class Closed(rest_input.JsonBodyService):
        def check(self):
            return {"error": "closed"}

        def handle(self, data):
            raise AssertionError("the body is not read")

    assert post(Closed, b"not json")[1] == {"error": "closed"}


def test_json_body_service_bad_input_is_a_400_with_nothing_written(monkeypatch):
    from iasolutions.core.restapi import input as rest_input

    monkeypatch.setattr(rest_input, "alsoProvides", lambda request, marker: None)
    doomed = []
    monkeypatch.setattr(rest_input.transaction, "doom", lambda: doomed.append(True))
    monkeypatch.setattr(rest_input, "translate", lambda message, context=None: str(message))

    class Typed(rest_input.JsonBodyService):
        def handle(self, data):
            return {"n": rest_input.integer(data, "n")}

    request, answer = post(Typed, b'{"n": "x"}')
    assert request.response.status == 400 and doomed == [True]
    assert "n" in answer["error"]["message"]
