"""The people, foundations and baseline chapter notebooks."""

from __future__ import annotations

import json
import time

import nbformat
import pandas as pd
import pytest

from lis_analytics.report.batch import notebooks_dir

CHAPTERS = ("people", "foundations", "baseline")


def _parameters_source(name: str) -> str:
    nb = nbformat.read(notebooks_dir() / f"{name}.ipynb", as_version=4)
    cells = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(cells) == 1, f"{name}: expected exactly one parameters cell"
    return cells[0].source


@pytest.mark.parametrize("name", CHAPTERS)
def test_parameters_cell_is_the_productivity_chapters(name):
    """The pack keeps only the first chapter's parameters cell: they must be identical."""
    assert _parameters_source(name) == _parameters_source("productivity")


@pytest.mark.parametrize("name", CHAPTERS)
def test_ipynb_is_in_sync_with_the_percent_source(name):
    import jupytext

    py = jupytext.read(notebooks_dir() / f"{name}.py")
    nb = nbformat.read(notebooks_dir() / f"{name}.ipynb", as_version=4)
    assert [c.source for c in py.cells] == [c.source for c in nb.cells], (
        f"regenerate with: jupytext --to ipynb notebooks/{name}.py -o notebooks/{name}.ipynb")
    assert nb.metadata["kernelspec"]["name"] == "lis-analytics"


@pytest.mark.integration
def test_people_chapter_runs_with_papermill(tmp_path):
    import papermill as pm

    from lis_analytics.report import shared_indicators

    shared_indicators.prepare()  # the batch's shared step, done before any chapter runs
    start = time.perf_counter()
    pm.execute_notebook(
        str(notebooks_dir() / "people.ipynb"), str(tmp_path / "people_out.ipynb"),
        parameters={"area_code": "E47000007", "output_dir": str(tmp_path)},
        kernel_name="lis-analytics", cwd=str(notebooks_dir()), progress_bar=False,
        log_output=False)
    elapsed = time.perf_counter() - start
    assert elapsed < 30, f"people chapter took {elapsed:.1f}s"
    folder = tmp_path / "chapters" / "people"
    meta = json.loads((folder / "chapter.json").read_text())
    assert len(meta["findings"]) >= 4
    assert "West Midlands" in meta["findings"][0]
    assert {t["name"] for t in meta["tables"]} >= {"people_labour_market", "people_pay",
                                                   "people_skills"}
    for t in meta["tables"]:
        assert t["source"].startswith("Source:") and t["source_dataset_ids"]
    figures = pd.read_csv(folder / "figures.csv", dtype={"period": str})
    emp = figures.set_index("indicator_id").loc["employment_rate"]
    assert emp["period"] and emp["benchmark_england"] > emp["value"]
    executed = nbformat.read(tmp_path / "people_out.ipynb", as_version=4)
    images = [o for c in executed.cells for o in c.get("outputs", [])
              if "image/svg+xml" in o.get("data", {})]
    assert len(images) == 4
    assert all(len(o["metadata"]["image/svg+xml"]["alt"]) > 40 for o in images)
