"""The dashboards and facets of a meeting configuration: English message ids, French titles."""

from eea.facetednavigation.interfaces import ICriteria
from iasolutions.delib import _
from iasolutions.delib.meetingconfigs import folder_of
from zope.i18n import translate


def test_dashboards_and_facets_show_in_french(college):
    folder = folder_of(college)
    assert folder["mes-points"].title == f"Mes points ({college.title})"
    assert folder["points-a-valider"].title == f"Points à valider ({college.title})"
    assert folder["seances"].title == f"Séances ({college.title})"
    facets = {c.title for c in ICriteria(folder["tous-les-points"]).values()}
    assert {"Recherche", "Catégorie", "État", "Séance", "Date de séance", "Par page"} <= facets


def test_the_titles_read_in_english_too(college):
    assert translate(_("Items to validate"), target_language="en") == "Items to validate"
    assert translate(_("Latest decisions"), target_language="fr") == "Dernières décisions"
