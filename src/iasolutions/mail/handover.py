"""What an incoming mail gives when it is handed over to another module (e.g. an
item proposed to the College, see ``iasolutions.core.links``): its title and
description, its files, and who may do it (whoever may edit the mail)."""

from iasolutions.core.interfaces import IHandoverSource
from iasolutions.mail.content.incoming_mail import IIncomingMail
from plone import api
from zope.component import adapter
from zope.interface import implementer


FILE_TYPES = ("dmsmainfile", "dmsappendixfile")


@implementer(IHandoverSource)
@adapter(IIncomingMail)
class IncomingMailSource:
    def __init__(self, context):
        self.context = context

    @property
    def title(self):
        return self.context.title

    @property
    def description(self):
        return self.context.description or ""

    def files(self):
        return [
            (obj.Title(), obj.file)
            for obj in self.context.objectValues()
            if obj.portal_type in FILE_TYPES and getattr(obj, "file", None) is not None
        ]

    def may_hand_over(self):
        return api.user.has_permission("Modify portal content", obj=self.context)
