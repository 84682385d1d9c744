"""Every text shown to users goes through a message factory (``_()``).

The scan reads the suite's Python code: a string is user text when it is French
(an accented letter, or a phrase with "les", "des", "pour"…) or when it is given
as a title, label or description — to a keyword argument of that name, or to the
dashboard builders of ``iasolutions.core.dashboards`` and to ``Function``.
It is fine inside ``_()``/``PMF()``, as a docstring, in a log call or in an
exception raised for developers. What stays French on purpose (documents and
demo data written in the municipalities' language) is listed below, with why.
"""

import ast
import iasolutions
from pathlib import Path
import pytest
import re


SRC = Path(iasolutions.__path__[0])
FRENCH = re.compile(
    r"[àâçéèêëîïôûùüÿœæÀÂÇÉÈÊËÎÏÔÛÙÜ]"  # an accented letter
    r"|(?:^|\s)(?:le|la|les|des|du|aux|pour|par|une|mes|vos|nos|sur|dans)\s",  # a French phrase
    re.IGNORECASE,
)
WORDS = re.compile(r"[^\W\d_]{2}")
TEXT_KEYWORDS = {"title", "label", "description", "message", "placeholder"}
# call name → position of its title argument
TEXT_ARGUMENTS = {
    "text_filter": 0,
    "checkbox_filter": 1,
    "select_filter": 1,
    "search_filter": 1,
    "date_filter": 1,
    "user_filter": 1,
    "create_dashboard": 2,
    "Function": 1,
}
TRANSLATING = {"_", "PMF", "translate"}
LOGGING = {"debug", "info", "warning", "error", "exception", "critical", "log"}

# Files whose French text is content, not interface: the generated documents,
# letters and e-mails are written in French (the municipalities' language) and
# the demo and test data are French names and titles.
CONTENT_FILES = {
    "core/demo.py",
    "delib/demo.py",
    "mail/demo.py",
    "delib/documents.py",
    "mail/letters.py",
    "mail/emails.py",
    "policy/testing.py",
}
# (file, text) kept as they are, with why.
ALLOWED = {
    # Developers' documentation of an interface (schema of a utility or an
    # adapter, of a registry record set by a profile or an upgrade), in no form.
    ("core/interfaces.py", "Module id, e.g. 'mail'"),
    ("core/interfaces.py", "Human title"),
    ("core/interfaces.py", "Id of its default profile"),
    ("core/interfaces.py", "Id of its demo profile"),
    ("core/interfaces.py", "Kind of organisation (commune, cpas, zone-de-police)"),
    ("core/interfaces.py", "Organisation profile applied last (e.g. iasolutions.policy:commune)"),
    ("core/zcml.py", "Entry point group naming the module packages"),
    ("core/zcml.py", "ZCML file of each module package"),
    ("core/interfaces.py", "Id of the module giving it (offered once installed)"),
    ("core/interfaces.py", "Title of the action, e.g. 'Proposer un point au Collège'"),
    ("core/interfaces.py", "Title of the new object"),
    ("core/interfaces.py", "Its description"),
    ("core/interfaces.py", "Decided"),
    ("core/interfaces.py", "The decision (HTML), once decided"),
    ("core/rows.py", "Settings lines the upgrades could not read"),
    # A module's title, printed by the command line ``list-modules``.
    ("delib/module.py", "Délibérations (iA.Delib)"),
    ("mail/module.py", "Courrier"),
    # Content a profile writes once in French, the municipalities' language, and
    # that the administrator then edits like any content or setting: the
    # ombudsman's address, the default positions, holidays, groups, folders,
    # generated titles of meetings, counters and document templates, the
    # default choices of the mail settings (as lines, or as rows once
    # structured), the masking text of publication.
    (
        "core/browser/accessibility.py",
        "Médiateur commun de la Fédération Wallonie-Bruxelles et de la Wallonie",
    ),
    ("core/browser/accessibility.py", "Rue Lucien Namèche 54, 5000 Namur"),
    ("core/setuphandlers.py", "echevin|Échevin"),
    ("core/setuphandlers.py", "president|Président"),
    ("core/setuphandlers.py", "directeur-general|Directeur général"),
    ("core/setuphandlers.py", "departement|Département"),
    ("core/setuphandlers.py", "Échevin"),
    ("core/setuphandlers.py", "Président"),
    ("core/setuphandlers.py", "Directeur général"),
    ("core/setuphandlers.py", "Département"),
    ("core/setuphandlers.py", "Contacts"),
    ("core/setuphandlers.py", "Gestionnaires des contacts"),
    ("core/workingdays.py", "Lundi de Pâques"),
    ("core/workingdays.py", "Fête du Travail"),
    ("core/workingdays.py", "Lundi de Pentecôte"),
    ("core/workingdays.py", "Fête nationale"),
    ("core/workingdays.py", "Noël"),
    ("core/workingdays.py", "Congé communal"),
    ("delib/generation.py", "Séance"),
    ("delib/generation.py", "Gestionnaires de séance"),
    ("delib/generation.py", "Délibérations"),
    ("delib/generation.py", ": numéros de séance"),
    ("delib/publication.py", "TEXTE MASQUÉ | RGPD"),
    (
        "delib/publication.py",
        "Projets de délibérations publiés avant la séance, conformément au décret du "
        "18 mai 2022 : seul le texte adopté en séance fait foi.",
    ),
    ("delib/publication.py", "Délibérations publiées"),
    ("delib/setuphandlers.py", "Texte à masquer (RGPD)|pmanonymize|eye-slash"),
    ("delib/setuphandlers.py", "Configurations des séances"),
    ("delib/subscribers.py", "Séance du "),
    ("mail/folders.py", "Tâches"),
    ("mail/folders.py", "Modèles"),
    ("mail/importer.py", "Lettre signée scannée"),
    ("mail/interfaces.py", "Réponse: "),
    ("mail/interfaces.py", "recommande|Recommandé"),
    ("mail/interfaces.py", "certificat|Certificat médical"),
    ("mail/interfaces.py", "retour-recommande|Retour recommandé"),
    ("mail/interfaces.py", "post_registered|Courrier recommandé"),
    ("mail/interfaces.py", "post_registered|Lettre recommandée"),
    ("mail/interfaces.py", "hand|Remis en main propre"),
    ("mail/interfaces.py", "Recommandé"),
    ("mail/interfaces.py", "Certificat médical"),
    ("mail/interfaces.py", "Retour recommandé"),
    ("mail/interfaces.py", "Courrier recommandé"),
    ("mail/interfaces.py", "Lettre recommandée"),
    ("mail/interfaces.py", "Remis en main propre"),
    ("mail/module.py", "Direction générale"),
    ("mail/module.py", "Expédition courrier"),
    ("mail/module.py", "Pré-validation DG"),
    ("mail/subscribers.py", "Niveau de validation non utilisé par le service"),
    # Batch-action titles: settings values (``view|Label`` lines, rows of view and
    # title once structured) that the upgrade tests (delib 1001, mail 1002)
    # compare as stored, in French; both forms listed.
    ("delib/dashboards.py", "delib-batch-transition|Changer l'état"),
    ("delib/dashboards.py", "delib-batch-copy-groups|Groupes en copie"),
    ("mail/dashboards.py", "mail-batch-transition|Changer l'état"),
    ("mail/dashboards.py", "mail-batch-recipient-groups|Services en copie"),
    ("mail/dashboards.py", "mail-batch-labels|Étiquettes"),
    ("delib/dashboards.py", "Changer l'état"),
    ("delib/dashboards.py", "Groupes en copie"),
    ("mail/dashboards.py", "Changer l'état"),
    ("mail/dashboards.py", "Services en copie"),
    ("mail/dashboards.py", "Étiquettes"),
}


