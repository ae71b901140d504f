"""One computed record per figure, for every default area (issue #12).

Builds every default pack (as ``make reports`` does) and checks that no indicator and period
has two values anywhere in a pack's ``figures.csv``, the record every chapter, table, chart and
the workbook read. The pack itself fails on a second value (``one_record_per_figure``), so a
conflict shows here as a failed area.
"""

from __future__ import annotations

import pandas as pd
import pytest

from lis_analytics.present.one_record import figure_conflicts
from lis_analytics.report import batch


@pytest.mark.integration
def test_no_figure_has_two_values_in_any_default_pack(tmp_path):
    codes = [a.code for a in batch.default_areas()]
    results = batch.run_reports(codes, jobs=2, progress=False, out_root=tmp_path)
    failed = {r.area_code: r.error for r in results if r.status == "failed"}
    assert not failed, failed
    assert len(results) == len(codes) >= 50
    for code in codes:
        figures = pd.read_csv(tmp_path / code / "figures.csv", dtype={"period": str})
        assert len(figures), code
        assert figure_conflicts(figures).empty, code
        shared = figures.groupby(["indicator_id", "period"])
        for column in ("value", "unit", "price_basis", "benchmark_uk", "benchmark_england"):
            assert (shared[column].nunique(dropna=True) <= 1).all(), (code, column)
