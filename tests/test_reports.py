"""The evidence-pack batch, end to end on the real data (two areas), and failure isolation."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from lis_analytics.errors import UnknownAreaError
from lis_analytics.present.record import FIGURE_COLUMNS
from lis_analytics.report import batch
from tests.golden.make_golden import GOLDEN_AREAS, golden_path

pytestmark = pytest.mark.integration

AREAS = ("E37000015", "E47000007")  # Greater Manchester LEP, West Midlands CA
PACKS = tuple(dict.fromkeys(AREAS + GOLDEN_AREAS))


@pytest.fixture(scope="module")
def packs(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("reports")
    results = batch.run_reports(list(PACKS), jobs=2, progress=False, out_root=out)
    assert [r.status for r in results] == ["succeeded"] * len(PACKS), results
    return out


def _figure_diff(golden: pd.DataFrame, built: pd.DataFrame) -> list[str]:
    """Readable lines for every figure that differs between two ``figures.csv`` tables."""
    key = ["chapter", "indicator_id", "breakdown", "period"]
    key = [k for k in key if k in golden.columns and k in built.columns]
    merged = golden.merge(built, on=key, how="outer", suffixes=("_golden", "_built"),
                          indicator=True)
    lines = []
    for _, row in merged.iterrows():
        where = "/".join(str(row[k]) for k in key)
        if row["_merge"] != "both":
            side = "golden" if row["_merge"] == "left_only" else "build"
            lines.append(f"{where}: only in {side}")
            continue
        for col in golden.columns.difference(key):
            a, b = row[f"{col}_golden"], row[f"{col}_built"]
            if not (pd.isna(a) and pd.isna(b)) and a != b:
                lines.append(f"{where} {col}: golden {a!r} -> built {b!r}")
    return lines


@pytest.mark.parametrize("code", GOLDEN_AREAS)
def test_figures_match_the_golden_files(packs, code):
    """Every figure is pinned exactly; update with ``make golden`` only when a change is meant."""
    golden = pd.read_csv(golden_path(code), dtype=str, keep_default_na=False)
    built = pd.read_csv(packs / code / "figures.csv", dtype=str, keep_default_na=False)
    assert list(built.columns) == list(golden.columns)
    diff = _figure_diff(golden, built)
    assert not diff, "figures.csv differs from tests/golden (run `make golden` if meant):\n" + \
        "\n".join(diff[:60])
    assert len(built) == len(golden)


def test_html_has_no_code_and_every_image_has_alt_text(packs):
    for code in AREAS:
        page = (packs / code / "index.html").read_text()
        assert "jp-InputArea-editor\"" not in page and "import lis_analytics" not in page
        assert "jp-InputPrompt" not in page.split("<body", 1)[1]
        images = re.findall(r"<img\b[^>]*>", page)
        assert len(images) >= 4
        for tag in images:
            alt = re.search(r'alt="([^"]*)"', tag)
            assert alt and len(alt.group(1)) > 40, tag[:120]
            assert "No description" not in alt.group(1)
        assert "Contents" in page and "Key findings" in page
        assert "Data sources and vintages" in page
        assert "<script src=\"http" not in page  # opens offline


def test_workbook_has_cover_contents_notes_and_tables(packs):
    from openpyxl import load_workbook

    book = load_workbook(packs / AREAS[0] / "workbook.xlsx", read_only=True)
    names = book.sheetnames
    assert names[:3] == ["Cover", "Contents", "Notes"]
    for sheet in ("productivity_levels", "real_growth", "gva_per_head_decomposition",
                  "productivity_by_district", "vintages"):
        assert sheet in names


def test_figures_have_identical_columns_for_every_area(packs):
    frames = [pd.read_csv(packs / code / "figures.csv", dtype={"breakdown": str})
              for code in AREAS]
    for frame in frames:
        assert list(frame.columns) == list(FIGURE_COLUMNS)
        assert frame["source_dataset_id"].notna().all()
    # every area states the same headline figures; table rows follow each area's tables
    headline = [set(f.loc[f["breakdown"].fillna("") == "", "indicator_id"]) for f in frames]
    assert headline[0] == headline[1]


def test_manifest_and_front_page_list_both_areas(packs):
    manifest = json.loads((packs / "manifest.json").read_text())
    assert {manifest["areas"][c]["status"] for c in AREAS} == {"succeeded"}
    assert manifest["datasets"]["productivity_lad"]["sha256"]
    front = (packs / "index.html").read_text()
    for code in AREAS:
        assert f"{code}/index.html" in front


def test_unchanged_areas_are_skipped(packs):
    results = batch.run_reports(list(AREAS), jobs=1, progress=False, out_root=packs)
    assert [r.status for r in results] == ["skipped"] * len(AREAS)


def test_executed_notebook_is_kept_with_parameters(packs):
    nb = nbformat.read(packs / AREAS[0] / "notebooks" / "evidence_pack.ipynb", as_version=4)
    assert nb.metadata["papermill"]["parameters"]["area_code"] == AREAS[0]


def test_unknown_parameter_and_area_are_errors():
    with pytest.raises(batch.ParameterError, match="unknown parameter"):
        batch.check_parameters({"area_code": "E37000015", "latest_yaer": "2021"})
    with pytest.raises(UnknownAreaError, match="Did you mean"):
        batch.check_parameters({"area_code": "E3700015"})


def test_parameter_names_are_read_from_the_parameters_cells(tmp_path, monkeypatch):
    assert set(batch.chapter_parameters()) == {"area_code", "comparator_codes", "latest_year",
                                               "output_dir"}
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1")]
    nbformat.write(nb, tmp_path / "bare.ipynb")
    monkeypatch.setenv("LIS_NOTEBOOKS_DIR", str(tmp_path))
    with pytest.raises(batch.ParameterError, match="no cell tagged 'parameters'"):
        batch.chapter_parameters(("bare.ipynb",))


FAILING_CHAPTER = '''
# %% tags=["parameters"]
area_code = "E37000015"
comparator_codes = []
latest_year = ""
output_dir = ""

# %%
if area_code == "E37000019":
    raise RuntimeError("injected failure for Lancashire")
'''


def test_a_failing_area_is_isolated(tmp_path, monkeypatch):
    import jupytext

    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    shutil.copy(batch.notebooks_dir() / "productivity.ipynb", notebooks)
    nb = jupytext.reads(FAILING_CHAPTER, fmt="py:percent")
    nb.metadata["kernelspec"] = {"name": batch.KERNEL_NAME, "language": "python",
                                 "display_name": "lis"}
    nbformat.write(nb, notebooks / "fails.ipynb")
    monkeypatch.setenv("LIS_NOTEBOOKS_DIR", str(notebooks))
    out = tmp_path / "reports"
    results = batch.run_reports(["E37000015", "E37000019"], jobs=2, progress=False,
                                out_root=out, chapters=("productivity.ipynb", "fails.ipynb"))
    status = {r.area_code: r for r in results}
    assert status["E37000015"].status == "succeeded"
    assert status["E37000019"].status == "failed"
    assert "injected failure" in status["E37000019"].error
    kept = nbformat.read(out / "E37000019" / "notebooks" / "evidence_pack.ipynb", as_version=4)
    assert any(o.get("output_type") == "error" for c in kept.cells for o in c.get("outputs", []))
    assert not (out / "E37000019" / "index.html").exists()  # no pack that looks complete
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["areas"]["E37000019"]["status"] == "failed"
    assert "failed" in (out / "index.html").read_text()
    assert not list(out.glob(".tmp-*"))


def test_cli_exits_non_zero_when_an_area_fails(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from lis_analytics.cli import app

    monkeypatch.setenv("LIS_REPORTS_DIR", str(tmp_path))
    # 1990 is refused before any kernel (tests/test_parameters.py); let it through to the
    # notebook, which fails on it (worker processes are forked with the patch)
    monkeypatch.setattr(batch, "check_latest_year", lambda year, years: None)
    result = CliRunner().invoke(app, ["reports", "--areas", "E37000015",
                                      "--param", "latest_year=\"1990\""])
    assert result.exit_code == 1
    assert "FAILED E37000015" in result.output


def test_slowest_areas_start_first(tmp_path):
    from lis_analytics.geography import get_area
    from lis_analytics.report.batch import slowest_first

    areas = [get_area(c) for c in ("E37000015", "E47000001", "E37000001", "E37000003")]
    assert slowest_first(areas, tmp_path) == areas  # no earlier run: the order given
    (tmp_path / "manifest.json").write_text(json.dumps({"areas": {
        "E37000015": {"status": "succeeded", "seconds": 4.0},
        "E37000001": {"status": "succeeded", "seconds": 9.0},
        "E47000001": {"status": "failed", "seconds": 50.0},  # a failure's time means nothing
    }}))
    codes = [a.code for a in slowest_first(areas, tmp_path)]
    assert codes == ["E37000001", "E37000015", "E47000001", "E37000003"]
