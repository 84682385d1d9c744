"""``POST <incoming mail>/@reply``: create the outgoing mail answering it.

The body may override the pre-filled fields (``{"sender": "<held position>",
"title": "…"}``); the reply is validated as a new outgoing mail (400 with the
fields at fault, nothing written).
"""

from AccessControl import Unauthorized
from iasolutions.core.restapi.content import add_from_json
from iasolutions.core.restapi.input import JsonBodyService
from iasolutions.core.restapi.input import text
from iasolutions.mail.folders import container_for
from iasolutions.mail.reply import reply_values
from plone import api
from plone.restapi.interfaces import ISerializeToJson
from zope.component import queryMultiAdapter


class ReplyPost(JsonBodyService):
    def handle(self, data):
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
