"""The "Data as at" panel: rows per chapter, flags, escaping, and the batch's dataset lists."""

from __future__ import annotations

import pandas as pd

from lis_analytics.present.data_as_at import merge_panels, panel_html, panel_rows, produced_line
from lis_analytics.report.front_matter import registered_sources

STATUS = pd.DataFrame({
    "dataset": ["a", "b", "c"],
    "name": ["<script>A</script>", "B & co", "C"],
    "release": ["2025-06-26", "2024-03-26", "2026-01-20"],
    "latest_period": ["2023", "2022", "2025"],
    "newest_release": ["", "2026-09-01", "2026-01-20"],
    "upstream": ["up to date (checked 2026-11-01)", "newer release 2026-09-01 (checked 2026-11-01)",
                 "up to date (checked 2026-11-01)"],
})


def test_rows_flag_old_periods_and_newer_releases():
    rows = panel_rows([("One", ["a", "b"]), ("Two", ["c", "missing"])], STATUS, "2026-11-28")
    assert rows["chapter"].tolist() == ["One", "Two"]
    assert rows["latest_period"].tolist() == ["2023", "2025"]
    one = {s["dataset"]: s for s in rows.loc[0, "sources"]}
    assert one["a"]["old"] and one["b"]["old"]  # cut-off 2024 for a run in 2026
    assert one["b"]["newer"].startswith("newer release 2026-09-01")
    assert one["a"]["newer"] == ""
    two = rows.loc[1, "sources"]
    assert [s["dataset"] for s in two] == ["c"] and not two[0]["old"]


def test_cut_off_moves_with_the_run_date():
    rows = panel_rows([("One", ["a"])], STATUS, "2025-01-01")
    assert not rows.loc[0, "sources"][0]["old"]


def test_html_escapes_configuration_text_and_keeps_the_run_date_beside_the_data():
    rows = panel_rows([("<i>Ch</i>", ["a", "b"])], STATUS, "2026-11-28")
    out = panel_html(rows, "2026-11-28")
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "<i>Ch" not in out and "B &amp; co" in out
    assert "Produced 28 November 2026 from data up to 2023 (&lt;i&gt;Ch&lt;/i&gt;)" in out
    assert "2 of 2 sources end before 2024" in out
    assert produced_line(rows, "2026-11-28").startswith("Produced 28 November 2026 from data")


def test_front_page_merges_packs():
    one = panel_rows([("P", ["a"])], STATUS, "2026-11-28").to_dict("records")
    two = panel_rows([("P", ["b"]), ("Q", ["c"])], STATUS, "2026-11-28").to_dict("records")
    merged = merge_panels([one, two])
    assert merged["chapter"].tolist() == ["P", "Q"]
    assert [s["dataset"] for s in merged.loc[0, "sources"]] == ["b", "a"]
    assert merged.loc[0, "latest_period"] == "2023"


def test_derived_tables_resolve_to_registered_sources():
    got = registered_sources(["gva_lad_total", "productivity_lad", "not_a_table"])
    assert got == ["gva_lad_industry", "productivity_lad"]
    assert "gva_lad_industry" in registered_sources(["sectors_specialisation"])


def test_an_optional_source_not_held_has_no_period_and_is_listed_last_as_not_held():
    import pandas as pd

    from lis_analytics.present.data_as_at import panel_rows

    status = pd.DataFrame({"dataset": ["gigabit", "iuk"], "name": ["Gigabit", "Innovate UK"],
                           "release": ["2026-05-13", "2026-01-13"],
                           "latest_period": ["2025", ""], "newest_release": ["", ""],
                           "upstream": ["", ""], "held": [True, False]})
    rows = panel_rows([("Foundations", ["iuk", "gigabit"])], status, "2026-11-28")
    assert rows.loc[0, "latest_period"] == "2025"  # not the vintage year of a file not held
    assert [(s["dataset"], s["held"]) for s in rows.loc[0, "sources"]] == [
        ("gigabit", True), ("iuk", False)]
