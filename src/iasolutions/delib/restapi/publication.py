"""``POST <meeting>/@publication`` {"stage": "in_project" | "decision" | "private"}."""

from iasolutions.core.restapi.errors import bad_request
from iasolutions.core.restapi.errors import json_object
from iasolutions.core.restapi.errors import not_a_json_object
from iasolutions.core.restapi.input import refuses_bad_input
from iasolutions.core.restapi.input import text
from iasolutions.delib.publication import PublicationRefused
from iasolutions.delib.publication import publish
import plone.protect.interfaces
from plone.restapi.services import Service
import transaction
from zope.i18n import translate
from zope.interface import alsoProvides


class PublicationPost(Service):
    @refuses_bad_input
    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        data = json_object(self.request)
        if data is None:
            return not_a_json_object(self.request)
        try:
            public = publish(self.context, text(data, "stage"))
        except PublicationRefused as refused:
            transaction.doom()
            return bad_request(
                self.request,
                translate(refused.message, context=self.request),
                reason=str(refused.message),
            )
        if public is None:
            return {"stage": "private", "@id": None}
        from plone import api

        return {"stage": api.content.get_state(public), "@id": public.absolute_url()}