def _parents(tree):
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            child.parent = node


def _name(call):
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _excused(node):
    """Inside ``_()``, a log call or a raise; or a docstring."""
    if isinstance(node, ast.Constant) and isinstance(node.parent, ast.Expr):
        return True
    while hasattr(node, "parent"):
        node = node.parent
        if isinstance(node, ast.Raise):
            return True
        if isinstance(node, ast.Call) and (
            _name(node) in TRANSLATING
            or (isinstance(node.func, ast.Attribute) and node.func.attr in LOGGING)
        ):
            return True
    return False


def _given_as_text(node):
    parent = node.parent
    if isinstance(parent, ast.keyword):
        return parent.arg in TEXT_KEYWORDS
    if isinstance(parent, ast.Call):
        position = TEXT_ARGUMENTS.get(_name(parent))
        return position is not None and parent.args[position : position + 1] == [node]
    return False


def untranslated(source):
    """The (line, text) of the user texts outside ``_()`` in Python ``source``."""
    tree = ast.parse(source)
    _parents(tree)
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value):
            continue
        if isinstance(node.parent, ast.JoinedStr):
            node = node.parent  # an f-string's text counts where the f-string stands
            node.value = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        if not WORDS.search(node.value):
            continue
        if (FRENCH.search(node.value) or _given_as_text(node)) and not _excused(node):
            found.append((node.lineno, node.value))
    return found


def python_files():
    return sorted(
        path for path in SRC.rglob("*.py") if path.relative_to(SRC).as_posix() not in CONTENT_FILES
    )


@pytest.mark.parametrize("path", python_files(), ids=lambda p: p.relative_to(SRC).as_posix())
def test_user_texts_are_translated(path):
    name = path.relative_to(SRC).as_posix()
    found = [
        f"{name}:{line}: {text!r}"
        for line, text in untranslated(path.read_text(encoding="utf-8"))
        if (name, text) not in ALLOWED
    ]
    assert found == []


@pytest.mark.parametrize(
    "source",
    [
        'checkbox_filter("review_state", "État")',
        'create_dashboard(folder, "mine", "My things", query=[])',
        'Function("editor", "Editor")',
        'api.content.create(container=c, type="Folder", title="Travaux")',
        'title = f"Séance du {date}"',
        'message = "Point approuvé."',
        'LABELS = ["Tous les points"]',
    ],
)
def test_the_scan_finds_a_new_literal(source):
    assert untranslated(source) != []


@pytest.mark.parametrize(
    "source",
    [
        'checkbox_filter("review_state", _("State"))',
        'api.content.create(container=c, type="Folder", id="travaux", title=_("Works"))',
        'logger.info("Créé : %s", title)',
        'raise ValueError("Donnée non reconnue")',
        'def f():\n    """Vérifie la séance."""',
        'checkbox_filter("review_state", STATE, vocabulary="x.states")',
        'DASHBOARDS = ["mes-points", "Title", "fr en nl de"]',
    ],
)
def test_the_scan_lets_translated_and_developer_text_be(source):
    assert untranslated(source) == []
