"""The ``iasolutions`` command line, run as an administrator runs it, on a real instance."""

import json
import os
from pathlib import Path
import pytest
import subprocess
import sys


pytestmark = pytest.mark.cli

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parents[2]
STATE_SCRIPT = """
import json, sys
from zope.component.hooks import setSite
from plone import api
from iasolutions.core.modules import active_functions
site = app.unrestrictedTraverse(sys.argv[-1])
setSite(site)
search = site.portal_catalog.unrestrictedSearchResults
path = "/".join(site.getPhysicalPath())
print("STATE " + json.dumps({
    "sites": sorted(o.getId() for o in app.objectValues() if o.meta_type == "Plone Site"),
    "profile": api.portal.get_registry_record("iasolutions.core.organisation.profile"),
    "services": len(search(portal_type="organization",
                           path=path + "/contacts/plonegroup-organization")) - 1,
    "contacts": len(search(path=path + "/contacts")),
    "users": sorted(u.getId() for u in api.user.get_users()),
    "groups": len(api.group.get_groups()),
    "service_groups": len([g for g in api.group.get_groups() if g.getId()[32:33] == "_"]),
    "functions": len(active_functions()),
    "language": api.portal.get_default_language(),
    "title": site.title,
}))
"""


def iasolutions(*args, conf=None):
    command = [str(BIN / "iasolutions")] + (["-C", str(conf)] if conf else []) + list(args)
    env = dict(os.environ, zope_i18n_compile_mo_files="true")
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    directory = tmp_path_factory.mktemp("instance")
    result = iasolutions("make-instance", str(directory))
    assert result.returncode == 0, result.stderr
    conf = directory / "etc" / "zope.conf"
    assert conf.exists()
    return conf


def state(conf, site_id):
    script = conf.parent.parent / "state.py"
    script.write_text(STATE_SCRIPT)
    result = subprocess.run(
        [str(BIN / "zconsole"), "run", str(conf), str(script), site_id],
        capture_output=True,
        text=True,
        timeout=600,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("STATE "))
    return json.loads(line[6:])


def test_create_site_then_again_changes_nothing(instance):
    result = iasolutions(
        "create-site",
        "demo",
        "--title",
        "Commune de Démo",
        "--profile",
        "commune",
        "--all-modules",
        "--demo",
        conf=instance,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Site demo ready" in result.stdout
    first = state(instance, "demo")
    assert first["sites"] == ["demo"]
    assert first["profile"] == "iasolutions.policy:commune"
    assert first["services"] == 10
    # every service has its groups, even though the command runs as the system user
    assert first["functions"] > 0
    assert first["service_groups"] == first["services"] * first["functions"]
    assert first["language"] == "fr"
    assert first["title"] == "Commune de Démo"
    assert {"siteadmin", "contacts"} <= set(first["users"])

    result = iasolutions(
        "create-site",
        "demo",
        "--title",
        "Commune de Démo",
        "--profile",
        "commune",
        "--all-modules",
        "--demo",
        conf=instance,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert state(instance, "demo") == first


def test_list_sites(instance):
    result = iasolutions("list-sites", conf=instance)
    assert result.returncode == 0
    assert "demo\tCommune de Démo" in result.stdout


def test_apply_profile(instance):
    result = iasolutions("apply-profile", "demo", "seneffe", conf=instance)
    assert result.returncode == 0, result.stderr[-3000:]
    after = state(instance, "demo")
    assert after["profile"] == "iasolutions.policy:seneffe"
    assert after["services"] == 12


@pytest.mark.parametrize(
    "args,message",
    [
        (("apply-profile", "demo", "ville"), "Unknown organisation profile 'ville'"),
        (("apply-profile", "nosite", "commune"), "No Plone site 'nosite'"),
        (
            ("create-site", "other", "--title", "X", "--profile", "ville"),
            "Unknown organisation profile 'ville'",
        ),
        (
            ("create-site", "other", "--title", "X", "--profile", "commune", "--modules", "compta"),
            "Unknown module(s) compta",
        ),
    ],
)
def test_bad_requests_fail_with_a_message(instance, args, message):
    result = iasolutions(*args, conf=instance)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_refused_create_site_leaves_no_site(instance):
    assert "other" not in state(instance, "demo")["sites"]


def test_missing_instance(tmp_path):
    result = iasolutions("list-sites", conf=tmp_path / "nope.conf")
    assert result.returncode == 2
    assert "no zope.conf" in result.stderr


def core_version():
    """The core profile's version in this checkout (its metadata.xml)."""
    import re

    metadata = ROOT / "src" / "iasolutions" / "core" / "profiles" / "default" / "metadata.xml"
    return re.search(r"<version>(\d+)</version>", metadata.read_text()).group(1)


VERSION_BACK = """
import sys, transaction
site = app.unrestrictedTraverse(sys.argv[-1])
site.portal_setup.setLastVersionForProfile("iasolutions.core:default", "1004")
transaction.commit()
"""


def test_upgrade_site_runs_the_pending_steps(instance):
    """Upgrading a municipality to new code: one command per site."""
    script = instance.parent.parent / "version_back.py"
    script.write_text(VERSION_BACK)
    result = subprocess.run(
        [str(BIN / "zconsole"), "run", str(instance), str(script), "demo"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    upgraded = iasolutions("upgrade-site", "demo", conf=instance)
    assert upgraded.returncode == 0, upgraded.stderr[-3000:]
    lines = dict(line.split("\t", 1) for line in upgraded.stdout.splitlines())
    assert lines["iasolutions.core:default"].endswith(f"1004 -> {core_version()}")
    assert lines["iasolutions.mail:default"].endswith("up to date")
    again = iasolutions("upgrade-site", "demo", conf=instance)
    assert "->" not in again.stdout
    missing = iasolutions("upgrade-site", "nowhere", conf=instance)
    assert missing.returncode == 2 and "No Plone site 'nowhere'" in missing.stderr
