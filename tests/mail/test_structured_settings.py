"""The mail settings that were pipe text are rows: mail types and send modes
(token, label), the email routing rules; their upgrade, their control panel and
``@controlpanels/mail-settings``."""

from iasolutions.core.rows import unreadable_lines
from iasolutions.mail import settings
from iasolutions.mail.upgrades import v1007
from plone import api
from plone.registry import Record
from plone.registry import field
from plone.registry.interfaces import IRegistry
from plone.testing.zope import Browser
import pytest
from tests.helpers import SITE_OWNER_NAME
from tests.helpers import SITE_OWNER_PASSWORD
from tests.helpers import rest
import transaction
from zope.component import getUtility
from zope.schema.interfaces import IVocabularyFactory


def vocabulary(name, context=None):
    return getUtility(IVocabularyFactory, name)(context)


def test_the_settings_are_rows(mail_portal):
    assert settings.get("mail_types")[2] == {"value": "email", "title": "E-mail"}
    terms = vocabulary("iasolutions.mail.omail_send_modes")
    assert [(t.value, t.title) for t in terms] == [
        ("post", "Lettre"),
        ("post_registered", "Lettre recommandée"),
        ("email", "E-mail"),
    ]


def old_records(values):
    """The records as 1006 defined them: lists of text lines."""
    registry = getUtility(IRegistry)
    for name, lines in values.items():
        registry.records[f"{settings.PREFIX}.{name}"] = Record(
            field.List(value_type=field.TextLine(), required=False), lines
        )


def test_upgrade_1007_turns_the_lines_into_rows(mail_portal):
    old_records(
        {
            "mail_types": ["courrier|Courrier", "Avis de passage", "email|E-mail", "bad token|X"],
            "omail_types": ["courrier|Courrier"],
            "imail_send_modes": ["post|Courrier postal"],
            "omail_send_modes": ["post|Lettre", "email|E-mail"],
            "email_routing": [
                "to:urbanisme@commune.be | finances | agent_a | proposed_to_agent",
                "from:*@spw.be | travaux | | proposed_to_manager",
                "info@commune.be",
                "to:x@commune.be | finances | | archived",
                "cc:y@commune.be | finances",
            ],
        }
    )
    v1007.upgrade(api.portal.get_tool("portal_setup"))
    assert settings.get("mail_types") == [
        {"value": "courrier", "title": "Courrier"},
        {"value": "avis-de-passage", "title": "Avis de passage"},
        {"value": "email", "title": "E-mail"},
    ]
    assert settings.get("omail_send_modes") == [
        {"value": "post", "title": "Lettre"},
        {"value": "email", "title": "E-mail"},
    ]
    assert settings.get("email_routing") == [
        {
            "kind": "to",
            "pattern": "urbanisme@commune.be",
            "service": "finances",
            "user": "agent_a",
            "state": "proposed_to_agent",
        },
        {
            "kind": "from",
            "pattern": "*@spw.be",
            "service": "travaux",
            "state": "proposed_to_manager",
        },
        {"kind": "to", "pattern": "info@commune.be", "state": "created"},
    ]
    reported = unreadable_lines()
    assert [line.split(" (")[0] for line in reported] == [
        "mail mail_types: bad token|X",
        "mail email_routing: to:x@commune.be | finances | | archived",
        "mail email_routing: cc:y@commune.be | finances",
    ]
    # the vocabularies read the migrated rows
    assert "avis-de-passage" in vocabulary("iasolutions.mail.mail_types")


@pytest.fixture
def admin(mail_functional_portal):
    return rest(mail_functional_portal, "admin")


RULE = {
    "kind": "from",
    "pattern": "*@spw.be",
    "service": "travaux",
    "user": "",
    "state": "proposed_to_manager",
}


def test_controlpanel_over_rest(mail_functional_portal, admin):
    data = admin.get("@controlpanels/mail-settings").json()
    assert data["data"]["mail_types"][0] == {"value": "courrier", "title": "Courrier"}
    assert data["data"]["email_routing"] == []
    response = admin.patch("@controlpanels/mail-settings", json={"email_routing": [RULE]})
    assert response.status_code == 204, response.text
    transaction.begin()
    assert settings.get("email_routing") == [
        {
            "kind": "from",
            "pattern": "*@spw.be",
            "service": "travaux",
            "state": "proposed_to_manager",
        }
    ]


@pytest.mark.parametrize(
    "name, value, says",
    [
        ("email_routing", ["from:*@spw.be | travaux"], "object"),
        ("email_routing", [dict(RULE, state="archived")], "state"),
        ("email_routing", [dict(RULE, kind="cc")], "kind"),
        ("email_routing", [{"kind": "to"}], "pattern"),
        ("mail_types", [{"value": "deux mots", "title": "X"}], "deux mots"),
        ("mail_types", [{"value": "fax"}], "title"),
    ],
)
def test_controlpanel_refuses_bad_rows_and_writes_nothing(
    mail_functional_portal, admin, name, value, says
):
    before, days = settings.get(name), settings.get("due_date_extension")
    response = admin.patch(
        "@controlpanels/mail-settings", json={"due_date_extension": days + 5, name: value}
    )
    assert response.status_code == 400, response.text
    assert says in response.text
    transaction.begin()
    assert settings.get(name) == before and settings.get("due_date_extension") == days


def test_controlpanel_form_edits_rows(mail_functional_portal, mail_functional):
    settings.set("email_routing", [{k: v for k, v in RULE.items() if v}])
    transaction.commit()
    browser = Browser(mail_functional["app"])
    browser.handleErrors = False
    browser.addHeader("Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}")
    browser.open(mail_functional_portal.absolute_url() + "/@@mail-settings")
    assert browser.getControl(name="form.widgets.email_routing.0.widgets.pattern").value == (
        "*@spw.be"
    )
    browser.getControl(name="form.widgets.email_routing.0.widgets.pattern").value = "*@awap.be"
    browser.getControl(name="form.widgets.mail_types.6.widgets.title").value = "Facture fournisseur"
    browser.getControl(name="form.buttons.save").click()
    transaction.begin()
    assert settings.get("email_routing")[0]["pattern"] == "*@awap.be"
    assert settings.get("email_routing")[0]["state"] == "proposed_to_manager"
    assert settings.get("mail_types")[6] == {"value": "facture", "title": "Facture fournisseur"}


def test_controlpanel_over_rest_is_for_site_administrators(mail_functional_portal):
    from tests.helpers import create_user

    create_user("siteadmin", roles=["Member", "Site Administrator"])
    create_user("agent")
    siteadmin = rest(mail_functional_portal, "siteadmin")
    response = siteadmin.patch(
        "@controlpanels/mail-settings", json={"email_routing": [dict(RULE, state="archived")]}
    )
    assert response.status_code == 400 and "state" in response.text
    response = siteadmin.patch("@controlpanels/mail-settings", json={"email_routing": [RULE]})
    assert response.status_code == 204, response.text
    response = rest(mail_functional_portal, "agent").patch(
        "@controlpanels/mail-settings", json={"email_routing": []}
    )
    assert response.status_code in (401, 403)
    transaction.begin()
    assert settings.get("email_routing")[0]["pattern"] == "*@spw.be"
