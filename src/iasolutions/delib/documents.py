"""Documents of meetings and items (agenda, minutes, deliberation), from the core's ODT
templates (``iasolutions.core.documents``).

Each configuration holds its templates (``pod_template`` objects), created by its
profile from the builders below; administrators replace their ODT file with their
own, made in LibreOffice Writer. Templates see ``helper``, an
``ItemDocumentHelper`` or ``MeetingDocumentHelper``, which give the text a Walloon
deliberation is made of (as the reference's MeetingCommunes templates print it)::

    helper.municipality()       'Commune de Démo'
    helper.assembly()           'Collège communal'
    helper.session()            'Séance du lundi 1er décembre 2025 à 9h30, Salle du Collège'
    helper.attendance()         [{'label': 'Présents', 'names': 'Monsieur Marc Durant,
                                  Bourgmestre ; …'}, {'label': 'Excusée', …}]
    helper.assembly_decides()   'Le Collège communal,'
    helper.vote_result()        'Par 2 voix pour et une voix contre,' / "À l'unanimité,"
    helper.decision_articles()  the decision, 'Article 1er :', 'Article 2 :' …
    helper.closing()            'Ainsi fait en séance du 01/12/2025.'
    helper.signed_by_assembly() 'Par le Collège communal,'
    helper.signature_rows()     [[{'title': 'La Directrice générale,', 'name': …}, …]]
"""

from datetime import datetime
import hashlib
from html import escape
from iasolutions.core.documents import DocumentHelper
from iasolutions.core.odt import Expr
from iasolutions.core.odt import OdtBuilder
from iasolutions.core.services import get_service
from iasolutions.delib import agenda
from iasolutions.delib import signatories
from iasolutions.delib import votes
from iasolutions.delib.meetingconfigs import DECIDED_STATES
from iasolutions.delib.meetingconfigs import config_of
from iasolutions.delib.publication import pseudonymise
from iasolutions.delib.publication import public_title
import io
import lxml.etree
import lxml.html
from plone import api
from plone.namedfile.file import NamedBlobFile
import re
import zipfile


# The document text is French, the municipalities' language (not UI strings).

DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)

# kind: (singular, feminine singular, plural, feminine plural)
ATTENDANCE_LABELS = {
    "present": ("Présent", "Présente", "Présents", "Présentes"),
    "excused": ("Excusé", "Excusée", "Excusés", "Excusées"),
    "absent": ("Absent", "Absente", "Absents", "Absentes"),
    "item_excused": (
        "Excusé pour ce point",
        "Excusée pour ce point",
        "Excusés pour ce point",
        "Excusées pour ce point",
    ),
    "item_absent": (
        "Absent pour ce point",
        "Absente pour ce point",
        "Absents pour ce point",
        "Absentes pour ce point",
    ),
}

# vote value, one, several ({} is the count): the reference's sentences
VOTE_WORDS = (
    ("yes", "une voix pour", "{} voix pour"),
    ("no", "une voix contre", "{} voix contre"),
    ("abstain", "une abstention", "{} abstentions"),
    ("blank", "un vote blanc", "{} votes blancs"),
    ("invalid", "un bulletin invalide", "{} bulletins invalides"),
    ("does_not_vote", "un membre ne vote pas", "{} membres ne votent pas"),
    ("not_found", "un bulletin non trouvé dans l'urne", "{} bulletins non trouvés dans l'urne"),
)

# Items whose minutes say what became of them instead of only their decision.
STATE_NOTES = {
    "delayed": "Point reporté.",
    "refused": "Point refusé.",
    "accepted_but_modified": "Point approuvé moyennant modifications.",
    "returned_to_proposing_group": "Point renvoyé au service.",
}

ARTICLE = re.compile(r"^\s*art(icle|\.)\s", re.IGNORECASE)


def date_in_words(value, with_time=False):
    """'lundi 1er décembre 2026', with the time 'lundi 1er décembre 2026 à 9h30'."""
    if value is None:
        return ""
    if hasattr(value, "asdatetime"):
        value = value.asdatetime()
    day = "1er" if value.day == 1 else str(value.day)
    text = f"{DAYS[value.weekday()]} {day} {MONTHS[value.month - 1]} {value.year}"
    if with_time and isinstance(value, datetime):
        text += f" à {value.hour}h{value.minute:02d}"
    return text


