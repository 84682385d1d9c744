"""The home page of a municipality site: each agent's dashboards, module by module."""

from iasolutions.core import dashboards
from plone import api
from Products.Five.browser import BrowserView


class HomeView(BrowserView):
    """Default view of the site: the dashboards the user may open, grouped by
    the folder they belong to (a meeting configuration, the incoming mail…),
    with the number of results of each."""

    def fullname(self):
        user = api.user.get_current()
        return user.getProperty("fullname") or user.getId()

    def sections(self):
        groups = {}
        for brain in api.content.find(portal_type="dashboard", sort_on="path"):
            folder_path = brain.getPath().rsplit("/", 1)[0]
            groups.setdefault(folder_path, []).append(brain)
        sections = []
        for folder_path, brains in groups.items():
            folder = api.content.get(path=folder_path)
            if folder is None:
                continue
            sections.append({
                "title": folder.title,
                "url": folder.absolute_url(),
                "dashboards": [self.entry(brain, folder.title) for brain in brains],
            })
        return sections

    def entry(self, brain, folder_title):
        # "Mes points (Collège communal)" reads "Mes points" under its folder's title
        title = brain.Title.removesuffix(f" ({folder_title})")
        return {"title": title, "url": brain.getURL(),
                "count": len(dashboards.results(brain.getObject()))}

    def contacts_url(self):
        contacts = api.portal.get().get("contacts")
        if contacts is not None and api.user.has_permission("View", obj=contacts):
            return contacts.absolute_url()

    def is_administrator(self):
        return api.user.has_permission("iasolutions.core: Manage settings",
                                       obj=api.portal.get())
