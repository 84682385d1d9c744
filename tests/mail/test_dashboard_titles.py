"""The dashboards and facets of the mail module: English message ids, French titles."""

from eea.facetednavigation.interfaces import ICriteria
from iasolutions.mail import _
from zope.i18n import translate


def test_dashboards_and_facets_show_in_french(mail_portal):
    folder = mail_portal["incoming-mail"]
    assert folder["to_treat"].title == "À traiter (assignés à moi)"
    assert folder["searchfor_proposed_to_agent"].title == "État : À traiter"
    assert mail_portal["tasks"]["assigned_to_me"].title == "Mes tâches"
    facets = {c.title for c in ICriteria(folder["all_mails"]).values()}
    assert {"Recherche (référence, titre, expéditeur…)", "État", "Échéance", "Par page"} <= facets


def test_the_titles_read_in_english_too(mail_portal):
    message = _("State: ${state}", mapping={"state": _("To treat")})
    assert translate(message, target_language="en") == "State: To treat"
    assert translate(_("My tasks"), target_language="en") == "My tasks"
