"""Event handlers: keep local roles, the advice index, titles and configurations in step."""

from Acquisition import aq_inner
from Acquisition import aq_parent
from iasolutions.core.modules import is_installed
from iasolutions.core.services import forget_services
from iasolutions.core.services import service_title
from iasolutions.delib.interfaces import IMeetingItem
from iasolutions.delib.module import MODULE
from zope.container.interfaces import IContainerModifiedEvent
from zope.lifecycleevent.interfaces import IObjectRemovedEvent


def config_changed(cfg, event):
    from iasolutions.delib.generation import apply_config

    if IObjectRemovedEvent.providedBy(event) or IContainerModifiedEvent.providedBy(event):
        return  # a category, template or annex type added or removed: nothing to apply
    if getattr(cfg, "shortName", None):
        apply_config(cfg)


def config_removed(cfg, event):
    from iasolutions.delib.generation import remove_config

    remove_config(cfg.getId())


def item_added(item, event):
    from iasolutions.delib.advices import update_advice_index
    from iasolutions.delib.history import record_changes
    from iasolutions.delib.localroles import update_local_roles

    record_changes(item)  # the first snapshot of the historized fields
    update_advice_index(item)
    update_local_roles(item, reindex=False)


def item_modified(item, event):
    from iasolutions.delib.advices import update_advice_index
    from iasolutions.delib.history import record_changes
    from iasolutions.delib.localroles import update_local_roles

    record_changes(item, event)
    update_advice_index(item)
    update_local_roles(item)
    item.reindexObject()


def item_transitioned(item, event):
    from iasolutions.delib.advices import update_advice_index
    from iasolutions.delib.transitions import after_item_transition

    update_advice_index(item)
    after_item_transition(item, event)


def meeting_added(meeting, event):
    from iasolutions.delib.localroles import update_local_roles
    from iasolutions.delib.recurring import insert_recurring_items

    meeting_modified(meeting, event)
    update_local_roles(meeting, reindex=False)
    insert_recurring_items(meeting)


def meeting_modified(meeting, event):
    from iasolutions.delib.agenda import items_of

    title = meeting_title(meeting)
    if meeting.title != title:
        meeting.title = title
        if (
            not IObjectRemovedEvent.providedBy(event)
            and event.__class__.__name__ != "ObjectAddedEvent"
        ):
            meeting.reindexObject()
            for item in items_of(meeting, unrestricted=True):
                item.reindexObject(idxs=["meeting_date"])


def meeting_title(meeting):
    if meeting.date is None:
        return meeting.getId()
    return "Séance du " + meeting.date.strftime("%d/%m/%Y %H:%M")


def meeting_transitioned(meeting, event):
    from iasolutions.delib.transitions import after_meeting_transition

    after_meeting_transition(meeting, event)


def child_changed(obj, event):
    """An annex or an advice was added or changed: its item's roles apply to it."""
    from iasolutions.delib.localroles import update_local_roles

    item = aq_parent(aq_inner(obj))
    if IMeetingItem.providedBy(item):
        update_local_roles(item)
        obj.reindexObjectSecurity()


def annex_added(annex, event):
    """An annex takes the default flags of its type (to print, confidential, publishable)."""
    from iasolutions.delib.meetingconfigs import config_of

    cfg = config_of(annex)
    annex_type = (
        cfg.get(annex.content_category) if cfg is not None and annex.content_category else None
    )
    if annex_type is not None and annex_type.portal_type == "ItemAnnexContentCategory":
        for flag in ("to_print", "confidential", "publishable"):
            if getattr(annex_type, flag, False) and not getattr(annex, flag, False):
                setattr(annex, flag, True)
    child_changed(annex, event)


def advice_title(advice):
    return f"Avis {service_title(advice.advice_group)}".strip()


def advice_added(advice, event):
    from iasolutions.delib.history import record_advice

    advice.title = advice_title(advice)
    child_changed(advice, event)
    record_advice(advice, "added")


def advice_modified(advice, event):
    from iasolutions.delib.history import record_advice

    child_changed(advice, event)
    record_advice(advice, "modified")


def advice_transitioned(advice, event):
    from iasolutions.delib.history import record_advice

    if event.transition is not None:
        child_changed(advice, event)
        record_advice(advice, event.transition.getId())


def service_added(obj, event):
    """A new internal service: its groups read the delib folders, its creators add items."""
    from iasolutions.core.services import is_service
    from iasolutions.delib.localroles import update_folder_roles
    from iasolutions.delib.meetingconfigs import items_root

    if not is_service(obj):
        return
    forget_services()  # this handler may run before the core's
    if not is_installed(MODULE):
        return
    root = items_root()
    if root is None:
        return
    update_folder_roles(root)
    for folder in root.objectValues():
        update_folder_roles(folder)
