"""The layers hold because the code is checked, not because everyone remembers them.

import-linter (``make lint``) checks the contracts between packages; these tests check what it
cannot express: no import cycle between modules except a task module and the service it wraps,
and no import hidden inside a function to dodge such a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("portal", "opendata", "participation")


def _first_party(module: str) -> bool:
    return module.split(".")[0] in PACKAGES


def _is_task_pair(modules: set[str]) -> bool:
    """A Celery task module and a service of its own app that it wraps may import each other
    lazily (the task imports the service; the service enqueues the task)."""
    if len(modules) != 2:
        return False
    tasks = [module for module in modules if module.rsplit(".", 1)[-1] == "tasks"]
    if len(tasks) != 1:
        return False
    (other,) = modules - set(tasks)
    return other.startswith(tasks[0].rsplit(".", 1)[0] + ".")


def _is_task_cycle(component: set[str], graph: grimp.ImportGraph) -> bool:
    """Every cycle runs through one task module and services of its own app that it wraps."""
    tasks = [module for module in component if module.rsplit(".", 1)[-1] == "tasks"]
    if len(tasks) != 1 or not all(
        _is_task_pair({tasks[0], other}) for other in component - {tasks[0]}
    ):
        return False
    rest = grimp.ImportGraph()
    for module in component - set(tasks):
        rest.add_module(module)
    for importer in component - set(tasks):
        for imported in graph.find_modules_directly_imported_by(importer) & (
            component - set(tasks)
        ):
            rest.add_import(importer=importer, imported=imported)
    return not _strongly_connected(rest)


def _strongly_connected(graph: grimp.ImportGraph) -> list[set[str]]:
    """Tarjan's algorithm, iteratively (the graph is deep enough to hit the recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[set[str]] = []
    counter = 0
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append(
                        (child, iter(sorted(graph.find_modules_directly_imported_by(child))))
                    )
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(component)
    return components


@pytest.fixture(scope="module")
def import_graph() -> grimp.ImportGraph:
    # Imports only type checkers follow cannot form a cycle at run time.
    return grimp.build_graph(*PACKAGES, cache_dir=None, exclude_type_checking_imports=True)


def test_tarjan_finds_a_planted_cycle():
    """The cycle search itself can fail: a graph with a cycle yields it."""
    graph = grimp.ImportGraph()
    for module in ("a.one", "a.two", "a.three", "a.tasks", "a.services"):
        graph.add_module(module)
    graph.add_import(importer="a.one", imported="a.two")
    graph.add_import(importer="a.two", imported="a.one")
    graph.add_import(importer="a.two", imported="a.three")
    graph.add_import(importer="a.tasks", imported="a.services")
    graph.add_import(importer="a.services", imported="a.tasks")

    graph.add_module("a.alerts")
    graph.add_import(importer="a.tasks", imported="a.alerts")
    graph.add_import(importer="a.alerts", imported="a.tasks")

    components = _strongly_connected(graph)

    assert {"a.one", "a.two"} in components
    assert [c for c in components if not _is_task_cycle(c, graph)] == [{"a.one", "a.two"}]
    graph.add_import(importer="a.alerts", imported="a.services")
    graph.add_import(importer="a.services", imported="a.alerts")
    assert not _is_task_cycle({"a.tasks", "a.services", "a.alerts"}, graph)


def test_no_import_cycle_between_modules_but_a_task_and_its_service(import_graph):
    cycles = [
        sorted(component)
        for component in _strongly_connected(import_graph)
        if not _is_task_cycle(component, import_graph)
    ]

    assert cycles == [], f"import cycles: {cycles}"


def _source_files() -> list[Path]:
    files = []
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts or "settings" in path.parts:
                continue
            files.append(path)
    return sorted(files)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _lazy_first_party_imports(path: Path) -> list[tuple[int, str]]:
    """First-party imports inside function bodies, except where Django wants them there."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    module = _module_name(path)

    def visit(node: ast.AST, function: str | None, in_app_config: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                is_config = any(
                    isinstance(base, ast.Name) and base.id == "AppConfig" for base in child.bases
                )
                visit(child, function, is_config)
            elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                visit(child, child.name, in_app_config)
            elif isinstance(child, ast.Import | ast.ImportFrom) and function is not None:
                names = (
                    [alias.name for alias in child.names]
                    if isinstance(child, ast.Import)
                    else [child.module or ""]
                )
                for name in names:
                    if not _first_party(name):
                        continue
                    # AppConfig.ready() is where Django wants registrations to be imported.
                    if in_app_config and function == "ready":
                        continue
                    if _is_task_pair({module, name}):
                        continue
                    found.append((child.lineno, name))
            else:
                visit(child, function, in_app_config)

    visit(tree, None, False)
    return found


def test_the_lazy_import_scan_finds_an_import_inside_a_function(tmp_path, monkeypatch):
    package = tmp_path / "portal"
    package.mkdir()
    planted = package / "planted.py"
    planted.write_text("def f():\n    from portal.core import jobs\n    return jobs\n")
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", tmp_path)

    assert _lazy_first_party_imports(planted) == [(2, "portal.core")]


def test_no_first_party_import_hides_inside_a_function():
    lazy = {
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for path in _source_files()
        for line, name in _lazy_first_party_imports(path)
    }

    assert sorted(lazy) == []


def test_the_allowlist_contract_refuses_an_import_off_its_list():
    from tests.import_contracts import AllowlistContract

    graph = grimp.ImportGraph()
    for module in (
        "participation",
        "participation.defects",
        "participation.defects.services",
        "opendata",
        "opendata.sensors",
        "opendata.sensors.selectors",
        "opendata.sensors.models",
        "portal",
        "portal.core",
        "portal.core.jobs",
    ):
        graph.add_module(module)
    graph.add_import(importer="participation.defects.services", imported="portal.core.jobs")
    graph.add_import(
        importer="participation.defects.services", imported="opendata.sensors.selectors"
    )
    graph.add_import(importer="participation.defects.services", imported="opendata.sensors.models")
    contract = AllowlistContract(
        name="participation",
        session_options={"root_packages": ["participation", "opendata", "portal"]},
        contract_options={
            "source_modules": ["participation"],
            "allowed_modules": ["portal.core", "opendata.*.selectors"],
        },
    )

    check = contract.check(graph, verbose=False)

    assert not check.kept
    assert check.metadata["illegal"] == [
        ("participation.defects.services", "opendata.sensors.models")
    ]
