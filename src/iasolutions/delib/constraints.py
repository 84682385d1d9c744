"""What may be added where: a configuration's folder takes its own item and meeting types
only (``MeetingItemCollege`` never lands in the Council's folder)."""

from iasolutions.delib.meetingconfigs import get_config
from plone import api
from Products.CMFPlone.interfaces.constrains import ENABLED
from Products.CMFPlone.interfaces.constrains import IConstrainTypes
from zope.interface import implementer


@implementer(IConstrainTypes)
class MeetingFolderConstraints:
    def __init__(self, context):
        self.context = context

    def getConstrainTypesMode(self):
        return ENABLED

    def getLocallyAllowedTypes(self):
        cfg_id = getattr(self.context, "config_id", "")
        if not cfg_id:
            return ["MeetingFolder"]
        cfg = get_config(cfg_id)
        if cfg is None:
            return []
        return [cfg.getItemTypeName(), cfg.getMeetingTypeName(), "dashboard"]

    def getImmediatelyAddableTypes(self):
        return self.getLocallyAllowedTypes()

    def getDefaultAddableTypes(self):
        return self.allowedContentTypes()

    def allowedContentTypes(self):
        types_tool = api.portal.get_tool("portal_types")
        allowed = []
        for type_id in self.getLocallyAllowedTypes():
            fti = types_tool.get(type_id)
            if fti is not None and fti.isConstructionAllowed(self.context):
                allowed.append(fti)
        return allowed
