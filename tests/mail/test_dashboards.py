"""The agents' dashboards (scenario 8 of mail.md §8), as the users concerned."""

from iasolutions.core import dashboards
from iasolutions.mail import labels
from iasolutions.mail import settings
from plone import api
from tests.helpers import as_user
from tests.helpers import rest
from tests.mail.helpers import go
from tests.mail.helpers import incoming_mail



def dashboard(portal, dashboard_id, folder="incoming-mail"):
    return portal[folder][dashboard_id]


def titles(portal, dashboard_id, userid, folder="incoming-mail", **filters):
    with as_user(userid):
        return sorted(b.Title for b in dashboards.results(
            dashboard(portal, dashboard_id, folder), **filters))


def test_dashboards_exist(mail_portal):
    ids = mail_portal["incoming-mail"].objectIds()
    for dashboard_id in ("all_mails", "to_validate", "to_treat", "im_treating", "have_treated",
                         "to_treat_in_my_group", "in_my_group", "in_copy_unread", "in_copy",
                         "followed", "searchfor_created", "searchfor_closed"):
        assert dashboard_id in ids
    assert mail_portal["incoming-mail"].getDefaultPage() == "all_mails"
    assert "to_be_signed" in str(mail_portal["outgoing-mail"]["to_send"].query)
    assert "assigned_to_me" in mail_portal["tasks"].objectIds()


def test_scenario_8_to_treat_lists_only_my_mails_to_treat(mail_portal, people, sender):
    mine = go(incoming_mail(people.a, sender, title="Pour moi", assigned_user="agent_a"),
              "propose_to_manager", "propose_to_agent")
    go(incoming_mail(people.a, sender, title="Pour mon chef", assigned_user="chef_a"),
       "propose_to_manager", "propose_to_agent")
    go(incoming_mail(people.a, sender, title="Déjà en traitement", assigned_user="agent_a"),
       "propose_to_manager", "propose_to_agent", "treat")
    incoming_mail(people.a, sender, title="Pas encore proposé", assigned_user="agent_a")
    assert titles(mail_portal, "to_treat", "agent_a") == [mine.Title()]
    assert titles(mail_portal, "im_treating", "agent_a") == [
        api.content.find(Title="Déjà en traitement")[0].Title]
    assert len(titles(mail_portal, "to_treat_in_my_group", "lecteur_a")) == 2
    assert titles(mail_portal, "to_treat", "agent_b") == []


def test_scenario_8_in_copy_unread(mail_portal, people, sender):
    mail = go(incoming_mail(people.a, sender, recipient_groups=[people.b]),
              "propose_to_manager", "propose_to_agent")
    assert titles(mail_portal, "in_copy_unread", "agent_b") == [mail.Title()]
    assert titles(mail_portal, "in_copy", "agent_b") == [mail.Title()]
    with as_user("agent_b"):
        labels.set_label(mail, "lu")
    assert titles(mail_portal, "in_copy_unread", "agent_b") == []
    assert titles(mail_portal, "in_copy", "agent_b") == [mail.Title()]
    # another reader of B still has it unread
    assert titles(mail_portal, "in_copy_unread", "lecteur_b") == [mail.Title()]


def test_scenario_8_to_validate_only_my_levels(mail_portal, people, sender):
    settings.set("imail_validation_levels", 1)
    settings.set("assigned_user_check", "no_check")
    api.group.add_user(groupname=people.group("b", "n_plus_1"), username="chef_b")
    mail_a = go(incoming_mail(people.a, sender, title="Pour A"), "propose_to_n_plus_1")
    mail_b = go(incoming_mail(people.b, sender, title="Pour B"), "propose_to_n_plus_1")
    to_manager = go(incoming_mail(people.a, sender, title="Pour la DG"), "propose_to_manager")
    assert titles(mail_portal, "to_validate", "chef_a") == [mail_a.Title()]
    assert titles(mail_portal, "to_validate", "chef_b") == [mail_b.Title()]
    assert titles(mail_portal, "to_validate", "directeur") == [to_manager.Title()]
    assert titles(mail_portal, "to_validate", "agent_a") == []
    # the chief hands it over: it leaves their list
    with as_user("chef_a"):
        api.content.transition(obj=mail_a, transition="propose_to_agent")
    assert titles(mail_portal, "to_validate", "chef_a") == []


