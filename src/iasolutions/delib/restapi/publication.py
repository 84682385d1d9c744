"""``POST <meeting>/@publication`` {"stage": "in_project" | "decision" | "private"}."""

from iasolutions.core.restapi.input import JsonBodyService
from iasolutions.core.restapi.input import text
from iasolutions.delib.publication import PublicationRefused
from iasolutions.delib.publication import publish
from plone import api


class PublicationPost(JsonBodyService):
    def handle(self, data):
        try:
            public = publish(self.context, text(data, "stage"))
        except PublicationRefused as refused:
            return self.refuse(refused.message, reason=str(refused.message))
        if public is None:
            return {"stage": "private", "@id": None}
        return {"stage": api.content.get_state(public), "@id": public.absolute_url()}
