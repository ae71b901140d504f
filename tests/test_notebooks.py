"""Every paired notebook is in step with its reviewed percent script, and chapters stay thin."""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
PAIRS = sorted(p.stem for p in NOTEBOOKS.glob("*.py"))


def test_every_percent_script_has_a_notebook_and_back():
    assert PAIRS, "no notebooks found"
    assert sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb")) == PAIRS


@pytest.mark.parametrize("name", PAIRS)
def test_ipynb_is_in_sync_with_the_percent_script(name):
    import jupytext

    py = jupytext.read(NOTEBOOKS / f"{name}.py")
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    assert [c.source for c in py.cells] == [c.source for c in nb.cells], (
        f"notebooks/{name}.ipynb is out of step with notebooks/{name}.py: "
        f"run .venv/bin/jupytext --sync notebooks/{name}.py")
    assert [c.cell_type for c in py.cells] == [c.cell_type for c in nb.cells]
    assert nb.metadata["kernelspec"]["name"] == "lis-analytics"


@pytest.mark.parametrize("name", PAIRS)
def test_notebooks_define_no_functions_or_classes(name):
    """Thin notebooks: calculations and chart recipes live in the library (tests reach them)."""
    tree = ast.parse((NOTEBOOKS / f"{name}.py").read_text())
    defined = [n.name for n in ast.walk(tree)
               if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)]
    assert not defined, f"notebooks/{name}.py defines {defined}: move them into lis_analytics"
