"""The mail view and the labels button."""

from iasolutions.core.guards import refused_transitions
from iasolutions.core.services import fullname
from iasolutions.core.workflows import state_title
from iasolutions.mail import _
from iasolutions.mail import labels
from iasolutions.mail.reply import replies
from plone import api
from plone.dexterity.browser.view import DefaultView
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView


FILE_TYPES = ("dmsmainfile", "dmsommainfile", "dmsappendixfile")


class MailView(DefaultView):
    """A mail: its fields, files, tasks, replies, labels, and why a step is not available."""

    def state_title(self):
        return state_title(self.context.portal_type, api.content.get_state(self.context))

    def files(self):
        return [
            {
                "title": obj.Title(),
                "url": obj.absolute_url(),
                "download": f"{obj.absolute_url()}/@@download/file",
                "kind": obj.portal_type,
                "scan_id": obj.scan_id,
                "version": obj.version,
            }
            for obj in self.context.objectValues()
            if obj.portal_type in FILE_TYPES
        ]

    def tasks(self):
        result = []
        for obj in self.context.objectValues():
            if obj.portal_type != "task":
                continue
            result.append(
                {
                    "title": obj.Title(),
                    "url": obj.absolute_url(),
                    "state": api.content.get_state(obj),
                    "user": fullname(obj.assigned_user) if obj.assigned_user else "",
                }
            )
        return result

    def replies(self):
        if self.context.portal_type == "dmsoutgoingmail":
            return []
        return [{"title": obj.Title(), "url": obj.absolute_url()} for obj in replies(self.context)]

    def refusals(self):
        if not api.user.has_permission("Review portal content", obj=self.context):
            return []
        return refused_transitions(self.context, self.request)

    def can_reply(self):
        folder = api.portal.get().get("outgoing-mail")
        return (
            self.context.portal_type != "dmsoutgoingmail"
            and folder is not None
            and api.user.has_permission("iasolutions.mail: Add outgoing mail", obj=folder)
        )

    def letter_templates(self):
        """Letter templates the user may generate here (outgoing mail they may add files to)."""
        if self.context.portal_type != "dmsoutgoingmail" or not api.user.has_permission(
            "iasolutions.mail: Add file", obj=self.context
        ):
            return []
        from iasolutions.core.documents import templates_for

        return [
            {
                "uid": template.UID(),
                "title": template.title,
                "formats": list(template.output_formats or []),
            }
            for template in templates_for(self.context)
        ]

    def can_send_email(self):
        return (
            self.context.portal_type == "dmsoutgoingmail"
            and "email" in (self.context.send_modes or ())
            and not self.context.email_status
            and api.user.has_permission("Modify portal content", obj=self.context)
        )

    def labels(self):
        """My labels of the mail, each with the link that toggles it."""
        mine = labels.labels_of(self.context)
        token = self.context.restrictedTraverse("@@authenticator").token()
        base = f"{self.context.absolute_url()}/@@mail-label"
        return [
            {
                "id": label,
                "active": label in mine,
                "url": f"{base}?label={label}&active={0 if label in mine else 1}"
                f"&_authenticator={token}",
            }
            for label in labels.LABELS
        ]


class LabelView(BrowserView):
    """``@@mail-label?label=lu&active=1``: put or take off one of my labels."""

    def __call__(self):
        CheckAuthenticator(self.request)
        label = self.request.form.get("label")
        active = self.request.form.get("active") not in ("0", "false", "")
        if label in labels.LABELS:
            labels.set_label(self.context, label, active)
        self.request.response.redirect(self.context.absolute_url())
        return ""


class LettersView(BrowserView):
    """``@@mail-letters`` (POST ``letter=<template uid>|<odt or pdf>``): generate
    the letters of an outgoing mail as its main files, one per postal recipient.
    PDF or more than ``letters.LETTERS_IN_REQUEST`` letters are queued as a job,
    whose progress the agent follows on the site's ``@@jobs`` page."""

    def __call__(self):
        from iasolutions.mail import letters

        CheckAuthenticator(self.request)
        uid, _sep, output_format = (self.request.form.get("letter") or "").partition("|")
        output_format = output_format or "odt"
        template = api.content.get(UID=uid) if uid else None
        if template is None or template.portal_type != "pod_template":
            api.portal.show_message(
                _("Choose a letter template."), request=self.request, type="error"
            )
        else:
            try:
                letters.check_letters(self.context, template, output_format)
                if letters.in_request(self.context, output_format):
                    made = letters.generate_letters(self.context, template, output_format)
                else:
                    return self.queue(template, output_format)
            except letters.LetterError as error:
                api.portal.show_message(error.args[0], request=self.request, type="error")
            else:
                api.portal.show_message(
                    _("${count} letters generated.", mapping={"count": len(made)}),
                    request=self.request,
                )
        self.request.response.redirect(self.context.absolute_url())
        return ""

    def queue(self, template, output_format):
        """Hand the letters to the worker; the agent goes to the jobs page."""
        from iasolutions.core import worker  # its queue opens the jobs' file

        worker.submit_here(
            "mail.generate_letters",
            mail_uid=api.content.get_uuid(self.context),
            template_uid=api.content.get_uuid(template),
            output_format=output_format,
        )
        api.portal.show_message(
            _(
                "The letters of ${title} are being generated: their progress is shown here.",
                mapping={"title": self.context.title},
            ),
            request=self.request,
        )
        self.request.response.redirect(f"{api.portal.get().absolute_url()}/@@jobs")
        return ""


class SendEmailView(BrowserView):
    """``@@send-email`` (POST): send an outgoing mail by email."""

    def __call__(self):
        from iasolutions.mail import emails

        CheckAuthenticator(self.request)
        try:
            status = emails.send(self.context)
        except emails.EmailError as error:
            api.portal.show_message(error.args[0], request=self.request, type="error")
        else:
            api.portal.show_message(status, request=self.request)
        self.request.response.redirect(self.context.absolute_url())
        return ""
