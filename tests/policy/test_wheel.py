"""The wheel installs anywhere: built, installed in a fresh virtual environment without the
checkout, it creates a Seneffe site with every module and its organisation profile."""

import json
import os
from pathlib import Path
import pytest
import shutil
import subprocess
import sys
from tests.policy.test_buildout import ROOT


pytestmark = pytest.mark.wheel

# What a clean clone holds: the copy builds the wheel without writing into the checkout.
NOT_SHIPPED = shutil.ignore_patterns(
    ".git",
    ".venv",
    ".ci",
    "instance",
    "node_modules",
    "build",
    "dist",
    "var",
    "bin",
    "parts",
    "eggs",
    "develop-eggs",
    "bench",
    "*.egg-info",
    "__pycache__",
    "*.pyc",
    "*.mo",
)

SITE_SCRIPT = """
import json, sys
import iasolutions.policy
from zope.component.hooks import setSite
from plone import api
from iasolutions.core.modules import all_modules
site = app.unrestrictedTraverse(sys.argv[-1])
setSite(site)
from Products.CMFPlone.utils import get_installer
installer = get_installer(site)
organisations = site.contacts["plonegroup-organization"]
from zope.browsermenu.interfaces import IBrowserMenu
from zope.component import getUtility
menu = getUtility(IBrowserMenu, "plone_contentmenu_workflow")
print("SITE " + json.dumps({
    "policy": iasolutions.policy.__file__,
    "sys_path": sys.path,
    "profile": api.portal.get_registry_record("iasolutions.core.organisation.profile"),
    "profile_path": site.portal_setup.getProfileInfo("iasolutions.policy:seneffe")["path"],
    "applied": site.portal_setup.getLastVersionForProfile("iasolutions.policy:seneffe"),
    "modules": {m.id: installer.is_product_installed(m.profile.split(":")[0])
                for m in all_modules()},
    "services": sorted(organisations.objectIds()),
    "workflow_menu": type(menu).__module__,
}))
"""


def run(command, cwd, timeout=1800):
    """Run outside the checkout: no PYTHONPATH pointing at src/, the working directory elsewhere."""
    env = {
        key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")
    }
    env["zope_i18n_compile_mo_files"] = "true"
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


def build_wheel(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, symlinks=True, ignore=NOT_SHIPPED)
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            tmp_path / "dist",
            source,
        ],
        cwd=tmp_path,
    )
    (wheel,) = (tmp_path / "dist").glob("iasolutions-*.whl")
    return wheel


def install_wheel(tmp_path, wheel):
    """As the Makefile installs: the pins of constraints.txt, dependencies from the index
    (pip's cache makes the second run quick)."""
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", venv], cwd=tmp_path)
    pip = [venv / "bin" / "python", "-m", "pip", "install", "-q", "-c", ROOT / "constraints.txt"]
    run(pip + ["pip", "setuptools", "wheel"], cwd=tmp_path)
    run(pip + ["--no-build-isolation", wheel], cwd=tmp_path)
    return venv / "bin"


def test_the_wheel_ships_the_organisation_profiles(tmp_path):
    wheel = build_wheel(tmp_path)
    bin_ = install_wheel(tmp_path, wheel)
    run([bin_ / "iasolutions", "make-instance", tmp_path / "instance"], cwd=tmp_path)
    conf = tmp_path / "instance" / "etc" / "zope.conf"
    output = run([bin_ / "iasolutions", "-C", conf, "list-modules"], cwd=tmp_path)
    modules = [line.split("\t")[0] for line in output.splitlines() if "\t" in line]
    assert {"delib", "mail"} <= set(modules)
    output = run(
        [
            bin_ / "iasolutions",
            "-C",
            conf,
            "create-site",
            "seneffe",
            "--title",
            "Commune de Seneffe",
            "--profile",
            "seneffe",
            "--all-modules",
        ],
        cwd=tmp_path,
    )
    assert "Site seneffe ready: seneffe" in output

    script = tmp_path / "site.py"
    script.write_text(SITE_SCRIPT)
    output = run([bin_ / "zconsole", "run", conf, script, "seneffe"], cwd=tmp_path)
    state = json.loads(next(line for line in output.splitlines() if line.startswith("SITE "))[5:])
    site_packages = str(tmp_path / "venv" / "lib")
    # the code and the profiles come from the installed wheel, never from the checkout
    assert state["policy"].startswith(site_packages)
    assert not any(path.startswith(str(ROOT)) for path in state["sys_path"])
    assert state["profile_path"].startswith(site_packages)
    assert Path(state["profile_path"], "metadata.xml").is_file()
    assert state["profile"] == "iasolutions.policy:seneffe"
    assert state["applied"] not in (None, "unknown")
    assert state["modules"] == dict.fromkeys(modules, True)
    # the suite's overrides load in a real instance (they once conflicted with Plone's)
    assert state["workflow_menu"] == "iasolutions.core.browser.menus"
    # Seneffe's own services, on top of the commune's
    assert {"cabinet-du-bourgmestre", "cellule-marches-publics"} <= set(state["services"])
