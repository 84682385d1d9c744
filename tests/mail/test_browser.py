"""Key screens in a browser (zope.testbrowser), as the users concerned."""

from iasolutions.core.contacts import add_person
from iasolutions.mail import mails
from plone.testing.zope import Browser
import pytest
import re
from tests.helpers import PASSWORD
from tests.mail.helpers import go
from tests.mail.helpers import incoming_mail
import transaction


@pytest.fixture
def site(mail_functional, mail_functional_portal, functional_people):
    return mail_functional_portal


def browser_for(layer, userid):
    browser = Browser(layer["app"])
    browser.handleErrors = False
    browser.addHeader("Authorization", f"Basic {userid}:{PASSWORD}")
    return browser


def test_mail_view_as_the_agent(site, mail_functional, functional_people):
    person = add_person(site["contacts"], "Dupont", "Jean")
    mail = go(
        incoming_mail(functional_people.a, person, mail_type=None),
        "propose_to_manager",
        "propose_to_agent",
    )
    mails.add_file(mail, b"%PDF-1.4 scan", "scan.pdf", scan_id="050000000000001")
    transaction.commit()
    browser = browser_for(mail_functional, "agent_a")
    browser.open(mail.absolute_url())
    html = browser.contents
    assert mail.Title() in html
    assert "Jean Dupont" in html
    assert "scan.pdf" in html
    # close is not available yet, and the page says why
    assert "mail-refusals" in html
    assert "Missing: mail type." in html
    # labels: mark it read
    browser.getLink(url="@@mail-label?label=lu").click()
    assert "btn-secondary" in browser.contents
    from iasolutions.mail.labels import labels_of
    from plone import api

    transaction.begin()
    with api.env.adopt_user(username="agent_a"):
        assert labels_of(mail) == ["lu"]
    # the links are plain URLs (no unevaluated ${python:…}), and "Lu" can be taken off
    links = re.findall(r'href="([^"]*@@mail-label[^"]*)"', browser.contents)
    assert len(links) == 2 and not any("$" in link or "python" in link for link in links)
    browser.getLink(url="@@mail-label?label=lu&active=0").click()
    assert 'aria-pressed="true"' not in browser.contents
    transaction.begin()
    with api.env.adopt_user(username="agent_a"):
        assert labels_of(mail) == []


def test_mail_view_is_refused_to_other_services(site, mail_functional, functional_people):
    person = add_person(site["contacts"], "Dupont", "Jean")
    mail = go(incoming_mail(functional_people.a, person), "propose_to_manager", "propose_to_agent")
    url = mail.absolute_url()
    transaction.commit()
    browser = browser_for(mail_functional, "agent_b")
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    browser.open(url)
    assert "Demande de subside" not in browser.contents
    assert browser.headers["status"].startswith(("401", "403")) or (
        "insufficient-privileges" in browser.url or "require_login" in browser.url
    )


def test_batch_transition_form(site, mail_functional, functional_people):
    person = add_person(site["contacts"], "Dupont", "Jean")
    selected = [
        go(incoming_mail(functional_people.a, person), "propose_to_manager", "propose_to_agent")
        for _i in range(2)
    ]
    transaction.commit()
    browser = browser_for(mail_functional, "agent_a")
    query = "&".join(f"uids:list={m.UID()}" for m in selected)
    browser.open(f"{site['incoming-mail'].absolute_url()}/@@mail-batch-transition?{query}")
    select = browser.getControl(name="transition")
    assert set(select.options) == {"treat", "close", "back_to_manager", "back_to_creation"}
    select.value = ["treat"]
    browser.getControl("Apply").click()
    assert "2 mails changed." in browser.contents
    transaction.begin()
    from plone import api

    assert {api.content.get_state(m) for m in selected} == {"in_treatment"}


def test_reply_form_creates_the_outgoing_mail(site, mail_functional, functional_people):
    from plone import api
    from tests.helpers import create_user

    create_user(
        "agent_redacteur",
        groups=[functional_people.group("a", "editeur"), functional_people.group("a", "encodeur")],
    )
    person = add_person(site["contacts"], "Dupont", "Jean")
    incoming = go(
        incoming_mail(functional_people.a, person), "propose_to_manager", "propose_to_agent"
    )
    transaction.commit()
    browser = browser_for(mail_functional, "agent_redacteur")
    browser.open(incoming.absolute_url())
    browser.getLink("Reply").click()
    assert browser.getControl(name="form.widgets.title").value == ("Réponse: Demande de subside")
    browser.getControl(name="form.buttons.save").click()
    transaction.begin()
    replies = api.content.find(portal_type="dmsoutgoingmail")
    assert len(replies) == 1
    reply = replies[0].getObject()
    assert browser.url.startswith(reply.absolute_url())
    assert [r.to_object for r in reply.recipients] == [person]
    assert [r.to_object for r in reply.reply_to] == [incoming]
    assert reply.treating_groups == functional_people.a


