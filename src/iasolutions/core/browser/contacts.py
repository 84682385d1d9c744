from iasolutions.core import _
from plone import api
from Products.Five.browser import BrowserView


CONTACT_TYPES = ("organization", "person", "held_position", "position")
PAGE_SIZE = 50


class DirectoryView(BrowserView):
    """The contacts directory: search by name, email, city… and by type."""

    def types(self):
        return [
            ("organization", _("Organizations")),
            ("person", _("Persons")),
            ("held_position", _("Held positions")),
            ("position", _("Positions")),
        ]

    def search_text(self):
        return (self.request.form.get("SearchableText") or "").strip()

    def selected_type(self):
        value = self.request.form.get("portal_type")
        return value if value in CONTACT_TYPES else ""

    def results(self):
        query = {
            "path": "/".join(self.context.getPhysicalPath()),
            "portal_type": self.selected_type() or list(CONTACT_TYPES),
            "sort_on": "sortable_title",
            "sort_limit": PAGE_SIZE,
        }
        text = self.search_text()
        if text:
            query["SearchableText"] = " AND ".join(word + "*" for word in text.split())
        elif not self.selected_type():
            query["portal_type"] = ["organization", "person"]
        return api.content.find(**query)[:PAGE_SIZE]
