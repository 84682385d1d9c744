"""Domain events a module fires and another subscribes to, through the core only.

- ``IHandedOver``: an object was created in one module from an object of another
  (an incoming mail → a College item); fired by ``iasolutions.core.links.hand_over``
  once the new object links its source.
- ``IOutcomeChanged``: what became of a handed-over object changed (a College item
  was decided); fired by the module that owns the object, so that the source's
  module can react without importing it::

    @adapter(IOutcomeChanged)
    def outcome_changed(event):
        for source in links.handed_from(event.object): ...
"""

from zope.interface import Attribute
from zope.interface import implementer
from zope.interface.interfaces import IObjectEvent
from zope.interface.interfaces import ObjectEvent


class IHandedOver(IObjectEvent):
    """``object`` was created from ``source`` by the handover named ``handover``."""

    source = Attribute("The object it was created from")
    handover = Attribute("Name of the IHandoverTarget utility that created it")


class IOutcomeChanged(IObjectEvent):
    """The outcome of ``object`` (see ``IOutcome``) changed, e.g. it was decided."""


@implementer(IHandedOver)
class HandedOver(ObjectEvent):
    def __init__(self, object, source, handover):
        super().__init__(object)
        self.source = source
        self.handover = handover


@implementer(IOutcomeChanged)
class OutcomeChanged(ObjectEvent):
    pass