def with_article(name, capital=False):
    """'le Collège communal', "l'Assemblée générale" (assemblies are masculine but
    those starting with a vowel)."""
    if not name:
        return ""
    text = f"l'{name}" if name[0].lower() in "aeiouyàâéèêëîïôöûü" else f"le {name}"
    return text[0].upper() + text[1:] if capital else text


def title_with_article(label, gender):
    """'Le Directeur général', 'La Directrice générale', "L'Échevin"; the label alone
    when the person's gender is not known (as the reference)."""
    if not label or gender not in ("F", "M"):
        return label or ""
    if label[0].lower() in "aeiouyàâéèêëîïôöûü":
        return f"L'{label}"
    return f"{'La' if gender == 'F' else 'Le'} {label}"


def attendance_label(kind, genders):
    """'Présents', 'Excusée' …: plural for several people, feminine when all are women."""
    feminine = bool(genders) and all(gender == "F" for gender in genders)
    plural = len(genders) > 1
    return ATTENDANCE_LABELS[kind][2 * plural + feminine]


def _enumerate_fr(parts):
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " et " + parts[-1]


def vote_sentence(totals, secret=False):
    """'Par 2 voix pour, une voix contre et une abstention,' or 'À l'unanimité,' (every
    vote cast is yes), 'Au scrutin secret, …' for a secret vote; '' without votes."""
    parts = []
    for value, one, several in VOTE_WORDS:
        count = totals.get(value, 0)
        if count:
            parts.append(one if count == 1 else several.format(count))
    if not parts:
        return ""
    counted = [value for value, *words in VOTE_WORDS if totals.get(value, 0)]
    text = "à l'unanimité" if counted == ["yes"] else "par " + _enumerate_fr(parts)
    if secret:
        text = "au scrutin secret, " + text
    return text[0].upper() + text[1:] + ","


def numbered_articles(html):
    """The paragraphs of a decision as its articles ('Article 1er : …', 'Article 2 : …'),
    unless it has a single paragraph or the agent numbered them already."""
    if not html or not html.strip():
        return html or ""
    fragments = lxml.html.fragments_fromstring(html)
    paragraphs = [
        fragment
        for fragment in fragments
        if not isinstance(fragment, str) and fragment.tag == "p" and fragment.text_content().strip()
    ]
    if len(paragraphs) < 2 or any(ARTICLE.match(p.text_content()) for p in paragraphs):
        return html
    for number, paragraph in enumerate(paragraphs, start=1):
        label = lxml.html.Element("strong")
        label.text = f"Article {'1er' if number == 1 else number} :"
        label.tail = " " + (paragraph.text or "").lstrip()
        paragraph.text = None
        paragraph.insert(0, label)
    return "".join(
        fragment
        if isinstance(fragment, str)
        else lxml.etree.tostring(fragment, encoding="unicode", method="xml")
        for fragment in fragments
    )


def _held_positions(uids):
    """{UID: held position}; unrestricted, as whoever generates a document may print
    who attended and who signs without opening the contacts."""
    catalog = api.portal.get_tool("portal_catalog")
    return (
        {
            b.UID: b._unrestrictedGetObject()
            for b in catalog.unrestrictedSearchResults(UID=list(uids))
        }
        if uids
        else {}
    )


def _titles(uids):
    held = _held_positions(uids)
    return [held[uid].title if uid in held else uid for uid in uids or ()]


def _signatory(held):
    """Label, name, position and gender of a held position (empty if it was deleted)."""
    if held is None:
        return {"label": "", "name": "", "position": "", "gender": None}
    person, target = held.get_person(), held.get_position()
    position = target.title if target is not None else ""
    is_position = target is not None and target.portal_type == "position"
    return {
        "label": held.label or (position if is_position else ""),
        "name": person.title if person is not None else "",
        "position": position,
        "gender": getattr(person, "gender", None) if person is not None else None,
    }


def _attendee(held):
    """'Monsieur Marc Durant, Bourgmestre' and the person's gender."""
    signatory = _signatory(held)
    person = held.get_person() if held is not None else None
    name = person.get_title() if person is not None else signatory["name"]
    line = f"{name}, {signatory['label']}" if signatory["label"] else name
    return line, signatory["gender"]


