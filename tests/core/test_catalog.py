"""Full-text indexes that concurrent agents write without conflicts
(iasolutions.core.catalog); the same under real load: tests/policy/test_scale_out.py."""

from BTrees.IIBTree import IIBTree
from iasolutions.core.catalog import SharedWordsOkapiIndex
from iasolutions.core.catalog import full_text_indexes
from iasolutions.core.catalog import words_in_their_own_trees
from plone import api
from Products.ZCTextIndex.Lexicon import Lexicon
from Products.ZCTextIndex.Lexicon import Splitter
from Products.ZCTextIndex.OkapiIndex import OkapiIndex
import pytest
import transaction
from ZODB import DB
from ZODB.FileStorage import FileStorage
from ZODB.POSException import ConflictError


def two_agents_index_at_once(tmp_path, index_class):
    """Two connections (two agents' requests) each index a document sharing a word
    that one document already has, then both commit."""
    db = DB(FileStorage(str(tmp_path / "Data.fs")))
    try:
        with db.transaction() as connection:
            lexicon = Lexicon(Splitter())
            connection.root()["index"] = index = index_class(lexicon)
            index.index_doc(1, "subside asbl")
        managers = [transaction.TransactionManager() for _ in range(2)]
        connections = [db.open(manager) for manager in managers]
        for docid, connection in zip((2, 3), connections, strict=True):
            connection.root()["index"].index_doc(docid, "subside asbl")
        managers[0].commit()
        managers[1].commit()
        with db.transaction() as connection:
            return sorted(connection.root()["index"].search("subside").keys())
    finally:
        db.close()


def test_plain_zctextindex_conflicts(tmp_path):
    with pytest.raises(ConflictError):
        two_agents_index_at_once(tmp_path, OkapiIndex)


def test_a_shared_word_in_its_own_tree_does_not(tmp_path):
    assert two_agents_index_at_once(tmp_path, SharedWordsOkapiIndex) == [1, 2, 3]


def test_the_sites_full_text_indexes_are_so(portal):
    catalog = api.portal.get_tool("portal_catalog")
    indexes = full_text_indexes(catalog)
    assert {index.getId() for index in indexes} >= {"SearchableText", "Title", "Description"}
    for index in indexes:
        assert type(index.index) is SharedWordsOkapiIndex
        index.clear()  # Clear and Rebuild keeps it
        assert type(index.index) is SharedWordsOkapiIndex
    catalog.manage_catalogRebuild()
    assert catalog(SearchableText="Contacts")  # still searchable


def test_the_upgrade_moves_the_words_of_a_site_before_it(portal):
    catalog = api.portal.get_tool("portal_catalog")
    text_index = catalog._catalog.getIndex("SearchableText")
    before = OkapiIndex.__new__(OkapiIndex)  # the index as Plone makes it
    before.__setstate__(text_index.index.__getstate__())
    before._wordinfo[987654] = {1: 10, 2: 20}
    text_index.index = before
    assert words_in_their_own_trees(catalog) >= 1
    assert type(text_index.index) is SharedWordsOkapiIndex
    moved = text_index.index._wordinfo[987654]
    assert isinstance(moved, IIBTree) and dict(moved.items()) == {1: 10, 2: 20}
    assert catalog(SearchableText="Contacts")
