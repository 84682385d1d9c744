"""Site Setup > Mail settings (``@@mail-settings``): the registry records of
``IMailSettings``."""

from iasolutions.mail import _
from iasolutions.mail.interfaces import IMailSettings
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from plone.z3cform import layout


class MailSettingsForm(RegistryEditForm):
    schema = IMailSettings
    schema_prefix = "iasolutions.mail"
    label = _("Mail settings")


MailSettingsView = layout.wrap_form(MailSettingsForm, ControlPanelFormWrapper)
