from zope.interface import Interface
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IIASolutionsDelibLayer(IDefaultBrowserLayer):
    """Browser layer of iasolutions.delib, active once its profile is installed."""


class IMeetingConfig(Interface):
    """Marker of a meeting configuration (the reference's MeetingConfig)."""


class IMeetingItem(Interface):
    """Marker of an item of any configuration (MeetingItemCollege, …)."""


class IMeeting(Interface):
    """Marker of a meeting of any configuration (MeetingCollege, …)."""


class IMeetingFolder(Interface):
    """Marker of the folder holding a configuration's items and meetings."""


class IAdvice(Interface):
    """Marker of an advice (meetingadvice)."""


class IAnnex(Interface):
    """Marker of an annex (annex, annexDecision)."""


class IPublicationContent(Interface):
    """Marker of the public (anonymous-readable) copies of meetings and items."""
