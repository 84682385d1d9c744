"""Catalogs written by concurrent agents without conflicts: the full-text indexes,
the portal catalog's trees, the intid utility and the relation catalog.

ZCTextIndex keeps, for each word, the documents that contain it: in a plain dict
stored inside the bucket of its word table while the word has fewer than ten
documents, in a tree of its own after; and it stores the word table's bucket again
at each addition. Two agents saving at once two documents that share such a word
(a sender's name, the words of a batch of similar titles) both rewrite the same
bucket: a ConflictError that ZODB cannot resolve. Measured with eight REST writers
on two Zope clients, these buckets were the first source of the 500s
(``docs/operations.rst``, concurrent writers).

Here a word has its own tree from its first document, and the word table is
written only when a word comes or goes: concurrent additions go to different
keys of the word's tree, which ZODB's conflict resolution merges. The cost is one
small persistent object per word.
"""

from Acquisition import aq_base
from BTrees.IFBTree import IFBTree
from BTrees.IIBTree import IIBTree
from BTrees.IIBTree import IITreeSet
from BTrees.IOBTree import IOBTree
from BTrees.OIBTree import OIBTree
from BTrees.OOBTree import OOBTree
from iasolutions.core import _
from iasolutions.core.jobs import Job
from Products.ZCTextIndex.OkapiIndex import OkapiIndex
from zc.relation.interfaces import ICatalog
from zope.component import queryUtility
from zope.intid.interfaces import IIntIds


class SharedWordsOkapiIndex(OkapiIndex):
    """Okapi BM25 ranking as Plone's, each word's documents in a tree of their own."""

    def _documents_of(self, wid):
        """The word's tree, and whether the word table must store it (new or moved)."""
        documents = self._wordinfo.get(wid)
        if documents is None:
            return WideIIBTree(), True
        if isinstance(documents, dict):  # written before this index
            return WideIIBTree(documents), True
        return documents, False

    def _add_wordinfo(self, wid, f, docid):
        self._mass_add_wordinfo({wid: f}, docid)

    def _mass_add_wordinfo(self, wid2weight, docid):
        new_words = 0
        for wid, weight in wid2weight.items():
            documents, to_store = self._documents_of(wid)
            new_words += wid not in self._wordinfo
            documents[docid] = weight
            if to_store:
                self._wordinfo[wid] = documents
        self.length.change(new_words)

    def _del_wordinfo(self, wid, docid):
        documents, to_store = self._documents_of(wid)
        del documents[docid]
        if not documents:
            del self._wordinfo[wid]
            self.length.change(-1)
        elif to_store:
            self._wordinfo[wid] = documents


def full_text_indexes(catalog):
    """The catalog's ZCTextIndexes ranked by Okapi (Plone's), in their context."""
    found = []
    for name in catalog._catalog.indexes:
        index = catalog._catalog.getIndex(name)
        if index.meta_type == "ZCTextIndex" and isinstance(index.index, OkapiIndex):
            found.append(index)
    return found


def words_in_their_own_trees(catalog):
    """Turn the catalog's full-text indexes into ``SharedWordsOkapiIndex`` (the
    same tables, nothing to reindex) and give each word its tree. Returns how many
    words moved."""
    moved = 0
    for text_index in full_text_indexes(catalog):
        text_index._index_factory = SharedWordsOkapiIndex  # Clear and Rebuild too
        okapi = text_index.index
        if type(okapi) is not SharedWordsOkapiIndex:
            shared = SharedWordsOkapiIndex.__new__(SharedWordsOkapiIndex)
            shared.__setstate__(okapi.__getstate__())
            text_index.index = okapi = shared
        for wid, documents in list(okapi._wordinfo.items()):
            if isinstance(documents, dict):
                okapi._wordinfo[wid] = IIBTree(documents)
                moved += 1
    return moved


# --- the intid and relation catalogs ----------------------------------------------
#
# Their tables are keyed by values that each Zope client hands out in sequence
# (intids, oids): a client's new keys land in one bucket, which splits every few
# creations, and a split rewrites the node above it; two transactions splitting at
# once both rewrite the tree's root, a ConflictError ZODB cannot resolve. A relation
# writes five keys (one per relation index), so its tree split every third mail.
# Wider buckets split five to ten times less often; concurrent additions inside a bucket
# are merged by ZODB's conflict resolution.

WIDE_LEAF, WIDE_NODE = 300, 500


class WideIOBTree(IOBTree):
    max_leaf_size, max_internal_size = WIDE_LEAF, WIDE_NODE


class WideOIBTree(OIBTree):
    max_leaf_size, max_internal_size = WIDE_LEAF, WIDE_NODE


class WideOOBTree(OOBTree):
    max_leaf_size, max_internal_size = WIDE_LEAF, WIDE_NODE


class WideIIBTree(IIBTree):
    max_leaf_size, max_internal_size = WIDE_LEAF, WIDE_NODE


class WideIFBTree(IFBTree):
    max_leaf_size, max_internal_size = WIDE_LEAF, WIDE_NODE


class WideIITreeSet(IITreeSet):
    max_leaf_size, max_internal_size = WIDE_LEAF, WIDE_NODE


