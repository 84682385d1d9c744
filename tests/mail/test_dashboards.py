"""The agents' dashboards (scenario 8 of mail.md §8), as the users concerned."""

from eea.facetednavigation.interfaces import ICriteria
from iasolutions.core import dashboards
from iasolutions.mail import labels
from iasolutions.mail import settings
from plone import api
import pytest
from tests.helpers import as_user
from tests.helpers import rest
from tests.mail.helpers import go
from tests.mail.helpers import incoming_mail
from tests.mail.helpers import outgoing_mail
from zope.component import getUtility
from zope.i18n import translate
from zope.schema.interfaces import IVocabularyFactory


def vocabulary(name, context=None):
    return getUtility(IVocabularyFactory, name=name)(context or api.portal.get())


def dashboard(portal, dashboard_id, folder="incoming-mail"):
    return portal[folder][dashboard_id]


def titles(portal, dashboard_id, userid, folder="incoming-mail", **filters):
    with as_user(userid):
        return sorted(
            b.Title for b in dashboards.results(dashboard(portal, dashboard_id, folder), **filters)
        )


def test_dashboards_exist(mail_portal):
    ids = mail_portal["incoming-mail"].objectIds()
    for dashboard_id in (
        "all_mails",
        "to_validate",
        "to_treat",
        "im_treating",
        "have_treated",
        "to_treat_in_my_group",
        "in_my_group",
        "in_copy_unread",
        "in_copy",
        "followed",
        "searchfor_created",
        "searchfor_closed",
    ):
        assert dashboard_id in ids
    assert mail_portal["incoming-mail"].getDefaultPage() == "all_mails"
    assert "to_be_signed" in str(mail_portal["outgoing-mail"]["to_send"].query)
    assert "assigned_to_me" in mail_portal["tasks"].objectIds()


def test_scenario_8_to_treat_lists_only_my_mails_to_treat(mail_portal, people, sender):
    mine = go(
        incoming_mail(people.a, sender, title="Pour moi", assigned_user="agent_a"),
        "propose_to_manager",
        "propose_to_agent",
    )
    go(
        incoming_mail(people.a, sender, title="Pour mon chef", assigned_user="chef_a"),
        "propose_to_manager",
        "propose_to_agent",
    )
    go(
        incoming_mail(people.a, sender, title="Déjà en traitement", assigned_user="agent_a"),
        "propose_to_manager",
        "propose_to_agent",
        "treat",
    )
    incoming_mail(people.a, sender, title="Pas encore proposé", assigned_user="agent_a")
    assert titles(mail_portal, "to_treat", "agent_a") == [mine.Title()]
    assert titles(mail_portal, "im_treating", "agent_a") == [
        api.content.find(Title="Déjà en traitement")[0].Title
    ]
    assert len(titles(mail_portal, "to_treat_in_my_group", "lecteur_a")) == 2
    assert titles(mail_portal, "to_treat", "agent_b") == []


def test_scenario_8_in_copy_unread(mail_portal, people, sender):
    mail = go(
        incoming_mail(people.a, sender, recipient_groups=[people.b]),
        "propose_to_manager",
        "propose_to_agent",
    )
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
    go(
        incoming_mail(people.a, sender, title="Voirie", mail_type="facture"),
        "propose_to_manager",
        "propose_to_agent",
    )
    incoming_mail(people.a, sender, title="Brouillon")
    assert len(titles(mail_portal, "all_mails", "agent_a")) == 2
    assert len(titles(mail_portal, "all_mails", "encodeur")) == 3
    assert [
        t.split(" - ")[1] for t in titles(mail_portal, "all_mails", "agent_a", mail_type="facture")
    ] == ["Voirie"]
    assert [
        t.split(" - ")[1]
        for t in titles(mail_portal, "all_mails", "agent_a", SearchableText="Subside")
    ] == ["Subside"]


def test_thirty_a_page_and_columns(mail_portal, people, sender, mail_request):
    for number in range(40):
        go(
            incoming_mail(
                people.a, sender, title=f"Courrier {number:02d}", assigned_user="agent_a"
            ),
            "propose_to_manager",
            "propose_to_agent",
        )
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
    go(
        incoming_mail(people.a, sender, title="À exporter", assigned_user="agent_a"),
        "propose_to_manager",
        "propose_to_agent",
    )
    with as_user("agent_a"):
        mail_request.form.update({"format": "csv"})
        data = api.content.get_view(
            "dashboard-export", dashboard(mail_portal, "to_treat"), mail_request
        )()
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Title;State;Senders / recipients;Treating service")
    assert "À exporter" in lines[1] and "Jean Dupont" in lines[1]


