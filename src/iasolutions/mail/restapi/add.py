"""POST on ``incoming-mail`` / ``outgoing-mail``: the standard plone.restapi
creation, with the mail stored in the period folder of the week, and, in the
same call, its main file::

    POST /incoming-mail
    {"@type": "dmsincomingmail", "title": "…", "treating_groups": "finances",
     "sender": ["jean-dupont"],
     "main_file": {"data": "<base64>", "filename": "scan.pdf",
                   "content-type": "application/pdf", "scan_id": "050000000012345"}}

The file is checked before the mail is created: bad input gets a 400 and
nothing is written. An incoming mail needs its mail type, as in the reference.
"""

from AccessControl import Unauthorized
from iasolutions.core.restapi.errors import bad_request
from iasolutions.core.restapi.errors import json_object
from iasolutions.core.restapi.errors import not_a_json_object
from iasolutions.mail import _
from iasolutions.mail import files
from iasolutions.mail.folders import ROOT_OF_TYPE
from iasolutions.mail.folders import period_folder
from iasolutions.mail.folders import root_folder
from plone import api
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.services.content.add import FolderPost
from zope.component import queryMultiAdapter
from zope.i18n import translate


INCOMING_TYPES = ("dmsincomingmail", "dmsincoming_email")


class MailFolderPost(FolderPost):
    def reply(self):
        data = json_object(self.request)
        if data is None:
            return not_a_json_object(self.request)
        portal_type = data.get("@type")
        if portal_type in INCOMING_TYPES and not data.get("mail_type"):
            return bad_request(
                self.request,
                translate(_("The mail type is required."), context=self.request),
                field="mail_type",
            )
        main_file = data.get("main_file")
        prepared = None
        if main_file is not None:
            try:
                prepared = self.prepare_file(main_file)
            except files.BadFile as error:
                return bad_request(
                    self.request, translate(error.args[0], context=self.request), field="main_file"
                )
        if portal_type in ROOT_OF_TYPE:
            root = root_folder(portal_type)
            if self.context.portal_type == root.portal_type:
                self.context = period_folder(root)
        result = super().reply()
        if prepared is None or self.request.response.getStatus() != 201:
            return result
        # the new mail, from its folder: a catalog search would not find it on
        # a request retried after a conflict (the indexing queue is not flushed)
        mail = self.context[result["id"]]
        if not api.user.has_permission("iasolutions.mail: Add file", obj=mail):
            raise Unauthorized("You may not add files to this mail")
        portal_type = "dmsommainfile" if mail.portal_type == "dmsoutgoingmail" else "dmsmainfile"
        api.content.create(container=mail, type=portal_type, **prepared)
        serializer = queryMultiAdapter((mail, self.request), ISerializeToJson)
        serialized = serializer()
        serialized["@id"] = mail.absolute_url()
        return serialized

    def prepare_file(self, main_file):
        if (
            not isinstance(main_file, dict)
            or not isinstance(main_file.get("data"), str)
            or (not main_file["data"])
            or any(
                not isinstance(main_file.get(key) or "", str)
                for key in ("filename", "content-type", "title", "encoding")
            )
        ):
            raise files.BadFile(_("main_file needs data (base64) and a filename."))
        filename = main_file.get("filename") or "document.pdf"
        data = files.decode(main_file["data"], main_file.get("encoding", "base64"))
        content_type = main_file.get("content-type") or "application/pdf"
        values = files.scan_values(main_file)
        values.update(
            file=files.blob(data, filename, content_type), title=main_file.get("title") or filename
        )
        return values
