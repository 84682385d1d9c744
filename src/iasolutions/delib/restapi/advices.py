"""Inherited advices over REST.

``POST <item>/@remove-inherited-advice`` ``{"service": "<service UID>"}`` (meeting
managers of the item's configuration): the item no longer inherits that advice, the
service is asked again; answers the item's advices. 400 (nothing changed) when the body
is not a JSON object or the advice is not inherited; 401/403 for the others.
"""

from iasolutions.core.restapi.errors import bad_request
from iasolutions.core.restapi.errors import json_object
from iasolutions.core.restapi.errors import not_a_json_object
from iasolutions.delib import _
from iasolutions.delib.advice_inheritance import InheritanceError
from iasolutions.delib.advice_inheritance import remove_inheritance
from iasolutions.delib.advices import advice_summary
import plone.protect.interfaces
from plone.restapi.services import Service
from zope.i18n import translate
from zope.interface import alsoProvides


class RemoveInheritedAdvicePost(Service):
    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        data = json_object(self.request)
        if data is None:
            return not_a_json_object(self.request)
        if not isinstance(data.get("service"), str):
            return self.refuse(_("Give the service whose inherited advice to remove."))
        try:
            remove_inheritance(self.context, data["service"])
        except InheritanceError as refused:
            return self.refuse(refused.message)
        return {"advices": advice_summary(self.context)}

    def refuse(self, message):
        return bad_request(
            self.request, translate(message, context=self.request), reason=str(message)
        )
