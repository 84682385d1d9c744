"""Every mail dashboard, as the user it is for, over HTTP on the demo: its
faceted query (what the page's script asks) answers 200 with rows.

The outgoing dashboards once answered 500 (a catalog ``Missing`` date in a
column), which the page showed as an empty list.
"""

from iasolutions.core.services import get_own_organization
from iasolutions.mail import labels
from iasolutions.mail import mails
from iasolutions.mail import settings
from iasolutions.mail.demo import DEMO_PASSWORD
from plone import api
from plone.app.testing import applyProfile
import pytest
import re
from tests.helpers import RestSession
import transaction
from zope.component import getUtility
from zope.i18n import translate
from zope.schema.interfaces import IVocabularyFactory


# (folder, dashboard) → the demo user it is for
USERS = {
    ("incoming-mail", "all_mails"): "dirgen",
    ("incoming-mail", "to_validate"): "dirgen",
    ("incoming-mail", "to_treat"): "agent_trav",
    ("incoming-mail", "im_treating"): "agent_trav",
    ("incoming-mail", "have_treated"): "agent_fin",
    ("incoming-mail", "to_treat_in_my_group"): "lecteur_trav",
    ("incoming-mail", "in_my_group"): "lecteur_fin",
    ("incoming-mail", "in_copy_unread"): "agent_trav",
    ("incoming-mail", "in_copy"): "lecteur_trav",
    ("incoming-mail", "followed"): "agent_fin",
    ("incoming-mail", "searchfor_created"): "encodeur",
    ("incoming-mail", "searchfor_proposed_to_manager"): "dirgen",
    ("incoming-mail", "searchfor_proposed_to_agent"): "lecteurglobal",
    ("incoming-mail", "searchfor_in_treatment"): "lecteurglobal",
    ("incoming-mail", "searchfor_closed"): "lecteurglobal",
    ("outgoing-mail", "all_mails"): "lecteurglobal",
    ("outgoing-mail", "in_my_group"): "agent_fin",
    ("outgoing-mail", "to_validate"): "chef_fin",
    ("outgoing-mail", "to_print"): "expediteur",
    ("outgoing-mail", "to_send"): "expediteur",
    ("outgoing-mail", "followed"): "agent_fin",
    ("outgoing-mail", "searchfor_created"): "agent_fin",
    ("outgoing-mail", "searchfor_to_be_signed"): "expediteur",
    ("outgoing-mail", "searchfor_signed"): "expediteur",
    ("outgoing-mail", "searchfor_sent"): "lecteurglobal",
    ("outgoing-mail", "searchfor_scanned"): "expediteur",
    ("tasks", "assigned_to_me"): "agent_trav",
    ("tasks", "in_my_group"): "agent_trav",
}


@pytest.fixture
def mail_demo(mail_functional_portal):
    portal = mail_functional_portal
    applyProfile(portal, "iasolutions.mail:demo")
    # what the demo does not show: a mail in treatment assigned to its agent, a
    # followed mail of each kind, outgoing mails waiting on the N+1's approval
    # and on the printing
    mail = api.content.find(portal_type="dmsincomingmail", review_state="in_treatment")[0]
    mail.getObject().assigned_user = "agent_trav"
    mail.getObject().reindexObject()
    finances = api.content.get_uuid(get_own_organization()["finances"])
    with api.env.adopt_user(username="agent_fin"):
        for portal_type in ("dmsincomingmail", "dmsoutgoingmail"):
            mail = api.content.find(portal_type=portal_type, treating_groups=finances)[0]
            labels.set_label(mail.getObject(), "suivi")
    settings.set("omail_printing", True)
    for title, transition in (
        ("À imprimer", "set_to_print"),
        ("À approuver", "propose_to_approve"),
    ):
        settings.set("omail_approval", transition == "propose_to_approve")
        with api.env.adopt_user(username="agent_fin"):
            mail = mails.create("dmsoutgoingmail", title=title, treating_groups=finances)
            mails.add_file(mail, b"%PDF-1.4 lettre", "lettre.pdf")
            api.content.transition(obj=mail, transition=transition)
    return portal


def test_every_dashboard_has_a_user_here(mail_demo):
    boards = {
        (folder, b.getId)
        for folder in ("incoming-mail", "outgoing-mail", "tasks")
        for b in api.content.find(context=mail_demo[folder], portal_type="dashboard")
    }
    assert boards == set(USERS)


def test_every_dashboard_answers_rows_to_its_user(mail_demo):
    transaction.commit()
    answers = {}
    for (folder, board), userid in USERS.items():
        response = RestSession(mail_demo, userid, DEMO_PASSWORD).get(
            f"{folder}/{board}/@@faceted_query", headers={"Accept": "text/html"}
        )
        body = response.text.split("<tbody>")[-1].split("</tbody>")[0]
        rows = len(re.findall(r"<tr", body))
        answers[(folder, board)] = (
            response.status_code,
            rows,
            "dashboard-query-failed" in response.text,
        )
    assert answers == {key: (200, answers[key][1] or "rows", False) for key in USERS}


def test_filters_show_titles_not_ids(mail_demo):
    """The state filter (absent, for want of a vocabulary) lists the states by
    their titles; no filter choice is a raw id."""
    transaction.commit()
    page = (
        RestSession(mail_demo, "dirgen", DEMO_PASSWORD)
        .get("incoming-mail/all_mails", headers={"Accept": "text/html"})
        .text
    )
    choices = dict(
        re.findall(
            r'<input type="checkbox"[^>]*name="c1"[^>]*id="c1_([a-z_0-9]+)"'
            r'[^>]*title="([^"]*)"',
            page,
        )
    )
    workflow = api.portal.get_tool("portal_workflow")["iasolutions_incomingmail_workflow"]
    assert set(choices) == set(workflow.states.objectIds())
    assert all(
        title and title != state and not title.startswith("im_") for state, title in choices.items()
    )
    titles = re.findall(r'<input type="checkbox"[^>]*title="([^"]*)"', page)
    assert not set(titles) & {"created", "proposed_to_agent", "closed", "courrier", "post"}
    vocabulary = getUtility(IVocabularyFactory, "iasolutions.mail.om_states")(mail_demo)
    assert vocabulary.getTerm("to_be_signed").title == "To be signed"  # the test site's language
    assert translate("om_to_be_signed", domain="plone", target_language="fr") == "À signer"
