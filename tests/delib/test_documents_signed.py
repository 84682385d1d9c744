"""Documents a municipality signs: the agenda, the minutes and the deliberation of a decided
meeting carry the municipality and the assembly, the session, who attended, the vote,
"Le Collège communal, … DÉCIDE :" with the articles, the closing and the signatories with
their titles (generated as PDF by LibreOffice, read back with pdftotext)."""

from datetime import datetime
from iasolutions.core import documents
from iasolutions.core.contacts import add_held_position
from iasolutions.core.contacts import add_person
from iasolutions.core.odt import Expr
from iasolutions.core.odt import OdtBuilder
from iasolutions.core.odt import odt_text
from iasolutions.delib import documents as delib_documents
from iasolutions.delib import votes
import io
from plone import api
from plone.namedfile.file import NamedBlobFile
import pytest
import subprocess
from tests.delib.helpers import html
from tests.delib.helpers import make_meeting
from tests.delib.helpers import transition
from tests.delib.helpers import validated_item
from tests.helpers import as_user
import zipfile


SECRET = "Marie Confidentielle"
SESSION = "Séance du lundi 1er décembre 2025 à 9h30, Salle du Collège"

# key: lastname, firstname, person title, gender, label
ASSEMBLY = (
    ("bourgmestre", ("Durant", "Marc", "Monsieur", "M", "Bourgmestre")),
    ("echevine", ("Lenoir", "Julie", "Madame", "F", "Première échevine")),
    ("echevine_fin", ("Claire", "Anne", "Madame", "F", "Échevine des finances")),
    ("dg", ("Général", "Denise", "Madame", "F", "Directrice générale")),
    ("echevin_excuse", ("Petit", "Paul", "Monsieur", "M", "Échevin des travaux")),
    ("conseiller_absent", ("Absent", "Luc", "Monsieur", "M", "Conseiller")),
)


def make_assembly(portal):
    contacts = portal["contacts"]
    own = contacts["plonegroup-organization"]
    return {
        key: add_held_position(
            add_person(contacts, last, first, person_title=title, gender=gender), own, label=label
        ).UID()
        for key, (last, first, title, gender, label) in ASSEMBLY
    }


@pytest.fixture
def decided(delib_portal, college, services, users):
    """A College meeting like the demo's: an excused alderman, an absent councillor, the
    DG and the mayor signing; three items decided, two of them voted."""
    people = make_assembly(delib_portal)
    meeting = make_meeting(
        college,
        date=datetime(2025, 12, 1, 9, 30),
        place="Salle du Collège",
        attendees=list(people.values()),
        excused=[people["echevin_excuse"]],
        absents=[people["conseiller_absent"]],
        signatories=[people["dg"], people["bourgmestre"]],
        observations=html("<p>La séance est ouverte à 9h35.</p>"),
    )
    in_meeting = {"preferredMeeting": api.content.get_uuid(meeting)}  # a past date
    roof = validated_item(
        college,
        services,
        title="Réfection de la toiture",
        **in_meeting,
        motivation=html(
            "<p>Vu le Code de la démocratie locale et de la décentralisation ;</p>"
            "<p>Considérant que la toiture de l'école fuit ;</p>"
        ),
        decision=html(
            "<p>D'approuver le cahier des charges.</p><p>De charger le Collège de l'exécution.</p>"
        ),
    )
    grant = validated_item(
        college,
        services,
        title="Subside au club",
        **in_meeting,
        decision=html(
            f'<p>D\'octroyer un subside à <span class="pm-anonymize">{SECRET}</span>.</p>'
        ),
    )
    for item in (roof, grant):
        transition(item, "manager", "present")
    transition(meeting, "manager", "freeze")
    late = validated_item(college, services, title="Point urgent ajouté", **in_meeting)
    transition(late, "manager", "present")
    votes.set_vote(
        meeting,
        roof,
        votes={
            people["bourgmestre"]: "yes",
            people["echevine_fin"]: "yes",
            people["echevine"]: "no",
        },
    )
    votes.set_item_attendance(meeting, grant, people["echevine"], "absent")
    votes.set_vote(
        meeting, grant, votes={people["bourgmestre"]: "yes", people["echevine_fin"]: "yes"}
    )
    transition(meeting, "manager", "decide")
    for item in (roof, grant, late):
        transition(item, "manager", "accept")
    return meeting, roof, grant, late, people


