"""Items made from other items: the successor of a delayed item, the copy sent to another
configuration (College → Council), with a link both ways and the annexes kept."""

import copy
from iasolutions.delib import _
from iasolutions.delib.meetingconfigs import config_of
from iasolutions.delib.meetingconfigs import folder_of
from iasolutions.delib.meetingconfigs import free_id
from iasolutions.delib.meetingconfigs import get_config
from persistent.mapping import PersistentMapping
from plone import api
from zope.annotation.interfaces import IAnnotations


SENT_KEY = "iasolutions.delib.sent_to"
COPIED_FIELDS = (
    "title",
    "description",
    "proposingGroup",
    "groupsInCharge",
    "associatedGroups",
    "category",
    "motivation",
    "decision",
    "privacy",
    "pollType",
    "toDiscuss",
    "copyGroups",
    "optionalAdvisers",
    "notes",
)


class SendRefused(ValueError):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _new_item(source, cfg, fields=COPIED_FIELDS, owner=None):
    folder = folder_of(cfg)
    values = {name: copy.deepcopy(getattr(source, name, None)) for name in fields}
    values = {k: v for k, v in values.items() if v is not None}
    if cfg is not config_of(source):
        values.pop("category", None)
        values.pop("copyGroups", None)
        values.pop("optionalAdvisers", None)
    with api.env.adopt_roles(["Manager"]):
        new = api.content.create(
            container=folder,
            type=cfg.getItemTypeName(),
            id=free_id(folder, source.getId()),
            **values,
        )
        new.predecessor_uid = api.content.get_uuid(source)
        owner = owner or source.getOwner()
        if owner is not None:
            new.changeOwnership(owner)
            new.manage_setLocalRoles(owner.getId(), ["Owner"])
    return new


def copy_annexes(source, target, decision_annexes=False):
    types = ("annex", "annexDecision") if decision_annexes else ("annex",)
    with api.env.adopt_roles(["Manager"]):
        for annex in source.objectValues():
            if annex.portal_type in types:
                api.content.copy(source=annex, target=target)


def clone_delayed(item):
    """The successor of a delayed item, in the initial state, in the same configuration."""
    from iasolutions.delib.localroles import update_local_roles

    new = _new_item(item, config_of(item))
    copy_annexes(item, new)
    links = list(getattr(item, "successor_uids", None) or [])
    item.successor_uids = links + [api.content.get_uuid(new)]
    update_local_roles(new)
    new.reindexObject()
    return new


def sent_to(item, cfg_id):
    """UID of the copy of ``item`` in configuration ``cfg_id``, or None."""
    return IAnnotations(item).get(SENT_KEY, {}).get(cfg_id)


def send_to(item, cfg_id, automatic=False):
    """Send an item to another configuration, once; the copy starts in the initial state
    and inherits the advices given on the item."""
    from iasolutions.delib.advice_inheritance import inherit_advices
    from iasolutions.delib.localroles import update_local_roles

    source_cfg = config_of(item)
    target = get_config(cfg_id)
    if target is None or cfg_id not in (source_cfg.meetingConfigsToCloneTo or ()):
        raise SendRefused(_("unknown_config_to_send_to", mapping={"config": cfg_id}))
    if sent_to(item, cfg_id):
        raise SendRefused(_("item_already_sent", mapping={"config": target.title}))
    new = _new_item(item, target)
    copy_annexes(item, new, decision_annexes=False)
    inherit_advices(item, new)
    annotations = IAnnotations(item)
    if SENT_KEY not in annotations:
        annotations[SENT_KEY] = PersistentMapping()
    annotations[SENT_KEY][cfg_id] = api.content.get_uuid(new)
    update_local_roles(new)
    new.reindexObject()
    return new
