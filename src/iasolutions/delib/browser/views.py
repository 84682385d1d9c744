"""Screens of agents: the item, the meeting with its agenda, and their actions.

Views stay thin: they call the domain modules (transitions, agenda, advices,
history) and show their messages.
"""

from datetime import datetime
from iasolutions.core import documents
from iasolutions.core.guards import refused_transitions
from iasolutions.core.services import fullname
from iasolutions.core.services import service_title
from iasolutions.core.workflows import state_title
from iasolutions.delib import _
from iasolutions.delib import advices
from iasolutions.delib import agenda
from iasolutions.delib.history import full_history
from iasolutions.delib.meetingconfigs import config_of
from iasolutions.delib.meetingconfigs import folder_of
from iasolutions.delib.meetingconfigs import free_id
from iasolutions.delib.meetingconfigs import is_meeting_manager
from iasolutions.delib.recurring import item_templates
from iasolutions.delib.recurring import values_from_template
from iasolutions.delib.stored_documents import templates_for_items
from iasolutions.delib.transitions import TransitionRefused
from iasolutions.delib.transitions import available_transitions
from iasolutions.delib.transitions import do_transition
from plone import api
from plone.dexterity.utils import iterSchemata
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.i18n import translate
from zope.schema import getFieldsInOrder


def _service_title(uid):
    return service_title(uid) or uid or ""


# Advice events of the item's history that are not advice transitions.
ADVICE_EVENTS = {
    "added": _("history_advice_added", default="advice added"),
    "modified": _("history_advice_modified", default="advice modified"),
    "inherited": _("history_advice_inherited", default="advice inherited"),
    "inheritance_removed": _(
        "history_advice_inheritance_removed", default="inherited advice removed"
    ),
}


def _field_titles(obj, request):
    titles = {}
    for schema in iterSchemata(obj):
        for name, field in getFieldsInOrder(schema):
            titles.setdefault(name, translate(field.title, context=request))
    return titles


def _date_label(iso):
    """'2026-03-12' (or with a time) as agents read it: '12/03/2026'."""
    return datetime.fromisoformat(iso).strftime("%d/%m/%Y") if iso else ""


# Transitions a meeting manager may be refused for a reason worth showing.
EXPLAINED = (
    "present",
    "accept",
    "accept_but_modify",
    "refuse",
    "delay",
    "pre_accept",
    "freeze",
    "decide",
    "close",
)


class DelibBaseView(BrowserView):
    def translate(self, message):
        return translate(message, context=self.request)

    def transitions(self):
        wf_tool = api.portal.get_tool("portal_workflow")
        titles = {t["id"]: t["title"] or t["id"] for t in wf_tool.getTransitionsFor(self.context)}
        return [
            {"id": tid, "title": titles.get(tid, tid)}
            for tid in available_transitions(self.context)
        ]

    def refused_transitions(self):
        """Transitions of the current state refused by a rule, with the reason (shown to
        the users who could otherwise trigger them: meeting managers)."""
        cfg = config_of(self.context)
        if cfg is None or not is_meeting_manager(cfg):
            return []
        refused = refused_transitions(self.context, self.request)
        return [transition for transition in refused if transition["id"] in EXPLAINED]

    def state_title(self, obj=None):
        obj = obj or self.context
        return state_title(obj.portal_type, api.content.get_state(obj))

    def is_manager(self):
        cfg = config_of(self.context)
        return cfg is not None and is_meeting_manager(cfg)

    def authenticator(self):
        """The CSRF field, computed once for the many forms of the screen."""
        if not hasattr(self, "_authenticator"):
            self._authenticator = self.context.restrictedTraverse("@@authenticator").authenticator()
        return self._authenticator


