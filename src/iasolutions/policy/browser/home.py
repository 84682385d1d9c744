"""The home page of a municipality site: each agent's dashboards, module by module."""

from iasolutions.core import dashboards
from iasolutions.core.services import fullname
import logging
from plone import api
from Products.Five.browser import BrowserView
from ZODB.POSException import ConflictError


logger = logging.getLogger("iasolutions.policy")


class HomeView(BrowserView):
    """Default view of the site: the dashboards the user may open, grouped by
    the folder they belong to (a meeting configuration, the incoming mail…),
    with the number of results of each.

    A folder the user may not open shows as a title without a link, and a
    dashboard whose count fails shows no count (logged): one folder never
    refuses the whole page.
    """

    def fullname(self):
        return fullname(api.user.get_current().getId())

    def sections(self):
        groups = {}
        for brain in api.content.find(portal_type="dashboard", sort_on="path"):
            folder_path = brain.getPath().rsplit("/", 1)[0]
            groups.setdefault(folder_path, []).append(brain)
        sections = []
        for folder_path, brains in groups.items():
            # Unrestricted on purpose: the user may open a dashboard (an alderman's
            # College dashboards) without opening its folder, and restricted traversal
            # raised Unauthorized there, which refused the whole page.
            folder = api.portal.get().unrestrictedTraverse(folder_path, None)
            if folder is None:
                continue
            sections.append(
                {
                    "title": folder.title,
                    "url": folder.absolute_url() if self.may_view(folder) else None,
                    "dashboards": [self.entry(brain, folder.title) for brain in brains],
                }
            )
        return sections

    @staticmethod
    def may_view(obj):
        return bool(api.user.has_permission("View", obj=obj))

    def entry(self, brain, folder_title):
        # "Mes points (Collège communal)" reads "Mes points" under its folder's title
        title = brain.Title.removesuffix(f" ({folder_title})")
        return {"title": title, "url": brain.getURL(), "count": self.count(brain)}

    def count(self, brain):
        """The number of results of a dashboard, or None when its query fails."""
        try:
            return dashboards.count(brain.getObject())
        except ConflictError:
            raise
        except Exception:
            logger.exception("Dashboard %s: its results could not be counted", brain.getPath())
            return None

    def contacts_url(self):
        contacts = api.portal.get().get("contacts")
        if contacts is not None and api.user.has_permission("View", obj=contacts):
            return contacts.absolute_url()

    def is_administrator(self):
        return api.user.has_permission("iasolutions.core: Manage settings", obj=api.portal.get())
