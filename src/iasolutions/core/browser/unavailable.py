"""The 503 of a storage that does not answer, as the error's view (see
``iasolutions.core.unavailable``)."""

from iasolutions.core import unavailable
from Products.Five.browser import BrowserView


class StorageUnavailable(BrowserView):
    def __call__(self):
        status, headers, body = unavailable.answer(self.request.getHeader("Accept"))
        response = self.request.response
        response.setStatus(int(status.split()[0]))
        for name, value in headers:
            response.setHeader(name, value)
        return body.decode("utf-8")
