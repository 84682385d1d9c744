"""Documents of meetings and items (agenda, minutes, deliberation), from the core's ODT
templates (``iasolutions.core.documents``).

Each configuration holds its templates (``pod_template`` objects), created by its
profile from the builders below; administrators replace their ODT file with their
own, made in LibreOffice Writer. Templates see ``helper``, an
``ItemDocumentHelper`` or ``MeetingDocumentHelper``.
"""

from iasolutions.core.documents import DocumentHelper
from iasolutions.core.odt import Expr
from iasolutions.core.odt import OdtBuilder
from iasolutions.core.services import get_service
from iasolutions.delib import agenda
from iasolutions.delib import signatories
from iasolutions.delib import votes
from iasolutions.delib.meetingconfigs import config_of
from iasolutions.delib.publication import pseudonymise
from iasolutions.delib.publication import public_title
from plone import api
from plone.namedfile.file import NamedBlobFile

import hashlib
import io
import zipfile


def _titles(uids):
    if not uids:
        return []
    catalog = api.portal.get_tool("portal_catalog")
    titles = {b.UID: b.Title for b in catalog.unrestrictedSearchResults(UID=list(uids))}
    return [titles.get(uid, uid) for uid in uids]


def _held_positions(uids):
    """{UID: held position}; unrestricted, as whoever generates a deliberation may print
    its signatories without opening the contacts."""
    catalog = api.portal.get_tool("portal_catalog")
    return {b.UID: b._unrestrictedGetObject()
            for b in catalog.unrestrictedSearchResults(UID=list(uids))} if uids else {}


def _signatory(held):
    """Label, name and position of a held position (empty strings if it was deleted)."""
    if held is None:
        return {"label": "", "name": "", "position": ""}
    person, target = held.get_person(), held.get_position()
    position = target.title if target is not None else ""
    is_position = target is not None and target.portal_type == "position"
    return {"label": held.label or (position if is_position else ""),
            "name": person.title if person is not None else "", "position": position}


class ItemDocumentHelper(DocumentHelper):
    """``helper`` of an item's templates."""

    def number(self):
        return agenda.format_number(self.context.itemNumber)

    def proposing_group(self):
        service = get_service(self.context.proposingGroup) if self.context.proposingGroup else None
        return service.title if service is not None else ""

    def category(self):
        cfg = config_of(self.context)
        category = cfg.get(self.context.category) if cfg and self.context.category else None
        return category.title if category is not None else ""

    def meeting(self):
        return agenda.meeting_of(self.context)

    def meeting_date(self):
        meeting = self.meeting()
        return self.display_date(meeting.date) if meeting is not None else ""

    def motivation(self):
        return self.rich_text(self.context.motivation)

    def decision(self):
        return self.rich_text(self.context.decision)

    def public_motivation(self):
        """The motivation pseudonymised (for documents given to the public)."""
        return pseudonymise(self.motivation())

    def public_decision(self):
        return pseudonymise(self.decision())

    def public_title(self):
        """The title for the public (publication), else the title."""
        return public_title(self.context)

    def signatories(self):
        """Who signs, in signing order, the item's replacements applied: dicts with
        ``number``, ``label`` ("Directeur général f.f."), ``name``, ``position`` (the
        position or organisation) and ``replaced`` (True for a replacement)."""
        meeting = self.meeting()
        if meeting is None:
            return []
        rows = signatories.item_signatories(meeting, self.context)
        held = _held_positions([row["held_position"] for row in rows])
        return [dict(_signatory(held.get(row["held_position"])), number=row["number"],
                     replaced=bool(row["replaces"])) for row in rows]

    def vote_totals(self):
        meeting = self.meeting()
        if meeting is None:
            return ""
        totals = votes.vote_totals(meeting, self.context)
        labels = {"yes": "oui", "no": "non", "abstain": "abstention", "blank": "blanc",
                  "invalid": "nul", "does_not_vote": "ne vote pas", "not_found": "absent"}
        return ", ".join(f"{count} {labels.get(value, value)}" for value, count in totals.items())


class MeetingDocumentHelper(DocumentHelper):
    """``helper`` of a meeting's templates."""

    def items(self, list_type=None):
        items = agenda.items_of(self.context)
        if list_type:
            items = [item for item in items if (item.listType or "normal") == list_type]
        return items

    def number(self, item):
        return agenda.format_number(item.itemNumber)

    def item_helper(self, item):
        return ItemDocumentHelper(item, self.request)

    def attendees(self):
        return _titles(self.context.attendees)

    def excused(self):
        return _titles(self.context.excused)

    def absents(self):
        return _titles(self.context.absents)

    def signatories(self):
        return _titles(self.context.signatories)

    def meeting_date(self):
        return self.display_date(self.context.date, "%d/%m/%Y à %H:%M")

    def minutes_xhtml(self):
        """Each item: its number and title, its decision and its vote (XHTML for appy)."""
        from html import escape

        parts = []
        for item in self.items():
            item_helper = self.item_helper(item)
            parts.append(f"<h2>{escape(self.number(item))}. {escape(item.title)}</h2>")
            parts.append(item_helper.decision() or "<p></p>")
            totals = item_helper.vote_totals()
            if totals:
                parts.append(f"<p>Vote : {escape(totals)}</p>")
        return "".join(parts) or "<p></p>"


