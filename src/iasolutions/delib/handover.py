"""What delib offers the other modules: a College item made from their objects.

``CollegeItem`` is the ``delib.college-item`` handover target (see
``iasolutions.core.links``): the user picks the meeting configuration and one of
the services they create items for; the item gets the source's title and
description and its files as annexes. ``ItemOutcome`` tells the source's side
whether the item was decided and its decision, and ``item_transitioned`` fires
``IOutcomeChanged`` when an item enters or leaves a decided state.
"""

from iasolutions.core import links
from iasolutions.core.events import OutcomeChanged
from iasolutions.core.interfaces import IHandoverTarget
from iasolutions.core.interfaces import IOutcome
from iasolutions.core.links import HandoverRefused
from iasolutions.core.restapi.content import add_from_json
from iasolutions.core.services import services_of_user
from iasolutions.core.vocabularies import protect_vocabularies
from iasolutions.delib import _
from iasolutions.delib.interfaces import IMeetingItem
from iasolutions.delib.meetingconfigs import DECIDED_STATES
from iasolutions.delib.meetingconfigs import config_of
from iasolutions.delib.meetingconfigs import folder_of
from iasolutions.delib.meetingconfigs import free_id
from iasolutions.delib.meetingconfigs import get_config
from iasolutions.delib.meetingconfigs import get_configs
from plone import api
from plone.namedfile.file import NamedBlobFile
from zExceptions import BadRequest
from zExceptions import Unauthorized
from zope import schema
from zope.component import adapter
from zope.event import notify
from zope.globalrequest import getRequest
from zope.interface import Interface
from zope.interface import implementer
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


protect_vocabularies("iasolutions.delib.item_configs")


@provider(IVocabularyFactory)
def item_configs(context):
    """The meeting configurations, the College first (the order of their folder)."""
    return SimpleVocabulary([SimpleTerm(c.getId(), c.getId(), c.title) for c in get_configs()])


class ICollegeItemChoices(Interface):
    """What the user chooses when proposing an item from another module's object."""

    config_id = schema.Choice(
        title=_("Meeting configuration"), vocabulary="iasolutions.delib.item_configs"
    )
    proposing_group = schema.Choice(
        title=_("Proposing group"), vocabulary="iasolutions.delib.proposing_groups"
    )


def _may_propose(group):
    user = api.user.get_current()
    return "Manager" in user.getRoles() or group in services_of_user(user, "creators")


@implementer(IHandoverTarget)
class CollegeItem:
    module = "delib"
    title = _("handover_college_item", default="Propose a College item")
    schema = ICollegeItemChoices

    def available(self, source):
        user = api.user.get_current()
        creates = "Manager" in user.getRoles() or services_of_user(user, "creators")
        return bool(creates and get_configs())

    def create(self, source, config_id=None, proposing_group=None):
        cfg = get_config(config_id)
        if cfg is None:
            raise HandoverRefused(
                _("Unknown meeting configuration ${config}.", mapping={"config": config_id})
            )
        if _already_proposed(source.context, cfg):
            raise HandoverRefused(
                _(
                    "handover_already_proposed",
                    default="An item was already proposed from it to ${config}.",
                    mapping={"config": cfg.title},
                )
            )
        if not proposing_group or not _may_propose(proposing_group):
            raise HandoverRefused(_("You do not create items for this proposing group."), 403)
        folder = folder_of(cfg)
        fields = {"description": source.description or "", "proposingGroup": proposing_group}
        try:
            item = add_from_json(
                folder,
                cfg.getItemTypeName(),
                fields,
                getRequest(),
                id_=free_id(folder, source.title),
                title=source.title,
            )
            for title, file in source.files():
                _add_annex(item, title, file)
        except Unauthorized:
            raise HandoverRefused(_("You may not create items here."), 403) from None
        except (BadRequest, ValueError) as refused:
            raise HandoverRefused(str(refused)) from None
        return item


def _already_proposed(obj, cfg):
    """Once only to each configuration, as the reference sends an element once."""
    return any(
        IMeetingItem.providedBy(item) and config_of(item) == cfg
        for item in links.handed_to(obj, unrestricted=True)
    )


def _add_annex(item, title, file):
    copy = NamedBlobFile(data=file.data, filename=file.filename, contentType=file.contentType)
    api.content.create(
        container=item, type="annex", id=free_id(item, title), title=title, file=copy
    )


@implementer(IOutcome)
@adapter(IMeetingItem)
class ItemOutcome:
    """An item is decided in a decided state; its decision is the decision field."""

    def __init__(self, context):
        self.context = context

    @property
    def decided(self):
        return api.content.get_state(self.context, default="") in DECIDED_STATES

    @property
    def decision(self):
        decision = getattr(self.context, "decision", None)
        return decision.output if decision is not None else ""


def item_transitioned(item, event):
    """Tell the other modules when an item is decided (or its decision is undone)."""
    before = event.old_state.getId() if event.old_state is not None else None
    after = event.new_state.getId() if event.new_state is not None else None
    if (before in DECIDED_STATES) != (after in DECIDED_STATES):
        notify(OutcomeChanged(item))
