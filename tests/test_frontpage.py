"""The front page that compares places, on hand-made packs (and once on real boundaries).

Each test builds a small ``reports/`` folder: a ``manifest.json`` and, per area, a
``figures.csv`` and a ``monitoring_baseline.csv`` in the columns the packs write.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from lis_analytics.present import frontpage as fp
from lis_analytics.report.frontpage import write_front_page

SCRIPT_NAME = "Test <script>alert(1)</script> & Co"

AREAS = {
    # code: (name, type, employment rate, inactivity rate, period of the figures)
    "E37000015": ("Greater Manchester", "LEP", 72.0, 24.0, "2023"),
    "E37000019": ("Lancashire", "LEP", 74.0, 22.0, "2023"),
    "E37000025": ("Liverpool City Region", "LEP", 70.0, 26.0, "2023"),
    "E37000099": ("Older Pack", "LEP", 99.0, 1.0, "2022"),  # built with an older release
    "E47000001": ("Greater Manchester", "CA", 71.0, 25.0, "2023"),
    "E47000004": ("Liverpool City Region", "CA", 73.0, 23.0, "2023"),
    "script_area": (SCRIPT_NAME, "CUSTOM", 75.0, 21.0, "2023"),
}

FIGURE_COLUMNS = ["area_code", "area_name", "chapter", "indicator_id", "indicator", "period",
                  "value", "unit", "price_basis", "benchmark_uk", "benchmark_england",
                  "benchmark_region", "source_dataset_id", "note"]


def _figures(code: str, name: str, emp: float, inact: float, period: str,
             with_breakdown: bool) -> pd.DataFrame:
    rows = [
        ("people", "employment_rate", "Employment rate, aged 16 to 64", emp, "%", 76.0),
        ("people", "inactivity_rate", "Economic inactivity rate, aged 16 to 64", inact, "%",
         21.0),
        ("productivity", "gva_per_hour_index", "GVA per hour worked, index (UK = 100)",
         emp + 20, "index (UK = 100)", None),
        ("productivity", "gva_per_job", "GVA per filled job", emp * 900, "GBP per filled job",
         67530.0),
        ("productivity", "gva_per_head", "GVA per head", 99999.0, "GBP per resident", None),
        ("productivity", "productivity_gap_gbp", "Productivity gap", 10360.0,
         "GBP million a year", None),
    ]
    frame = pd.DataFrame([{
        "area_code": code, "area_name": name, "chapter": ch, "indicator_id": ind,
        "indicator": title, "period": period, "value": value, "unit": unit,
        "price_basis": "current prices", "benchmark_uk": 100.0 if "index" in unit else None,
        "benchmark_england": eng, "benchmark_region": None, "source_dataset_id": "x",
        "note": ""} for ch, ind, title, value, unit, eng in rows], columns=FIGURE_COLUMNS)
    if with_breakdown:  # the columns another helper adds, with a breakdown row to ignore
        frame["breakdown"] = ""
        extra = frame.iloc[[0]].copy()
        extra["breakdown"], extra["value"] = "district", 12345.0
        frame = pd.concat([frame, extra], ignore_index=True)
    return frame


def _baseline(emp_change: float, travel: str) -> pd.DataFrame:
    rows = [
        ("employment_rate", "Employment rate, aged 16 to 64", "per cent", "higher", emp_change,
         "significant" if travel != "no significant change" else "not significant", travel),
        ("inactivity_rate", "Economic inactivity rate, aged 16 to 64", "per cent", "lower",
         -emp_change, "not significant", "no significant change"),
        ("gva_per_hour", "GVA per hour worked", "£ per hour", "higher", 5.0,
         "not a survey estimate (no sampling error)", "improving"),
        ("gva_per_head", "GVA per head", "£ per head", "higher", 100.0,
         "not a survey estimate (no sampling error)", "improving"),
        ("pay_residence", "Median pay", "£ per week", "higher", 50.0, "not significant",
         "no significant change"),
    ]
    return pd.DataFrame([{
        "Theme": "People", "indicator_id": ind, "Indicator": title, "Unit": unit,
        "Better when": better, "Baseline period": "2019", "Baseline value": 70.0,
        "Latest period": "2023", "Latest value": 70.0 + change, "Change": change,
        "Significance test": test, "Direction of travel": trav,
        "Direction judged on": "change, z-test at 5% on the 95% intervals",
        "In the headline set": "no: 3 of 55" if ind == "pay_residence" else "yes",
        "Source": "Annual Population Survey, Office for National Statistics"}
        for ind, title, unit, better, change, test, trav in rows])


def make_reports(root: Path, *, statuses: dict | None = None,
                 with_breakdown: bool = False) -> Path:
    """A reports folder of hand-made packs; ``statuses`` overrides manifest entries."""
    statuses = statuses or {}
    areas = {}
    for k, (code, (name, kind, emp, inact, period)) in enumerate(AREAS.items()):
        entry = {"area_code": code, "area_name": name, "area_type": kind,
                 "status": "succeeded", "error": ""}
        entry.update(statuses.get(code, {}))
        areas[code] = entry
        folder = root / code
        folder.mkdir(parents=True)
        if entry.get("no_pack"):
            continue
        _figures(code, name, emp, inact, period, with_breakdown).to_csv(
            folder / "figures.csv", index=False)
        travel = ("improving", "worsening", "no significant change")[k % 3]
        _baseline(1.0 + k, travel).to_csv(folder / "monitoring_baseline.csv", index=False)
        (folder / "index.html").write_text("<html></html>")
    (root / "manifest.json").write_text(json.dumps(
        {"generated": "2026-11-28T14:32:12", "code_version": "0.1.0", "areas": areas}))
    return root


def test_type_labels_tell_leps_cas_and_custom_areas_apart():
    assert fp.type_label("Greater Manchester", "LEP") == "Greater Manchester (LEP)"
    assert fp.type_label("Greater Manchester", "CA") == "Greater Manchester (CA)"
    assert fp.type_label("Arc", "CUSTOM") == "Arc (custom)"
    assert fp.type_label("Wigan", "LAD") == "Wigan (district)"


def test_ranks_run_in_the_stated_direction_within_each_peer_group():
    values = pd.DataFrame({"area_code": list(AREAS), "area_name": [a[0] for a in AREAS.values()],
                           "value": [a[3] for a in AREAS.values()],
                           "period": [a[4] for a in AREAS.values()]})
    types = {c: a[1] for c, a in AREAS.items()}
    ranked = fp.rank_within_peer_groups(values, types, "lower_is_better").set_index("area_code")
    # inactivity: lower is better, so the lowest LEP figure (Lancashire, 22%) is first
    assert ranked.loc["E37000019", ["rank", "rank_of", "peer_group"]].tolist() == [1, 3, "LEPs"]
    assert ranked.loc["E37000025", "rank"] == 3
    # CAs are ranked among CAs only
    assert ranked.loc["E47000004", ["rank", "rank_of"]].tolist() == [1, 2]
    assert ranked.loc["E47000001", "peer_group"] == "combined authorities"
    # a custom area and a pack from an older release are not ranked, and say why
    assert pd.isna(ranked.loc["script_area", "rank"])
    assert "custom areas" in ranked.loc["script_area", "not_ranked"]
    assert pd.isna(ranked.loc["E37000099", "rank"])
    assert "older release" in ranked.loc["E37000099", "not_ranked"]
    higher = fp.rank_within_peer_groups(values, types, "higher_is_better").set_index("area_code")
    assert higher.loc["E37000025", "rank"] == 1
    assert fp.direction_words("lower_is_better", "economic inactivity") == (
        "lowest economic inactivity first")
    assert fp.direction_words("higher_is_better") == "highest first"


def test_gva_per_head_and_the_gap_are_never_ranked():
    baselines = _baseline(1.0, "improving")
    ids = fp.ranked_indicator_ids(baselines)
    assert "gva_per_head" not in ids and "productivity_gap_gbp" not in ids
    assert ids[:2] == ["employment_rate", "inactivity_rate"]
    assert "gva_per_hour_index" in ids and "pay_residence" not in ids


def test_status_sentence_only_for_a_failed_area():
    ok = fp.status_sentence("A (LEP)", {"status": "succeeded"}, run_date="2026-11-28",
                            pack_exists=True)
    assert ok == ""
    kept = fp.status_sentence(
        "Lancashire (LEP)", {"status": "failed", "error": "ValueError: no data for 1990\n...",
                             "pack_available": True, "pack_built": "2026-11-20T10:00:00"},
        run_date="2026-11-28", pack_exists=False)
    assert kept == ("The latest rebuild of Lancashire (LEP) failed on 28 November 2026: "
                    "ValueError: no data for 1990. The last good pack, from 20 November 2026, "
                    "is linked.")
    none = fp.status_sentence("X (CA)", {"status": "failed", "error": ""},
                              run_date="2026-11-28", pack_exists=False)
    assert none == ("No pack could be built for X (CA): the build of 28 November 2026 failed, "
                    "and the reason was not recorded.")
    # without the manifest fields, the pack's index.html decides
    fallback = fp.status_sentence("X (CA)", {"status": "failed", "error": "boom"},
                                  run_date="2026-11-28", pack_exists=True)
    assert fallback.endswith("The last good pack is linked.")


def test_front_page_compares_places(tmp_path):
    root = make_reports(tmp_path / "reports", with_breakdown=True, statuses={
        "E37000025": {"status": "failed", "error": "RuntimeError: <b>boom</b>\ntraceback",
                      "pack_available": True, "pack_built": "2026-11-01"},
        "E47000004": {"status": "failed", "error": "KeyError: 'x'", "no_pack": True}})
    page = write_front_page(root, maps=False).read_text()
    # type labels, and no Status column
    assert "Greater Manchester (LEP)" in page and "Greater Manchester (CA)" in page
    assert "<th>Status</th>" not in page and ">Status<" not in page
    # escaped everywhere: the custom area's name never reaches the page as markup
    assert "<script>alert(1)</script>" not in page and "<b>boom</b>" not in page
    assert "Test &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co (custom)" in page
    # ranked dot charts for headline indicators only, each naming peer group and direction
    charts = re.findall(r"id='rank-([a-z_0-9]+)'", page)
    assert charts == ["employment_rate", "inactivity_rate", "gva_per_hour_index",
                      "gva_per_job"]
    assert "gva_per_head" not in "".join(charts) and "productivity_gap_gbp" not in charts
    assert "lowest economic inactivity rate first" in page
    assert "LEPs (3), rank 1 = best" in page  # Liverpool's last good pack is ranked too
    assert "1st Lancashire (LEP) 74.0" in page
    assert "England 76.0%" in page
    # the breakdown row (12,345) is not a headline figure
    assert "12,345" not in page and "12345" not in page
    # the pack from an older release is not ranked, and the page says so
    assert "built with an older release" in page and "Older Pack (LEP): 99.0% in 2022" in page
    # failed areas: one plain sentence each, and nothing about status for the others
    assert ("The latest rebuild of Liverpool City Region (LEP) failed on 28 November 2026: "
            "RuntimeError: &lt;b&gt;boom&lt;/b&gt;. The <a href='E37000025/index.html'>last "
            "good pack</a>, from 1 November 2026, is linked.") in page
    assert ("No pack could be built for Liverpool City Region (CA): the build of 28 November "
            "2026 failed (KeyError: 'x').") in page
    assert page.count("failed on") == 1 and page.count("No pack could be built") == 1
    assert "succeeded" not in page
    assert "href='E37000025/index.html'" in page  # the last good pack is linked
    assert "href='E47000004/index.html'" not in page
    # change since the baseline, with its significance
    assert "Change since the baseline" in page and "How change is judged" in page
    assert "+1.0 <small>improving</small>" in page
    # print: an A4 page, and tables in a scrolling container
    assert "size: A4" in page and page.count("<div class='lis-scroll'>") >= 3


def test_front_page_without_figures_columns_or_baselines(tmp_path):
    root = tmp_path / "reports"
    root.mkdir()
    (root / "manifest.json").write_text(json.dumps({"generated": "2026-11-28", "areas": {
        "E37000015": {"area_name": "Greater Manchester", "area_type": "LEP",
                      "status": "failed", "error": "no data"}}}))
    page = write_front_page(root, maps=False).read_text()
    assert ("No pack could be built for Greater Manchester (LEP): the build of 28 November "
            "2026 failed (no data).") in page
    assert "failed" in page  # as tests/test_reports.py checks after a failed build
    assert "No pack holds a monitoring baseline yet." in page


@pytest.mark.integration
def test_front_page_maps_on_real_boundaries(tmp_path):
    """Maps of real LEPs and CAs (district boundaries from the processed store)."""
    root = make_reports(tmp_path / "reports")
    page = write_front_page(root).read_text()
    assert "could not be drawn" not in page
    maps = re.findall(r'<svg[^>]*aria-label="([^"]*Small maps of[^"]*)"', page)
    assert len(maps) == 2
    assert maps[0].startswith("Most often in the best fifth of the LEPs")
    assert "Small maps of 3 LEPs" in maps[0] and "Small maps of 2 combined" in maps[1]
    assert "Not mapped, because their districts are not in the current area catalogue: " \
           "Older Pack (LEP)." in page
    assert "Not mapped (custom areas" in page and "(custom)" in page


@pytest.mark.integration
def test_front_page_on_built_packs(tmp_path):
    """On the packs of the last ``make reports`` (skipped when there are none)."""
    from lis_analytics.report.batch import reports_dir

    built = reports_dir()
    if not (built / "manifest.json").is_file():
        pytest.skip("no built packs: run `make reports` first")
    root = tmp_path / "reports"
    root.mkdir()
    shutil.copy(built / "manifest.json", root)
    for folder in built.iterdir():
        if folder.is_dir():
            (root / folder.name).mkdir()
            for name in ("figures.csv", "monitoring_baseline.csv", "index.html"):
                if (folder / name).is_file():
                    shutil.copy(folder / name, root / folder.name / name)
    page = write_front_page(root, maps=False).read_text()
    manifest = json.loads((root / "manifest.json").read_text())["areas"]
    n_lep = sum(a["area_type"] == "LEP" for a in manifest.values())
    assert f"LEPs ({n_lep}), rank 1 = best" in page or "LEPs (" in page
    assert "id='rank-gva_per_head'" not in page and "id='rank-productivity_gap_gbp'" not in page
    for entry in manifest.values():
        label = fp.type_label(entry["area_name"], entry["area_type"])
        assert label.replace("&", "&amp;") in page


def test_front_page_links_the_growth_plan_view_where_a_pack_has_it(tmp_path):
    root = make_reports(tmp_path / "reports")
    (root / "E47000001" / "growth_plan.html").write_text("<html></html>")
    page = write_front_page(root, maps=False).read_text()
    assert ("<a href='E47000001/growth_plan.html'>Evidence for a Local Growth Plan</a>"
            in page)
    assert page.count("growth_plan.html") == 1  # only the pack that has the view