def agenda_template():
    """Ordre du jour: the items in order, the late ones after."""
    odt = OdtBuilder()
    odt.title("Ordre du jour")
    odt.heading(Expr("helper.organisation_title()"), " — séance du ", Expr("helper.meeting_date()"))
    odt.paragraph("Lieu : ", Expr("context.place or ''"))
    odt.paragraph(Expr("helper.number(item)"), ". ", Expr("item.title"),
                  statement="do text for item in helper.items('normal')")
    odt.heading("Points supplémentaires", level=2)
    odt.paragraph(Expr("helper.number(item)"), ". ", Expr("item.title"),
                  statement="do text for item in helper.items('late')")
    return odt.to_bytes()


def minutes_template():
    """Procès-verbal: attendees, then each item with its decision."""
    odt = OdtBuilder()
    odt.title("Procès-verbal")
    odt.heading(Expr("helper.organisation_title()"), " — séance du ", Expr("helper.meeting_date()"))
    odt.paragraph("Présents : ", Expr("', '.join(helper.attendees())"))
    odt.paragraph("Excusés : ", Expr("', '.join(helper.excused())"))
    odt.paragraph("", statement="do text from xhtml(helper.minutes_xhtml())")
    return odt.to_bytes()


def deliberation_template():
    """Délibération d'un point: reference, motivation, decision."""
    odt = OdtBuilder()
    odt.title("Délibération")
    odt.heading(Expr("context.title"))
    odt.paragraph("Référence : ", Expr("context.itemReference or ''"))
    odt.paragraph("Séance du ", Expr("helper.meeting_date()"), " — point ", Expr("helper.number()"))
    odt.paragraph("Service : ", Expr("helper.proposing_group()"))
    odt.heading("Motivation", level=2)
    odt.paragraph("", statement="do text from xhtml(helper.motivation())")
    odt.heading("Décision", level=2)
    odt.paragraph("", statement="do text from xhtml(helper.decision())")
    odt.heading("Signatures", level=2, statement="do title if helper.signatories()")
    odt.paragraph(Expr("signatory['label']"), " : ", Expr("signatory['name']"),
                  statement="do text for signatory in helper.signatories()")
    return odt.to_bytes()


def public_deliberation_template():
    """The same, pseudonymised (for the public)."""
    odt = OdtBuilder()
    odt.title("Délibération")
    odt.heading(Expr("helper.public_title()"))
    odt.heading("Motivation", level=2)
    odt.paragraph("", statement="do text from xhtml(helper.public_motivation())")
    odt.heading("Décision", level=2)
    odt.paragraph("", statement="do text from xhtml(helper.public_decision())")
    return odt.to_bytes()


TEMPLATES = (
    # id, title, builder, for meetings (else items)
    ("oj", "Ordre du jour", agenda_template, True),
    ("pv", "Procès-verbal", minutes_template, True),
    ("deliberation", "Délibération", deliberation_template, False),
    ("deliberation-publique", "Délibération (version publique)", public_deliberation_template,
     False),
)


# sha256 of the content.xml of default templates as earlier versions created them: a
# template still matching one was never changed, and an upgrade may replace it.
EARLIER_DEFAULTS = {
    "deliberation": ("682ce64d5ce2a81634e8f6bc4fdb64c4f3e3ac8824fc9462e71694d8b5398165",),  # 1000
    "deliberation-publique": (  # 1000
        "8e3a7ec99618ecea667257ec59f77327be21f5e1497dbe4cd90120e527e094aa",),
}


def content_checksum(data):
    """sha256 of an ODT's content.xml (the zip itself holds the time it was written)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return hashlib.sha256(archive.read("content.xml")).hexdigest()
    except (zipfile.BadZipFile, KeyError):
        return None


def update_default_template(cfg, id):
    """Give template ``id`` of ``cfg`` the current default if it is an earlier default
    nobody changed; True when replaced. A template an administrator changed stays."""
    template = cfg.get(id)
    if template is None or template.odt_file is None:
        return False
    if content_checksum(template.odt_file.data) not in EARLIER_DEFAULTS.get(id, ()):
        return False
    builder = {tid: build for tid, title, build, for_meetings in TEMPLATES}[id]
    template.odt_file = NamedBlobFile(builder(), filename=f"{id}.odt")
    return True


def ensure_templates(cfg):
    """Create the configuration's default templates that are missing (never replaced)."""
    made = []
    with api.env.adopt_roles(["Manager"]):
        for id, title, builder, for_meetings in TEMPLATES:
            if id in cfg:
                continue
            portal_type = cfg.getMeetingTypeName() if for_meetings else cfg.getItemTypeName()
            made.append(api.content.create(
                container=cfg, type="pod_template", id=id, title=title,
                odt_file=NamedBlobFile(builder(), filename=f"{id}.odt"),
                pod_portal_types=[portal_type], output_formats=["odt", "pdf"]))
    return made
