"""Text that a profile writes into the site (dashboard and facet titles…).

The code marks it for translation with English message ids, like every other
string of the suite; the site stores it in French, the language of the
municipalities' content (services, folders, documents), whatever the
interface language: an administrator renames a stored title as any content::

    from iasolutions.mail import _
    create_dashboard(folder, "to-treat", content_text(_("To treat")), ...)
"""

from zope.i18n import translate
from zope.i18nmessageid import Message


CONTENT_LANGUAGE = "fr"


def site_language():
    """The site's language as a translation target ("fr" for "fr-be"; "fr" by default)."""
    from plone import api

    return (api.portal.get_default_language() or CONTENT_LANGUAGE).split("-")[0]


def content_text(text):
    """``text`` as stored in the site: a message in French, any other text as it is."""
    if isinstance(text, Message):
        return translate(text, target_language=CONTENT_LANGUAGE)
    return text
