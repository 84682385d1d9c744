"""A storage that does not answer is the WSGI filter's to answer (503, see
``iasolutions.core.unavailable``).

This view stands in the way of Plone's own error view, which would answer 500
(and needs the database to render). It gives the error back to Zope, which lets
it leave the application for the filter: when the error comes as the transaction
starts, before Zope's publishing has begun, a view that answered would leave
Zope without a response at all.
"""

from Products.Five.browser import BrowserView


class StorageUnavailable(BrowserView):
    def __call__(self):
        raise self.context
