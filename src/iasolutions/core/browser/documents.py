"""Generate documents from templates in the web UI."""

from iasolutions.core import documents
from plone import api
from plone.app.layout.viewlets import ViewletBase
from Products.Five.browser import BrowserView
from zExceptions import BadRequest


class DocumentGeneration(BrowserView):
    """``@@document-generation?template_uid=…&output_format=odt|pdf`` on any content."""

    def __call__(self):
        form = self.request.form
        template = (
            api.content.get(UID=form.get("template_uid", "")) if form.get("template_uid") else None
        )
        if template is None or template.portal_type != "pod_template":
            raise BadRequest("Unknown template: give the template_uid of a document template")
        try:
            document = documents.generate(template, self.context, form.get("output_format", "odt"))
        except documents.DocumentError as error:
            raise BadRequest(str(error))
        return stream(self.request.response, document)


def stream(response, document):
    response.setHeader("Content-Type", document.content_type)
    response.setHeader("Content-Disposition", f'attachment; filename="{document.filename}"')
    response.setHeader("Content-Length", str(len(document.data)))
    return document.data


class DocumentsViewlet(ViewletBase):
    """Links to the documents that can be generated for the current object."""

    def update(self):
        super().update()
        self.templates = (
            documents.templates_for(self.context) if hasattr(self.context, "portal_type") else []
        )

    def links(self):
        base = self.context.absolute_url() + "/@@document-generation"
        for template in self.templates:
            for output_format in template.output_formats or ():
                yield {
                    "title": template.title,
                    "format": output_format,
                    "url": f"{base}?template_uid={template.UID()}&output_format={output_format}",
                }

    def available(self):
        return bool(self.templates)