def pdf_text(template, context, tmp_path, userid="creator_fin"):
    """The PDF LibreOffice makes, as pdftotext reads it, whitespace collapsed (generated
    by an agent of the proposing service, by default)."""
    with as_user(userid):
        pdf = documents.generate(template, context, "pdf")
    assert pdf.data.startswith(b"%PDF")
    path = tmp_path / pdf.filename
    path.write_bytes(pdf.data)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(text.split())


def in_order(text, *parts):
    """Each part is in the text, after the one before."""
    position = 0
    for part in parts:
        found = text.find(part, position)
        assert found >= 0, f"{part!r} not after {text[:position][-80:]!r} in {text!r}"
        position = found + len(part)


# The helpers' words, tested directly.


@pytest.mark.parametrize(
    "totals, secret, sentence",
    [
        (
            {"yes": 2, "no": 1, "abstain": 1},
            False,
            "Par 2 voix pour, une voix contre et une abstention,",
        ),
        (
            {"yes": 12, "no": 2, "abstain": 3},
            False,
            "Par 12 voix pour, 2 voix contre et 3 abstentions,",
        ),
        ({"yes": 7, "no": 0}, False, "À l'unanimité,"),
        ({"yes": 4, "blank": 1}, True, "Au scrutin secret, par 4 voix pour et un vote blanc,"),
        ({"no": 3}, False, "Par 3 voix contre,"),
        ({}, False, ""),
        ({"yes": 0}, False, ""),
    ],
)
def test_vote_sentence(totals, secret, sentence):
    assert delib_documents.vote_sentence(totals, secret=secret) == sentence


@pytest.mark.parametrize(
    "value, with_time, words",
    [
        (datetime(2025, 12, 1, 9, 30), True, "lundi 1er décembre 2025 à 9h30"),
        (datetime(2026, 8, 14, 19, 0), True, "vendredi 14 août 2026 à 19h00"),
        (datetime(2026, 8, 14, 19, 0), False, "vendredi 14 août 2026"),
        (None, True, ""),
    ],
)
def test_date_in_words(value, with_time, words):
    assert delib_documents.date_in_words(value, with_time=with_time) == words


@pytest.mark.parametrize(
    "decision, articles",
    [
        (
            "<p>D'approuver.</p><p>De notifier.</p>",
            "<p><strong>Article 1er :</strong> D'approuver.</p>"
            "<p><strong>Article 2 :</strong> De notifier.</p>",
        ),
        # numbered by the agent, or a single paragraph: as written
        (
            "<p>Article 1er : D'approuver.</p><p>Article 2 : De notifier.</p>",
            "<p>Article 1er : D'approuver.</p><p>Article 2 : De notifier.</p>",
        ),
        ("<p>D'approuver le cahier des charges.</p>", "<p>D'approuver le cahier des charges.</p>"),
        ("", ""),
    ],
)
def test_decision_articles(decision, articles):
    assert delib_documents.numbered_articles(decision) == articles


@pytest.mark.parametrize(
    "label, gender, title",
    [
        ("Bourgmestre", "M", "Le Bourgmestre"),
        ("Directrice générale", "F", "La Directrice générale"),
        ("Échevin des finances", "M", "L'Échevin des finances"),
        ("Directeur général f.f.", None, "Directeur général f.f."),  # as the reference: no
    ],
)  # article without a gender
def test_signatory_titles(label, gender, title):
    assert delib_documents.title_with_article(label, gender) == title


