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
