"""``POST @mail-import``: import scans and emails sent as JSON.

    {"files": [
      {"filename": "0001.pdf", "data": "<base64>",
       "metadata": {"scan_id": "050000000012345", "treating_groups": "finances", ...}},
      {"filename": "message.eml", "data": "<base64>"}]}

Answers the report ``{"created": [...], "replaced": [...], "errors": [...]}``:
200 when every file was imported, 400 when some were refused (the others are
imported; a refused file leaves nothing behind). For importers (role "Batch
importer") and administrators.
"""

from iasolutions.core.restapi.errors import bad_request
from iasolutions.core.restapi.input import JsonBodyService
from iasolutions.mail import _
from iasolutions.mail import files
from iasolutions.mail.importer import Report
from iasolutions.mail.importer import import_email
from iasolutions.mail.importer import import_scan
from zope.i18n import translate


def _is_file_entry(entry):
    return (
        isinstance(entry, dict)
        and all(isinstance(entry.get(key) or "", str) for key in ("filename", "data", "encoding"))
        and isinstance(entry.get("metadata") or {}, dict)
    )


class MailImportPost(JsonBodyService):
    def handle(self, data):
        entries = data.get("files")
        if not isinstance(entries, list) or not entries:
            return bad_request(self.request, "files must be a non-empty list")
        if not all(_is_file_entry(entry) for entry in entries):
            return bad_request(
                self.request,
                "each file must be an object with a filename, "
                "its data and, for a scan, its metadata as an object",
            )
        report = Report()
        for index, entry in enumerate(entries):
            filename = entry.get("filename") or f"file-{index + 1}"
            try:
                content = files.decode(entry.get("data") or "", entry.get("encoding", "base64"))
            except files.BadFile as error:
                report.errors.append(
                    {
                        "filename": filename,
                        "message": translate(error.args[0], context=self.request),
                    }
                )
                continue
            if filename.lower().endswith(".eml"):
                import_email(filename, content, report)
            else:
                import_scan(filename, content, entry.get("metadata") or {}, report)
        result = report.as_dict()
        if report.errors:
            self.request.response.setStatus(400)
            result["error"] = {
                "type": "BadRequest",
                "message": translate(
                    _(
                        "${refused} of ${count} files refused: see errors.",
                        mapping={"refused": len(report.errors), "count": len(entries)},
                    ),
                    context=self.request,
                ),
            }
        return result
