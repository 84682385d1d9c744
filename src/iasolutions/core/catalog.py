"""Catalogs written by concurrent agents without conflicts: the full-text indexes,
the intid utility and the relation catalog.

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

from BTrees.IIBTree import IIBTree
from BTrees.IOBTree import IOBTree
from BTrees.OIBTree import OIBTree
from BTrees.OOBTree import OOBTree
from Products.ZCTextIndex.OkapiIndex import OkapiIndex
from zc.relation.interfaces import ICatalog
from zope.component import queryUtility
from zope.intid.interfaces import IIntIds


class SharedWordsOkapiIndex(OkapiIndex):
    """Okapi BM25 ranking as Plone's, each word's documents in a tree of their own;
    the word table and those trees wide (see the lexicon below)."""

    def __init__(self, lexicon):
        super().__init__(lexicon)
        self._wordinfo = WideIOBTree()

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


def widen(owner, attribute, wide_class):
    """Replace ``owner.attribute`` by a wide tree with the same items; False when it
    already is one."""
    tree = getattr(owner, attribute)
    if type(tree) is wide_class:
        return False
    wide = wide_class()
    wide.update(tree)
    setattr(owner, attribute, wide)
    return True


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


# --- the lexicon ------------------------------------------------------------------
#
# Nearly every mail brings a word the site has not seen (a reference, a name): its
# lexicon's two tables (word -> id, id -> word) and the word table of each full-text
# index take an entry. Every insertion into a tree reads its nodes as current
# (BTrees' readCurrent): a bucket split in one client, every few new words, made the
# concurrent creation in the other client conflict. Measured with 8 writers on two
# clients, the lexicon was a third of the conflicts of mail creations. Wide, these
# trees split ten times less often; their entries are short (a word and a number),
# so a wide bucket stays a few kilobytes.


def widen_lexicons(catalog):
    """The catalog's lexicons and full-text word tables with wide trees; returns the
    trees widened."""
    widened = []
    for text_index in full_text_indexes(catalog):
        lexicon = text_index.getLexicon()
        for owner, attribute, wide_class in (
            (lexicon, "_wids", WideOIBTree),
            (lexicon, "_words", WideIOBTree),
            (text_index.index, "_wordinfo", WideIOBTree),
        ):
            if widen(owner, attribute, wide_class):
                widened.append(
                    f"{owner.getId() if owner is lexicon else text_index.getId()}.{attribute}"
                )
    return widened
