"""Personal labels on mails: "lu" (read) and "suivi" (followed), as ftw.labels
does in the reference. Each user labels mails for themselves; the catalog
index ``labels`` holds ``<userid>:<label>`` so that dashboards find "my
unread mails in copy" or "the mails I follow"."""

from persistent.mapping import PersistentMapping
from plone import api
from zope.annotation.interfaces import IAnnotations


KEY = "iasolutions.mail.labels"
LABELS = ("lu", "suivi")


class UnknownLabel(ValueError):
    pass


def _storage(obj, create=False):
    annotations = IAnnotations(obj)
    storage = annotations.get(KEY)
    if storage is None and create:
        storage = annotations[KEY] = PersistentMapping()
    return storage


def labels_of(obj, userid=None):
    """The labels the user (default: current) put on ``obj``."""
    userid = userid or api.user.get_current().getId()
    storage = _storage(obj) or {}
    return sorted(label for label, users in storage.items() if userid in users)


def set_label(obj, label, active=True, userid=None):
    """Put (or take off) one of the user's labels on a mail they can see."""
    if label not in LABELS:
        raise UnknownLabel(label)
    userid = userid or api.user.get_current().getId()
    storage = _storage(obj, create=True)
    users = set(storage.get(label, ()))
    if (userid in users) == bool(active):
        return False
    if active:
        users.add(userid)
    else:
        users.discard(userid)
    storage[label] = tuple(sorted(users))
    obj.reindexObject(idxs=["labels"])
    return True


NO_LABEL = "-"


def index_values(obj):
    """``<userid>:<label>`` for each label put, and ``-`` on every mail, so that
    "not read by me" queries (``{"not": "jdoe:lu"}``) find unlabelled mails."""
    storage = _storage(obj) or {}
    return [NO_LABEL] + [
        f"{userid}:{label}" for label, users in storage.items() for userid in users
    ]
