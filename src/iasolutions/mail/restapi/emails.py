"""``POST <outgoing mail>/@send-email``: send the mail by email (400 with the
reason when it cannot be sent)."""

from iasolutions.core.restapi.errors import bad_request
from iasolutions.mail import emails
import plone.protect.interfaces
from plone.restapi.services import Service
from zope.i18n import translate
from zope.interface import alsoProvides


class SendEmailPost(Service):
    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        try:
            status = emails.send(self.context)
        except emails.EmailError as error:
            return bad_request(self.request, translate(error.args[0], context=self.request))
        return {"email_status": status}
