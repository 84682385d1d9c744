"""The README, the changelog and the guides are valid reStructuredText (PyPI and the
docs render them; a malformed table silently drops its content)."""

import docutils.core
import docutils.utils
from pathlib import Path
import pytest


ROOT = Path(__file__).parents[2]
DOCUMENTS = [ROOT / "README.rst", ROOT / "CHANGES.rst", *sorted((ROOT / "docs").glob("*.rst"))]


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda path: path.name)
def test_document_is_valid_restructuredtext(path):
    try:
        docutils.core.publish_doctree(
            path.read_text(encoding="utf-8"),
            source_path=str(path),
            settings_overrides={"report_level": 5, "halt_level": 2},
        )
    except docutils.utils.SystemMessage as message:
        pytest.fail(f"{path.name}: {message}")
