"""Front page: IS-8 growth sectors compared across areas, grade in each column, poor greyed."""

from __future__ import annotations

import pandas as pd

from lis_analytics.present import frontpage as fp
from lis_analytics.report.frontpage import write_front_page
from lis_analytics.sectors import configured_growth_sectors
from tests.test_frontpage import AREAS, SCRIPT_NAME, make_reports

LQS = {"E37000015": 1.31, "E37000019": 0.92, "E47000001": 1.29, "script_area": 1.5}
"""Financial Services LQ (lower bound) of the hand-made packs that have the IS-8 table."""


def _is8_rows(code: str, name: str, lq: float) -> pd.DataFrame:
    rows = []
    for s in configured_growth_sectors():
        label = f"{s['name']} (SIC coverage: {s['grade']})"
        if s["grade"] == "poor":
            continue  # no figure: SIC cannot measure it
        low = lq if s["id"] == "financial_services" else (None if s["grade"] == "proxy"
                                                          else 0.9)
        for iid, value in ((fp.IS8_LQ, low), (fp.IS8_LQ_UPPER, 1.6 if low is None else low)):
            if value is not None:
                rows.append({"area_code": code, "area_name": name, "chapter": "sectors",
                             "indicator_id": iid, "indicator": "Jobs location quotient",
                             "breakdown": label, "period": "2021",
                             "value": value, "unit": "ratio"})
    return pd.DataFrame(rows)


def _reports(tmp_path):
    root = make_reports(tmp_path, with_breakdown=True)
    for code, lq in LQS.items():
        path = root / code / "figures.csv"
        old = pd.read_csv(path, dtype=str, keep_default_na=False)
        new = pd.concat([old, _is8_rows(code, AREAS[code][0], lq).astype(str)],
                        ignore_index=True)
        new.to_csv(path, index=False)
    return root


def test_is8_comparison_keeps_the_grade_and_never_values_a_poor_sector(tmp_path):
    root = _reports(tmp_path)
    figures = pd.concat([pd.read_csv(root / c / "figures.csv") for c in LQS], ignore_index=True)
    types = {c: a[1] for c, a in AREAS.items()}
    t = fp.is8_comparison(figures, types, configured_growth_sectors())
    assert len(t) == 8 * len(LQS)
    assert t["area_code"].drop_duplicates().tolist() == ["E37000015", "E37000019", "E47000001",
                                                         "script_area"]  # LEPs, CAs, custom
    fin = t[t["sector_id"] == "financial_services"].set_index("area_code")
    assert fin.loc["E37000015", "lq"] == 1.31 and fin.loc["E37000015", "grade"] == "partial"
    clean = t[t["sector_id"] == "clean_energy_industries"]
    assert (clean["shown"] == "not measurable").all() and clean["lq"].isna().all()
    assert (t.loc[t["sector_id"] == "defence", "shown"] == "proxy").all()


def test_front_page_shows_the_is8_table_with_grades(tmp_path):
    root = _reports(tmp_path)
    page = write_front_page(root, maps=False).read_text()
    section = page[page.index("<h2 id=\"is8\">"):page.index("<h2 id=\"areas\">")]
    for s in configured_growth_sectors():
        assert f"SIC coverage: {s['grade']}" in section
    assert section.count("not measurable") >= len(LQS)  # Clean Energy in every row
    assert "1.31" in section and "(1.60)" in section  # Defence: no division inside, greyed
    assert "<h3>LEPs</h3>" in section and "<h3>Combined authorities</h3>" in section
    assert SCRIPT_NAME not in section and "&lt;script&gt;" in section  # escaped
    assert "Clean Energy Industries) has no SIC code" in section


def test_front_page_without_is8_figures_says_so(tmp_path):
    page = write_front_page(make_reports(tmp_path), maps=False).read_text()
    assert "No pack holds the Industrial Strategy growth sectors yet" in page


def test_a_new_kind_of_area_is_shown_not_dropped(tmp_path):
    from lis_analytics.report.frontpage import _is8_html

    rows = _is8_rows("E99000001", "Strategic Area", 1.4)
    types = {"E99000001": "SA"}
    table = fp.is8_comparison(rows, types, configured_growth_sectors())
    section = _is8_html(table, {"E99000001": "Strategic Area"})
    assert "Strategic Area" in section and "1.40" in section