def test_followed_and_my_services(mail_portal, people, sender):
    mail = go(incoming_mail(people.a, sender), "propose_to_manager", "propose_to_agent")
    other = go(incoming_mail(people.b, sender), "propose_to_manager", "propose_to_agent")
    assert titles(mail_portal, "in_my_group", "lecteur_a") == [mail.Title()]
    assert titles(mail_portal, "in_my_group", "lecteur_b") == [other.Title()]
    with as_user("lecteur_a"):
        labels.set_label(mail, "suivi")
    assert titles(mail_portal, "followed", "lecteur_a") == [mail.Title()]
    assert titles(mail_portal, "followed", "agent_a") == []


def test_all_mails_is_filtered_by_security_and_facets(mail_portal, people, sender):
    go(incoming_mail(people.a, sender, title="Subside"), "propose_to_manager", "propose_to_agent")
    go(incoming_mail(people.a, sender, title="Voirie", mail_type="facture"),
       "propose_to_manager", "propose_to_agent")
    incoming_mail(people.a, sender, title="Brouillon")
    assert len(titles(mail_portal, "all_mails", "agent_a")) == 2
    assert len(titles(mail_portal, "all_mails", "encodeur")) == 3
    assert [t.split(" - ")[1] for t in titles(mail_portal, "all_mails", "agent_a",
                                               mail_type="facture")] == ["Voirie"]
    assert [t.split(" - ")[1] for t in titles(mail_portal, "all_mails", "agent_a",
                                               SearchableText="Subside")] == ["Subside"]


def test_thirty_a_page_and_columns(mail_portal, people, sender, mail_request):
    for number in range(40):
        go(incoming_mail(people.a, sender, title=f"Courrier {number:02d}",
                         assigned_user="agent_a"), "propose_to_manager", "propose_to_agent")
    board = dashboard(mail_portal, "to_treat")
    with as_user("agent_a"):
        batch = dashboards.results(board, batch=True)
        assert (batch.length, batch.sequence_length) == (30, 40)
        html = api.content.get_view("faceted_query", board, mail_request)()
    assert html.count('name="uids:list"') == 30
    assert "Finances (FIN)" in html
    assert "Jean Dupont" in html
    assert "Agent A" in html
    assert "mail-batch-transition" in html


def test_export_of_a_dashboard(mail_portal, people, sender, mail_request):
    go(incoming_mail(people.a, sender, title="À exporter", assigned_user="agent_a"),
       "propose_to_manager", "propose_to_agent")
    with as_user("agent_a"):
        mail_request.form.update({"format": "csv"})
        data = api.content.get_view("dashboard-export", dashboard(mail_portal, "to_treat"),
                                    mail_request)()
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Title;State;Senders / recipients;Treating service")
    assert "À exporter" in lines[1] and "Jean Dupont" in lines[1]


def test_dashboard_page_in_the_browser(mail_functional_portal, functional_people):
    from iasolutions.core.contacts import add_person

    person = add_person(mail_functional_portal["contacts"], "Dupont", "Jean")
    go(incoming_mail(functional_people.a, person, title="Visible", assigned_user="agent_a"),
       "propose_to_manager", "propose_to_agent")
    session = rest(mail_functional_portal, "agent_a")
    page = session.get("incoming-mail/to_treat", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "faceted-form" in page.text
    results = session.get("incoming-mail/to_treat/@@faceted_query",
                          headers={"Accept": "text/html"})
    assert "Visible" in results.text
    other = rest(mail_functional_portal, "agent_b").get(
        "incoming-mail/to_treat/@@faceted_query", headers={"Accept": "text/html"})
    assert "Visible" not in other.text
