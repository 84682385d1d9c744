"""ZCML directive ``<iasolutions:includeModules />``: load the modules' ZCML.

A module package is found through its distribution's metadata, not through a
list in the trunk: each distribution declares its module packages in the entry
point group ``iasolutions.modules`` (``setup.py``)::

    entry_points={"iasolutions.modules": ["urban = iasolutions.urban"]}

and the directive includes the ``configure.zcml`` of each, in the order of the
entry point names. Entry points live in the installed metadata: after changing
them in a checkout installed in development mode, install it again
(``pip install -e .``, or ``make install``) for Zope to see them.
"""

from importlib.metadata import entry_points
import logging
from zope.configuration.xmlconfig import include
from zope.interface import Interface
from zope.schema import ASCIILine


GROUP = "iasolutions.modules"
logger = logging.getLogger("iasolutions.core")


class IIncludeModulesDirective(Interface):
    group = ASCIILine(
        title="Entry point group naming the module packages",
        required=False,
        default=GROUP,
    )
    file = ASCIILine(
        title="ZCML file of each module package", required=False, default="configure.zcml"
    )


def module_packages(group=GROUP):
    """The packages declared in the entry point ``group``, by entry point name
    (the first declaration of a name wins, as for any entry point)."""
    declared = {}
    for entry_point in entry_points(group=group):
        declared.setdefault(entry_point.name, entry_point)
    return [declared[name].load() for name in sorted(declared)]


def include_modules(_context, group=GROUP, file="configure.zcml"):
    packages = module_packages(group)
    if not packages:
        logger.warning(
            "No module declared in the entry point group %s: is the installed metadata "
            "older than setup.py? Install the distribution again (pip install -e .).",
            group,
        )
    for package in packages:
        include(_context, file=file, package=package)
