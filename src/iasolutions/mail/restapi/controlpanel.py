"""``@controlpanels/mail-settings``: the mail settings over REST (GET, PATCH), the
records of ``IMailSettings`` checked field by field as in the form (a bad value
is a 400 with the message; nothing is written)."""

from iasolutions.mail.interfaces import IMailSettings
from plone.restapi.controlpanels import RegistryConfigletPanel
from plone.restapi.interfaces import IControlpanelLayer
from zope.component import adapter
from zope.interface import Interface


@adapter(Interface, IControlpanelLayer)
class MailSettingsControlpanel(RegistryConfigletPanel):
    schema = IMailSettings
    schema_prefix = "iasolutions.mail"
    configlet_id = "iasolutions-mail-settings"
    configlet_category_id = "Products"
