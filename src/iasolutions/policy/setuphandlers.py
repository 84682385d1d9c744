from Products.CMFPlone.interfaces import INonInstallable
from zope.interface import implementer


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        return ["iasolutions.policy:uninstall"]


def post_install(context):
    """The site's home page shows each agent's dashboards."""
    from plone import api

    api.portal.get().setLayout("iasolutions-home")
