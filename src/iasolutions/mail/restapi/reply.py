"""``POST <incoming mail>/@reply``: create the outgoing mail answering it.

The body may override the pre-filled fields (``{"sender": "<held position>",
"title": "…"}``); the reply is validated as a new outgoing mail (400 with the
fields at fault, nothing written).
"""

from AccessControl import Unauthorized
from iasolutions.core.restapi.content import add_from_json
from iasolutions.core.restapi.errors import json_object
from iasolutions.core.restapi.errors import not_a_json_object
from iasolutions.core.restapi.input import refuses_bad_input
from iasolutions.core.restapi.input import text
from iasolutions.mail.folders import container_for
from iasolutions.mail.reply import reply_values
from plone import api
import plone.protect.interfaces
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.services import Service
from zope.component import queryMultiAdapter
from zope.interface import alsoProvides


class ReplyPost(Service):
    @refuses_bad_input
    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        data = json_object(self.request)
        if data is None:
            return not_a_json_object(self.request)
        container = container_for("dmsoutgoingmail")
        if not api.user.has_permission("iasolutions.mail: Add outgoing mail", obj=container):
            raise Unauthorized("You may not write outgoing mail")
        obj = add_from_json(
            container,
            "dmsoutgoingmail",
            data,
            self.request,
            title=text(data, "title") or "reply",
            values=reply_values(self.context),
        )
        self.request.response.setStatus(201)
        self.request.response.setHeader("Location", obj.absolute_url())
        serialized = queryMultiAdapter((obj, self.request), ISerializeToJson)()
        serialized["@id"] = obj.absolute_url()
        return serialized
