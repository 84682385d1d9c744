"""``POST <outgoing mail>/@mail-letters`` ``{"template_uid": …, "output_format": "odt"|"pdf"}``:
generate the letters of the mail (one per postal recipient) as its main files."""

from iasolutions.core.restapi.errors import bad_request
from iasolutions.core.restapi.errors import json_object
from iasolutions.core.restapi.errors import not_a_json_object
from iasolutions.core.restapi.input import refuses_bad_input
from iasolutions.core.restapi.input import text
from iasolutions.mail import letters
from plone import api
import plone.protect.interfaces
from plone.restapi.services import Service
from zope.i18n import translate
from zope.interface import alsoProvides


class LettersPost(Service):
    @refuses_bad_input
    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        data = json_object(self.request)
        if data is None:
            return not_a_json_object(self.request)
        uid = text(data, "template_uid")
        output_format = text(data, "output_format", default="odt")
        template = api.content.get(UID=uid) if uid else None
        if template is None or template.portal_type != "pod_template":
            return bad_request(self.request, "template_uid must be the UID of a letter template")
        try:
            made = letters.generate_letters(self.context, template, output_format)
        except letters.LetterError as error:
            return bad_request(self.request, translate(error.args[0], context=self.request))
        self.request.response.setStatus(201)
        return {
            "items": [
                {
                    "@id": obj.absolute_url(),
                    "title": obj.title,
                    "filename": obj.file.filename,
                    "content-type": obj.file.contentType,
                }
                for obj in made
            ]
        }
