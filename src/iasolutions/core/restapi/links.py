"""Handovers between modules over REST (``iasolutions.core.links``), on any content.

GET  @links     → ``handed_to`` / ``handed_from`` (title, state, decision once
                  decided) and the handovers the user may make here (``offered``)
POST @handover  {"target": "delib.college-item", "config_id": …, "proposing_group": …}
                → 201 and the created object's summary; 400/403 with a message,
                  nothing written, when it is refused or not offered on this site
"""

from iasolutions.core import links
from iasolutions.core.restapi.errors import error
from iasolutions.core.restapi.input import JsonBodyService
from iasolutions.core.restapi.input import text
from plone.restapi.services import Service
import transaction
from zope.i18n import translate
from zope.schema import getFieldNamesInOrder


class LinksGet(Service):
    def reply(self):
        found = links.links_of(self.context)
        found["@id"] = f"{self.context.absolute_url()}/@links"
        found["offered"] = [
            {
                "target": name,
                "title": translate(target.title, context=self.request),
                "choices": getFieldNamesInOrder(target.schema),
            }
            for name, target in links.offered(self.context)
        ]
        return found


class HandoverPost(JsonBodyService):
    def handle(self, data):
        name = text(data, "target") or ""
        choices = {key: value for key, value in data.items() if key != "target"}
        try:
            created = links.hand_over(self.context, name, **choices)
        except links.HandoverRefused as refused:
            transaction.doom()
            return error(
                self.request, refused.status, translate(refused.message, context=self.request)
            )
        self.request.response.setStatus(201)
        self.request.response.setHeader("Location", created.absolute_url())
        return links.summary(created)
