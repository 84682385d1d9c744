"""French first: the module's workflows (base and per configuration) and messages in French."""

from plone import api
from zope.i18n import translate


def test_every_workflow_state_and_transition_in_french(delib_portal):
    untranslated = []
    for workflow in api.portal.get_tool("portal_workflow").objectValues():
        wf_id = workflow.getId()
        if not (wf_id.startswith("iasolutions") or "__meeting" in wf_id):
            continue
        for item in list(workflow.states.objectValues()) + list(
            workflow.transitions.objectValues()
        ):
            if translate(item.title, domain="plone", target_language="fr") == item.title:
                untranslated.append(f"{wf_id}: {item.title}")
    assert untranslated == []


def test_workflow_titles_keep_the_module_translation(delib_portal):
    """A title Plone also translates ("Item created": "Élément créé") must not take
    Plone's translation: each title reads as the module's French catalogue says."""
    from pathlib import Path
    import re

    po = (
        Path(__file__).parents[2] / "src/iasolutions/delib/locales/fr/LC_MESSAGES/plone.po"
    ).read_text()
    ours = dict(re.findall(r'\nmsgid "(.+)"\nmsgstr "(.+)"', po))
    other = []
    for workflow_id in (
        "iasolutions_meetingitem_workflow",
        "iasolutions_meeting_workflow",
        "iasolutions_advice_workflow",
    ):
        workflow = api.portal.get_tool("portal_workflow")[workflow_id]
        for item in list(workflow.states.objectValues()) + list(
            workflow.transitions.objectValues()
        ):
            shown = translate(item.title, domain="plone", target_language="fr")
            if shown != ours.get(item.title):
                other.append(f"{workflow_id}: {item.title} -> {shown} (not {ours.get(item.title)})")
    assert other == []


def test_guard_messages_in_french(delib_portal):
    from iasolutions.delib import _

    assert (
        translate(_("decision_is_empty"), target_language="fr")
        == "La décision et la motivation sont vides."
    )
    assert (
        translate(_("decision_is_empty"), target_language="en")
        == "The decision and the motivation are empty."
    )


def test_batch_messages_in_french(delib_portal):
    from iasolutions.delib import _

    assert (
        translate(_("${count} item(s) changed.", mapping={"count": 2}), target_language="fr")
        == "2 point(s) modifié(s)."
    )
    assert (
        translate(_("You may not change this item."), target_language="fr")
        == "Vous ne pouvez pas modifier ce point."
    )


def test_signatory_messages_in_french(delib_portal):
    from iasolutions.delib import _

    assert (
        translate(_("signatory_not_present"), target_language="fr")
        == "Le remplaçant doit assister à la séance et être présent pour ce point."
    )
    assert (
        translate(_("(in place of ${name})", mapping={"name": "Jean Dupont"}), target_language="fr")
        == "(à la place de Jean Dupont)"
    )


def test_batch_rest_messages_in_french(delib_portal):
    from iasolutions.delib import _

    message = _("action must be one of: ${actions}.", mapping={"actions": "transition"})
    assert translate(message, target_language="fr") == "action doit être l'une de : transition."


def test_history_words_in_french(delib_portal):
    from iasolutions.delib import _

    assert (
        translate(_("history_changed", mapping={"fields": "Titre"}), target_language="fr")
        == "Modifié : Titre"
    )
    assert translate(_("history_advice_inherited"), target_language="fr") == "avis hérité"
    assert translate(_("history_created"), target_language="fr") == "Création"