@pytest.mark.parametrize(
    "assembly, decides, signs, register",
    [
        (
            "Collège communal",
            "Le Collège communal,",
            "Par le Collège communal,",
            "du Collège communal",
        ),
        (
            "Conseil de l'Action Sociale",
            "Le Conseil de l'Action Sociale,",
            "Par le Conseil de l'Action Sociale,",
            "du Conseil de l'Action Sociale",
        ),
        (
            "Assemblée générale",
            "L'Assemblée générale,",
            "Par l'Assemblée générale,",
            "de l'Assemblée générale",
        ),
    ],
)
def test_assembly_wording(assembly, decides, signs, register):
    assert delib_documents.with_article(assembly, capital=True) + "," == decides
    assert f"Par {delib_documents.with_article(assembly)}," == signs
    assert delib_documents._of(assembly) == register


def test_helpers_give_heading_attendance_vote_and_signatures(college, decided):
    meeting, roof, grant, late, people = decided
    with as_user("creator_fin"):
        item = documents.namespace(roof)["helper"]
        assert item.municipality() == item.organisation_title() != ""
        assert item.assembly() == college.title == "Collège communal"
        assert item.session() == SESSION
        assert item.meeting_date_in_words() == "lundi 1er décembre 2025"
        assert item.closing() == "Ainsi fait en séance du 01/12/2025."
        assert item.document_title() == "Délibération"
        assert item.extract_from_register() == (
            "Du registre aux délibérations du Collège communal a été extrait ce qui suit :"
        )
        assert item.subject_prefix() == "Objet n° 2 : "
        assert item.attendance() == [
            {
                "label": "Présents",
                "names": "Monsieur Marc Durant, Bourgmestre ; Madame Julie "
                "Lenoir, Première échevine ; Madame Anne Claire, Échevine des finances ; Madame "
                "Denise Général, Directrice générale",
            },
            {"label": "Excusé", "names": "Monsieur Paul Petit, Échevin des travaux"},
            {"label": "Absent", "names": "Monsieur Luc Absent, Conseiller"},
        ]
        assert item.vote_result() == "Par 2 voix pour et une voix contre,"
        assert item.assembly_decides() == "Le Collège communal,"
        assert item.signed_by_assembly() == "Par le Collège communal,"
        assert item.signature_rows() == [
            [
                {"title": "La Directrice générale,", "name": "Denise Général"},
                {"title": "Le Bourgmestre,", "name": "Marc Durant"},
            ]
        ]
        other = documents.namespace(grant)["helper"]
        assert other.vote_result() == "À l'unanimité,"
        assert other.attendance()[0]["names"].count(";") == 2  # Julie Lenoir left
        assert other.attendance()[-1] == {
            "label": "Absente pour ce point",
            "names": "Madame Julie Lenoir, Première échevine",
        }
        assert documents.namespace(late)["helper"].vote_result() == ""
        board = documents.namespace(meeting)["helper"]
        assert board.attendance() == item.attendance()
        assert board.signature_rows() == item.signature_rows()
        assert [i.title for i in board.items("late")] == ["Point urgent ajouté"]
        assert not board.has_both_privacies()


def test_a_draft_is_a_project_without_closing(college, services, users):
    item = validated_item(college, services, title="Achat de mobilier")
    with as_user("creator_fin"):
        helper = documents.namespace(item)["helper"]
        assert helper.document_title() == "Projet de délibération"
        assert helper.extract_from_register() == helper.session() == helper.closing() == ""
        assert helper.attendance() == helper.signature_rows() == []
        text = odt_text(documents.generate(college["deliberation"], item, "odt").data)
    assert "Projet de délibération" in text and "Objet : Achat de mobilier" in text
    assert "Ainsi fait" not in text and "Par le Collège" not in text


# The documents, as LibreOffice prints them.


