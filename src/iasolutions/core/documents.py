"""Documents generated from ODT templates (appy.pod), as editable ODT or PDF.

A ``pod_template`` holds an ODT file whose input fields and comments carry
appy.pod expressions and statements. Generating it for a content object
renders it with this namespace:

- ``context``: the object;
- ``helper``: the ``IDocumentHelper`` adapter of the object (modules register
  theirs, e.g. a meeting's items, an outgoing mail's recipients);
- ``view``: the same helper (name used by the reference's templates);
- what the caller adds (``generate(..., recipient=...)``).

PDF goes through LibreOffice (``soffice --headless --convert-to pdf``),
installed by ``make`` (Debian ``libreoffice-writer-nogui``).

Templates run Python expressions on the server: only Managers and Site
Administrators can add or change them.
"""

from dataclasses import dataclass
from iasolutions.core.dates import as_datetime
from iasolutions.core.interfaces import IDocumentHelper
import logging
import os
from plone import api
from plone.i18n.normalizer.interfaces import IFileNameNormalizer
import shutil
import subprocess
import tempfile
import threading
from zope.component import getUtility
from zope.component import queryMultiAdapter
from zope.globalrequest import getRequest


logger = logging.getLogger("iasolutions.core")

FORMATS = {
    "odt": "application/vnd.oasis.opendocument.text",
    "pdf": "application/pdf",
}
CONVERSION_TIMEOUT = 120
_conversion_lock = threading.Lock()


class DocumentError(ValueError):
    """A document could not be generated; the message says why."""


@dataclass(frozen=True)
class GeneratedDocument:
    data: bytes
    filename: str
    content_type: str


def templates_for(context, portal_type=None):
    """Enabled templates that apply to objects of the context's type, as objects."""
    brains = api.content.find(
        portal_type="pod_template",
        pod_portal_types=portal_type or context.portal_type,
        sort_on="sortable_title",
    )
    return [brain.getObject() for brain in brains if brain.getObject().enabled]


def generate(template, context, output_format="odt", **extra):
    """Render ``template`` for ``context``; raise DocumentError with a reason."""
    if output_format not in FORMATS:
        raise DocumentError(f"Unknown output format {output_format!r}: use odt or pdf")
    if output_format not in (template.output_formats or ()):
        raise DocumentError(f"The template {template.title!r} does not produce {output_format}")
    if template.pod_portal_types and context.portal_type not in template.pod_portal_types:
        raise DocumentError(
            f"The template {template.title!r} does not apply to {context.portal_type}"
        )
    if template.odt_file is None:
        raise DocumentError(f"The template {template.title!r} has no ODT file")
    odt = render(template.odt_file.data, namespace(context, **extra))
    data = odt if output_format == "odt" else convert(odt, output_format)
    name = getUtility(IFileNameNormalizer).normalize(f"{template.title} {context.title}"[:100])
    return GeneratedDocument(data, f"{name}.{output_format}", FORMATS[output_format])


def namespace(context, **extra):
    request = getRequest()
    helper = queryMultiAdapter((context, request), IDocumentHelper)
    values = {"context": context, "helper": helper, "view": helper, "portal": api.portal.get()}
    values.update(extra)
    return values


def render(template_data, values):
    """appy.pod rendering of ODT bytes with ``values``; returns ODT bytes."""
    from appy.pod.renderer import Renderer

    folder = tempfile.mkdtemp(prefix="iasolutions-pod-")
    try:
        source, result = os.path.join(folder, "template.odt"), os.path.join(folder, "result.odt")
        with open(source, "wb") as handle:
            handle.write(template_data)
        try:
            Renderer(source, values, result, overwriteExisting=True, raiseOnError=True).run()
        except Exception as error:  # appy raises many kinds; report them all the same way
            logger.warning("Document generation failed: %s", error)
            raise DocumentError(f"The template could not be rendered: {_first_line(error)}")
        with open(result, "rb") as handle:
            return handle.read()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def convert(odt_data, output_format="pdf"):
    """Convert ODT bytes with LibreOffice; one conversion at a time per process."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise DocumentError("LibreOffice (soffice) is not installed: run make to install it")
    folder = tempfile.mkdtemp(prefix="iasolutions-convert-")
    try:
        source = os.path.join(folder, "document.odt")
        with open(source, "wb") as handle:
            handle.write(odt_data)
        profile = "file://" + os.path.join(tempfile.gettempdir(), f"iasolutions-lo-{os.getpid()}")
        command = [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            output_format,
            "--outdir",
            folder,
            source,
        ]
        with _conversion_lock:
            try:
                subprocess.run(
                    command, capture_output=True, timeout=CONVERSION_TIMEOUT, check=False
                )
            except subprocess.TimeoutExpired:
                raise DocumentError("LibreOffice took too long to convert the document")
        target = os.path.join(folder, f"document.{output_format}")
        if not os.path.exists(target):
            raise DocumentError(f"LibreOffice could not convert the document to {output_format}")
        with open(target, "rb") as handle:
            return handle.read()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _first_line(error):
    text = str(error).strip().splitlines()
    return text[0] if text else error.__class__.__name__


class DocumentHelper:
    """What every template can use (``helper`` / ``view``); modules extend it."""

    def __init__(self, context, request):
        self.context = context
        self.request = request

    def display_date(self, value, format="%d/%m/%Y"):
        """'23/11/2026' for a date, datetime or Zope DateTime; '' for None."""
        value = as_datetime(value)
        return value.strftime(format) if value is not None else ""

    def rich_text(self, value):
        """The HTML of a rich-text field (for ``do text from xhtml(...)``)."""
        if value is None:
            return ""
        return getattr(value, "output", None) or getattr(value, "raw", "") or str(value)

    def organisation_title(self):
        from iasolutions.core.services import get_own_organization

        own = get_own_organization()
        return own.title if own is not None else api.portal.get().title
