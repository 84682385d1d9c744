"""Catalogs that concurrent agents write without conflicts (iasolutions.core.catalog):
full-text indexes, wide trees; the same under real load: tests/policy/test_scale_out.py."""

from BTrees.IIBTree import IIBTree
from BTrees.IIBTree import IITreeSet
from BTrees.IOBTree import IOBTree
from BTrees.OOBTree import OOBTree
from iasolutions.core.catalog import BY_VALUE
from iasolutions.core.catalog import HOT_SET
from iasolutions.core.catalog import WIDE_CLASSES
from iasolutions.core.catalog import SharedWordsOkapiIndex
from iasolutions.core.catalog import WideIITreeSet
from iasolutions.core.catalog import WideIOBTree
from iasolutions.core.catalog import WideOIBTree
from iasolutions.core.catalog import WideOOBTree
from iasolutions.core.catalog import catalog_tree_owners
from iasolutions.core.catalog import full_text_indexes
from iasolutions.core.catalog import widen
from iasolutions.core.catalog import widen_catalog
from iasolutions.core.catalog import widen_hot_sets
from iasolutions.core.catalog import widen_intid_and_relation_trees
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


def plain_trees(catalog):
    """The catalog's trees keyed by value as Plone makes them (not wide)."""
    return [
        f"{getattr(owner, 'id', type(owner).__name__)}.{attribute}"
        for owner in catalog_tree_owners(catalog)
        for attribute in BY_VALUE
        if type(getattr(owner, attribute, None)) in WIDE_CLASSES
    ]


def test_every_tree_of_the_sites_catalog_is_wide(portal):
    """Plone's and core's indexes (a module's: tests/mail/test_profiles.py)."""
    catalog = api.portal.get_tool("portal_catalog")
    assert {"contact_email", "getId", "UID"} <= set(catalog.indexes())
    assert plain_trees(catalog) == []
    assert widen_catalog(catalog) == 0  # nothing left to do


def test_the_nightly_job_widens_what_clear_and_rebuild_made_plain(portal, monkeypatch):
    from iasolutions.core import worker
    from iasolutions.core.jobs import record

    monkeypatch.setenv("IASOLUTIONS_JOBS_IMMEDIATE", "1")
    catalog = api.portal.get_tool("portal_catalog")
    catalog.manage_catalogRebuild()
    assert "getId._index" in plain_trees(catalog)  # Plone's clear() made new trees
    job_id = worker.submit_here("core.widen_catalog")
    assert record(job_id)["state"] == "done"
    assert record(job_id)["result"]["widened"] > 20
    assert plain_trees(catalog) == []
    assert catalog(SearchableText="Contacts")  # still searchable


def test_values_shared_by_many_documents_get_wide_sets():
    forward = OOBTree(
        {"created": IITreeSet(range(HOT_SET + 1)), "rare": IITreeSet([1, 2]), "one": 3}
    )
    assert widen_hot_sets(forward) == 1
    assert type(forward["created"]) is WideIITreeSet
    assert list(forward["created"]) == list(range(HOT_SET + 1))
    assert type(forward["rare"]) is IITreeSet and forward["one"] == 3
    assert widen_hot_sets(forward) == 0


def test_the_upgrade_widens_the_catalog_of_a_site_before_it(portal):
    from iasolutions.core.upgrades.v1006 import upgrade

    catalog = api.portal.get_tool("portal_catalog")
    index = catalog._catalog.getIndex("portal_type")
    found = sorted(brain.getPath() for brain in catalog(portal_type="organization"))
    index._index = OOBTree(index._index)  # as 1005 left it
    upgrade(None)
    assert type(index._index) is WideOOBTree
    assert type(index._unindex) is IOBTree  # keyed by document: left as it is
    assert sorted(brain.getPath() for brain in catalog(portal_type="organization")) == found
    assert found