def test_deliberation(college, decided, tmp_path):
    meeting, roof, grant, late, people = decided
    text = pdf_text(college["deliberation"], roof, tmp_path)
    municipality = documents.namespace(roof)["helper"].municipality()
    in_order(
        text,
        municipality,
        "Collège communal",
        "Délibération",
        "Du registre aux délibérations du Collège communal a été extrait ce qui suit :",
        SESSION,
        "Présents : Monsieur Marc Durant, Bourgmestre ; Madame Julie Lenoir, Première "
        "échevine ; Madame Anne Claire, Échevine des finances ; Madame Denise Général, "
        "Directrice générale",
        "Excusé : Monsieur Paul Petit, Échevin des travaux",
        "Absent : Monsieur Luc Absent, Conseiller",
        "Objet n° 2 : Réfection de la toiture",
        "Service : Finances",
        "Vu le Code de la démocratie locale",
        "Considérant que la toiture",
        "Le Collège communal,",
        "Par 2 voix pour et une voix contre,",
        "DÉCIDE :",
        "Article 1er : D'approuver le cahier des charges.",
        "Article 2 : De charger le Collège de l'exécution.",
        "Ainsi fait en séance du 01/12/2025.",
        "Par le Collège communal,",
        "La Directrice générale,",
        "Le Bourgmestre,",
    )
    assert "Denise Général" in text.split("Par le Collège communal,")[1]
    assert "Marc Durant" in text.split("Par le Collège communal,")[1]
    unanimous = pdf_text(college["deliberation"], grant, tmp_path)
    in_order(
        unanimous,
        "Absente pour ce point : Madame Julie Lenoir, Première échevine",
        "Le Collège communal,",
        "À l'unanimité,",
        "DÉCIDE :",
        SECRET,
    )


def test_public_deliberation(college, decided, tmp_path):
    meeting, roof, grant, late, people = decided
    text = pdf_text(college["deliberation-publique"], grant, tmp_path)
    in_order(
        text,
        "Collège communal",
        "Délibération",
        SESSION,
        "Présents :",
        "Objet n° 3 : Subside au club",
        "Le Collège communal,",
        "À l'unanimité,",
        "DÉCIDE :",
        "TEXTE MASQUÉ | RGPD",
        "Ainsi fait en séance du 01/12/2025.",
        "Par le Collège communal,",
        "La Directrice générale,",
        "Le Bourgmestre,",
    )
    assert SECRET not in text and "Service :" not in text


def test_minutes(college, decided, tmp_path):
    meeting, roof, grant, late, people = decided
    text = pdf_text(college["pv"], meeting, tmp_path, userid="manager")
    in_order(
        text,
        "Collège communal",
        "Procès-verbal",
        SESSION,
        "Présents : Monsieur Marc Durant, Bourgmestre",
        "Excusé : Monsieur Paul Petit",
        "Absent : Monsieur Luc Absent",
        "La séance est ouverte à 9h35.",
        "1. Approbation du procès-verbal de la séance précédente",
        "2. Réfection de la toiture",
        "Vu le Code",
        "Le Collège communal,",
        "Par 2 voix pour et une voix contre,",
        "DÉCIDE :",
        "Article 1er : D'approuver",
        "3. Subside au club",
        "Absente pour ce point : Madame Julie Lenoir",
        "À l'unanimité,",
        "Points supplémentaires",
        "4. Point urgent ajouté",
        "Ainsi fait en séance du 01/12/2025.",
        "Par le Collège communal,",
        "La Directrice générale,",
        "Le Bourgmestre,",
    )


def test_agenda(college, decided, tmp_path):
    meeting, roof, grant, late, people = decided
    text = pdf_text(college["oj"], meeting, tmp_path, userid="manager")
    municipality = documents.namespace(meeting)["helper"].municipality()
    in_order(
        text,
        municipality,
        "Collège communal",
        "Ordre du jour",
        SESSION,
        "1. Approbation du procès-verbal de la séance précédente",
        "2. Réfection de la toiture",
        "3. Subside au club",
        "Points supplémentaires",
        "4. Point urgent ajouté",
    )
    assert "Séance publique" not in text and "huis clos" not in text


