"""Letters of outgoing mail, generated from the core's document templates
(``iasolutions.core.documents``).

The templates of outgoing mail live in the site folder ``templates``; the
module ships a base letter built with the core's ``OdtBuilder`` (header,
recipient's address, date and references, subject, body, signer), which
administrators replace with their own ODT. Generating a letter for an
outgoing mail stores it as a main file of the mail (``dmsommainfile``),
editable ODT or PDF; a postal mail to several recipients gets one letter per
recipient.

Letters are generated in the agent's request only when that is quick: at most
``LETTERS_IN_REQUEST`` letters in ODT (no conversion). PDF (LibreOffice, about a
second a letter) or more letters go to the worker as the job
``mail.generate_letters`` (``iasolutions.mail.jobs``), which reports its
progress letter by letter.
"""

from iasolutions.core import documents
from iasolutions.core.documents import DocumentHelper
from iasolutions.core.odt import Expr
from iasolutions.core.odt import OdtBuilder
from iasolutions.mail import _
from iasolutions.mail.folders import TEMPLATES
from plone import api
from plone.dexterity.utils import createContentInContainer
from plone.i18n.normalizer.interfaces import IFileNameNormalizer
from plone.namedfile.file import NamedBlobFile
from zope.component import getUtility
from zope.globalrequest import getRequest


POSTAL_MODES = ("post", "post_registered")
BASE_LETTER = "lettre-type"
ADD_FILE = "iasolutions.mail: Add file"
# The most letters generated in the agent's request, and only in ODT; more
# letters, or PDF, are a job of the worker (``in_request``).
LETTERS_IN_REQUEST = 5


class LetterError(ValueError):
    """A letter cannot be generated; the message says why."""


def _address_source(contact):
    """The contact whose address a letter uses: a held position writes to its
    person when the person has an address, else to its organisation."""
    if contact is None:
        return None
    if contact.portal_type == "held_position":
        person = contact.get_person()
        if person is not None and getattr(person, "street", None):
            return person
        return contact.get_organization() or person
    if getattr(contact, "use_parent_address", False):
        parent = contact.aq_parent
        if getattr(parent, "portal_type", None) == "organization":
            return parent
    return contact


def address_lines(contact):
    """['Rue Haute 12', '7180 Seneffe'] (the street line, then zip and city)."""
    source = _address_source(contact)
    if source is None:
        return []
    street = " ".join(
        filter(None, [getattr(source, "street", None), getattr(source, "number", None)])
    )
    city = " ".join(
        filter(None, [getattr(source, "zip_code", None), getattr(source, "city", None)])
    )
    extra = getattr(source, "additional_address_details", None)
    return [line for line in (street, extra, city) if line]


def contact_name(contact):
    if contact is None:
        return ""
    if contact.portal_type == "person":
        return contact.get_title()
    return contact.Title()


def recipient_info(contact):
    return {
        "name": contact_name(contact),
        "address": address_lines(contact),
        "uid": contact.UID() if contact is not None else None,
    }


CURRENT_RECIPIENT = "iasolutions.mail.letter-recipient"


class OutgoingMailHelper(DocumentHelper):
    """What the letter templates use (``helper`` / ``view``) for an outgoing mail."""

    def recipient(self):
        """The recipient of the letter being written: each one in turn when the
        letters are generated (``generate_letters``), else the first."""
        current = self.request.other.get(CURRENT_RECIPIENT) if self.request is not None else None
        if current is not None:
            return current
        recipients = self.recipients()
        return recipients[0] if recipients else {"name": "", "address": [], "uid": None}

    def recipients(self):
        return [
            recipient_info(r.to_object)
            for r in self.context.recipients or ()
            if r is not None and not r.isBroken() and r.to_object is not None
        ]

    def sender(self):
        """The held position who sends: its person's name and the label of the position."""
        relation = self.context.sender
        held = None if relation is None or relation.isBroken() else relation.to_object
        if held is None:
            return {"name": "", "label": ""}
        person = held.get_person()
        return {
            "name": person.get_title(False) if person is not None else held.Title(),
            "label": held.label or "",
        }

    def signers(self):
        result = []
        for relation in self.context.signers or ():
            held = None if relation is None or relation.isBroken() else relation.to_object
            if held is None:
                continue
            person = held.get_person()
            result.append(
                {
                    "name": person.get_title(False) if person is not None else held.Title(),
                    "label": held.label or "",
                }
            )
        return result or ([self.sender()] if self.sender()["name"] else [])

    def service(self):
        from iasolutions.core.services import get_service

        service = (
            get_service(self.context.treating_groups) if self.context.treating_groups else None
        )
        return service.title if service is not None else ""

    def reference(self):
        return self.context.internal_reference_no or ""

    def your_reference(self):
        """The reference of the mail answered (``reply_to``), for "Vos références"."""
        for relation in self.context.reply_to or ():
            target = None if relation is None or relation.isBroken() else relation.to_object
            if target is not None:
                return target.external_reference_no or target.internal_reference_no or ""
        return ""

    def mail_date(self):
        return self.display_date(self.context.mail_date)


