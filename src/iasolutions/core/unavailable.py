"""A storage that does not answer (the ZEO server or PostgreSQL restarting) is a 503.

The errors are transient: Zope retries the request, then lets the error leave the
application (the error's view, ``browser/unavailable.py``, keeps Plone's 500 page
away); the WSGI filter ``egg:iasolutions#storage_unavailable``, first in the
instance's pipeline, answers 503. It reads nothing from the database; the
transaction was aborted, nothing was written.
"""

import json
import logging
from pathlib import Path


logger = logging.getLogger("iasolutions.core")

RETRY_AFTER_SECONDS = 10
MESSAGE = (
    "The storage of the site does not answer for the moment; nothing was saved. Try again shortly."
)
PAGE = (Path(__file__).parent / "browser" / "templates" / "unavailable.html").read_text()


def storage_errors():
    """The errors that say the storage server is away (those installed here)."""
    errors = []
    try:
        from ZEO.Exceptions import ClientDisconnected

        errors.append(ClientDisconnected)
    except ImportError:
        pass
    try:  # RelStorage on PostgreSQL: the driver's errors of a lost or refused connection
        import psycopg2

        errors.extend((psycopg2.OperationalError, psycopg2.InterfaceError))
    except ImportError:
        pass
    return tuple(errors)


STORAGE_ERRORS = storage_errors()


def answer(accept):
    """Status, headers and body of the 503, as JSON to JSON clients."""
    if "application/json" in (accept or ""):
        body = json.dumps({"type": "ServiceUnavailable", "message": MESSAGE})
        content_type = "application/json"
    else:
        body, content_type = PAGE, "text/html; charset=utf-8"
    headers = [("Content-Type", content_type), ("Retry-After", str(RETRY_AFTER_SECONDS))]
    return "503 Service Unavailable", headers, body.encode("utf-8")


class StorageUnavailableFilter:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        try:
            return self.application(environ, start_response)
        except STORAGE_ERRORS as error:
            logger.warning(
                "503 for %s: the storage does not answer (%s)", environ.get("PATH_INFO"), error
            )
            status, headers, body = answer(environ.get("HTTP_ACCEPT"))
            start_response(status, headers)
            return [body]


def filter_app(application, global_conf=None, **settings):
    """PasteDeploy's ``paste.filter_app_factory``."""
    return StorageUnavailableFilter(application)
