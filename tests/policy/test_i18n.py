"""French first: every message of the suite has a fr and an en translation."""

import ast
import iasolutions
from pathlib import Path
from plone import api
import pytest
import subprocess
import sys
from zope.i18n import translate


SRC = Path(iasolutions.__path__[0])
POT_FILES = sorted(SRC.glob("*/locales/*.pot"))


def messages(path):
    """{msgid: msgstr} of a .po/.pot file (single and multi-line strings)."""
    entries, key, current = {}, None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("msgid "):
            key, current = "msgid", [ast.literal_eval(line[6:])]
            msgid = None
        elif line.startswith("msgstr "):
            msgid = "".join(current)
            key, current = "msgstr", [ast.literal_eval(line[7:])]
        elif line.startswith('"') and current is not None:
            current.append(ast.literal_eval(line))
        elif not line.strip() and key == "msgstr":
            entries[msgid] = "".join(current)
            key, current = None, None
    entries.pop("", None)
    return entries


def test_every_package_has_catalogs():
    assert {pot.parent.parent.name for pot in POT_FILES} >= {"core", "policy"}


@pytest.mark.parametrize("pot", POT_FILES, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_message_is_translated(pot, language):
    po = pot.parent / language / "LC_MESSAGES" / (pot.stem + ".po")
    assert po.exists(), po
    translated = messages(po)
    missing = [msgid for msgid in messages(pot) if not translated.get(msgid)]
    assert missing == []


@pytest.mark.parametrize(
    "templates",
    sorted({p.parent for p in SRC.glob("*/browser/**/*.pt")}),
    ids=lambda p: p.relative_to(SRC).as_posix(),
)
def test_templates_mark_their_text_for_translation(templates):
    i18ndude = Path(sys.executable).parent / "i18ndude"
    result = subprocess.run(
        [i18ndude, "find-untranslated", *sorted(map(str, templates.glob("*.pt")))],
        capture_output=True,
        text=True,
    )
    assert "0 errors" in result.stdout and "1 errors" not in result.stdout, result.stdout
    assert all(
        "(0 warnings, 0 errors)" in line
        for line in result.stdout.splitlines()
        if line.startswith("Processing")
    ), result.stdout


def test_messages_show_in_french(portal):
    assert translate("Internal services", domain="iasolutions.core", target_language="fr") == (
        "Services internes"
    )
    assert (
        translate(
            "iA.Solutions: organisation profile Commune",
            domain="iasolutions.policy",
            target_language="fr",
        )
        == "iA.Solutions : profil d'organisation Commune"
    )


def test_workflow_states_and_transitions_show_in_french(portal):
    workflow_tool = api.portal.get_tool("portal_workflow")
    untranslated = []
    for workflow in workflow_tool.objectValues():
        if not workflow.getId().startswith("iasolutions"):
            continue
        for item in list(workflow.states.objectValues()) + list(
            workflow.transitions.objectValues()
        ):
            if translate(item.title, domain="plone", target_language="fr") == item.title:
                untranslated.append(f"{workflow.getId()}: {item.title}")
    assert untranslated == []


def test_content_types_show_in_french(portal):
    types_tool = api.portal.get_tool("portal_types")
    for type_id in ("directory", "organization", "person", "position", "held_position"):
        fti = types_tool[type_id]
        assert translate(fti.title, domain=fti.i18n_domain, target_language="fr") != fti.title
