"""The modules of the suite and the functions they give internal services.

A module declares itself with a named ``IModule`` utility (see
``iasolutions.mail.module``); its functions are active on a site once its
default profile is installed there.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from iasolutions.core.interfaces import IModule
from plone import api
from Products.GenericSetup.tool import UNKNOWN
from zope.component import getUtilitiesFor
from zope.component import queryUtility


@dataclass(frozen=True)
class Function:
    """A function internal services hold in a module, e.g. mail's ``editeur``.

    Every internal service gets one Plone group per active function, named
    ``<service uid>_<function id>``.
    """

    id: str
    title: str


@dataclass(frozen=True)
class Module:
    id: str
    title: str
    profile: str
    demo_profile: str = None
    functions: tuple = ()


def all_modules():
    """All modules known to this Zope instance, sorted by id."""
    return sorted((module for _name, module in getUtilitiesFor(IModule)), key=lambda m: m.id)


def get_module(module_id):
    """The module with this id, or None."""
    return queryUtility(IModule, name=module_id)


# Ids of the modules whose default profile is being applied (see ``installing``).
_installing = ContextVar("iasolutions_installing_modules", default=frozenset())


def is_installed(module):
    """True when the module (a ``Module`` or its id, e.g. ``"mail"``) is installed on the
    current site: its default profile was applied, or is being applied (``installing``).

    >>> is_installed("delib")
    True
    """
    if isinstance(module, str):
        module = get_module(module)
        if module is None:
            return False
    if module.id in _installing.get():
        return True
    setup = api.portal.get_tool("portal_setup")
    return setup.getLastVersionForProfile(module.profile) != UNKNOWN


@contextmanager
def installing(module):
    """While the module's default profile is applied, it counts as installed.

    GenericSetup records a profile as installed only after its post-install
    handler; the handler (and the organisation-profile parts it imports) must
    already see the module installed. Use it as a decorator::

        @installing(MODULE)
        def post_install(context): ...
    """
    token = _installing.set(_installing.get() | {module.id})
    try:
        yield
    finally:
        _installing.reset(token)


def installed_modules():
    return [module for module in all_modules() if is_installed(module)]


def active_functions():
    """The functions of the installed modules, in declaration order, without duplicates."""
    functions = {}
    for module in installed_modules():
        for function in module.functions:
            functions.setdefault(function.id, function)
    return list(functions.values())
