"""The reference's integrator endpoints on the site root.

- ``GET @config``: the meeting configurations (``?config_id=`` for one);
- ``POST @item``: create an item (``config_id``, ``proposingGroup``, ``title`` …,
  annexes as ``__children__``, ``wf_transitions`` to trigger, ``in_name_of``);
- ``GET @item`` / ``GET @meeting`` / ``GET @get``: one element by ``uid`` (or
  ``externalIdentifier`` for items);
- ``GET @search`` with ``config_id`` and/or ``type=item|meeting``: the
  reference's search (``state``, ``uid``, ``external_id``, ``in_name_of``…);
  without them, plone.restapi's standard ``@search``.

``in_name_of`` runs the call as another user and is reserved to the meeting
managers of the configuration. Errors: 400 with a message for bad input
(nothing is written), 401/403 when not allowed.
"""

from iasolutions.core.restapi import search
from iasolutions.core.restapi.content import add_from_json
from iasolutions.core.restapi.errors import bad_request
from iasolutions.core.restapi.errors import error
from iasolutions.core.restapi.input import JsonBodyService
from iasolutions.core.restapi.input import objects
from iasolutions.core.restapi.input import query_text
from iasolutions.core.restapi.input import refuses_bad_input
from iasolutions.core.restapi.input import text
from iasolutions.core.restapi.input import text_list
from iasolutions.core.restapi.search import SearchGet
from iasolutions.core.restapi.search import check_query
from iasolutions.core.services import services_of_user
from iasolutions.delib import _
from iasolutions.delib.advices import resolve_service
from iasolutions.delib.agenda import format_number
from iasolutions.delib.meetingconfigs import config_categories
from iasolutions.delib.meetingconfigs import folder_of
from iasolutions.delib.meetingconfigs import free_id
from iasolutions.delib.meetingconfigs import get_config
from iasolutions.delib.meetingconfigs import get_configs
from iasolutions.delib.meetingconfigs import is_meeting_manager
from iasolutions.delib.transitions import TransitionRefused
from iasolutions.delib.transitions import do_transition
from plone import api
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.services import Service
import transaction
from zExceptions import BadRequest
from zExceptions import Unauthorized
from zope.component import queryMultiAdapter
from zope.i18n import translate


def _t(request, message):
    return translate(message, context=request)


class InNameOfRefused(Exception):
    pass


def _in_name_of(request, cfg, userid):
    """The user to act as: ``in_name_of`` is for the configuration's meeting managers."""
    if not userid:
        return None
    if cfg is None or not is_meeting_manager(cfg):
        raise Unauthorized("in_name_of is reserved to the meeting managers")
    user = api.user.get(userid=userid)
    if user is None:
        raise BadRequest(_t(request, _("Unknown user ${user}.", mapping={"user": userid})))
    return user


def config_info(cfg, full=True):
    info = {
        "id": cfg.getId(),
        "title": cfg.title,
        "shortName": cfg.shortName,
        "@id": cfg.absolute_url(),
        "item_type": cfg.getItemTypeName(),
        "meeting_type": cfg.getMeetingTypeName(),
    }
    if full:
        wf_tool = api.portal.get_tool("portal_workflow")
        item_wf = wf_tool.get(cfg.getItemWorkflow())
        meeting_wf = wf_tool.get(cfg.getMeetingWorkflow())
        info.update(
            {
                "itemWFValidationLevels": list(cfg.itemWFValidationLevels or ()),
                "workflowAdaptations": list(cfg.workflowAdaptations or ()),
                "usedItemAttributes": list(cfg.usedItemAttributes or ()),
                "item_states": list(item_wf.states.objectIds()) if item_wf else [],
                "meeting_states": list(meeting_wf.states.objectIds()) if meeting_wf else [],
                "categories": [
                    {"id": c.getId(), "title": c.title, "enabled": bool(c.enabled)}
                    for c in config_categories(cfg, enabled_only=False)
                ],
                "meetingConfigsToCloneTo": list(cfg.meetingConfigsToCloneTo or ()),
                "usedPollTypes": list(cfg.usedPollTypes or ()),
                "itemReferenceFormat": cfg.itemReferenceFormat,
            }
        )
    return info


