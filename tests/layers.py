"""Which plone.app.testing layer each pytest fixture stands for.

The root ``conftest.py`` registers the trunk's layers; a module's
``tests/<module>/conftest.py`` registers its own::

    from iasolutions.policy import testing
    from tests.layers import register

    globals().update(register(delib=testing.DELIB_INTEGRATION_TESTING,
                              delib_functional=testing.DELIB_FUNCTIONAL_TESTING))

A test asks for a fixture (``delib``, or one built on it); the collection hook
in the root conftest tells zope.pytestlayer which layer each test needs, so the
tests run grouped by layer and only one sandbox layer is up at a time (two at
once would share, and spoil, the ZODB of their common base).
"""

from pytest_plone import fixtures_factory


LAYERS = {}


def register(**layers):
    """Record ``fixture name → layer`` and return the fixtures to put in a conftest."""
    LAYERS.update(layers)
    return fixtures_factory(
        tuple((layer, name) for name, layer in layers.items()), keep_session=False
    )
