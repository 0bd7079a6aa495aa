"""The import graph of our own modules has no cycles, lazy imports inside functions included.

A cycle hidden behind a function-level import still means two modules cannot be read,
tested or changed apart (yearclock.models and yearclock.occurrences once were one).
"""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APPS = ("kb", "guides", "yearclock", "search", "services", "identity")


def own_modules():
    modules = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "tests" in parts or "migrations" in parts:
                continue
            name = ".".join(parts).removesuffix(".__init__")
            modules[name] = path
    return modules


def imported_names(tree, modules):
    """Every module named by an import anywhere in `tree` (a submodule when one is named)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                yield submodule if submodule in modules else node.module


def import_graph():
    modules = own_modules()

    def own(name):
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name

    graph = {}
    for name, path in modules.items():
        targets = {
            own(imported) for imported in imported_names(ast.parse(path.read_text()), modules)
        }
        graph[name] = targets - {"", name}
    return graph


def find_cycle(graph):
    """One cycle as a list of modules, or None (depth-first search with colours)."""
    state, trail = {}, []

    def visit(module):
        state[module] = "open"
        trail.append(module)
        for target in sorted(graph[module]):
            if state.get(target) == "open":
                return trail[trail.index(target) :] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        state[module] = "done"
        trail.pop()
        return None

    for module in sorted(graph):
        if module not in state and (cycle := visit(module)):
            return cycle
    return None


def test_our_modules_import_each_other_without_cycles():
    graph = import_graph()
    assert "yearclock.occurrences" in graph["yearclock.selectors"]  # the graph is read
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph))


def test_the_cycle_finder_finds_a_lazy_cycle():
    graph = {"a.models": {"a.rules"}, "a.rules": {"a.forms"}, "a.forms": {"a.models"}, "b": set()}
    assert find_cycle(graph) == ["a.forms", "a.models", "a.rules", "a.forms"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
