"""Structured settings (core.rows): rows checked against their schema, stored in
content and in the registry, given and taken over REST, migrated from pipe text."""

from iasolutions.core import rows
from iasolutions.core.content.dashboard import IBatchAction
from iasolutions.core.upgrades import v1003
from iasolutions.core.validators import InvalidValue
import logging
from plone import api
from plone.registry.interfaces import IRegistry
import pytest
from tests.helpers import rest
from zope import schema
from zope.component import getUtility
from zope.interface import Interface
from zope.schema.interfaces import ValidationError


TERMS = schema.List(value_type=rows.Row(schema=rows.ITerm), required=False)
ACTION = rows.Row(schema=IBatchAction)


class IRowsSettings(Interface):
    choices = schema.List(
        title="Choices",
        value_type=rows.Row(schema=rows.ITerm),
        required=False,
        default=rows.terms_rows(("a", "A")),
    )


def test_a_row_is_a_dict_of_its_schema_fields():
    ACTION.validate({"view": "mail-batch-labels", "title": "Étiquettes"})
    ACTION.validate({"view": "mail-batch-labels"})  # the title is optional
    TERMS.validate([{"value": "email", "title": "E-mail"}])


@pytest.mark.parametrize(
    "value, says",
    [
        ("mail-batch-labels|Étiquettes", "object"),
        ({"title": "Sans vue"}, "view"),
        ({"view": "x", "label": "Mauvaise clé"}, "label"),
        ({"view": "x", "title": 12}, "title"),
    ],
)
def test_a_bad_row_says_what_is_wrong(value, says):
    with pytest.raises(InvalidValue) as raised:
        ACTION.validate(value)
    assert says in _text(raised.value)


def _text(error):
    from zope.i18n import translate

    return translate(error.doc())


def test_the_schema_invariants_hold():
    with pytest.raises(InvalidValue) as raised:
        rows.Row(schema=rows.ITerm).validate({"value": "deux mots", "title": "Deux mots"})
    assert "deux mots" in _text(raised.value)
    with pytest.raises(ValidationError):
        TERMS.validate([{"value": "deux mots", "title": "Deux mots"}])


def test_rows_in_the_registry(portal):
    registry = getUtility(IRegistry)
    registry.registerInterface(IRowsSettings, prefix="test.rows")
    assert registry["test.rows.choices"] == [{"value": "a", "title": "A"}]
    registry["test.rows.choices"] = [{"value": "b", "title": "B"}]
    assert registry["test.rows.choices"] == [{"value": "b", "title": "B"}]
    with pytest.raises(ValidationError):
        registry["test.rows.choices"] = ["b|B"]
    assert [t.value for t in rows.vocabulary(registry["test.rows.choices"])] == ["b"]


def test_migrating_lines_reports_what_cannot_be_read(portal, caplog):
    with caplog.at_level(logging.WARNING, logger="iasolutions.core.rows"):
        migrated, bad = rows.migrate_lines(
            ["a|view A", "", "| sans vue", {"view": "b"}],
            v1003.parse_batch_action,
            "test batch_actions",
            ACTION,
        )
    assert migrated == [{"view": "a", "title": "view A"}, {"view": "b"}]
    assert [line for line, _reason in bad] == ["| sans vue"]
    assert "| sans vue" in caplog.text
    assert rows.unreadable_lines() == [f"test batch_actions: | sans vue ({bad[0][1]})"]


def test_upgrade_1003_migrates_the_dashboards_batch_actions(portal):
    from iasolutions.core.dashboards import create_dashboard

    folder = api.content.create(container=portal, type="Folder", id="boards", title="Boards")
    dashboard = create_dashboard(folder, "board", "Board", query=[])
    dashboard.batch_actions = ["batch-noop|Ne rien faire", "manage-portlets", "a b|Espace"]
    v1003.upgrade(api.portal.get_tool("portal_setup"))
    assert dashboard.batch_actions == [
        {"view": "batch-noop", "title": "Ne rien faire"},
        {"view": "manage-portlets"},
    ]
    assert any("boards/board batch_actions: a b|Espace" in line for line in rows.unreadable_lines())
    v1003.upgrade(api.portal.get_tool("portal_setup"))  # again: nothing changes
    assert len(dashboard.batch_actions) == 2


@pytest.fixture
def board(functional_portal):
    from iasolutions.core.dashboards import create_dashboard

    folder = api.content.create(
        container=functional_portal, type="Folder", id="boards", title="Boards"
    )
    return create_dashboard(
        folder, "board", "Board", query=[], batch_actions=[{"view": "batch-noop"}]
    )


def test_rest_gives_and_takes_rows(functional_portal, board):
    session = rest(functional_portal, "admin")
    url = "boards/board"
    assert session.get(url).json()["batch_actions"] == [{"view": "batch-noop"}]
    wanted = [{"view": "manage-portlets", "title": "Portlets"}]
    response = session.patch(url, json={"batch_actions": wanted})
    assert response.status_code == 204, response.text
    assert session.get(url).json()["batch_actions"] == wanted


