"""French first: the mail module's workflows, types and messages show in French."""

from plone import api
import pytest
from zope.i18n import translate


@pytest.mark.parametrize(
    "workflow_id",
    [
        "iasolutions_incomingmail_workflow",
        "iasolutions_outgoingmail_workflow",
        "iasolutions_mail_task_workflow",
        "iasolutions_mail_folder_workflow",
    ],
)
def test_workflow_titles_in_french(mail_portal, workflow_id):
    workflow = api.portal.get_tool("portal_workflow")[workflow_id]
    untranslated = [
        item.title
        for item in list(workflow.states.objectValues()) + list(workflow.transitions.objectValues())
        if translate(item.title, domain="plone", target_language="fr") == item.title
    ]
    assert untranslated == []


def test_states_read_well(mail_portal):
    assert translate("im_proposed_to_agent", domain="plone", target_language="fr") == "À traiter"
    assert translate("im_proposed_to_agent", domain="plone", target_language="en") == (
        "Proposed to the agent"
    )


def test_types_in_french(mail_portal):
    types_tool = api.portal.get_tool("portal_types")
    for type_id in (
        "dmsincomingmail",
        "dmsincoming_email",
        "dmsoutgoingmail",
        "dmsmainfile",
        "dmsommainfile",
        "dmsappendixfile",
        "task",
    ):
        fti = types_tool[type_id]
        assert translate(fti.title, domain=fti.i18n_domain, target_language="fr") != fti.title


def test_guard_messages_in_french(mail_portal):
    from iasolutions.mail import _

    message = _("Missing: ${fields}.", mapping={"fields": "expéditeur"})
    assert translate(message, target_language="fr") == "Manquant : expéditeur."


def test_batch_delete_in_french(mail_portal):
    from iasolutions.mail import _

    message = _("${count} mails deleted.", mapping={"count": 2})
    assert translate(message, target_language="fr") == "2 courrier(s) supprimé(s)."
    assert translate(_("Delete"), target_language="fr") == "Supprimer"


def test_outgoing_adaptations_in_french(mail_portal):
    from iasolutions.mail import _

    assert translate("om_to_approve", domain="plone", target_language="fr") == "À approuver"
    assert translate("om_to_print", domain="plone", target_language="fr") == "À imprimer"
    assert translate("om_to_print", domain="plone", target_language="en") == "To print"
    message = _("The mail must first be approved by the N+1 of the service.")
    assert translate(message, target_language="fr") == (
        "Le courrier doit d'abord être approuvé par le N+1 du service."
    )


def test_job_messages_in_french(mail_portal):
    from iasolutions.mail import _

    message = _("${count} letters generated for ${title}.", mapping={"count": 3, "title": "Avis"})
    assert translate(message, target_language="fr") == "3 lettre(s) générée(s) pour « Avis »."
    title = _("Import the scans and emails of the import directory")
    assert translate(title, target_language="fr") == (
        "Importer les scans et e-mails du dossier d'import"
    )