def attendance_rows(groups):
    """[{'label': 'Présents', 'names': '…; …'}] for the non-empty (kind, UIDs) groups."""
    held = _held_positions([uid for kind, uids in groups for uid in uids])
    rows = []
    for kind, uids in groups:
        people = [_attendee(held[uid]) for uid in uids if uid in held]
        if people:
            rows.append(
                {
                    "label": attendance_label(kind, [gender for line, gender in people]),
                    "names": " ; ".join(line for line, gender in people),
                }
            )
    return rows


def signature_rows(signatures):
    """Signatures two by two, as printed side by side (the last row may hold one)."""
    rows = [list(signatures[index : index + 2]) for index in range(0, len(signatures), 2)]
    for row in rows:
        if len(row) == 1:
            row.append({"title": "", "name": ""})
    return rows


class DelibDocumentHelper(DocumentHelper):
    """What the templates of items and meetings share: the heading, the session, the
    closing and the signatures."""

    def meeting(self):
        raise NotImplementedError

    def config(self):
        return config_of(self.context)

    def municipality(self):
        """'Commune de Démo' (the organisation, else the site)."""
        return self.organisation_title()

    def assembly(self):
        """'Collège communal' (the configuration's title)."""
        cfg = self.config()
        return cfg.title if cfg is not None else ""

    def assembly_decides(self):
        """'Le Collège communal,' (opens what the assembly decides)."""
        return with_article(self.assembly(), capital=True) + ","

    def signed_by_assembly(self):
        """'Par le Collège communal,' (above the signatures)."""
        return f"Par {with_article(self.assembly())},"

    def session(self):
        """'Séance du lundi 23 novembre 2026 à 9h00, Salle du Collège'."""
        meeting = self.meeting()
        if meeting is None:
            return ""
        text = f"Séance du {date_in_words(meeting.date, with_time=True)}"
        return f"{text}, {meeting.place}" if meeting.place else text

    def meeting_day(self):
        """'23/11/2026'."""
        meeting = self.meeting()
        return self.display_date(meeting.date) if meeting is not None else ""

    def meeting_date_in_words(self):
        meeting = self.meeting()
        return date_in_words(meeting.date) if meeting is not None else ""

    def closing(self):
        """'Ainsi fait en séance du 23/11/2026.'"""
        day = self.meeting_day()
        return f"Ainsi fait en séance du {day}." if day else ""

    def signatories(self):
        raise NotImplementedError

    def signature_rows(self):
        """The signatories two by two ({'title': 'Le Bourgmestre,', 'name': …}), for a
        table with ``do row for pair in helper.signature_rows()``."""
        return signature_rows(
            [
                {"title": f"{s['title']}," if s["title"] else "", "name": s["name"]}
                for s in self.signatories()
            ]
        )