@pytest.mark.parametrize(
    "value",
    [["manage-portlets|Portlets"], [{"title": "Sans vue"}], [{"view": "x", "label": "y"}]],
)
def test_rest_refuses_a_bad_row_and_writes_nothing(functional_portal, board, value):
    session = rest(functional_portal, "admin")
    response = session.patch("boards/board", json={"batch_actions": value, "title": "Autre"})
    assert response.status_code == 400, response.text
    assert response.json()["message"]
    data = session.get("boards/board").json()
    assert data["batch_actions"] == [{"view": "batch-noop"}] and data["title"] == "Board"


HOLIDAYS = "iasolutions.core.calendar.municipal_holidays"


def test_upgrade_1003_migrates_the_municipal_holidays(portal):
    from datetime import date
    from iasolutions.core import workingdays
    from plone.registry import Record
    from plone.registry import field

    registry = getUtility(IRegistry)
    registry.records[HOLIDAYS] = Record(  # as 1003 defined it: text lines
        field.List(value_type=field.TextLine(), required=False),
        ["11-02 | Lendemain de la Toussaint", "2026-06-29", "31-12 | Mauvais jour"],
    )
    v1003.upgrade(api.portal.get_tool("portal_setup"))
    assert registry[HOLIDAYS] == [
        {"day": "11-02", "name": "Lendemain de la Toussaint"},
        {"day": "2026-06-29"},
    ]
    assert [line.split(" (")[0] for line in rows.unreadable_lines()] == [
        "calendar municipal_holidays: 31-12 | Mauvais jour"
    ]
    assert workingdays.holidays(2026)[date(2026, 6, 29)] == "Congé communal"
    assert not workingdays.is_working_day(date(2027, 11, 2))


def test_calendar_over_rest(functional_portal):
    session = rest(functional_portal, "admin")
    panel = session.get("@controlpanels/calendar").json()
    items = panel["schema"]["properties"]["municipal_holidays"]["items"]
    assert items["factory"] == "Row" and items["required"] == ["day"]
    assert set(items["properties"]) == {"day", "name"}
    data = panel["data"]
    assert {"day": "11-15", "name": "Fête du Roi"} in data["municipal_holidays"]
    before = data["municipal_holidays"]
    for bad in (["06-29 | Kermesse"], [{"day": "31-12"}], [{"name": "Sans jour"}]):
        response = session.patch("@controlpanels/calendar", json={"municipal_holidays": bad})
        assert response.status_code == 400, response.text
        assert session.get("@controlpanels/calendar").json()["data"]["municipal_holidays"] == (
            before
        )
    wanted = [*before, {"day": "06-29", "name": "Kermesse"}]
    response = session.patch("@controlpanels/calendar", json={"municipal_holidays": wanted})
    assert response.status_code == 204, response.text
    response = session.get("@working-days", params={"year": 2026})
    assert {"date": "2026-06-29", "title": "Kermesse"} in response.json()["holidays"]


def test_calendar_form_edits_rows(functional_portal, functional):
    from plone.testing.zope import Browser
    from tests.helpers import SITE_OWNER_NAME
    from tests.helpers import SITE_OWNER_PASSWORD
    import transaction

    transaction.commit()
    browser = Browser(functional["app"])
    browser.handleErrors = False
    browser.addHeader("Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}")
    browser.open(functional_portal.absolute_url() + "/@@iasolutions-calendar")
    day = browser.getControl(name="form.widgets.municipal_holidays.0.widgets.day")
    assert day.value == "09-27"
    day.value = "09-28"
    browser.getControl(name="form.buttons.save").click()
    transaction.begin()
    assert api.portal.get_registry_record(HOLIDAYS)[0] == {
        "day": "09-28",
        "name": "Fête de la Fédération Wallonie-Bruxelles",
    }


def test_upgrade_1003_migrates_the_directory_types(portal):
    from zope.component import getUtility as utility
    from zope.schema.interfaces import IVocabularyFactory

    directory = portal["contacts"]
    directory.position_types = ["echevin|Échevin", "Receveur régional", "a|b|c"]
    directory.organization_levels = ["service|Service"]
    v1003.upgrade(api.portal.get_tool("portal_setup"))
    assert directory.position_types == [
        {"value": "echevin", "title": "Échevin"},
        {"value": "receveur-regional", "title": "Receveur régional"},
    ]
    assert directory.organization_levels == [{"value": "service", "title": "Service"}]
    assert [line.split(" (")[0] for line in rows.unreadable_lines()] == [
        "contacts position_types: a|b|c"
    ]
    terms = utility(IVocabularyFactory, "iasolutions.core.position_types")(directory)
    assert [(t.value, t.title) for t in terms] == [
        ("echevin", "Échevin"),
        ("receveur-regional", "Receveur régional"),
    ]


def test_upgrade_1001_on_a_site_of_1000_reads_holidays_still_in_lines(portal):
    """1001 reads the profiles, whose holidays are rows now, before 1003 migrates the
    site's lines: the lines are migrated first."""
    from iasolutions.core.upgrades import v1001
    from plone.registry import Record
    from plone.registry import field

    registry = getUtility(IRegistry)
    registry.records[HOLIDAYS] = Record(
        field.List(value_type=field.TextLine(), required=False),
        ["11-02 | Lendemain de la Toussaint", "2026-06-29 | Kermesse"],
    )
    v1001.upgrade(api.portal.get_tool("portal_setup"))
    assert registry[HOLIDAYS][:2] == [
        {"day": "11-02", "name": "Lendemain de la Toussaint"},
        {"day": "2026-06-29", "name": "Kermesse"},
    ]