class ConfigGet(Service):
    """GET @config: the meeting configurations (?config_id=… for one)."""

    @refuses_bad_input
    def reply(self):
        config_id = query_text(self.request.form, "config_id")
        if config_id:
            cfg = get_config(config_id)
            if cfg is None:
                return bad_request(
                    self.request,
                    _t(
                        self.request,
                        _(
                            "Unknown meeting configuration ${config}.",
                            mapping={"config": config_id},
                        ),
                    ),
                )
            return config_info(cfg)
        return {
            "@id": f"{self.context.absolute_url()}/@config",
            "items": [config_info(cfg) for cfg in get_configs()],
        }


class ItemPost(JsonBodyService):
    """POST @item: create an item in a configuration, with annexes and transitions."""

    def handle(self, data):
        config_id = text(data, "config_id")
        cfg = get_config(config_id)
        if cfg is None:
            return self._refuse(
                _("Unknown meeting configuration ${config}.", mapping={"config": config_id})
            )
        for name in ("title", "proposingGroup"):
            if not data.get(name):
                return self._refuse(_("${field} is required.", mapping={"field": name}))
            text(data, name)
        text(data, "in_name_of")
        objects(data, "__children__")
        text_list(data, "wf_transitions")
        group = resolve_service(data["proposingGroup"])
        if group is None:
            return self._refuse(
                _("Unknown proposing group ${group}.", mapping={"group": data["proposingGroup"]})
            )
        try:
            user = _in_name_of(self.request, cfg, data.get("in_name_of"))
        except BadRequest as refused:
            return self._refuse(str(refused))
        if user is not None:
            with api.env.adopt_user(user=user):
                return self._create(cfg, group, data)
        return self._create(cfg, group, data)

    def _refuse(self, message, status=400):
        transaction.doom()
        return error(self.request, status, _t(self.request, message))

    def _create(self, cfg, group, data):
        user = api.user.get_current()
        if group not in services_of_user(user, "creators") and "Manager" not in user.getRoles():
            return self._refuse(_("You do not create items for this proposing group."), 403)
        folder = folder_of(cfg)
        fields = {
            k: v
            for k, v in data.items()
            if k not in ("config_id", "in_name_of", "__children__", "wf_transitions", "@type", "id")
        }
        fields["proposingGroup"] = group
        try:
            # plone.restapi's path: the added event fires once the fields are set, so
            # the item's history, advices and local roles start from them.
            item = add_from_json(
                folder,
                cfg.getItemTypeName(),
                fields,
                self.request,
                id_=free_id(folder, data["title"]),
                title=data["title"],
            )
        except Unauthorized:
            return self._refuse(_("You may not create items here."), 403)
        except (BadRequest, ValueError) as refused:
            return self._refuse(str(refused))
        try:
            for child in data.get("__children__", []) or []:
                self._add_child(item, child)
            for transition_id in text_list(data, "wf_transitions"):
                do_transition(item, transition_id)
        except TransitionRefused as refused:
            return self._refuse(refused.message)
        except (BadRequest, ValueError) as refused:
            return self._refuse(str(refused))
        except Unauthorized:
            return self._refuse(_("You may not do that."), 403)
        self.request.response.setStatus(201)
        self.request.response.setHeader("Location", item.absolute_url())
        return _serialize(item, self.request)

    def _add_child(self, item, child):
        portal_type = child.get("@type") or "annex"
        if portal_type not in ("annex", "annexDecision"):
            raise BadRequest(_t(self.request, _("Only annexes can be added with an item.")))
        title = text(child, "title") or "annex"
        add_from_json(
            item,
            portal_type,
            {k: v for k, v in child.items() if k != "@type"},
            self.request,
            id_=free_id(item, title),
            title=title,
        )


def _serialize(obj, request):
    return queryMultiAdapter((obj, request), ISerializeToJson)()


