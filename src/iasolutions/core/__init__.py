"""Shared core of iA.Solutions: internal services and their groups, contacts,
reference counters and the working-day calendar."""

from zope.i18nmessageid import MessageFactory


_ = MessageFactory("iasolutions.core")
