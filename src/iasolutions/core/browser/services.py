from iasolutions.core.modules import active_functions
from iasolutions.core.services import get_own_organization
from iasolutions.core.services import get_services
from iasolutions.core.services import group_id
from iasolutions.core.services import service_members
from Products.Five.browser import BrowserView


class ServicesControlPanel(BrowserView):
    """The tree of internal services with, for each function, its group and members."""

    def functions(self):
        return active_functions()

    def own_organization(self):
        return get_own_organization()

    def rows(self):
        own = get_own_organization()
        depth0 = len(own.getPhysicalPath()) if own is not None else 0
        functions = active_functions()
        for brain in get_services():
            yield {
                "title": brain.Title,
                "acronym": brain.acronym or "",
                "url": brain.getURL(),
                "state": brain.review_state,
                "indent": len(brain.getPath().split("/")) - depth0 - 1,
                "groups": [
                    {
                        "id": group_id(brain.UID, function.id),
                        "members": service_members(brain.UID, function.id),
                    }
                    for function in functions
                ],
            }
