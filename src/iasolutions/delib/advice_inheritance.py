"""Advices inherited by an item sent to another configuration (College → Council).

The advices given on the item sent are inherited by its copy: the copy shows
them (read on the original item, where they stay and are edited), they count
as given (the guard of ``present``, the dashboards), and their services are not
asked again. Advices not given, among them those still hidden while being
written, are not inherited. The original's advisers get no role on the copy
from this: only what the copy's configuration gives them.

An inherited advice is an entry of the copy's ``advice_index`` with
``inherited_from`` (the UID of the item holding the advice) and the original
delay, which does not restart. A meeting manager of the copy's configuration
may remove an inheritance: the service is then asked again if the copy asks it
(automatically or optionally), with a new delay.
"""

from AccessControl import Unauthorized
from iasolutions.delib import _
from iasolutions.delib.advices import advice_index
from iasolutions.delib.advices import advice_is_given
from iasolutions.delib.advices import inherited_from
from iasolutions.delib.advices import update_advice_index
from iasolutions.delib.meetingconfigs import config_of
from iasolutions.delib.meetingconfigs import is_meeting_manager
from persistent.mapping import PersistentMapping
from plone import api


class InheritanceError(ValueError):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def inherit_advices(source, target):
    """``target`` (the copy of ``source``) inherits the advices given on ``source``.
    An advice ``source`` inherited itself keeps pointing to the item it was given on."""
    from iasolutions.delib.history import record_advice_event

    index = advice_index(target)
    for uid, info in advice_index(source).items():
        if not advice_is_given(source, uid):
            continue
        entry = index.get(uid)
        if entry is None:
            entry = index[uid] = PersistentMapping()
        entry["inherited_from"] = inherited_from(source, uid) or api.content.get_uuid(source)
        entry["optional"] = info.get("optional", True)
        entry["delay"] = info.get("delay")
        entry["delay_started_on"] = info.get("delay_started_on")
        record_advice_event(target, uid, "inherited")
    update_advice_index(target)


def may_remove_inheritance(item):
    """Meeting managers of the item's configuration, until its meeting is closed."""
    from iasolutions.delib.localroles import meeting_is_closed

    cfg = config_of(item)
    return cfg is not None and is_meeting_manager(cfg) and not meeting_is_closed(item)


def remove_inheritance(item, uid):
    """The item no longer inherits the advice of service ``uid``: asked again if the item
    asks it, with a new delay; otherwise no longer on the item."""
    from iasolutions.delib.history import record_advice_event
    from iasolutions.delib.localroles import update_local_roles

    if not may_remove_inheritance(item):
        raise Unauthorized("Only meeting managers remove an inherited advice")
    if not inherited_from(item, uid):
        raise InheritanceError(_("advice_not_inherited"))
    del advice_index(item)[uid]
    update_advice_index(item)  # asks it again, if asked, and starts its delay now
    record_advice_event(item, uid, "inheritance_removed")
    update_local_roles(item)
    item.reindexObject(idxs=["indexAdvisers"])
