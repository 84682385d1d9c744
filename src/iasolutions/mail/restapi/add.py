"""POST on ``incoming-mail`` / ``outgoing-mail``: the standard plone.restapi
creation, with the mail stored in the period folder of the week."""

from iasolutions.mail.folders import period_folder
from iasolutions.mail.folders import root_folder
from iasolutions.mail.folders import ROOT_OF_TYPE
from plone.restapi.deserializer import json_body
from plone.restapi.services.content.add import FolderPost


class MailFolderPost(FolderPost):
    def reply(self):
        data = json_body(self.request)
        portal_type = data.get("@type") if isinstance(data, dict) else None
        if portal_type in ROOT_OF_TYPE:
            root = root_folder(portal_type)
            if self.context.portal_type == root.portal_type:
                self.context = period_folder(root)
        return super().reply()