def test_letter_button_on_an_outgoing_mail(site, mail_functional, functional_people):
    from plone import api
    from tests.mail.helpers import outgoing_mail

    person = add_person(
        site["contacts"],
        "Dupont",
        "Jean",
        street="Rue Haute",
        number="1",
        zip_code="7180",
        city="Seneffe",
    )
    mail = outgoing_mail(functional_people.a, person)
    url = mail.absolute_url()
    transaction.commit()
    browser = browser_for(mail_functional, "redacteur_a")
    browser.open(url)
    browser.getControl(name="letter", index=0).click()
    assert "1 letters generated." in browser.contents
    transaction.begin()
    mail = api.content.get(path=url.split("/plone", 1)[1])
    assert [o.portal_type for o in mail.objectValues()] == ["dmsommainfile"]
    # a reader of the service gets no button
    browser = browser_for(mail_functional, "agent_b")
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    browser.open(url)
    assert "mail-letters" not in browser.contents


def test_settings_control_panel(site, mail_functional):
    from iasolutions.mail import settings
    from plone.app.testing import SITE_OWNER_NAME
    from plone.app.testing import SITE_OWNER_PASSWORD

    browser = Browser(mail_functional["app"])
    browser.handleErrors = False
    browser.addHeader("Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}")
    browser.open(site.absolute_url() + "/@@mail-settings")
    browser.getControl(name="form.widgets.due_date_extension").value = "20"
    browser.getControl(name="form.buttons.save").click()
    transaction.begin()
    assert settings.get("due_date_extension") == 20
    agent = browser_for(mail_functional, "agent_a")
    agent.handleErrors = True
    agent.raiseHttpErrors = False
    agent.open(site.absolute_url() + "/@@mail-settings")
    assert "form.widgets.due_date_extension" not in agent.contents


def test_batch_delete_asks_for_confirmation(site, mail_functional, functional_people):
    from plone import api
    from tests.helpers import create_user

    create_user("admin_site", roles=("Member", "Site Administrator"))
    selected = [
        go(incoming_mail(functional_people.a, title=f"À supprimer {number}"), "propose_to_manager")
        for number in range(2)
    ]
    transaction.commit()
    query = "&".join(f"uids:list={m.UID()}" for m in selected)
    url = f"{site['incoming-mail'].absolute_url()}/@@mail-batch-delete?{query}"
    agent = browser_for(mail_functional, "agent_a")
    agent.handleErrors = True
    agent.raiseHttpErrors = False
    agent.open(url)
    assert "À supprimer 0" not in agent.contents
    browser = browser_for(mail_functional, "admin_site")
    browser.open(url)
    assert "À supprimer 0" in browser.contents and "À supprimer 1" in browser.contents
    transaction.begin()
    assert len(api.content.find(UID=[m.UID() for m in selected])) == 2  # not yet
    browser.getControl("Delete").click()
    assert "2 mails deleted." in browser.contents
    transaction.begin()
    assert not api.content.find(UID=[m.UID() for m in selected])


def test_incoming_form_refuses_a_scan_that_is_not_a_pdf(site, mail_functional, functional_people):
    person = add_person(site["contacts"], "Dupont", "Jean")
    transaction.commit()
    browser = browser_for(mail_functional, "encodeur")
    browser.handleErrors = True
    browser.open(f"{site.absolute_url()}/incoming-mail/++add++dmsincomingmail")
    # no service chosen in advance
    assert browser.getControl(name="form.widgets.treating_groups:list").value == ["--NOVALUE--"]
    browser.getControl(name="form.widgets.title").value = "Avec un scan"
    browser.getControl(name="form.widgets.sender").value = person.UID()
    browser.getControl(name="form.widgets.treating_groups:list").value = [functional_people.a]
    browser.getControl(name="form.widgets.scan").add_file(b"not a pdf", "text/plain", "a.txt")
    browser.getControl(name="form.buttons.save").click()
    assert "The scan must be a PDF file." in browser.contents
    transaction.begin()
    from plone import api

    assert not api.content.find(portal_type="dmsincomingmail", Title="Avec un scan")
