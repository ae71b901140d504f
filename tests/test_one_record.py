"""One computed record per figure, for every default area (issue #12).

Builds every default pack (as ``make reports`` does) and checks that no indicator and period
has two values anywhere in a pack's ``figures.csv``, the record every chapter, table, chart and
the workbook read. The pack itself fails on a second value (``one_record_per_figure``), so a
conflict shows here as a failed area.
"""

from __future__ import annotations

import pandas as pd
import pytest

from lis_analytics.present.one_record import KEY, figure_conflicts
from lis_analytics.report import batch


@pytest.mark.integration
def test_no_figure_has_two_values_in_any_default_pack(default_packs):
    out_root, results = default_packs
    codes = [a.code for a in batch.default_areas()]
    failed = {r.area_code: r.error for r in results if r.status == "failed"}
    assert not failed, failed
    assert len(results) == len(codes) >= 50
    for code in codes:
        figures = pd.read_csv(out_root / code / "figures.csv",
                              dtype={"period": str, "breakdown": str})
        figures["breakdown"] = figures["breakdown"].fillna("")
        assert len(figures), code
        assert figure_conflicts(figures).empty, code
        shared = figures.groupby(list(KEY))
        for column in ("value", "unit", "price_basis", "benchmark_uk", "benchmark_england"):
            assert (shared[column].nunique(dropna=True) <= 1).all(), (code, column)


def _figures(**columns):
    base = {"chapter": ["productivity", "foundations", "people"],
            "indicator_id": ["gva_per_hour", "gva_per_hour", "hle_male"],
            "period": ["2023", "2023", None], "indicator": ["GVA per hour", "GVA/hour", "HLE"],
            "value": [39.88, 39.88, None], "unit": ["GBP per hour worked", "£ per hour", "years"],
            "price_basis": ["current prices", "not applicable", "not applicable"],
            "benchmark_uk": [41.87, None, None], "benchmark_england": [42.51, 42.51, None],
            "benchmark_region": [None, 39.42, None], "source_dataset_id": ["p", "p", "els_hle"],
            "note": ["", "rank 15 of 38 LEPs", "not published for this area"]}
    base.update(columns)
    return pd.DataFrame(base)


def test_a_later_row_takes_the_record_and_a_gap_keeps_its_words():
    from lis_analytics.present.one_record import one_record_per_figure

    out = one_record_per_figure(_figures())
    assert out.loc[1, ["unit", "price_basis", "benchmark_uk", "note"]].tolist() == [
        "GBP per hour worked", "current prices", 41.87, "rank 15 of 38 LEPs"]
    assert out.loc[0, "benchmark_region"] == 39.42  # filled from the later row
    assert out.loc[2, ["indicator", "unit", "source_dataset_id"]].tolist() == [
        "HLE", "years", "els_hle"]


def test_a_second_value_fails_the_pack():
    from lis_analytics.errors import FigureConflictError
    from lis_analytics.present.one_record import one_record_per_figure

    with pytest.raises(FigureConflictError, match=r"gva_per_hour 2023: value 39.7 in "
                                                   r"foundations but 39.88 in productivity"):
        one_record_per_figure(_figures(value=[39.88, 39.7, None]))
