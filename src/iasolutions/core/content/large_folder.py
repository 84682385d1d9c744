"""A folder that many agents add to at once (a week of mails, the items of a
configuration)."""

from iasolutions.core.catalog import WideOIBTree
from iasolutions.core.catalog import WideOOBTree
from iasolutions.core.catalog import widen
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

    # The meta types of what a module adds: their index of ids exists from the start
    # (the first items, added at once, would each create it).
    CONTENT_META_TYPES = ("Dexterity Item", "Dexterity Container")

    def _initBTrees(self):
        """Wide trees (``iasolutions.core.catalog``): an id table that splits ten
        times less often under concurrent additions."""
        super()._initBTrees()
        self.widen()

    def widen(self):
        """Make the folder's id tables wide (new folders are; an upgrade for older
        ones). True when something changed."""
        changed = widen(self, "_tree", WideOOBTree)
        for meta_type in self.CONTENT_META_TYPES:
            if meta_type not in self._mt_index:
                self._mt_index[meta_type] = WideOIBTree()
                changed = True
            else:
                changed = widen_ids(self._mt_index, meta_type) or changed
        return changed

    def _setObject(self, id, object, roles=None, user=None, set_owner=1, suppress_events=False):
        if suppress_events:
            return super()._setObject(id, object, roles, user, set_owner, True)
        notify(ObjectWillBeAddedEvent(object, self, id))
        id = super()._setObject(id, object, roles, user, set_owner, suppress_events=True)
        notify(ObjectAddedEvent(self._getOb(id), self, id))
        return id  # and no ContainerModifiedEvent


def widen_ids(mt_index, meta_type):
    ids = mt_index[meta_type]
    if type(ids) is WideOIBTree:
        return False
    mt_index[meta_type] = WideOIBTree(ids)
    return True
