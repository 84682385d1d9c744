"""``@counters`` for administrators: GET lists them, PATCH defines one or sets its next number.

PATCH @counters {"name": "incoming_mail", "format": "E%04d", "next": 120}

The domain (``iasolutions.core.counters``) refuses bad names, formats, numbers and
``reset_yearly`` values; this service answers its refusal as a 400, nothing changed.
"""

from iasolutions.core import counters
from iasolutions.core.restapi.errors import bad_request
from iasolutions.core.restapi.input import JsonBodyService
from plone.restapi.services import Service
import transaction


def _serialize(name):
    settings = counters.get_definition(name)
    return {
        "name": name,
        "title": settings.title,
        "format": settings.format,
        "reset_yearly": settings.reset_yearly,
        "next": counters.peek(name),
    }


class CountersGet(Service):
    def reply(self):
        return {"items": [_serialize(name) for name in counters.counter_names()]}


class CountersPatch(JsonBodyService):
    def handle(self, data):
        name = data.get("name")
        if not name or not isinstance(name, str):
            return bad_request(self.request, "name is required, as a text")
        try:
            if "format" in data:
                current = name in counters.counter_names() and counters.get_definition(name)
                counters.define(
                    name,
                    data["format"],
                    title=data.get("title", current.title if current else ""),
                    reset_yearly=data.get(
                        "reset_yearly", current.reset_yearly if current else False
                    ),
                )
            if "next" in data:
                counters.set_next(name, data["next"])
            return _serialize(name)
        except counters.CounterError as err:
            transaction.doom()
            return bad_request(self.request, str(err))
