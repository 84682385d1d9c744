"""Documents (agenda, minutes, deliberation) and the agents' dashboards."""

from iasolutions.core import dashboards
from iasolutions.core import documents
from iasolutions.core.odt import Expr
from iasolutions.core.odt import OdtBuilder
from iasolutions.core.odt import odt_text
from plone import api
from plone.namedfile.file import NamedBlobFile
import pytest
import subprocess
from tests.delib.helpers import html
from tests.delib.helpers import make_item
from tests.delib.helpers import make_meeting
from tests.delib.helpers import transition
from tests.delib.helpers import validated_item
from tests.helpers import as_user


SECRET = "Marie Confidentielle"


@pytest.fixture
def decided_meeting(college, services, users):
    meeting = make_meeting(college, place="Salle du Conseil")
    first = validated_item(
        college,
        services,
        title="Réfection de la toiture",
        decision=html("<p>Décide de <strong>réparer</strong> la toiture.</p>"),
    )
    second = validated_item(
        college,
        services,
        title="Subside au club",
        decision=html(f'<p>Octroie un subside à <span class="pm-anonymize">{SECRET}</span>.</p>'),
    )
    for item in (first, second):
        transition(item, "manager", "present")
    transition(meeting, "manager", "freeze")
    late = validated_item(college, services, title="Point urgent ajouté")
    transition(late, "manager", "present")
    transition(meeting, "manager", "decide")
    return meeting, first, second


def template(cfg, id):
    return cfg[id]


def test_agenda_odt_and_pdf(college, decided_meeting, tmp_path):
    meeting, first, second = decided_meeting
    with as_user("manager"):
        odt = documents.generate(template(college, "oj"), meeting, "odt")
        text = odt_text(odt.data)
        assert "Ordre du jour" in text
        assert "Salle du Conseil" in text
        assert "2. Réfection de la toiture" in text
        assert (
            text.index("Réfection de la toiture")
            < text.index("Points supplémentaires")
            < text.index("Point urgent ajouté")
        )
        pdf = documents.generate(template(college, "oj"), meeting, "pdf")
    assert pdf.data.startswith(b"%PDF")
    path = tmp_path / "oj.pdf"
    path.write_bytes(pdf.data)
    pdf_text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "Réfection de la toiture" in pdf_text


def test_minutes_and_deliberation(college, decided_meeting):
    meeting, first, second = decided_meeting
    with as_user("manager"):
        minutes = odt_text(documents.generate(template(college, "pv"), meeting, "odt").data)
        deliberation = odt_text(
            documents.generate(template(college, "deliberation"), first, "odt").data
        )
        public = odt_text(
            documents.generate(template(college, "deliberation-publique"), second, "odt").data
        )
    assert "Procès-verbal" in minutes and "réparer la toiture" in minutes
    assert "Réfection de la toiture" in deliberation and "Finances" in deliberation
    assert SECRET not in public and "TEXTE MASQUÉ | RGPD" in public


def test_administrators_replace_a_template(college, decided_meeting):
    meeting, first, second = decided_meeting
    custom = OdtBuilder()
    custom.title("Ordre du jour de notre commune")
    custom.paragraph("Point : ", Expr("item.title"), statement="do text for item in helper.items()")
    college["oj"].odt_file = NamedBlobFile(custom.to_bytes(), filename="oj.odt")
    with as_user("manager"):
        text = odt_text(documents.generate(college["oj"], meeting, "odt").data)
    assert "Ordre du jour de notre commune" in text and "Point : Subside au club" in text


def test_agents_do_not_change_templates(college, users):
    assert not api.user.has_permission(
        "Modify portal content", username="manager", obj=college["oj"]
    )


def board(college, id):
    from iasolutions.delib.meetingconfigs import folder_of

    return folder_of(college)[id]


def titles(dashboard, **filters):
    return sorted(brain.Title for brain in dashboards.results(dashboard, **filters))


def test_dashboards_as_each_user(college, services, users):
    fin_created = make_item(
        college, "creator_fin", services["finances"], title="FIN créé", category="administration"
    )
    fin_proposed = make_item(
        college,
        "creator_fin",
        services["finances"],
        title="FIN proposé",
        category="administration",
        copyGroups=[f"{services['direction-generale']}_reviewers"],
        optionalAdvisers=[services["direction-generale"]],
    )
    transition(fin_proposed, "creator_fin", "propose")
    trav_proposed = make_item(
        college,
        "creator_trav",
        services["travaux"],
        title="TRAV proposé",
        category="administration",
    )
    transition(trav_proposed, "creator_trav", "propose")
    with as_user("creator_fin"):
        assert titles(board(college, "mes-points")) == ["FIN créé", "FIN proposé"]
        assert titles(board(college, "points-a-valider")) == []
    with as_user("reviewer_fin"):
        # only the levels the user validates, only for their service
        assert titles(board(college, "points-a-valider")) == ["FIN proposé"]
    with as_user("adviser_dg"):
        assert titles(board(college, "points-a-aviser")) == ["FIN proposé"]
    with as_user("copy_dg"):
        assert titles(board(college, "points-en-copie")) == []  # copy groups see from validated
    transition(fin_proposed, "reviewer_fin", "validate")
    with as_user("copy_dg"):
        assert titles(board(college, "points-en-copie")) == ["FIN proposé"]
    with as_user("manager"):
        assert titles(board(college, "tous-les-points")) == ["FIN proposé"]
        everything = board(college, "tous-les-points")
        assert titles(everything, getProposingGroup=services["travaux"]) == []
    with as_user("creator_trav"):
        assert titles(board(college, "tous-les-points")) == ["TRAV proposé"]
    assert fin_created is not None


def test_meetings_and_last_decisions(college, decided_meeting):
    meeting, first, second = decided_meeting
    transition(first, "manager", "accept")
    with as_user("creator_fin"):
        assert [b.Title for b in dashboards.results(board(college, "seances"))] == [meeting.title]
        assert "Réfection de la toiture" in titles(board(college, "dernieres-decisions"))


def test_timed_out_advices_leave_items_to_advise(college, services, users):
    from datetime import date
    from datetime import timedelta
    from iasolutions.delib.advices import advice_index
    from iasolutions.delib.advices import reindex_timed_out_advices

    fin = services["finances"]
    item = make_item(
        college, "creator_trav", services["travaux"], title="Budget travaux", category="finances"
    )
    transition(item, "creator_trav", "propose")
    with as_user("adviser_fin"):
        assert titles(board(college, "points-a-aviser")) == ["Budget travaux"]
    advice_index(item)[fin]["delay_started_on"] = date.today() - timedelta(days=40)
    assert reindex_timed_out_advices() >= 1
    with as_user("adviser_fin"):
        assert titles(board(college, "points-a-aviser")) == []
