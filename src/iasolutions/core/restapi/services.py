"""``@services`` and ``@functions``: the internal services, their groups, the functions."""

from iasolutions.core.modules import active_functions
from iasolutions.core.modules import installed_modules
from iasolutions.core.services import get_services
from iasolutions.core.services import group_id
from plone.restapi.services import Service
from zope.i18n import translate


class ServicesGet(Service):
    """GET @services → every internal service with its group per function.

    ``?active=1`` keeps the active services only.
    """

    def reply(self):
        functions = active_functions()
        active_only = self.request.form.get("active") in ("1", "true", "True")
        portal_url = self.context.absolute_url()
        return {
            "@id": f"{portal_url}/@services",
            "items": [self.serialize(brain, functions) for brain in get_services(active_only)],
        }

    def serialize(self, brain, functions):
        path = brain.getPath().split("/")
        return {
            "@id": brain.getURL(),
            "UID": brain.UID,
            "id": brain.getId,
            "title": brain.Title,
            "acronym": brain.acronym or "",
            "review_state": brain.review_state,
            "parent_id": path[-2],
            "groups": {function.id: group_id(brain.UID, function.id) for function in functions},
        }


class FunctionsGet(Service):
    """GET @functions → the functions of the installed modules."""

    def reply(self):
        items = []
        for module in installed_modules():
            for function in module.functions:
                items.append(
                    {
                        "id": function.id,
                        "title": translate(function.title, context=self.request),
                        "module": module.id,
                    }
                )
        return {"@id": f"{self.context.absolute_url()}/@functions", "items": items}
