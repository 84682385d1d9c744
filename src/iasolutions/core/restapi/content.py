"""Creating content over REST the way plone.restapi's standard POST does.

The object is created unadded, its fields are set by ``IDeserializeFromJson``
(``create=True``), and only then is it added to its container: the created and
added events fire once the fields are set, so what subscribes to them (local
roles, indexes, history…) sees the object as it will be. A suite service that
creates content (besides the standard POST) goes through ``add_from_json``.
"""

from Acquisition import aq_base
from Acquisition.interfaces import IAcquirer
from plone.restapi.exceptions import DeserializationError
from plone.restapi.interfaces import IDeserializeFromJson
from plone.restapi.services.content.utils import add
from plone.restapi.services.content.utils import create
from zExceptions import BadRequest
from zope.component import queryMultiAdapter
from zope.event import notify
from zope.lifecycleevent import ObjectCreatedEvent


def add_from_json(container, portal_type, data, request, id_=None, title=None, values=None):
    """Create a ``portal_type`` in ``container`` from the JSON object ``data``.

    ``id_`` given: the object gets it; else plone.restapi chooses one from the title.
    ``values``: fields set before ``data`` is read, pre-filled by the service (the
    body may override them).
    Raises Unauthorized (not addable here by the current user) or BadRequest
    (fields refused); nothing is added then.
    """
    obj = create(container, portal_type, id_=id_, title=title)
    if IAcquirer.providedBy(obj):
        obj = obj.__of__(container)  # vocabularies and validators look up the site
    for name, value in (values or {}).items():
        setattr(obj, name, value)
    deserializer = queryMultiAdapter((obj, request), IDeserializeFromJson)
    try:
        deserializer(validate_all=True, data=data, create=True)
    except DeserializationError as refused:
        raise BadRequest(str(refused))
    obj = aq_base(obj)
    if not getattr(deserializer, "notifies_create", False):
        notify(ObjectCreatedEvent(obj))
    return add(container, obj, rename=not id_)
