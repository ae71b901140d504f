"""The shape of the code: imports point down only, no cycles, no oversized modules.

report -> notebooks -> chapters -> present / analysis -> geography -> data. These checks read
the source with ``ast`` (function-level imports count too), so a cycle cannot hide inside a
function.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "lis_analytics"
MAX_LINES = 800
ANALYSIS = ("productivity", "sectors", "commuting", "indicators", "comparators")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(path: Path, name: str, known: set[str]) -> set[str]:
    """Modules of lis_analytics that a module imports (anywhere in its source)."""
    is_package = path.name == "__init__.py"
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative import
                base = name.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            targets = [f"{module}.{alias.name}" if f"{module}.{alias.name}" in known else module
                       for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:  # `import a.b.c` where only a.b is ours
                target = target.rpartition(".")[0]
            if target.startswith("lis_analytics") and target != name:
                out.add(target)
    return out


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imports(path, name, known) for name, path in modules.items()}


def _is_in(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def test_no_import_cycles(graph):
    # a package's __init__ re-exporting its own modules is not a cycle by itself; a module
    # importing back up through its package's __init__ would be, and is caught
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == 1:
                cycles.append(stack[stack.index(dep):] + [dep])
            elif dep not in state:
                visit(dep)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles[:10])


def test_nothing_outside_report_imports_report(graph):
    offenders = sorted(f"{m} imports {d}" for m, deps in graph.items() for d in deps
                       if _is_in(d, "lis_analytics.report")
                       and not _is_in(m, "lis_analytics.report") and m != "lis_analytics.cli")
    assert not offenders, offenders


def test_data_layer_imports_no_analysis(graph):
    allowed = ("lis_analytics.data", "lis_analytics.errors", "lis_analytics.config")
    offenders = sorted(f"{m} imports {d}" for m, deps in graph.items()
                       if _is_in(m, "lis_analytics.data")
                       for d in deps if not any(_is_in(d, a) for a in allowed))
    assert not offenders, offenders


def test_analysis_imports_neither_chapters_present_nor_report(graph):
    above = ("lis_analytics.chapters", "lis_analytics.present", "lis_analytics.report",
             "lis_analytics.api", "lis_analytics.cli")
    offenders = sorted(
        f"{m} imports {d}" for m, deps in graph.items()
        if any(_is_in(m, f"lis_analytics.{a}") for a in (*ANALYSIS, "geography"))
        for d in deps if any(_is_in(d, a) for a in above) or d == "lis_analytics")
    assert not offenders, offenders


def test_no_module_is_oversized():
    sizes = {name: len(path.read_text().splitlines()) for name, path in _modules().items()}
    big = sorted(f"{name}: {n} lines" for name, n in sizes.items() if n > MAX_LINES)
    assert not big, big


def test_the_checks_see_a_cycle_and_a_relative_import(tmp_path):
    a = tmp_path / "a.py"
    a.write_text("from lis_analytics.x import b\nfrom .y import c\n")
    known = {"lis_analytics.x", "lis_analytics.x.b", "lis_analytics.y"}
    assert _imports(a, "lis_analytics.z", known) == {"lis_analytics.x.b", "lis_analytics.y"}
