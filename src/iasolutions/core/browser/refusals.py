"""The page a logged-in user lands on when refused answers 403 (not 200), as the REST
API does: a refusal is a refusal for browsers, crawlers and tests alike."""

import os
from Products.CMFPlone.browser.login import login
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class InsufficientPrivileges(login.InsufficientPrivilegesView):
    """Plone's page and template, with the status of a refusal."""

    index = ViewPageTemplateFile(
        os.path.join(os.path.dirname(login.__file__), "templates", "insufficient_privileges.pt")
    )

    def __call__(self):
        self.request.response.setStatus(403)
        return self.index()
