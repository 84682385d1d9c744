"""``POST <meeting>/@delib-documents`` {"template": "deliberation", "output_format":
"pdf", "items": [uid, …]}: generate a template for the meeting's items (or those
given) and store each document in its item (``stored_documents``). Answers 202 and
the job's record: done already for one ODT, waiting for the worker otherwise."""

from AccessControl import Unauthorized
from iasolutions.core import jobs
from iasolutions.core.restapi.input import JsonBodyService
from iasolutions.core.restapi.input import text
from iasolutions.core.restapi.input import text_list
from iasolutions.delib import stored_documents
from iasolutions.delib.meetingconfigs import config_of
from iasolutions.delib.meetingconfigs import is_meeting_manager


class GenerateDocumentsPost(JsonBodyService):
    def check(self):
        cfg = config_of(self.context)
        if cfg is None or not is_meeting_manager(cfg):
            raise Unauthorized("Only meeting managers generate the documents of a meeting")

    def handle(self, data):
        template = text(data, "template", required=True)
        output_format = text(data, "output_format", default="pdf")
        items = text_list(data, "items", required=True) if "items" in data else None
        try:
            job_id = stored_documents.submit(self.context, template, output_format, items)
        except stored_documents.GenerationRefused as refused:
            return self.refuse(refused.message)
        self.request.response.setStatus(202)
        return jobs.record(job_id)
