"""The import graph of the project's own modules: data flows one way and nothing imports in a circle.

Every ``import`` and ``from ... import`` is counted, at the top of a module or inside a function:
an import deferred into a function still makes the two modules depend on each other.
"""

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("wscb", "partners", "meetings", "training", "finance", "reports", "bench")
#: The apps above the ground floor: ``wscb`` must not depend on them.
UPPER_APPS = ("meetings", "training", "finance", "reports")
#: The ground-floor modules that may import every app: the URL map, the settings and the demo loader.
GROUND_FLOOR_ALLOWED = {"wscb.urls", "wscb.settings", "wscb.management.commands.load_demo"}


def project_modules(root: Path = ROOT) -> dict[str, Path]:
    modules = {}
    for package in PACKAGES:
        for path in (root / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(root).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The project module that ``name`` (a module, or a name inside one) belongs to."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in modules:
            return candidate
        parts.pop()
    return None


def import_graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            targets = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    base = ".".join([*anchor, *([node.module] if node.module else [])])
                targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
            for target in targets:
                resolved = _resolve(target, modules)
                if resolved and resolved != name:
                    graph[name].add(resolved)
                    break
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


@pytest.fixture(scope="module")
def graph():
    return import_graph(project_modules())


def test_the_ground_floor_imports_no_app_above_it(graph):
    upward = sorted(
        f"{module} -> {target}"
        for module, targets in graph.items()
        if module.split(".")[0] == "wscb" and module not in GROUND_FLOOR_ALLOWED
        for target in targets
        if target.split(".")[0] in UPPER_APPS
    )
    assert upward == [], "wscb/ must not import meetings, training, finance or reports:\n" + "\n".join(upward)


def test_no_project_modules_import_each_other_in_a_circle(graph):
    found = cycles(graph)
    assert found == [], "import cycles:\n" + "\n".join(" <-> ".join(cycle) for cycle in found)


def test_nothing_imports_the_benchmark_but_its_commands(graph):
    users = sorted(
        module
        for module, targets in graph.items()
        if any(t.startswith("bench") for t in targets) and not module.startswith("bench")
    )
    assert users == []


def test_the_checks_would_see_an_upward_arrow_and_a_circle(tmp_path):
    """The guard itself: a ground-floor module importing an app, and two modules importing each other."""
    for package in PACKAGES:
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "wscb" / "helper.py").write_text("def f():\n    from reports.models import Thing\n")
    (tmp_path / "reports" / "models.py").write_text("from wscb import helper\n")
    graph = import_graph(project_modules(tmp_path))
    assert graph["wscb.helper"] == {"reports.models"}
    assert cycles(graph) == [["reports.models", "wscb.helper"]]