def base_letter():
    """The ODT of the base letter (administrators replace it with their own)."""
    letter = OdtBuilder()
    letter.paragraph(Expr("helper.organisation_title()"))
    letter.paragraph(Expr("helper.service()"))
    letter.paragraph("")
    letter.paragraph(Expr("helper.recipient()['name']"))
    letter.paragraph(Expr("line"), statement="do text for line in helper.recipient()['address']")
    letter.paragraph("")
    letter.paragraph("Le ", Expr("helper.mail_date()"))
    letter.paragraph("Nos références : ", Expr("helper.reference()"))
    letter.paragraph("Vos références : ", Expr("helper.your_reference()"))
    letter.heading("Objet : ", Expr("context.title"), level=2)
    letter.paragraph("Madame, Monsieur,")
    letter.paragraph(Expr("context.description or ''"))
    letter.paragraph(
        "Veuillez agréer, Madame, Monsieur, l'expression de nos salutations distinguées."
    )
    letter.paragraph(
        Expr("signer['label']"),
        " — ",
        Expr("signer['name']"),
        statement="do text for signer in helper.signers()",
    )
    return letter.to_bytes()


def ensure_templates():
    """The module's default templates in ``templates`` (kept when they exist)."""
    folder = api.portal.get().get(TEMPLATES)
    if folder is None or folder.get(BASE_LETTER) is not None:
        return
    createContentInContainer(
        folder,
        "pod_template",
        checkConstraints=False,
        id=BASE_LETTER,
        title="Lettre type",
        odt_file=NamedBlobFile(base_letter(), filename="lettre-type.odt"),
        pod_portal_types=["dmsoutgoingmail"],
        output_formats=["odt", "pdf"],
    )


def letter_recipients(mail):
    """One entry per letter to write: each recipient of a postal mail; a single
    letter (to the first recipient) otherwise."""
    recipients = OutgoingMailHelper(mail, None).recipients()
    postal = any(mode in POSTAL_MODES for mode in mail.send_modes or ())
    if not recipients:
        return [{"name": "", "address": [], "uid": None}]
    return recipients if postal else recipients[:1]


def in_request(mail, output_format):
    """Whether the letters of ``mail`` are generated in the agent's request: ODT
    (no conversion) and at most ``LETTERS_IN_REQUEST`` letters. Otherwise they
    are queued as the job ``mail.generate_letters``."""
    return output_format == "odt" and len(letter_recipients(mail)) <= LETTERS_IN_REQUEST


def check_letters(mail, template, output_format):
    """Refuse (``LetterError``) what would make every letter fail: checked in the
    request before the job is queued, and again when the letters are generated."""
    if not api.user.has_permission(ADD_FILE, obj=mail):
        raise LetterError(_("You may not add files to this mail."))
    if output_format not in (template.output_formats or ()):
        raise LetterError(
            _(
                "The template ${template} does not produce ${format} letters.",
                mapping={"template": template.title, "format": str(output_format)},
            )
        )


def generate_letters(mail, template, output_format="odt", progress=None):
    """Generate the letters of ``mail`` and store them as its main files.

    All or nothing: every letter is generated before any file is created.
    ``progress(done, total, message)`` is told after each letter (a job's)."""
    check_letters(mail, template, output_format)
    letters = []
    request = getRequest()
    recipients = letter_recipients(mail)
    try:
        for recipient in recipients:
            if request is not None:
                request.other[CURRENT_RECIPIENT] = recipient
            try:
                document = documents.generate(template, mail, output_format)
            except documents.DocumentError as error:
                raise LetterError(str(error))
            letters.append((recipient, document))
            if progress is not None:
                progress(len(letters), len(recipients), recipient["name"])
    finally:
        if request is not None:
            request.other.pop(CURRENT_RECIPIENT, None)
    return [_store(mail, template, recipient, document) for recipient, document in letters]


def _store(mail, template, recipient, document):
    """The letter as a main file of the mail."""
    title = f"{template.title} - {recipient['name']}" if recipient["name"] else template.title
    filename = document.filename.rsplit(".", 1)
    if recipient["name"]:
        suffix = getUtility(IFileNameNormalizer).normalize(recipient["name"])
        filename = [f"{filename[0]}-{suffix}", filename[1]]
    return api.content.create(
        container=mail,
        type="dmsommainfile",
        title=title,
        file=NamedBlobFile(
            document.data, filename=".".join(filename), contentType=document.content_type
        ),
    )