class ItemDocumentHelper(DelibDocumentHelper):
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

    def is_decided(self):
        return api.content.get_state(self.context, default=None) in DECIDED_STATES

    def document_title(self):
        """'Délibération', or 'Projet de délibération' before the decision."""
        return "Délibération" if self.is_decided() else "Projet de délibération"

    def extract_from_register(self):
        """The extract's opening, once decided."""
        if not self.is_decided():
            return ""
        return f"Du registre aux délibérations {_of(self.assembly())} a été extrait ce qui suit :"

    def subject_prefix(self):
        """'Objet n° 2 : ' ('Objet : ' out of a meeting), before the title."""
        number = self.number()
        return f"Objet n° {number} : " if number else "Objet : "

    def state_note(self):
        """'Point reporté.' and the like; '' for an item accepted as proposed."""
        return STATE_NOTES.get(api.content.get_state(self.context, default=None), "")

    def motivation(self):
        return self.rich_text(self.context.motivation)

    def decision(self):
        return self.rich_text(self.context.decision)

    def decision_articles(self):
        """The decision, its paragraphs numbered as articles (see numbered_articles)."""
        return numbered_articles(self.decision())

    def public_motivation(self):
        """The motivation pseudonymised (for documents given to the public)."""
        return pseudonymise(self.motivation())

    def public_decision(self):
        return pseudonymise(self.decision())

    def public_decision_articles(self):
        return numbered_articles(self.public_decision())

    def public_title(self):
        """The title for the public (publication), else the title."""
        return public_title(self.context)

    def attendance(self):
        """Who attended the meeting and who left for this item, as rows ``label``
        ('Présents', 'Excusés', 'Absents pour ce point'…) and ``names``."""
        meeting = self.meeting()
        if meeting is None:
            return []
        item_excused = votes.item_excused(meeting, self.context)
        item_absents = votes.item_absents(meeting, self.context)
        return attendance_rows(
            [
                ("present", votes.present_voters(meeting, self.context)),
                ("excused", list(meeting.excused or ())),
                ("absent", list(meeting.absents or ())),
                ("item_excused", item_excused),
                ("item_absent", item_absents),
            ]
        )

    def vote_totals(self):
        meeting = self.meeting()
        if meeting is None:
            return ""
        totals = votes.vote_totals(meeting, self.context)
        labels = {
            "yes": "oui",
            "no": "non",
            "abstain": "abstention",
            "blank": "blanc",
            "invalid": "nul",
            "does_not_vote": "ne vote pas",
            "not_found": "absent",
        }
        return ", ".join(f"{count} {labels.get(value, value)}" for value, count in totals.items())

    def vote_result(self):
        """'Par 2 voix pour, une voix contre et une abstention,' / 'À l'unanimité,';
        '' when no vote was encoded."""
        meeting = self.meeting()
        record = votes.get_vote(meeting, self.context) if meeting is not None else None
        if record is None:
            return ""
        return vote_sentence(
            votes.vote_totals(meeting, self.context),
            secret=record.get("poll_type") in votes.SECRET_POLL_TYPES,
        )

    def signatories(self):
        """Who signs, in signing order, the item's replacements applied: dicts with
        ``number``, ``label`` ("Directeur général f.f."), ``title`` ("Le Directeur
        général f.f." when the gender is known), ``name``, ``position`` (the position or
        organisation) and ``replaced`` (True for a replacement)."""
        meeting = self.meeting()
        if meeting is None:
            return []
        rows = signatories.item_signatories(meeting, self.context)
        held = _held_positions([row["held_position"] for row in rows])
        return [
            _signature(
                held.get(row["held_position"]), number=row["number"], replaced=bool(row["replaces"])
            )
            for row in rows
        ]

    def minutes_xhtml(self):
        """This item in the minutes: its subject, what became of it, its motivation, who
        left, the vote and the decision."""
        parts = [f"<h2>{escape(self.number())}. {escape(self.context.title)}</h2>"]
        note = self.state_note()
        if note:
            parts.append(f"<p><em>{escape(note)}</em></p>")
        parts.append(self.motivation())
        for row in self._item_leaves():
            parts.append(f"<p>{escape(row['label'])} : {escape(row['names'])}</p>")
        if api.content.get_state(self.context, default=None) != "delayed":
            parts.append(f"<p><strong>{escape(self.assembly_decides())}</strong></p>")
            if self.vote_result():
                parts.append(f"<p>{escape(self.vote_result())}</p>")
            parts.append("<p><strong>DÉCIDE :</strong></p>")
            parts.append(self.decision_articles())
        return "".join(part for part in parts if part)

    def _item_leaves(self):
        meeting = self.meeting()
        if meeting is None:
            return []
        return attendance_rows(
            [
                ("item_excused", votes.item_excused(meeting, self.context)),
                ("item_absent", votes.item_absents(meeting, self.context)),
            ]
        )


def _of(assembly):
    """'du Collège communal', "de l'Assemblée générale"."""
    text = with_article(assembly)
    return "du " + text[3:] if text.startswith("le ") else f"de {text}"


def _signature(held, **extra):
    values = _signatory(held)
    values["title"] = title_with_article(values["label"], values.pop("gender"))
    values.update(extra)
    return values


