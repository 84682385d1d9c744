"""``POST <outgoing mail>/@mail-letters`` ``{"template_uid": …, "output_format": "odt"|"pdf"}``:
generate the letters of the mail (one per postal recipient) as its main files.

201 and the files made in the request (ODT, at most ``letters.LETTERS_IN_REQUEST``
letters); otherwise 202 and the record of the job ``mail.generate_letters`` the
worker runs (follow it with ``GET @jobs``)."""

from iasolutions.core import jobs
from iasolutions.core.restapi.errors import bad_request
from iasolutions.core.restapi.input import JsonBodyService
from iasolutions.core.restapi.input import text
from iasolutions.mail import letters
from plone import api
from zope.i18n import translate


class LettersPost(JsonBodyService):
    def handle(self, data):
        uid = text(data, "template_uid")
        output_format = text(data, "output_format", default="odt")
        template = api.content.get(UID=uid) if uid else None
        if template is None or template.portal_type != "pod_template":
            return bad_request(self.request, "template_uid must be the UID of a letter template")
        try:
            letters.check_letters(self.context, template, output_format)
            if not letters.in_request(self.context, output_format):
                return self.queue(template, output_format)
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

    def queue(self, template, output_format):
        from iasolutions.core import worker  # its queue opens the jobs' file

        job_id = worker.submit_here(
            "mail.generate_letters",
            mail_uid=api.content.get_uuid(self.context),
            template_uid=api.content.get_uuid(template),
            output_format=output_format,
        )
        self.request.response.setStatus(202)
        return jobs.record(job_id)
