"""customAdvisers as rows (service, delay, categories): the profile's values, the
advice delays read from them, their edit form and REST, the upgrade from text."""

from iasolutions.core.rows import unreadable_lines
from iasolutions.delib import advices
from iasolutions.delib.upgrades import v1007
from plone import api
from plone.testing.zope import Browser
import pytest
from tests.helpers import SITE_OWNER_NAME
from tests.helpers import SITE_OWNER_PASSWORD
from tests.helpers import rest
import transaction


def test_the_profile_sets_rows(college, council, services):
    assert college.customAdvisers == [
        {"org": "finances", "delay": 10, "categories": ["finances"]},
        {"org": "direction-generale", "delay": 5},
    ]
    assert advices.delay_of(college, services["finances"]) == 10
    assert advices.delay_of(council, services["finances"]) == 20
    assert advices.custom_advisers(college)[1] == {
        "org": "direction-generale",
        "uid": services["direction-generale"],
        "delay": 5,
        "categories": [],
    }


def test_upgrade_1007_turns_the_lines_into_rows(college, services):
    college.customAdvisers = [
        "finances | 10 | finances, travaux",
        "DG | 5 |",
        "secretariat",
        "",
        "travaux | dix | *",
        "taxes | 3 | * | en trop",
    ]
    v1007.upgrade(api.portal.get_tool("portal_setup"))
    assert college.customAdvisers == [
        {"org": "finances", "delay": 10, "categories": ["finances", "travaux"]},
        {"org": "DG", "delay": 5},
        {"org": "secretariat"},
    ]
    reported = unreadable_lines()
    assert len(reported) == 2
    assert reported[0].startswith("meeting-config-college customAdvisers: travaux | dix | *")
    assert reported[1].startswith("meeting-config-college customAdvisers: taxes | 3 | * | en trop")
    # the consumers read the rows: the acronym resolves, the delays hold
    assert advices.delay_of(college, services["direction-generale"]) == 5
    assert advices.delay_of(college, services["finances"]) == 10


@pytest.fixture
def admin(delib_functional_portal):
    return rest(delib_functional_portal, "admin")


URL = "meeting-configs/meeting-config-college"


def test_rest_gives_and_takes_the_rows(delib_functional_portal, admin):
    assert admin.get(URL).json()["customAdvisers"][0] == {
        "org": "finances",
        "delay": 10,
        "categories": ["finances"],
    }
    wanted = [{"org": "travaux", "delay": "15", "categories": ["*"]}]
    response = admin.patch(URL, json={"customAdvisers": wanted})
    assert response.status_code == 204, response.text
    transaction.begin()
    college = delib_functional_portal["meeting-configs"]["meeting-config-college"]
    assert college.customAdvisers == [{"org": "travaux", "delay": 15, "categories": ["*"]}]


@pytest.mark.parametrize(
    "rows, says",
    [
        (["finances | 10 | *"], "object"),
        ([{"delay": 10}], "org"),
        ([{"org": "finances", "delay": 0}], "delay"),
        ([{"org": "finances", "delay": "dix"}], "delay"),
        ([{"org": "finances", "delais": 10}], "delais"),
    ],
)
def test_rest_refuses_bad_rows_and_writes_nothing(delib_functional_portal, admin, rows, says):
    before = list(
        delib_functional_portal["meeting-configs"]["meeting-config-college"].customAdvisers
    )
    response = admin.patch(URL, json={"customAdvisers": rows, "title": "Autre titre"})
    assert response.status_code == 400, response.text
    assert says in response.json()["message"]
    transaction.begin()
    college = delib_functional_portal["meeting-configs"]["meeting-config-college"]
    assert college.customAdvisers == before and college.title != "Autre titre"


def test_the_edit_form_shows_a_row_per_adviser(delib_functional_portal, delib_functional):
    transaction.commit()
    browser = Browser(delib_functional["app"])
    browser.handleErrors = False
    browser.addHeader("Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}")
    browser.open(f"{delib_functional_portal.absolute_url()}/{URL}/@@edit")
    org = browser.getControl(name="form.widgets.customAdvisers.1.widgets.org")
    assert org.value == "direction-generale"
    browser.getControl(name="form.widgets.customAdvisers.1.widgets.delay").value = "7"
    browser.getControl(name="form.buttons.save").click()
    transaction.begin()
    college = delib_functional_portal["meeting-configs"]["meeting-config-college"]
    assert college.customAdvisers[1] == {"org": "direction-generale", "delay": 7}
    assert college.customAdvisers[0]["categories"] == ["finances"]


def test_a_row_holds_for_the_items_created_in_its_period(college, services, users):
    """As in the reference (for_item_created_from / _until): the delay changed today."""
    from DateTime import DateTime
    from datetime import date
    from datetime import timedelta
    from tests.delib.helpers import make_item

    today = date.today()
    college.customAdvisers = [
        {"org": "finances", "delay": 10, "for_item_created_until": today - timedelta(days=1)},
        {"org": "finances", "delay": 20, "for_item_created_from": today},
    ]
    item = make_item(college, "creator_fin", services["finances"], category="administration")
    assert advices.delay_of(college, services["finances"], item) == 20
    item.creation_date = DateTime() - 30
    assert advices.delay_of(college, services["finances"], item) == 10


@pytest.mark.parametrize(
    "period, says",
    [
        ({"for_item_created_from": "2026-13-01"}, "for_item_created_from"),
        (
            {"for_item_created_from": "2026-06-01", "for_item_created_until": "2026-01-01"},
            "ends before",
        ),
    ],
)
def test_rest_checks_the_period(delib_functional_portal, admin, period, says):
    response = admin.patch(URL, json={"customAdvisers": [dict({"org": "finances"}, **period)]})
    assert response.status_code == 400, response.text
    assert says in response.json()["message"]


def test_rest_takes_a_period(delib_functional_portal, admin):
    from datetime import date

    row = {"org": "finances", "delay": 10, "for_item_created_from": "2026-01-01"}
    response = admin.patch(URL, json={"customAdvisers": [row]})
    assert response.status_code == 204, response.text
    assert admin.get(URL).json()["customAdvisers"] == [row]
    transaction.begin()
    college = delib_functional_portal["meeting-configs"]["meeting-config-college"]
    assert college.customAdvisers[0]["for_item_created_from"] == date(2026, 1, 1)