class ItemView(DelibBaseView):
    """The item: its fields, annexes, advices, meeting, transitions and history."""

    def config(self):
        return config_of(self.context)

    def proposing_group(self):
        return _service_title(self.context.proposingGroup)

    def category(self):
        cfg = self.config()
        category = cfg.get(self.context.category) if cfg and self.context.category else None
        return category.title if category is not None else ""

    def meeting(self):
        return agenda.meeting_of(self.context)

    def number(self):
        return agenda.format_number(self.context.itemNumber)

    def annexes(self, portal_type="annex"):
        return [
            obj
            for obj in self.context.objectValues()
            if obj.portal_type == portal_type and api.user.has_permission("View", obj=obj)
        ]

    def can_add(self, portal_type):
        permission = {
            "annex": "iasolutions.delib: Add annex",
            "annexDecision": "iasolutions.delib: Add annexDecision",
            "meetingadvice": "iasolutions.delib: Add advice",
        }[portal_type]
        if portal_type == "meetingadvice" and not advices.addable_advice_groups(self.context):
            return False
        return bool(api.user.has_permission(permission, obj=self.context))

    def advices(self):
        from iasolutions.delib.advice_inheritance import may_remove_inheritance

        rows = advices.advice_summary(self.context)
        removable = may_remove_inheritance(self.context)
        for row in rows:
            row["type_title"] = self.translate(_(row["type"])) if row["type"] else ""
            row["state_title"] = self.translate(_(row["state"]))
            # An inherited advice is reached through its original item (link of its row).
            advice = None if row["inherited"] else advices.advice_of(self.context, row["service"])
            row["url"] = (
                advice.absolute_url()
                if advice is not None and api.user.has_permission("View", obj=advice)
                else None
            )
            row["given"] = self._given_label(row)
            row["limit_label"] = _date_label(row["limit_date"])
            row["removable"] = removable and row["inherited"]
        return rows

    def _given_label(self, row):
        """'by Jean Dupont, 12/03/2026 10:15' for a given advice, else ''."""
        if not row["given_by"]:
            return ""
        name = fullname(row["given_by"])
        when = (
            datetime.fromisoformat(row["given_on"]).strftime("%d/%m/%Y %H:%M")
            if row["given_on"]
            else ""
        )
        return self.translate(_("advice_given_by_on", mapping={"name": name, "date": when}))

    def history(self):
        """The item's history in words: transition titles, field titles, advice events."""
        wf_tool = api.portal.get_tool("portal_workflow")
        item_workflows = wf_tool.getWorkflowsFor(self.context)
        advice_workflow = wf_tool.getWorkflowById("iasolutions_advice_workflow")
        fields = _field_titles(self.context, self.request)
        names = {}
        rows = []
        for event in full_history(self.context):
            action = event.get("action")
            if event["kind"] == "workflow":
                what = (
                    self._transition_title(item_workflows, action)
                    if action
                    else self.translate(_("history_created", default="Created"))
                )
            elif event["kind"] == "changes":
                changed = ", ".join(
                    fields.get(change["field"], change["field"]) for change in event["changes"]
                )
                what = self.translate(
                    _("history_changed", default="Changed: ${fields}", mapping={"fields": changed})
                )
            else:
                message = ADVICE_EVENTS.get(action)
                done = (
                    self.translate(message)
                    if message is not None
                    else self._transition_title([advice_workflow], action)
                )
                what = f"{_service_title(event.get('service'))}: {done}"
            actor = event.get("actor") or ""
            if actor not in names:
                names[actor] = fullname(actor)
            rows.append(
                {
                    "time": event["time"].strftime("%d/%m/%Y %H:%M") if event["time"] else "",
                    "actor": names[actor],
                    "kind": event["kind"],
                    "what": what,
                }
            )
        return rows

    def _transition_title(self, workflows, transition_id):
        for workflow in workflows:
            transition = workflow.transitions.get(transition_id) if workflow else None
            if transition is not None:
                return translate(
                    transition.title or transition_id, domain="plone", context=self.request
                )
        return transition_id

    def predecessor(self):
        uid = self.context.predecessor_uid
        if not uid:
            return None
        brains = api.content.find(UID=uid)
        return brains[0] if brains else None

    def signatories(self):
        """Who signs the item, in signing order; a replacement says whom it replaces."""
        from iasolutions.delib import signatories

        meeting = self.meeting()
        if meeting is None:
            return []
        rows = signatories.item_signatories(meeting, self.context)
        names = signatories.titles(
            {uid for row in rows for uid in (row["held_position"], row["replaces"]) if uid}
        )
        return [
            {
                "number": row["number"],
                "title": names.get(row["held_position"], ""),
                "replaces": names.get(row["replaces"], "") if row["replaces"] else "",
            }
            for row in rows
        ]

    def can_encode_votes(self):
        meeting = self.meeting()
        return meeting is not None and bool(
            api.user.has_permission("Modify portal content", obj=meeting)
        )

    def vote_totals(self):
        from iasolutions.delib.votes import vote_totals

        meeting = self.meeting()
        totals = vote_totals(meeting, self.context) if meeting is not None else {}
        return [
            {"value": self.translate(_(value)), "count": count} for value, count in totals.items()
        ]

    def sent_to(self):
        """[{'title', 'url'}] of the copies of this item in other configurations."""
        from iasolutions.delib.cloning import sent_to
        from iasolutions.delib.meetingconfigs import get_config

        rows = []
        cfg = self.config()
        for cfg_id in (cfg.meetingConfigsToCloneTo or ()) if cfg else ():
            uid = sent_to(self.context, cfg_id)
            if uid:
                brains = api.content.find(UID=uid)
                target = get_config(cfg_id)
                rows.append(
                    {
                        "title": target.title if target else cfg_id,
                        "url": brains[0].getURL() if brains else None,
                    }
                )
        return rows

    def sendable_configs(self):
        """Configurations a meeting manager may send this decided item to (once)."""
        from iasolutions.delib.cloning import sent_to
        from iasolutions.delib.meetingconfigs import get_config

        cfg = self.config()
        if cfg is None or not self.is_manager():
            return []
        if api.content.get_state(self.context) not in ("accepted", "accepted_but_modified"):
            return []
        return [
            {"id": cfg_id, "title": get_config(cfg_id).title}
            for cfg_id in cfg.meetingConfigsToCloneTo or ()
            if get_config(cfg_id) is not None and not sent_to(self.context, cfg_id)
        ]


