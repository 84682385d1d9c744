"""1002: the bundle ``iasolutions-core`` (accessible colours, skip link, live count)
and the skip link first in the header.

Only the bundle's records are added: re-importing the whole registry.xml would
put back settings an administrator changed."""

from plone import api
from Products.CMFPlone.interfaces import IBundleRegistry


PREFIX = "plone.bundles/iasolutions-core"
BUNDLE = {
    "enabled": True,
    "csscompilation": "++plone++iasolutions.core/iasolutions.css",
    "jscompilation": "++plone++iasolutions.core/iasolutions.js",
    "depends": "plone",
    "load_async": False,
    "load_defer": True,
}


def upgrade(context):
    registry = api.portal.get_tool("portal_registry")
    registry.registerInterface(IBundleRegistry, prefix=PREFIX)
    for key, value in BUNDLE.items():
        registry[f"{PREFIX}.{key}"] = value
    # the skip link first in the header (viewlets.xml holds only that)
    context.runImportStepFromProfile("profile-iasolutions.core:default", "viewlets")
