"""The accessibility statement (``@@accessibility-info``, linked in every footer).

Plone's page claims WCAG AA for any site; public bodies in Wallonia (decree of
2 May 2019, directive (EU) 2016/2102) publish instead the statement of the EU
model (Commission Implementing Decision (EU) 2018/1523): conformance status,
what is not accessible and why, how the statement was prepared, how to report
a problem, and the enforcement procedure.
"""

from datetime import date
from iasolutions.core.dates import format_date
from iasolutions.core.services import get_own_organization
from plone import api
from Products.Five.browser import BrowserView


# The suite's last self-assessment (axe-core, WCAG 2.1 A and AA, in its tests).
PREPARED_ON = date(2026, 11, 29)


# The enforcement body designated in Wallonia.
OMBUDSMAN = {
    "name": "Médiateur commun de la Fédération Wallonie-Bruxelles et de la Wallonie",
    "address": "Rue Lucien Namèche 54, 5000 Namur",
    "phone": "0800 191 99",
    "email": "courrier@le-mediateur.be",
    "website": "https://www.le-mediateur.be",
}


class AccessibilityStatement(BrowserView):
    """The statement in the user's language, named after the organisation of the site."""

    ombudsman = OMBUDSMAN

    def organisation(self):
        own = get_own_organization()
        return (own.title if own is not None else "") or api.portal.get().title

    def site_url(self):
        return api.portal.get().absolute_url()

    def prepared_on(self):
        return format_date(PREPARED_ON)

    def contact(self):
        """Where to report a problem: the organisation's contact details, else the
        site's sender address (both set by the administrator)."""
        own = get_own_organization()
        email = (
            getattr(own, "email", None)
            or api.portal.get_registry_record("plone.email_from_address", default="")
            or ""
        )
        street = " ".join(
            filter(None, (getattr(own, "street", None), getattr(own, "number", None)))
        )
        city = " ".join(filter(None, (getattr(own, "zip_code", None), getattr(own, "city", None))))
        return {
            "email": email,
            "phone": getattr(own, "phone", None) or "",
            "address": ", ".join(filter(None, (street, city))),
            "form": f"{self.site_url()}/contact-info",
        }