def test_agenda_shows_only_sections_that_have_items(college, services, users, tmp_path):
    meeting = make_meeting(college, place="Salle du Collège")
    public = validated_item(college, services, title="Achat de sel")
    closed = validated_item(college, services, title="Recrutement d'un ouvrier", privacy="secret")
    for item in (public, closed):
        transition(item, "manager", "present")
    text = pdf_text(college["oj"], meeting, tmp_path, userid="manager")
    in_order(
        text,
        "Collège communal",
        "Ordre du jour",
        "Séance publique",
        "Achat de sel",
        "Séance à huis clos",
        "Recrutement d'un ouvrier",
    )
    assert "Points supplémentaires" not in text


def test_the_demo_meeting_documents(delib_portal, college, tmp_path):
    """The demo's closed meeting as its general director prints it: no vote encoded, no
    late item, one item delayed and one refused."""
    from iasolutions.delib.meetingconfigs import folder_of
    from plone.app.testing import applyProfile

    applyProfile(delib_portal, "iasolutions.delib:demo")
    meeting = folder_of(college)["demo-decided-meeting"]
    session = f"Séance du {delib_documents.date_in_words(meeting.date, with_time=True)}"
    agenda = pdf_text(college["oj"], meeting, tmp_path, userid="dir-gen")
    in_order(
        agenda,
        "Collège communal",
        "Ordre du jour",
        session + ", Salle du Collège",
        "Achat de mobilier scolaire",
    )
    assert "Points supplémentaires" not in agenda
    minutes = pdf_text(college["pv"], meeting, tmp_path, userid="dir-gen")
    in_order(
        minutes,
        "Procès-verbal",
        session,
        "Présents : Monsieur Marc Durant, Bourgmestre ; Madame Julie Lenoir, Première "
        "échevine ; Monsieur Paul Petit, Échevin des travaux ; Madame Denise Général, "
        "Directrice générale",
        "1. Approbation du procès-verbal",
    )
    assert "Excusé" not in minutes and "Absent" not in minutes  # nobody was
    items = {
        item.title: item for item in delib_documents.MeetingDocumentHelper(meeting, None).items()
    }
    number = {
        title: delib_documents.agenda.format_number(item.itemNumber)
        for title, item in items.items()
    }
    delayed, refused, accepted = (
        "Désignation d'un auteur de projet",
        "Prime à la rénovation",
        "Achat de mobilier scolaire",
    )
    in_order(minutes, f"{number[delayed]}. {delayed} Point reporté. Vu le Code")
    in_order(
        minutes,
        f"{number[refused]}. {refused} Point refusé. Vu le Code",
        "Le Collège communal, DÉCIDE : Décide d'octroyer",
    )
    in_order(
        minutes,
        f"{number[accepted]}. {accepted} Vu le Code",
        "Le Collège communal, DÉCIDE : Décide d'approuver la proposition.",
    )
    in_order(
        minutes,
        "Ainsi fait en séance du",
        "Par le Collège communal,",
        "Le Bourgmestre,",
        "La Directrice générale,",
        "Marc Durant",
        "Denise Général",
    )
    deliberation = pdf_text(college["deliberation"], items[accepted], tmp_path, userid="agent-trav")
    in_order(
        deliberation,
        "Collège communal",
        "Délibération",
        session,
        "Présents :",
        f"Objet n° {number[accepted]} : {accepted}",
        "Vu le Code",
        "Le Collège communal,",
        "DÉCIDE :",
        "Décide d'approuver la proposition.",
        "Ainsi fait en séance du",
        "Par le Collège communal,",
        "Le Bourgmestre,",
        "La Directrice générale,",
        "Marc Durant",
        "Denise Général",
    )


# Existing sites: upgrade 1005 replaces the defaults nobody changed.


