"""Modules are found through their distribution's metadata: the entry point group
``iasolutions.modules`` read by ``<iasolutions:includeModules />`` (core/zcml.py)."""

from iasolutions.core import zcml
from iasolutions.core.modules import all_modules
from importlib.metadata import EntryPoint
from importlib.metadata import PathDistribution
from pathlib import Path
import subprocess
import sys
from zope.configuration import config
from zope.configuration import xmlconfig


ROOT = Path(__file__).parents[2]
DIRECTIVE = """
<configure xmlns="http://namespaces.zope.org/zope"
           xmlns:iasolutions="http://namespaces.iasolutions.be/iasolutions">
  <include package="iasolutions.core" file="meta.zcml" />
  <iasolutions:includeModules group="{group}" />
</configure>
"""


def seen_files(group):
    """The ZCML files the directive reads (its actions are not executed)."""
    context = config.ConfigurationMachine()
    xmlconfig.registerCommonDirectives(context)
    xmlconfig.string(DIRECTIVE.format(group=group), context=context, execute=False)
    return {Path(path) for path in context._seen_files}


def declare(monkeypatch, group, **packages):
    """Entry points as if an installed distribution declared them."""
    declared = [EntryPoint(name, value, group) for name, value in packages.items()]
    monkeypatch.setattr(
        zcml, "entry_points", lambda group: [ep for ep in declared if ep.group == group]
    )


def fake_module(tmp_path, monkeypatch, name):
    package = tmp_path / name
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "configure.zcml").write_text(
        '<configure xmlns="http://namespaces.zope.org/zope" />\n'
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    return package


def test_a_declared_module_is_included(tmp_path, monkeypatch):
    urban = fake_module(tmp_path, monkeypatch, "fake_urban")
    eguichet = fake_module(tmp_path, monkeypatch, "fake_eguichet")
    declare(monkeypatch, "test.modules", urban="fake_urban", eguichet="fake_eguichet")
    assert [p.__name__ for p in zcml.module_packages("test.modules")] == [
        "fake_eguichet",
        "fake_urban",
    ]
    seen = seen_files("test.modules")
    assert {urban / "configure.zcml", eguichet / "configure.zcml"} <= seen


def test_no_declared_module_says_why(monkeypatch, caplog):
    declare(monkeypatch, "test.modules")
    seen = seen_files("test.modules")
    assert not [path for path in seen if path.name == "configure.zcml"]
    assert "pip install -e" in caplog.text


def test_the_distribution_declares_delib_and_mail(tmp_path):
    """The metadata built from setup.py (as a wheel or ``pip install`` writes it)."""
    subprocess.run(
        [sys.executable, "setup.py", "-q", "egg_info", "--egg-base", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    metadata = PathDistribution(tmp_path / "iasolutions.egg-info")
    declared = metadata.entry_points.select(group=zcml.GROUP)
    assert {(ep.name, ep.value) for ep in declared} == {
        ("delib", "iasolutions.delib"),
        ("mail", "iasolutions.mail"),
    }
    for entry_point in declared:
        assert (Path(entry_point.load().__file__).parent / "configure.zcml").exists()


def test_the_policy_loads_every_module(portal):
    assert {"delib", "mail"} <= {module.id for module in all_modules()}
