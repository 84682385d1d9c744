"""What the REST API says of items and meetings besides their fields."""

from iasolutions.delib import advices
from iasolutions.delib.agenda import format_number
from iasolutions.delib.agenda import meeting_of
from iasolutions.delib.interfaces import IMeeting
from iasolutions.delib.interfaces import IMeetingItem
from iasolutions.delib.meetingconfigs import config_of
from plone import api
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.dxcontent import SerializeFolderToJson
from zope.component import adapter
from zope.interface import Interface
from zope.interface import implementer


def item_extra(item):
    cfg = config_of(item)
    meeting = meeting_of(item)
    return {
        "config_id": cfg.getId() if cfg is not None else None,
        "review_state": api.content.get_state(item),
        "formatted_itemNumber": format_number(item.itemNumber),
        "meeting": {
            "UID": api.content.get_uuid(meeting),
            "title": meeting.title,
            "date": meeting.date.isoformat() if meeting.date else None,
            "review_state": api.content.get_state(meeting),
        }
        if meeting
        else None,
        "advices": advices.advice_summary(item),
        "successor_uids": list(getattr(item, "successor_uids", None) or ()),
    }


@implementer(ISerializeToJson)
@adapter(IMeetingItem, Interface)
class SerializeItemToJson(SerializeFolderToJson):
    def __call__(self, version=None, include_items=True):
        result = super().__call__(version=version, include_items=include_items)
        result.update(item_extra(self.context))
        return result


@implementer(ISerializeToJson)
@adapter(IMeeting, Interface)
class SerializeMeetingToJson(SerializeFolderToJson):
    def __call__(self, version=None, include_items=True):
        from iasolutions.delib.agenda import item_brains_of

        result = super().__call__(version=version, include_items=include_items)
        cfg = config_of(self.context)
        result["config_id"] = cfg.getId() if cfg is not None else None
        result["review_state"] = api.content.get_state(self.context)
        result["agenda"] = [
            {
                "@id": brain.getURL(),
                "UID": brain.UID,
                "title": brain.Title,
                "number": format_number(brain.getItemNumber),
                "review_state": brain.review_state,
                "listType": brain.listType,
            }
            for brain in item_brains_of(self.context)
        ]
        return result
