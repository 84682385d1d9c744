"""iA.Delib for Plone 6: meeting configurations, items through validation,
meetings, advices, votes, decisions and their publication."""

from zope.i18nmessageid import MessageFactory


_ = MessageFactory("iasolutions.delib")
PMF = MessageFactory("plone")
