"""Full-text indexes that concurrent agents write without conflicts
(iasolutions.core.catalog); the same under real load: tests/policy/test_scale_out.py."""

from BTrees.IIBTree import IIBTree
from BTrees.IOBTree import IOBTree
from iasolutions.core.catalog import SharedWordsOkapiIndex
from iasolutions.core.catalog import WideIIBTree
from iasolutions.core.catalog import WideIOBTree
from iasolutions.core.catalog import WideOIBTree
from iasolutions.core.catalog import WideOOBTree
from iasolutions.core.catalog import full_text_indexes
from iasolutions.core.catalog import widen
from iasolutions.core.catalog import widen_intid_and_relation_trees
from iasolutions.core.catalog import widen_lexicons
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


def two_clients_add_to(tmp_path, tree_class):
    """Two agents' transactions each add a run of keys from their own client's sequence
    (as intids and oids come) to a tree already in use, then both commit."""
    db = DB(FileStorage(str(tmp_path / "Data.fs")))
    try:
        with db.transaction() as connection:
            connection.root()["tree"] = tree = tree_class()
            for start in (0, 100_000):
                tree.update({key: str(key) for key in range(start, start + 1000)})
        managers = [transaction.TransactionManager() for _ in range(2)]
        for manager, start in zip(managers, (1000, 101_000), strict=True):
            tree = db.open(manager).root()["tree"]
            tree.update({key: str(key) for key in range(start, start + 40)})
        managers[0].commit()
        managers[1].commit()
        with db.transaction() as connection:
            return len(connection.root()["tree"])
    finally:
        db.close()


def test_two_clients_splitting_a_plain_tree_conflict(tmp_path):
    with pytest.raises(ConflictError):
        two_clients_add_to(tmp_path, IOBTree)


def test_a_wide_tree_takes_both(tmp_path):
    assert two_clients_add_to(tmp_path, WideIOBTree) == 2080


def test_the_sites_intid_and_relation_trees_are_wide(portal):
    from zc.relation.interfaces import ICatalog
    from zope.component import getUtility
    from zope.intid.interfaces import IIntIds

    intids = getUtility(IIntIds)
    assert type(intids.refs) is WideIOBTree and type(intids.ids) is WideOIBTree
    assert type(getUtility(ICatalog)._reltoken_name_TO_objtokenset) is WideOOBTree
    assert widen_intid_and_relation_trees() == []  # once


def test_widening_keeps_every_entry():
    from BTrees.OOBTree import OOBTree

    class Owner:
        table = OOBTree({(n, "to_id"): n for n in range(500)})

    owner = Owner()
    assert widen(owner, "table", WideOOBTree)
    assert type(owner.table) is WideOOBTree and dict(owner.table) == dict(Owner.table)


def test_the_sites_lexicon_and_word_tables_are_wide(portal):
    catalog = api.portal.get_tool("portal_catalog")
    lexicon = catalog.plone_lexicon
    assert type(lexicon._wids) is WideOIBTree and type(lexicon._words) is WideIOBTree
    for text_index in full_text_indexes(catalog):
        assert type(text_index.index._wordinfo) is WideIOBTree
        text_index.clear()  # Clear and Rebuild keeps it
        assert type(text_index.index._wordinfo) is WideIOBTree
    okapi = catalog._catalog.getIndex("SearchableText").index
    okapi.index_doc(424242, "Parapluie jaune")
    wid = lexicon._wids["parapluie"]
    assert type(okapi._wordinfo[wid]) is WideIIBTree  # a new word's documents
    assert widen_lexicons(catalog) == []  # once


def test_the_upgrade_widens_the_lexicon_of_a_site_before_it(portal):
    from BTrees.OIBTree import OIBTree
    from iasolutions.core.upgrades.v1006 import upgrade

    catalog = api.portal.get_tool("portal_catalog")
    lexicon = catalog.plone_lexicon
    lexicon._wids = OIBTree(lexicon._wids)  # as 1005 left it
    words = dict(lexicon._wids)
    upgrade(None)
    assert type(lexicon._wids) is WideOIBTree and dict(lexicon._wids) == words
    assert catalog(SearchableText="Contacts")