class MeetingDocumentHelper(DelibDocumentHelper):
    """``helper`` of a meeting's templates."""

    def meeting(self):
        return self.context

    def items(self, list_type=None, privacy=None):
        """The items in agenda order; ``list_type`` 'normal' or 'late', ``privacy``
        'public' or 'secret' keep only those."""
        items = agenda.items_of(self.context)
        if list_type:
            items = [item for item in items if (item.listType or "normal") == list_type]
        if privacy:
            items = [item for item in items if (item.privacy or "public") == privacy]
        return items

    def has_both_privacies(self):
        """True when the agenda holds public and closed-session items (then the
        agenda shows them under 'Séance publique' and 'Séance à huis clos')."""
        return bool(self.items(privacy="public")) and bool(self.items(privacy="secret"))

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

    def attendance(self):
        """Rows ``label`` ('Présents', 'Excusées'…) and ``names`` ('Monsieur Marc
        Durant, Bourgmestre ; …'), only for the groups that have someone."""
        away = set(self.context.excused or ()) | set(self.context.absents or ())
        return attendance_rows(
            [
                ("present", [uid for uid in self.context.attendees or () if uid not in away]),
                ("excused", list(self.context.excused or ())),
                ("absent", list(self.context.absents or ())),
            ]
        )

    def signatories(self):
        """The meeting's signatories in signing order (same dicts as an item's)."""
        uids = list(self.context.signatories or ())
        held = _held_positions(uids)
        return [
            _signature(held.get(uid), number=number, replaced=False)
            for number, uid in enumerate(uids, start=1)
        ]

    def meeting_date(self):
        return self.display_date(self.context.date, "%d/%m/%Y à %H:%M")

    def observations(self):
        return self.rich_text(self.context.observations)

    def minutes_xhtml(self):
        """Every item as in its deliberation (see ItemDocumentHelper.minutes_xhtml), the
        late ones under 'Points supplémentaires' (XHTML for appy)."""
        parts = []
        for list_type, heading in (("normal", ""), ("late", "Points supplémentaires")):
            items = self.items(list_type)
            if items and heading:
                parts.append(f"<h1>{escape(heading)}</h1>")
            parts.extend(self.item_helper(item).minutes_xhtml() for item in items)
        return "".join(parts) or "<p></p>"


def _heading(odt, title):
    """Municipality, assembly, the document's title."""
    odt.paragraph(Expr("helper.municipality()"), style="Strong")
    odt.paragraph(Expr("helper.assembly()"), style="Strong")
    odt.title(*title)


def _signatures(odt):
    """'Ainsi fait en séance du …', 'Par le Collège communal,' and the signatories side
    by side (title over name)."""
    odt.paragraph(
        Expr("helper.closing()"), statement="do text if helper.closing()", style="Closing"
    )
    odt.paragraph(
        Expr("helper.signed_by_assembly()"),
        statement="do text if helper.signatories()",
        style="Kept",
    )
    cells = [
        [("Centered", [Expr(f"pair[{n}]['title']")]), ("Signature", [Expr(f"pair[{n}]['name']")])]
        for n in (0, 1)
    ]
    odt.table(*cells, statement="do row for pair in helper.signature_rows()")


def agenda_template():
    """Ordre du jour: the items in order, the late ones after, each group under its
    heading only when it has items."""
    odt = OdtBuilder()
    _heading(odt, ("Ordre du jour",))
    odt.heading(Expr("helper.session()"))
    item = (Expr("helper.number(item)"), ". ", Expr("item.title"))
    for privacy, heading, condition in (
        ("public", "Séance publique", "helper.has_both_privacies()"),
        ("secret", "Séance à huis clos", "helper.items(privacy='secret')"),
    ):
        odt.heading(heading, level=2, statement=f"do title if {condition}")
        odt.paragraph(*item, statement=f"do text for item in helper.items('normal', '{privacy}')")
        odt.heading(
            "Points supplémentaires",
            level=2,
            statement=f"do title if helper.items('late', '{privacy}')",
        )
        odt.paragraph(*item, statement=f"do text for item in helper.items('late', '{privacy}')")
    return odt.to_bytes()


def minutes_template():
    """Procès-verbal: the session, who attended, then each item with its motivation,
    vote and decision, the closing and the signatures."""
    odt = OdtBuilder()
    _heading(odt, ("Procès-verbal",))
    odt.heading(Expr("helper.session()"))
    odt.paragraph(
        Expr("row['label']"),
        " : ",
        Expr("row['names']"),
        statement="do text for row in helper.attendance()",
    )
    odt.paragraph(
        "", statement="do text if helper.observations() from xhtml(helper.observations())"
    )
    odt.paragraph("", statement="do text from xhtml(helper.minutes_xhtml())")
    _signatures(odt)
    return odt.to_bytes()


