"""Inherited advices over REST.

``POST <item>/@remove-inherited-advice`` ``{"service": "<service UID>"}`` (meeting
managers of the item's configuration): the item no longer inherits that advice, the
service is asked again; answers the item's advices. 400 (nothing changed) when the body
is not a JSON object or the advice is not inherited; 401/403 for the others.
"""

from iasolutions.core.restapi.input import JsonBodyService
from iasolutions.delib import _
from iasolutions.delib.advice_inheritance import InheritanceError
from iasolutions.delib.advice_inheritance import remove_inheritance
from iasolutions.delib.advices import advice_summary


class RemoveInheritedAdvicePost(JsonBodyService):
    def handle(self, data):
        if not isinstance(data.get("service"), str):
            message = _("Give the service whose inherited advice to remove.")
            return self.refuse(message, reason=str(message))
        try:
            remove_inheritance(self.context, data["service"])
        except InheritanceError as refused:
            return self.refuse(refused.message, reason=str(refused.message))
        return {"advices": advice_summary(self.context)}
