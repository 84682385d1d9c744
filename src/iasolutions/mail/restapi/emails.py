"""``POST <outgoing mail>/@send-email``: send the mail by email (400 with the
reason when it cannot be sent)."""

from iasolutions.core.restapi.errors import bad_request
from iasolutions.core.restapi.input import JsonBodyService
from iasolutions.mail import emails
from zope.i18n import translate


class SendEmailPost(JsonBodyService):
    def handle(self, data):
        try:
            status = emails.send(self.context)
        except emails.EmailError as error:
            return bad_request(self.request, translate(error.args[0], context=self.request))
        return {"email_status": status}