class GetByUid(Service):
    """GET @get?uid=… (also @item / @meeting): one element, 404 unknown, 401/403 not allowed."""

    kind = None

    @refuses_bad_input
    def reply(self):
        form = self.request.form
        uid = query_text(form, "uid") or query_text(form, "UID")
        external = query_text(form, "externalIdentifier") or query_text(form, "external_id")
        catalog = api.portal.get_tool("portal_catalog")
        if uid:
            brains = catalog.unrestrictedSearchResults(UID=uid)
        elif external and self.kind in (None, "item"):
            brains = catalog.unrestrictedSearchResults(externalIdentifier=external)
        else:
            return bad_request(self.request, _t(self.request, _("Give a uid.")))
        brains = [b for b in brains if self._of_kind(b)]
        if not brains:
            return error(self.request, 404, _t(self.request, _("Nothing found.")), "NotFound")
        obj = brains[0]._unrestrictedGetObject()
        if not api.user.has_permission("View", obj=obj):
            raise Unauthorized("You may not see this element")
        return _serialize(obj, self.request)

    def _of_kind(self, brain):
        if self.kind == "item":
            return brain.portal_type.startswith("MeetingItem")
        if self.kind == "meeting":
            return brain.portal_type.startswith("Meeting") and not brain.portal_type.startswith(
                ("MeetingItem", "MeetingConfig", "MeetingFolder")
            )
        return True


class ItemGet(GetByUid):
    kind = "item"


class MeetingGet(GetByUid):
    kind = "meeting"


# What a search takes once: a list there is bad input, not a catalog query.
SINGLE_VALUES = (
    *search.SINGLE_VALUES,
    "config_id",
    "type",
    "in_name_of",
    "state",
    "uid",
    "UID",
    "external_id",
)


class DelibSearchGet(SearchGet):
    """@search: the reference's search when ``config_id`` or ``type`` is given, else
    plone.restapi's standard search."""

    @refuses_bad_input
    def reply(self):
        form = self.request.form
        check_query(form, SINGLE_VALUES)
        if not (form.get("config_id") or form.get("type") in ("item", "meeting")):
            return super().reply()
        cfg = get_config(form.get("config_id")) if form.get("config_id") else None
        if form.get("config_id") and cfg is None:
            return bad_request(
                self.request,
                _t(
                    self.request,
                    _(
                        "Unknown meeting configuration ${config}.",
                        mapping={"config": form.get("config_id")},
                    ),
                ),
            )
        try:
            user = _in_name_of(self.request, cfg, form.get("in_name_of"))
        except BadRequest as refused:
            return bad_request(self.request, str(refused))
        if user is not None:
            with api.env.adopt_user(user=user):
                return self._search(cfg, form)
        return self._search(cfg, form)

    def _search(self, cfg, form):
        kind = form.get("type", "item")
        configs = [cfg] if cfg is not None else get_configs()
        types = [c.getItemTypeName() if kind == "item" else c.getMeetingTypeName() for c in configs]
        query = {"portal_type": types, "sort_on": "created", "sort_order": "descending"}
        if kind == "meeting":
            query["sort_on"] = "meeting_date"
        if form.get("state") or form.get("review_state"):
            query["review_state"] = form.get("state") or form.get("review_state")
        if form.get("uid") or form.get("UID"):
            query["UID"] = form.get("uid") or form.get("UID")
        if form.get("external_id") and kind == "item":
            query["externalIdentifier"] = form.get("external_id")
        for name in ("getProposingGroup", "getCategory", "meeting_uid", "privacy", "listType"):
            if form.get(name):
                query[name] = form[name]
        if form.get("SearchableText"):
            query["SearchableText"] = form["SearchableText"]
        try:
            limit = min(int(form.get("b_size", 25)), 500)
            start = int(form.get("b_start", 0))
        except ValueError:
            return bad_request(self.request, "b_size and b_start are numbers")
        brains = api.content.find(**query)
        full = form.get("fullobjects") in ("1", "true", "True", "")
        items = []
        for brain in brains[start : start + limit]:
            if full:
                items.append(_serialize(brain.getObject(), self.request))
            else:
                items.append(
                    {
                        "@id": brain.getURL(),
                        "UID": brain.UID,
                        "title": brain.Title,
                        "@type": brain.portal_type,
                        "review_state": brain.review_state,
                        "config_id": brain.getConfigId,
                        "formatted_itemNumber": format_number(brain.getItemNumber)
                        if kind == "item"
                        else None,
                    }
                )
        return {"@id": self.request.URL, "items_total": len(brains), "items": items}
