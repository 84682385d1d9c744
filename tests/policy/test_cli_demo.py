"""``iasolutions create-site seneffe … --demo`` as the administrator of issue 14 ran it:
Seneffe prevalidates its College items, and the demo follows (it stopped on a traceback)."""

import pytest
from tests.policy.test_cli import iasolutions
from tests.policy.test_cli import state


pytestmark = pytest.mark.cli


def test_create_site_seneffe_with_its_demo(tmp_path):
    assert iasolutions("make-instance", str(tmp_path)).returncode == 0
    conf = tmp_path / "etc" / "zope.conf"
    result = iasolutions(
        "create-site",
        "seneffe",
        "--title",
        "Ville de Seneffe",
        "--profile",
        "seneffe",
        "--all-modules",
        "--demo",
        conf=conf,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Site seneffe ready" in result.stdout
    assert "Traceback" not in result.stderr and "warning:" not in result.stderr, result.stderr
    after = state(conf, "seneffe")
    assert after["profile"] == "iasolutions.policy:seneffe"
    assert {"siteadmin", "agent-fin", "chef-fin", "agent_fin", "dir-gen"} <= set(after["users"])