def test_dashboard_page_in_the_browser(mail_functional_portal, functional_people):
    from iasolutions.core.contacts import add_person

    person = add_person(mail_functional_portal["contacts"], "Dupont", "Jean")
    go(
        incoming_mail(functional_people.a, person, title="Visible", assigned_user="agent_a"),
        "propose_to_manager",
        "propose_to_agent",
    )
    session = rest(mail_functional_portal, "agent_a")
    page = session.get("incoming-mail/to_treat", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "faceted-form" in page.text
    results = session.get("incoming-mail/to_treat/@@faceted_query", headers={"Accept": "text/html"})
    assert "Visible" in results.text
    other = rest(mail_functional_portal, "agent_b").get(
        "incoming-mail/to_treat/@@faceted_query", headers={"Accept": "text/html"}
    )
    assert "Visible" not in other.text


# Facets: sender / recipient, labels, references (mail.md §4) -------------------


def test_sender_facet_narrows_to_that_correspondent(mail_portal, people, sender):
    from iasolutions.core.contacts import add_held_position
    from iasolutions.core.contacts import add_person

    city = api.content.create(
        container=mail_portal["contacts"], type="organization", title="Ville de Binche"
    )
    alderman = add_held_position(
        add_person(mail_portal["contacts"], "Leroy", "Marc"), city, "Échevin"
    )
    add_person(mail_portal["contacts"], "Sans", "Courrier")
    for title, who in (("De Jean 1", sender), ("De Jean 2", sender), ("De Binche", alderman)):
        go(incoming_mail(people.a, who, title=title), "propose_to_manager", "propose_to_agent")

    def found(contact):
        return [
            t.split(" - ")[1]
            for t in titles(mail_portal, "all_mails", "agent_a", sender_index=contact.UID())
        ]

    assert found(sender) == ["De Jean 1", "De Jean 2"]
    # a held position's mail is found by it, by its person and by its organisation
    assert found(alderman) == found(alderman.get_person()) == found(city) == ["De Binche"]
    # the choices: the correspondents only, not the whole directory
    with as_user("agent_a"):
        choices = [term.title for term in vocabulary("iasolutions.mail.senders")]
    assert "Jean Dupont" in choices and "Ville de Binche" in choices
    assert "Courrier Sans" not in choices and "Sans Courrier" not in choices


def test_recipient_facet_of_outgoing_mail(mail_portal, people, sender):
    from iasolutions.core.contacts import add_held_position
    from iasolutions.core.contacts import add_person
    from iasolutions.core.contacts import relation_to

    other = add_person(mail_portal["contacts"], "Martin", "Anne")
    own = mail_portal["contacts"]["plonegroup-organization"]
    signatory = add_held_position(
        add_person(mail_portal["contacts"], "Lejeune", "Marie"),
        own["direction-generale"],
        "Directrice générale",
    )
    outgoing_mail(people.a, sender, title="À Jean", sender=relation_to(signatory))
    outgoing_mail(people.a, other, title="À Anne", sender=relation_to(signatory))
    assert [
        t.split(" - ")[1]
        for t in titles(
            mail_portal,
            "all_mails",
            "redacteur_a",
            folder="outgoing-mail",
            recipients_index=sender.UID(),
        )
    ] == ["À Jean"]
    with as_user("redacteur_a"):
        recipients = [t.title for t in vocabulary("iasolutions.mail.recipients")]
        senders = [t.title for t in vocabulary("iasolutions.mail.senders")]
    assert "Jean Dupont" in recipients and "Anne Martin" in recipients
    # the signatory of outgoing mail is no sender of incoming mail
    assert not [title for title in senders if "Lejeune" in title]


def test_labels_facet_is_personal(mail_portal, people, sender):
    read, followed, theirs = [
        go(incoming_mail(people.a, sender, title=title), "propose_to_manager", "propose_to_agent")
        for title in ("Lu par moi", "Suivi par moi", "Lu par l'autre")
    ]
    with as_user("agent_a"):
        labels.set_label(read, "lu")
        labels.set_label(followed, "suivi")
    with as_user("lecteur_a"):
        labels.set_label(theirs, "lu")
        labels.set_label(theirs, "suivi")

    def mine(userid, dashboard_id="all_mails", **filters):
        return sorted(
            t.split(" - ")[1] for t in titles(mail_portal, dashboard_id, userid, **filters)
        )

    assert mine("agent_a", labels="lu") == ["Lu par moi"]
    assert mine("agent_a", labels="non_lu") == ["Lu par l'autre", "Suivi par moi"]
    assert mine("agent_a", labels="suivi") == ["Suivi par moi"]
    assert mine("agent_a", labels=["suivi", "non_lu"]) == ["Suivi par moi"]
    assert mine("agent_a", labels=["lu", "non_lu"]) == []
    assert mine("lecteur_a", labels="lu") == ["Lu par l'autre"]
    assert mine("lecteur_a", labels="suivi") == ["Lu par l'autre"]
    # a forged choice naming a colleague finds nothing
    assert mine("lecteur_a", labels="agent_a:lu") == []
    # on top of the dashboard's own labels: my followed mails, read or not
    assert mine("agent_a", "followed", labels="non_lu") == ["Suivi par moi"]
    assert mine("agent_a", "followed", labels="lu") == []
    with as_user("agent_a"):
        labels.set_label(followed, "lu")
    assert mine("agent_a", "followed", labels="lu") == ["Suivi par moi"]


def test_labels_facet_on_top_of_unread_in_copy(mail_portal, people, sender):
    copied = [
        go(
            incoming_mail(people.a, sender, title=title, recipient_groups=[people.b]),
            "propose_to_manager",
            "propose_to_agent",
        )
        for title in ("Un", "Deux")
    ]
    with as_user("agent_b"):
        labels.set_label(copied[0], "suivi")
        labels.set_label(copied[1], "lu")
    assert [
        t.split(" - ")[1] for t in titles(mail_portal, "in_copy_unread", "agent_b", labels="suivi")
    ] == ["Un"]
    assert titles(mail_portal, "in_copy_unread", "agent_b", labels="lu") == []


@pytest.mark.parametrize("search", ["{ref}", "{ref_lower}", "{ref} Subside", "AB-77", "AB-77/2024"])
def test_text_facet_finds_a_reference(mail_portal, people, sender, search):
    mail = go(
        incoming_mail(people.a, sender, title="Subside", external_reference_no="AB-77/2024"),
        "propose_to_manager",
        "propose_to_agent",
    )
    go(incoming_mail(people.a, sender, title="Autre"), "propose_to_manager", "propose_to_agent")
    reference = mail.internal_reference_no
    assert reference.startswith("E")
    text = search.format(ref=reference, ref_lower=reference.lower())
    assert titles(mail_portal, "all_mails", "agent_a", SearchableText=text) == [mail.Title()]


def test_text_facet_finds_references_of_other_formats(mail_portal, people, sender):
    incoming = go(
        incoming_mail(people.a, sender, title="Permis", internal_reference_no="E/2024/0005"),
        "propose_to_manager",
        "propose_to_agent",
    )
    outgoing = outgoing_mail(people.a, sender, title="Réponse")
    assert titles(mail_portal, "all_mails", "agent_a", SearchableText="E/2024/0005") == [
        incoming.Title()
    ]
    assert titles(
        mail_portal,
        "all_mails",
        "redacteur_a",
        folder="outgoing-mail",
        SearchableText=outgoing.internal_reference_no,
    ) == [outgoing.Title()]


def test_facets_of_the_dashboards(mail_portal):
    def facets(folder, dashboard_id="all_mails"):
        board = dashboard(mail_portal, dashboard_id, folder)
        return {c.title: (c.widget, c.index) for c in ICriteria(board).values()}

    incoming = facets("incoming-mail")
    assert incoming["Expéditeur"] == ("multiselect", "sender_index")
    assert incoming["Étiquettes"] == ("iasolutions_user_filter", "labels")
    assert incoming["Date du courrier"] == ("daterange", "original_mail_date")
    outgoing = facets("outgoing-mail")
    assert outgoing["Destinataire"] == ("multiselect", "recipients_index")
    assert outgoing["Étiquettes"] == ("iasolutions_user_filter", "labels")
    choices = vocabulary("iasolutions.mail.my_labels")
    assert [t.value for t in choices] == ["lu", "non_lu", "suivi"]
    assert [translate(t.title, target_language="fr") for t in choices] == ["Lu", "Non lu", "Suivi"]
