"""Titles a profile writes into the site: marked with ``_()``, stored in French."""

from eea.facetednavigation.interfaces import ICriteria
from iasolutions.core import _
from iasolutions.core import dashboards
from iasolutions.core.i18n import content_text
from plone import api
from zope.i18n import translate


def test_a_message_is_stored_in_french(portal):
    assert content_text(_("Per page")) == "Par page"
    assert content_text("Déjà du texte") == "Déjà du texte"
    assert translate(_("Per page"), target_language="en") == "Per page"


def test_a_dashboard_stores_its_titles_in_french(portal):
    folder = api.content.create(container=portal, type="Folder", id="boards", title="Tableaux")
    board = dashboards.create_dashboard(
        folder, "mine", _("Search terms"), query=[], criteria=[dashboards.text_filter()]
    )
    assert board.title == "Recherche"
    assert sorted(c.title for c in ICriteria(board).values()) == ["Par page", "Recherche"]
