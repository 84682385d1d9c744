"""The import command, run as an administrator runs it, on a real instance."""

import json
import os
from pathlib import Path
import pytest
import subprocess
import sys


pytestmark = pytest.mark.cli

BIN = Path(sys.executable).parent
PDF = b"%PDF-1.4\n% scan\n%%EOF\n"


def run(*command):
    env = dict(os.environ, zope_i18n_compile_mo_files="true")
    return subprocess.run(
        [str(c) for c in command], capture_output=True, text=True, env=env, timeout=600
    )


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    directory = tmp_path_factory.mktemp("mail-instance")
    assert run(BIN / "iasolutions", "make-instance", directory).returncode == 0
    conf = directory / "etc" / "zope.conf"
    result = run(
        BIN / "iasolutions",
        "-C",
        conf,
        "create-site",
        "commune",
        "--title",
        "Commune de Démo",
        "--profile",
        "commune",
        "--modules",
        "mail",
        "--demo",
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return conf


def test_import_command(instance, tmp_path):
    (tmp_path / "0001.pdf").write_bytes(PDF)
    (tmp_path / "0001.json").write_text(
        json.dumps(
            {
                "scan_id": "050000000077001",
                "type": "dmsincomingmail",
                "treating_groups": "travaux",
                "title": "Courrier scanné",
                "scan_date": "2026-02-03T09:30:00",
            }
        )
    )
    (tmp_path / "0002.pdf").write_bytes(b"not a pdf")
    (tmp_path / "0002.json").write_text(json.dumps({"scan_id": "050000000077002"}))
    result = run(
        sys.executable, "-m", "iasolutions.mail.cli", "-C", instance, "import", "commune", tmp_path
    )
    assert result.returncode == 1, result.stderr[-3000:]
    report = json.loads(result.stdout)
    assert [c["filename"] for c in report["created"]] == ["0001.pdf"]
    assert [e["filename"] for e in report["errors"]] == ["0002.pdf"]
    assert (tmp_path / "done" / "0001.pdf").exists()
    assert (tmp_path / "0002.pdf").exists()
    # the same scan again replaces the file of the mail it created
    (tmp_path / "0003.pdf").write_bytes(PDF)
    (tmp_path / "0003.json").write_text(json.dumps({"scan_id": "050000000077001"}))
    (tmp_path / "0002.pdf").unlink()
    (tmp_path / "0002.json").unlink()
    result = run(
        sys.executable, "-m", "iasolutions.mail.cli", "-C", instance, "import", "commune", tmp_path
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert [r["filename"] for r in json.loads(result.stdout)["replaced"]] == ["0003.pdf"]


def test_bad_commands(instance, tmp_path):
    result = run(
        sys.executable, "-m", "iasolutions.mail.cli", "-C", instance, "import", "nowhere", tmp_path
    )
    assert result.returncode == 2
    assert "No Plone site" in result.stderr
    result = run(
        sys.executable,
        "-m",
        "iasolutions.mail.cli",
        "-C",
        instance,
        "import",
        "commune",
        tmp_path,
        "--user",
        "agent_fin",
    )
    assert result.returncode == 2
    assert "may not import" in result.stderr
