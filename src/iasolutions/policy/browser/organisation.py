"""Site setup page where a site administrator applies an organisation profile."""

from iasolutions.core.organisation import organisation_profile
from iasolutions.policy import _
from iasolutions.policy import sites
import logging
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView


logger = logging.getLogger("iasolutions.policy")

# What the administrator reads for each profile of sites.ORGANISATION_PROFILES
PROFILE_LABELS = {
    "commune": (_("Commune"), _("College and municipal council, the services of a commune.")),
    "cpas": (_("CPAS"), _("Standing bureau and social action council, the services of a CPAS.")),
    "zone-de-police": (
        _("Police zone"),
        _("Police college and police council, the services of a police zone."),
    ),
    "seneffe": (
        _("Seneffe"),
        _("The commune profile with Seneffe's own services, holiday and validation levels."),
    ),
}


class OrganisationProfileView(BrowserView):
    """Lists the organisation profiles, marks the one applied last, and applies the one
    chosen after a confirmation. Applying again never undoes the administrator's changes
    (``iasolutions.core.organisation``)."""

    confirming = None

    def __call__(self):
        form = self.request.form
        if self.request.method == "POST" and not form.get("form.cancel"):
            CheckAuthenticator(self.request)
            name = form.get("profile")
            if self.label(name) is None:
                api.portal.show_message(
                    _("Choose one of the organisation profiles."), self.request, type="error"
                )
            elif form.get("form.apply"):
                self.apply(name)
                return self.request.response.redirect(self.request.URL)
            else:
                self.confirming = self.profile(name)
        return self.index()

    def label(self, name):
        return PROFILE_LABELS.get(name) if isinstance(name, str) else None

    def profile(self, name):
        title, description = self.label(name)
        return {
            "name": name,
            "title": title,
            "description": description,
            "applied": organisation_profile() == sites.organisation_profile_id(name),
        }

    def profiles(self):
        return [self.profile(name) for name in sites.ORGANISATION_PROFILES]

    def apply(self, name):
        # The page is the site administrator's (permission "Manage settings"); the
        # profile's import steps change types and workflows, which only a Manager may.
        with api.env.adopt_roles(["Manager"]):
            sites.apply_organisation_profile(api.portal.get(), name)
        logger.info("Organisation profile %s applied by %s", name, api.user.get_current().getId())
        api.portal.show_message(
            _(
                "The organisation profile ${title} was applied.",
                mapping={"title": api.portal.translate(self.label(name)[0])},
            ),
            self.request,
        )