def _deliberation(public):
    """Délibération: heading, session and attendance, subject, motivation, 'Le Collège
    communal, … DÉCIDE :', the articles, the closing and the signatures."""
    prefix = "public_" if public else ""
    odt = OdtBuilder()
    _heading(odt, (Expr("helper.document_title()"),))
    odt.paragraph(
        Expr("helper.extract_from_register()"),
        statement="do text if helper.extract_from_register()",
    )
    odt.heading(Expr("helper.session()"), level=2, statement="do title if helper.session()")
    odt.paragraph(
        Expr("row['label']"),
        " : ",
        Expr("row['names']"),
        statement="do text for row in helper.attendance()",
    )
    odt.heading(
        Expr("helper.subject_prefix()"),
        Expr("helper.public_title()" if public else "context.title"),
    )
    if not public:
        odt.paragraph(
            "Référence : ",
            Expr("context.itemReference"),
            statement="do text if context.itemReference",
        )
        odt.paragraph("Service : ", Expr("helper.proposing_group()"))
    odt.paragraph("", statement=f"do text from xhtml(helper.{prefix}motivation())")
    odt.paragraph(Expr("helper.assembly_decides()"), style="Strong")
    odt.paragraph(Expr("helper.vote_result()"), statement="do text if helper.vote_result()")
    odt.paragraph("DÉCIDE :", style="Strong")
    odt.paragraph("", statement=f"do text from xhtml(helper.{prefix}decision_articles())")
    _signatures(odt)
    return odt.to_bytes()


def deliberation_template():
    return _deliberation(public=False)


def public_deliberation_template():
    """The same, pseudonymised (for the public), under the title for the public."""
    return _deliberation(public=True)


TEMPLATES = (
    # id, title, builder, for meetings (else items)
    ("oj", "Ordre du jour", agenda_template, True),
    ("pv", "Procès-verbal", minutes_template, True),
    ("deliberation", "Délibération", deliberation_template, False),
    (
        "deliberation-publique",
        "Délibération (version publique)",
        public_deliberation_template,
        False,
    ),
)


# sha256 of the content.xml of default templates as earlier versions created them: a
# template still matching one was never changed, and an upgrade may replace it.
EARLIER_DEFAULTS = {
    "oj": ("068d1c29181edf43367f4e4baf01db8f08520dfb9d6110e67d8e2e182575b328",),  # 1000-1004
    "pv": ("60cd06feef04adf45205f194095bd64d71dd455e43afee8fe93c01a7fb7e3c60",),  # 1000-1004
    "deliberation": (
        "682ce64d5ce2a81634e8f6bc4fdb64c4f3e3ac8824fc9462e71694d8b5398165",  # 1000
        "23c1494c6836548307ceef4d73d1a0e3de679658558c772574aa5cae70e8dd16",  # 1002 (first)
        "2201866a69396ab03186c5a7cbc3f07ff9003eea94bc9a3d1490d665f2ba6222",  # 1002-1004
    ),
    "deliberation-publique": (
        "8e3a7ec99618ecea667257ec59f77327be21f5e1497dbe4cd90120e527e094aa",  # 1000
        "961a037122196de83c2e8a35134761bbb034dba394ed150ca59fd685fb3d21d8",  # 1003-1004
    ),
}


def content_checksum(data):
    """sha256 of an ODT's content.xml (the zip itself holds the time it was written)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return hashlib.sha256(archive.read("content.xml")).hexdigest()
    except (zipfile.BadZipFile, KeyError):
        return None


def is_current_default(cfg, id):
    """True when template ``id`` of ``cfg`` is this version's default."""
    template = cfg.get(id)
    builder = {tid: build for tid, title, build, for_meetings in TEMPLATES}[id]
    return (
        template is not None
        and template.odt_file is not None
        and content_checksum(template.odt_file.data) == content_checksum(builder())
    )


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


def ensure_templates(cfg, wanted=lambda id: True):
    """Create the configuration's default templates that are missing (never replaced);
    ``wanted(id)`` says whether a missing one is to be made (an organisation profile
    does not bring back a template the administrator deleted)."""
    made = []
    with api.env.adopt_roles(["Manager"]):
        for id, title, builder, for_meetings in TEMPLATES:
            if not wanted(id) or id in cfg:
                continue
            portal_type = cfg.getMeetingTypeName() if for_meetings else cfg.getItemTypeName()
            made.append(
                api.content.create(
                    container=cfg,
                    type="pod_template",
                    id=id,
                    title=title,
                    odt_file=NamedBlobFile(builder(), filename=f"{id}.odt"),
                    pod_portal_types=[portal_type],
                    output_formats=["odt", "pdf"],
                )
            )
    return made
