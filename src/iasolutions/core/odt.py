"""Write small ODT documents, such as the default templates modules ship.

appy.pod templates are ODT files where Python expressions sit in input
fields and statements (``do text for item in items``) in comments. This
builder writes such files without LibreOffice::

    template = OdtBuilder()
    template.heading("Ordre du jour de la séance du ", Expr("view.display_date(context.date)"))
    template.paragraph(Expr("item.title"), statement="do text for item in helper.items()")
    data = template.to_bytes()

Administrators replace them with ODT files made in LibreOffice Writer.
"""

from dataclasses import dataclass
from html import unescape
import io
import re
from xml.sax.saxutils import escape
import zipfile


NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0" '
    'office:version="1.3"'
)

STYLES = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles {NAMESPACES}>
 <office:font-face-decls/>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:paragraph-properties fo:margin-bottom="0.2cm"/>
   <style:text-properties style:font-name="Liberation Sans" fo:font-family="'Liberation Sans'" fo:font-size="11pt" fo:language="fr" fo:country="BE"/>
  </style:default-style>
  <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
  <style:style style:name="Strong" style:family="paragraph" style:parent-style-name="Standard" style:class="text">
   <style:text-properties fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Centered" style:family="paragraph" style:parent-style-name="Standard" style:class="text">
   <style:paragraph-properties fo:text-align="center"/>
  </style:style>
  <style:style style:name="Closing" style:family="paragraph" style:parent-style-name="Standard" style:class="text">
   <style:paragraph-properties fo:margin-top="0.6cm" fo:keep-with-next="always"/>
  </style:style>
  <style:style style:name="Kept" style:family="paragraph" style:parent-style-name="Standard" style:class="text">
   <style:paragraph-properties fo:keep-with-next="always"/>
  </style:style>
  <style:style style:name="End" style:family="paragraph" style:class="text">
   <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0cm"/>
   <style:text-properties fo:font-size="1pt"/>
  </style:style>
  <style:style style:name="Signature" style:family="paragraph" style:parent-style-name="Centered" style:class="text">
   <style:paragraph-properties fo:margin-top="1.8cm"/>
  </style:style>
  <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard" style:class="chapter">
   <style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.5cm"/>
   <style:text-properties fo:font-size="18pt" fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Standard" style:default-outline-level="1" style:class="text">
   <style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.2cm"/>
   <style:text-properties fo:font-size="14pt" fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Standard" style:default-outline-level="2" style:class="text">
   <style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.1cm"/>
   <style:text-properties fo:font-size="12pt" fo:font-weight="bold"/>
  </style:style>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="pm1">
   <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" style:print-orientation="portrait" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2.2cm" fo:margin-right="2cm"/>
  </style:page-layout>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="pm1"/>
 </office:master-styles>
</office:document-styles>
"""

MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""

META = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta {NAMESPACES}><office:meta><meta:generator>iA.Solutions</meta:generator></office:meta></office:document-meta>
"""


@dataclass(frozen=True)
class Expr:
    """A Python expression appy evaluates (shown in an input field)."""

    expression: str


class OdtBuilder:
    """Paragraphs and headings made of literal text and expressions."""

    def __init__(self):
        self.blocks = []

    def title(self, *parts, statement=None):
        return self._add("text:p", 'text:style-name="Title"', parts, statement)

    def heading(self, *parts, level=1, statement=None):
        attributes = f'text:style-name="Heading_20_{level}" text:outline-level="{level}"'
        return self._add("text:h", attributes, parts, statement)

    def paragraph(self, *parts, statement=None, style="Standard"):
        """``style``: Standard, Strong (bold), Centered, Closing (space above, kept
        with what follows), Kept (kept with what follows) or Signature (centered, room
        above to sign)."""
        return self._add("text:p", f'text:style-name="{style}"', parts, statement)

    def table(self, *cells, statement=None):
        """A borderless row of cells as wide as the page, e.g. signatures side by side.
        Each cell is a list of paragraphs, each a (style, parts) pair; ``statement``
        (such as ``do row for pair in helper.signature_rows()``) goes in the first
        paragraph of the first cell."""
        row = []
        for index, paragraphs in enumerate(cells):
            inner = "".join(
                _element(
                    "text:p",
                    f'text:style-name="{style}"',
                    parts,
                    statement if index == 0 and number == 0 else None,
                )
                for number, (style, parts) in enumerate(paragraphs)
            )
            row.append(f'<table:table-cell office:value-type="string">{inner}</table:table-cell>')
        self.blocks.append(
            f'<table:table table:name="Table{len(self.blocks)}">'
            f'<table:table-column table:number-columns-repeated="{len(cells)}"/>'
            f'<table:table-row table:style-name="KeptRow">{"".join(row)}</table:table-row>'
            "</table:table>"
        )
        return self

    def _add(self, tag, attributes, parts, statement):
        self.blocks.append(_element(tag, attributes, parts, statement))
        return self

    def content_xml(self):
        body = "".join(self.blocks)  # no whitespace: appy would make it line breaks
        styles = "<office:automatic-styles/>"
        if "<table:table " in body:
            styles = (
                '<office:automatic-styles><style:style style:name="KeptRow" '
                'style:family="table-row"><style:table-row-properties '
                'fo:keep-together="always"/></style:style></office:automatic-styles>'
            )
        if body.endswith("</table:table>"):
            # Writer adds a paragraph after a closing table, that may spill alone onto a
            # blank page: end with a 1-point one instead.
            body += '<text:p text:style-name="End"/>'
        return (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {NAMESPACES}>'
            f"{styles}<office:body><office:text>{body}"
            "</office:text></office:body></office:document-content>"
        )

    def to_bytes(self):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr(
                zipfile.ZipInfo("mimetype"),
                "application/vnd.oasis.opendocument.text",
                compress_type=zipfile.ZIP_STORED,
            )
            for name, text in (
                ("content.xml", self.content_xml()),
                ("styles.xml", STYLES),
                ("meta.xml", META),
                ("META-INF/manifest.xml", MANIFEST),
            ):
                archive.writestr(name, text, compress_type=zipfile.ZIP_DEFLATED)
        return buffer.getvalue()


def _element(tag, attributes, parts, statement):
    inner = "".join(_part(part) for part in parts)
    if statement:
        # appy wants the "from" clause of a statement on a line of its own
        lines = "".join(
            f"<text:p>{escape(line.strip())}</text:p>"
            for line in statement.replace(" from ", "\nfrom ").splitlines()
        )
        inner = f"<office:annotation>{lines}</office:annotation>{inner}"
    return f"<{tag} {attributes}>{inner}</{tag}>"


def _part(part):
    if isinstance(part, Expr):
        return f'<text:text-input text:description="">{escape(part.expression)}</text:text-input>'
    return f"<text:span>{escape(str(part))}</text:span>"


def odt_text(data):
    """The text of an ODT document, a line per paragraph (for tests and checks)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        content = archive.read("content.xml").decode("utf-8")
    content = content.split("<office:body>", 1)[-1]
    content = re.sub(r"<office:annotation>.*?</office:annotation>", "", content, flags=re.S)
    content = re.sub(r"</text:(p|h)>|<text:line-break/>", "\n", content)
    return unescape(re.sub(r"<[^>]+>", "", content))
