"""``@controlpanels/calendar``: the municipal holidays over REST (GET, PATCH), as
``IHoliday`` rows checked like the form does (a bad row is a 400, nothing is
written)."""

from iasolutions.core.workingdays import REGISTRY_PREFIX
from iasolutions.core.workingdays import ICalendarSettings
from plone.restapi.controlpanels import RegistryConfigletPanel
from plone.restapi.interfaces import IControlpanelLayer
from zope.component import adapter
from zope.interface import Interface


@adapter(Interface, IControlpanelLayer)
class CalendarControlpanel(RegistryConfigletPanel):
    schema = ICalendarSettings
    schema_prefix = REGISTRY_PREFIX
    configlet_id = "iasolutions-calendar"
    configlet_category_id = "Products"