def agenda_1000():
    """The agenda as the first release wrote it (its checksum is an earlier default)."""
    odt = OdtBuilder()
    odt.title("Ordre du jour")
    odt.heading(Expr("helper.organisation_title()"), " — séance du ", Expr("helper.meeting_date()"))
    odt.paragraph("Lieu : ", Expr("context.place or ''"))
    odt.paragraph(
        Expr("helper.number(item)"),
        ". ",
        Expr("item.title"),
        statement="do text for item in helper.items('normal')",
    )
    odt.heading("Points supplémentaires", level=2)
    odt.paragraph(
        Expr("helper.number(item)"),
        ". ",
        Expr("item.title"),
        statement="do text for item in helper.items('late')",
    )
    return odt.to_bytes()


def minutes_1000():
    odt = OdtBuilder()
    odt.title("Procès-verbal")
    odt.heading(Expr("helper.organisation_title()"), " — séance du ", Expr("helper.meeting_date()"))
    odt.paragraph("Présents : ", Expr("', '.join(helper.attendees())"))
    odt.paragraph("Excusés : ", Expr("', '.join(helper.excused())"))
    odt.paragraph("", statement="do text from xhtml(helper.minutes_xhtml())")
    return odt.to_bytes()


def test_upgrade_1005_replaces_only_unchanged_default_templates(delib_portal, college, council):
    from pathlib import Path

    checksum = delib_documents.content_checksum
    data = Path(__file__).parent / "data"
    earlier = {
        "oj": agenda_1000(),
        "pv": minutes_1000(),
        "deliberation": (data / "deliberation-1000.odt").read_bytes(),
        "deliberation-publique": (data / "deliberation-publique-1000.odt").read_bytes(),
    }
    for id, odt in earlier.items():
        assert checksum(odt) in delib_documents.EARLIER_DEFAULTS[id]
        college[id].odt_file = NamedBlobFile(odt, filename=f"{id}.odt")
    own = OdtBuilder().title("Notre ordre du jour").to_bytes()
    council["oj"].odt_file = NamedBlobFile(own, filename="oj.odt")
    setup = api.portal.get_tool("portal_setup")
    profile = "iasolutions.delib:default"
    setup.setLastVersionForProfile(profile, "1004")
    setup.upgradeProfile(profile, dest="1005")
    assert setup.getLastVersionForProfile(profile) == ("1005",)
    for id, _title, builder, _for_meetings in delib_documents.TEMPLATES:
        assert checksum(college[id].odt_file.data) == checksum(builder())
    assert council["oj"].odt_file.data == own
    assert delib_documents.is_current_default(college, "oj")
    assert not delib_documents.is_current_default(council, "oj")


def test_administrators_still_adapt_the_templates(college, decided):
    meeting, roof, grant, late, people = decided
    custom = OdtBuilder()
    custom.title("Extrait conforme")
    custom.paragraph(Expr("helper.vote_result()"), " ", Expr("helper.closing()"))
    college["deliberation"].odt_file = NamedBlobFile(custom.to_bytes(), filename="d.odt")
    with as_user("creator_fin"):
        text = odt_text(documents.generate(college["deliberation"], roof, "odt").data)
    assert "Extrait conforme" in text
    assert "Par 2 voix pour et une voix contre, Ainsi fait en séance du 01/12/2025." in text


def test_signatures_stay_together_at_the_end_of_a_page():
    """The default templates end with the signature table: its row never splits, the
    closing lines keep with it, and the document ends with a 1-point paragraph (Writer
    would add an 11-point one that can spill alone onto a blank page)."""
    content = (
        OdtBuilder()
        .paragraph("x")
        .table([("Centered", ["a"])], [("Centered", ["b"])])
        .content_xml()
    )
    assert content.endswith(
        '</table:table><text:p text:style-name="End"/>'
        "</office:text></office:body></office:document-content>"
    )
    assert 'style:name="KeptRow"' in content and 'table:style-name="KeptRow"' in content
    for id, _title, builder, _for_meetings in delib_documents.TEMPLATES:
        if id != "oj":
            with zipfile.ZipFile(io.BytesIO(builder())) as odt:
                assert b'</table:table><text:p text:style-name="End"/>' in odt.read("content.xml")
