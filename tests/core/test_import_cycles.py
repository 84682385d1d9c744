"""No import cycle inside a package, not even one hidden by an import inside a function
(``delib/agenda.py`` and ``delib/vocabularies.py`` imported each other that way): what
two modules both need lives in a third one that both import at module level."""

import ast
from pathlib import Path
import pytest


SRC = Path(__file__).parents[2] / "src" / "iasolutions"


def modules(package):
    found = {}
    for path in (SRC / package).rglob("*.py"):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        found[".".join(parts).removesuffix(".__init__")] = path
    return found


def imports(path, known):
    """The package's modules that ``path`` imports, anywhere in it."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                name = f"{node.module}.{alias.name}"
                found.add(name if name in known else node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found & set(known)


def cycle(graph):
    """One cycle of ``graph`` ({module: modules it imports}) as a list, or None."""
    done, path = set(), []

    def visit(module):
        if module in path:
            return path[path.index(module) :] + [module]
        if module in done:
            return None
        path.append(module)
        for imported in sorted(graph[module]):
            found = visit(imported)
            if found:
                return found
        path.pop()
        done.add(module)
        return None

    for module in sorted(graph):
        found = visit(module)
        if found:
            return found
    return None


def test_cycle_is_found():
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) is None


@pytest.mark.parametrize("package", ["core", "delib", "mail", "policy"])
def test_no_import_cycle_in_a_package(package):
    known = modules(package)
    graph = {name: imports(path, known) - {name} for name, path in known.items()}
    assert cycle(graph) is None
