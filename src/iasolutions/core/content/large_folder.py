"""A folder that many agents add to at once (a week of mails, the items of a
configuration)."""

from OFS.event import ObjectWillBeAddedEvent
from plone.dexterity.content import Container
from zope.event import notify
from zope.lifecycleevent import ObjectAddedEvent


class LargeFolder(Container):
    """Unordered, and not "modified" by one more item.

    An ordered folder keeps a list of its ids that every addition appends to,
    and Plone takes each addition for a modification of the folder: it sets the
    folder's modification date and reindexes it. Every creation then wrote the
    same folder, and concurrent writers conflicted on it. The folder and its
    catalog entry now change only when the folder itself is edited.
    """

    _ordering = "unordered"

    def _setObject(self, id, object, roles=None, user=None, set_owner=1, suppress_events=False):
        if suppress_events:
            return super()._setObject(id, object, roles, user, set_owner, True)
        notify(ObjectWillBeAddedEvent(object, self, id))
        id = super()._setObject(id, object, roles, user, set_owner, suppress_events=True)
        notify(ObjectAddedEvent(self._getOb(id), self, id))
        return id  # and no ContainerModifiedEvent
