"""``@document-generation`` on any content.

GET @document-generation                                  → the templates for this object
GET @document-generation?template_uid=…&output_format=pdf  → the document itself
"""

from iasolutions.core import documents
from iasolutions.core.restapi.errors import bad_request
from iasolutions.core.restapi.input import BadInput
from iasolutions.core.restapi.input import query_text
import json
from plone import api
from plone.restapi.services import Service
from zope.i18n import translate


class DocumentGenerationGet(Service):
    def render(self):
        form = self.request.form
        try:
            uid = query_text(form, "template_uid")
            output_format = query_text(form, "output_format", "odt")
        except BadInput as refused:
            return self._json(
                bad_request(self.request, translate(refused.message, context=self.request))
            )
        if not uid:
            return self._json(self.templates())
        template = api.content.get(UID=uid)
        if template is None or template.portal_type != "pod_template":
            return self._json(bad_request(self.request, "Unknown template_uid"))
        try:
            document = documents.generate(template, self.context, output_format)
        except documents.DocumentError as error:
            return self._json(bad_request(self.request, str(error)))
        response = self.request.response
        response.setHeader("Content-Type", document.content_type)
        response.setHeader("Content-Disposition", f'attachment; filename="{document.filename}"')
        return document.data

    def templates(self):
        url = self.context.absolute_url() + "/@document-generation"
        return {
            "items": [
                {
                    "UID": template.UID(),
                    "title": template.title,
                    "output_formats": list(template.output_formats or []),
                    "urls": {
                        fmt: f"{url}?template_uid={template.UID()}&output_format={fmt}"
                        for fmt in template.output_formats or []
                    },
                }
                for template in documents.templates_for(self.context)
            ]
        }

    def _json(self, data):
        self.request.response.setHeader("Content-Type", "application/json")
        return json.dumps(data)
