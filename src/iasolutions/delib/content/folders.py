"""Folders of the module: the configurations' folder and the folders of items and meetings."""

from iasolutions.core.content.large_folder import LargeFolder
from iasolutions.delib import _
from iasolutions.delib.interfaces import IMeetingFolder
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IMeetingConfigFolder(model.Schema):
    """``meeting-configs``: where the meeting configurations live (the reference's tool)."""


@implementer(IMeetingConfigFolder)
class MeetingConfigFolder(Container):
    pass


class IMeetingFolderSchema(model.Schema):
    config_id = schema.ASCIILine(title=_("Configuration"), required=False, readonly=True)


@implementer(IMeetingFolder, IMeetingFolderSchema)
class MeetingFolder(LargeFolder):
    """Holds the items and meetings of one configuration (or, at the top, those folders);
    tens of thousands of items, added by many agents at once."""

    config_id = ""