WIDE_CLASSES = {
    IOBTree: WideIOBTree,
    OIBTree: WideOIBTree,
    OOBTree: WideOOBTree,
    IIBTree: WideIIBTree,
    IFBTree: WideIFBTree,
    IITreeSet: WideIITreeSet,
}


def widen(owner, attribute, wide_class):
    """Replace ``owner.attribute`` by a wide tree with the same items; False when it
    already is one."""
    tree = getattr(owner, attribute)
    if type(tree) is wide_class:
        return False
    setattr(owner, attribute, wide_copy(tree, wide_class))
    return True


def wide_copy(tree, wide_class):
    wide = wide_class()
    wide.update(tree)
    return wide


def widen_intid_and_relation_trees():
    """The site's intid utility and relation catalog with wide trees. Returns the
    trees widened."""
    widened = []
    intids = queryUtility(IIntIds)
    if intids is not None:
        for attribute, wide_class in (("refs", WideIOBTree), ("ids", WideOIBTree)):
            if widen(intids, attribute, wide_class):
                widened.append(f"intids.{attribute}")
    relations = queryUtility(ICatalog)
    if relations is not None and widen(relations, RELATION_VALUES, WideOOBTree):
        widened.append(f"relations.{RELATION_VALUES}")
    return widened


# zc.relation's table of each relation's values, one key per (relation, index)
RELATION_VALUES = "_reltoken_name_TO_objtokenset"


# --- the portal catalog -----------------------------------------------------------
#
# A creation adds an entry to some sixty catalog trees. Those keyed by a value (an
# id, a title, a path, a UID, a word) take every client's additions anywhere: each
# splits every fifteen to thirty creations of the whole site, and two concurrent
# creations that both split one, or one splitting a bucket the other writes, cannot
# be merged. Measured with eight writers on two clients, they were most of the
# catalog's conflicts. Wide, they split ten times less often; a bucket of them holds
# short keys and a number each, about 10 kB rewritten at each addition.
# Trees keyed by document id are left as Plone makes them: a client hands document
# ids out in sequence from a random start, so its additions fall in a bucket of
# its own and two clients rarely split the same tree at once; wide, their buckets
# would be rewritten whole at each creation (the metadata table holds half a
# kilobyte a document). The sets of documents sharing a value (a type, a state, a
# word) are cheap to widen (four bytes a document) and are, past ``HOT_SET``.
# Plone makes plain trees again when an index is cleared (Clear and Rebuild) and
# sets when a value gets its second document: the nightly job
# ``core.widen_catalog`` widens what came since.

BY_VALUE = (
    "_index",  # every index: value -> documents (a boolean index: its documents)
    "_index_items",  # path index: path -> document
    "_index_parents",  # path index: parent path -> documents
    "uids",  # catalog: path -> document
    "_wids",  # lexicon: word -> word id
    "_words",  # lexicon: word id -> word
    "_wordinfo",  # full-text index: word id -> documents
)
HOT_SET = 60  # documents sharing a value past which their set is widened


def catalog_tree_owners(catalog):
    """The objects holding the catalog's trees: its tables, its indexes, the
    full-text indexes' tables and lexicons."""
    tables = aq_base(catalog._catalog)
    owners = [tables]
    for name in tables.indexes:
        index = aq_base(tables.getIndex(name))
        owners.append(index)
        if index.meta_type == "ZCTextIndex":
            owners.append(index.index)
            lexicon = aq_base(getattr(catalog, index.lexicon_id, None))
            if lexicon is not None and all(lexicon is not known for known in owners):
                owners.append(lexicon)
    return owners


def widen_catalog(catalog, sets=True):
    """Give the catalog's trees keyed by value wide buckets (and, with ``sets``,
    the values more than ``HOT_SET`` documents share wide sets). Returns how many
    trees and sets were widened."""
    widened = 0
    for owner in catalog_tree_owners(catalog):
        for attribute in BY_VALUE:
            tree = getattr(owner, attribute, None)
            wide_class = WIDE_CLASSES.get(type(tree))
            if wide_class is not None:
                setattr(owner, attribute, wide_copy(tree, wide_class))
                widened += 1
            if sets and isinstance(tree, OOBTree | IOBTree):
                widened += widen_hot_sets(getattr(owner, attribute))
    return widened


def widen_hot_sets(forward):
    """The documents of an index's values (or of a word), widened once many."""
    hot = [
        (key, documents)
        for key, documents in forward.items()
        if type(documents) in (IITreeSet, IIBTree) and len(documents) > HOT_SET
    ]
    for key, documents in hot:
        forward[key] = wide_copy(documents, WIDE_CLASSES[type(documents)])
    return len(hot)


def widen_after_profile(event):
    """A suite profile imported (a module's indexes added): its trees are wide."""
    if (event.profile_id or "").startswith("profile-iasolutions."):
        from Products.CMFCore.utils import getToolByName

        widen_catalog(getToolByName(event.tool, "portal_catalog"), sets=False)


def widen_catalog_job(site, progress):
    progress(0, 1)
    widened = widen_catalog(site.portal_catalog)
    progress(1, 1)
    return {"widened": widened}


WIDEN_CATALOG = Job(
    name="core.widen_catalog",
    title=_("Widen the catalog's trees"),
    function=widen_catalog_job,
    daily=True,
)