class SendToConfig(BrowserView):
    """POST on an item: send it to another configuration (``config_id``), once."""

    def __call__(self):
        from iasolutions.delib.cloning import SendRefused
        from iasolutions.delib.cloning import send_to

        CheckAuthenticator(self.request)
        cfg = config_of(self.context)
        if cfg is None or not is_meeting_manager(cfg):
            from AccessControl import Unauthorized

            raise Unauthorized("Only meeting managers send items")
        try:
            send_to(self.context, self.request.form.get("config_id", ""))
            api.portal.show_message(
                translate(_("Item sent."), context=self.request), request=self.request
            )
        except SendRefused as refused:
            api.portal.show_message(
                translate(refused.message, context=self.request), request=self.request, type="error"
            )
        self.request.response.redirect(self.context.absolute_url())


class RemoveInheritedAdvice(BrowserView):
    """POST on an item: it no longer inherits the advice of ``service`` (meeting managers),
    which is asked again."""

    def __call__(self):
        from iasolutions.delib.advice_inheritance import InheritanceError
        from iasolutions.delib.advice_inheritance import remove_inheritance

        CheckAuthenticator(self.request)
        try:
            remove_inheritance(self.context, self.request.form.get("service", ""))
            api.portal.show_message(
                translate(_("inherited_advice_removed"), context=self.request), request=self.request
            )
        except InheritanceError as refused:
            api.portal.show_message(
                translate(refused.message, context=self.request), request=self.request, type="error"
            )
        self.request.response.redirect(self.context.absolute_url())


class MeetingView(DelibBaseView):
    """The meeting and its agenda; meeting managers reorder it and present items."""

    def items(self):
        from iasolutions.core.columns import state_title

        rows = []
        for brain in agenda.item_brains_of(self.context):
            rows.append(
                {
                    "brain": brain,
                    "number": agenda.format_number(brain.getItemNumber),
                    "group": _service_title(brain.getProposingGroup),
                    "late": brain.listType == "late",
                    "state": state_title(brain),
                    "sub": bool(brain.getItemNumber % 100),
                }
            )
        return rows

    def items_to_present(self):
        cfg = config_of(self.context)
        if cfg is None or not self.is_manager() or api.content.get_state(self.context) == "closed":
            return []
        return api.content.find(
            portal_type=cfg.getItemTypeName(), review_state="validated", sort_on="created"
        )

    def attendees(self):
        catalog = api.portal.get_tool("portal_catalog")
        uids = list(self.context.attendees or ())
        titles = (
            {b.UID: b.Title for b in catalog.unrestrictedSearchResults(UID=uids)} if uids else {}
        )
        return [titles.get(uid, uid) for uid in uids]

    def can_edit(self):
        return bool(api.user.has_permission("Modify portal content", obj=self.context))

    def generation_templates(self):
        """The items' templates offered to *Generate and store* (meeting managers only)."""
        if not self.is_manager():
            return []
        return [
            {"id": template.getId(), "title": template.title}
            for template in templates_for_items(self.context)
        ]

    def generation_formats(self):
        return list(documents.FORMATS)

    def publication_stages(self):
        """The publication buttons that apply now (meeting managers only)."""
        from iasolutions.delib.publication import offered_stages

        if not self.is_manager():
            return []
        with api.env.adopt_roles(["Manager"]):  # the public copy is read whoever asks
            return offered_stages(self.context)


