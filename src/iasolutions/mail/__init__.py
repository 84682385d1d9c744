"""iA.Docs on Plone 6: incoming and outgoing mail, tasks, treating services."""

from zope.i18nmessageid import MessageFactory


_ = MessageFactory("iasolutions.mail")
