"""Files given as data (REST, imports): decoded and checked before anything is written."""

import base64
import binascii
from datetime import datetime
from iasolutions.mail import _
from iasolutions.mail.content.files import IScanFields
from plone.namedfile.file import NamedBlobFile
from zope.schema.interfaces import ValidationError


SCAN_FIELDS = ("scan_id", "version", "pages_number", "scan_date", "scan_user", "scanner")


class BadFile(ValueError):
    """A file or its metadata cannot be used; the message says why."""


def decode(data, encoding="base64"):
    if encoding in (None, "", "utf8", "utf-8"):
        return data.encode("utf-8") if isinstance(data, str) else data
    if encoding != "base64":
        raise BadFile(
            _("Unknown encoding ${encoding} (use base64).", mapping={"encoding": encoding})
        )
    try:
        return base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError, TypeError):
        raise BadFile(_("The file data is not valid base64."))


def scan_values(metadata):
    """The scan fields of ``metadata``, converted and validated."""
    values = {}
    for name in SCAN_FIELDS:
        if metadata.get(name) in (None, ""):
            continue
        value = metadata[name]
        field = IScanFields[name]
        try:
            if name == "scan_date" and isinstance(value, str):
                value = datetime.fromisoformat(value)
            elif name in ("version", "pages_number"):
                value = int(value)
            else:
                value = str(value)
            field.validate(value)
        except (ValueError, TypeError, ValidationError) as error:
            raise BadFile(
                _(
                    "Bad value for ${field}: ${value} (${error}).",
                    mapping={"field": name, "value": str(value), "error": str(error)},
                )
            )
        values[name] = value
    return values


def blob(data, filename, content_type="application/pdf"):
    if not data:
        raise BadFile(_("The file ${filename} is empty.", mapping={"filename": filename}))
    return NamedBlobFile(data=data, filename=filename, contentType=content_type)


def looks_like_pdf(data):
    return data[:5] == b"%PDF-"