# Transitions asked twice: what they do cannot be undone from the screen.
CONFIRMED = {"close": _("confirm_close_meeting")}


class TransitionAction(BrowserView):
    """POST: trigger a transition (``transition``) on an item or a meeting; the ones in
    CONFIRMED first answer a confirmation page (posted again with ``confirmed``)."""

    confirm = ViewPageTemplateFile("templates/confirm_transition.pt")

    def __call__(self):
        CheckAuthenticator(self.request)
        transition_id = self.request.form.get("transition", "")
        self.transition_id = transition_id
        if (
            transition_id in CONFIRMED
            and not self.request.form.get("confirmed")
            and transition_id in available_transitions(self.context)
        ):
            return self.confirm()
        messages = api.portal.show_message
        try:
            do_transition(self.context, transition_id, comment=self.request.form.get("comment", ""))
            messages(translate(_("Done."), context=self.request), request=self.request)
        except TransitionRefused as refused:
            messages(
                translate(refused.message, context=self.request), request=self.request, type="error"
            )
        self.request.response.redirect(self.context.absolute_url())

    def question(self):
        return translate(CONFIRMED[self.transition_id], context=self.request)

    def transition_title(self):
        wf_tool = api.portal.get_tool("portal_workflow")
        for transition in wf_tool.getTransitionsFor(self.context):
            if transition["id"] == self.transition_id:
                return translate(
                    transition["title"] or self.transition_id, domain="plone", context=self.request
                )
        return self.transition_id


class AgendaMove(BrowserView):
    """POST on a meeting: give an item (``uid``) a new number (``number``: 3 or 3.1)."""

    def __call__(self):
        CheckAuthenticator(self.request)
        if not api.user.has_permission("Modify portal content", obj=self.context):
            from AccessControl import Unauthorized

            raise Unauthorized("Only meeting managers reorder the agenda")
        uid = self.request.form.get("uid")
        items = [i for i in agenda.items_of(self.context) if i.UID() == uid]
        try:
            if not items:
                raise agenda.AgendaError(_("The item is not in this meeting."))
            agenda.move(items[0], self.request.form.get("number", ""))
            api.portal.show_message(
                translate(_("Agenda updated."), context=self.request), request=self.request
            )
        except agenda.AgendaError as refused:
            api.portal.show_message(
                translate(refused.args[0], context=self.request), request=self.request, type="error"
            )
        self.request.response.redirect(self.context.absolute_url())


class PresentItem(BrowserView):
    """POST on a meeting: present a validated item (``uid``) in this meeting."""

    def __call__(self):
        CheckAuthenticator(self.request)
        brains = api.content.find(UID=self.request.form.get("uid", ""))
        if brains:
            self.request.other["delib_present_in"] = self.context.UID()
            try:
                do_transition(brains[0].getObject(), "present")
                api.portal.show_message(
                    translate(_("Item presented."), context=self.request), request=self.request
                )
            except TransitionRefused as refused:
                api.portal.show_message(
                    translate(refused.message, context=self.request),
                    request=self.request,
                    type="error",
                )
        self.request.response.redirect(self.context.absolute_url())


class AddFromTemplate(BrowserView):
    """On a configuration's folder: create an item from an item template, then edit it."""

    def templates(self):
        cfg = config_of(self.context)
        return item_templates(cfg) if cfg is not None else []

    def __call__(self):
        if self.request.method != "POST":
            return self.index()
        CheckAuthenticator(self.request)
        from iasolutions.core.services import services_of_user

        cfg = config_of(self.context)
        template = cfg.get(self.request.form.get("template", ""))
        if template is None or template.portal_type != "MeetingItemTemplate":
            api.portal.show_message(
                translate(_("Choose a template."), context=self.request),
                request=self.request,
                type="error",
            )
            return self.index()
        values = values_from_template(template)
        mine = services_of_user(None, "creators")
        if values.get("proposingGroup") not in mine:
            values["proposingGroup"] = mine[0] if mine else values.get("proposingGroup")
        folder = folder_of(cfg)
        item = api.content.create(
            container=folder,
            type=cfg.getItemTypeName(),
            id=free_id(folder, values["title"]),
            **values,
        )
        self.request.response.redirect(item.absolute_url() + "/edit")
