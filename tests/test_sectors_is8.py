"""The Industrial Strategy's eight growth sectors (IS-8): list parser, grade rule, bounds,
coverage, ratio-of-sums LQ, wording, and Greater Manchester's figures on the real data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lis_analytics import sectors as S
from lis_analytics.data.registry import Dataset, get_dataset
from lis_analytics.errors import SourceFormatError
from tests.reference import is8_greater_manchester as ref

HEADER = "sector_name,SIC_name,frontier_subsector_ifnotSIC,is_frontier,sic_code\n"


def _definitions(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    """A hand-made definitions table: (sector, row_kind, frontier_industry, sic_code)."""
    return pd.DataFrame(rows, columns=["sector", "row_kind", "frontier_industry", "sic_code"])


# ---------------------------------------------------------------- the list's parser


def _parse(tmp_path, text: str) -> pd.DataFrame:
    from lis_analytics.data import parsers

    parsers.load_parser_modules()
    path = tmp_path / "defs.csv"
    path.write_text(text, encoding="utf-8")
    ds: Dataset = get_dataset("is8_sector_definitions")
    return parsers.PARSERS[ds.parser](ds, [path])


def test_parser_reads_the_transcription_layout(tmp_path):
    out = _parse(tmp_path, "\ufeff" + HEADER
                 + "Financial Services,Financial service activities,NA,0,64\n"
                 + "Financial Services,,Fintech,1,NA\n"
                 + "Clean Energy,NA,Hydrogen,1,NA\n"
                 + "Foundational industries and inputs,Ports things,Ports,2,52241\n")
    assert out["sector"].tolist() == ["Financial Services", "Financial Services",
                                      "Clean Energy Industries",
                                      "Foundational industries and inputs"]
    assert out["row_kind"].tolist() == ["sector", "frontier", "frontier", "foundational"]
    assert out["sic_code"].tolist() == ["64", "", "", "52241"]
    assert out["sic_level"].tolist() == ["division", "", "", "subclass"]
    assert out["definition_basis"].tolist() == ["SIC", "non-SIC", "non-SIC", "SIC"]
    assert out["frontier_industry"].tolist() == ["", "Fintech", "Hydrogen", "Ports"]


@pytest.mark.parametrize("text, match", [
    ("sector,sic\nA,64\n", "expected columns"),
    (HEADER + "Defence,x,NA,3,254\n", "is_frontier must be 0, 1 or 2"),
    (HEADER + "Defence,x,NA,0,25.4\n", "not an undotted SIC 2007 code"),
    (HEADER + "Defence,x,NA,0,NA\n", "neither a SIC code nor a frontier industry"),
])
def test_parser_rejects_a_changed_layout_with_a_clear_error(tmp_path, text, match):
    with pytest.raises(SourceFormatError, match=match):
        _parse(tmp_path, text)


# ---------------------------------------------------------------- the grade rule


def test_grade_rule_covers_each_grade():
    poor = _definitions([("C", "frontier", "Hydrogen", ""), ("C", "frontier", "Wind", "")])
    proxy = _definitions([("D", "sector", "", "254"), ("D", "sector", "", "304"),
                          ("D", "frontier", "Combat air", "")])
    partial = _definitions([("F", "sector", "", "64"), ("F", "frontier", "Asset", "663"),
                            ("F", "frontier", "Fintech", "")])
    well = _definitions([("P", "sector", "", "69"), ("P", "frontier", "", "691")])
    assert [S.derive_grade(d) for d in (poor, proxy, partial, well)] == \
        ["poor", "proxy", "partial", "well defined"]
    # a whole division makes it partial, not proxy, even when all frontier industries are
    # non-SIC (Digital and Technologies, Life Sciences)
    assert S.derive_grade(_definitions([("L", "sector", "", "21"),
                                        ("L", "frontier", "MedTech", "")])) == "partial"
    # a frontier industry is SIC when any of its rows has a code
    mixed = _definitions([("A", "sector", "", "20"), ("A", "frontier", "Space", "303"),
                          ("A", "frontier", "Space", "")])
    assert S.derive_grade(mixed) == "well defined"


def test_config_grade_that_disagrees_with_the_rule_is_refused():
    defs = _definitions([("Defence", "sector", "", "254"),
                         ("Defence", "frontier", "Drones", "")])
    cfg = [{"id": "d", "name": "Defence", "short": "Defence", "grade": "partial",
            "reason": "r"}]
    with pytest.raises(ValueError, match="grades it 'partial' but the list's rows give 'proxy'"):
        S.load_growth_sectors(defs, cfg)
    with pytest.raises(ValueError, match="not in config"):
        S.load_growth_sectors(_definitions([("Space", "sector", "", "303")]), cfg)
    with pytest.raises(ValueError, match="is not one of"):
        S.load_growth_sectors(defs, [{**cfg[0], "grade": "good"}])


def test_foundational_rows_are_not_one_of_the_eight():
    defs = _definitions([("Defence", "sector", "", "254"),
                         ("Defence", "frontier", "Drones", ""),
                         (S.growth_sectors.FOUNDATIONAL, "foundational", "Steel", "241")])
    cfg = [{"id": "d", "name": "Defence", "short": "Defence", "grade": "proxy", "reason": "r"}]
    assert [s.name for s in S.load_growth_sectors(defs, cfg)] == ["Defence"]


# ---------------------------------------------------------------- bounds and coverage


def test_bounds_of_a_mixed_level_definition():
    # division 64 whole, group 303 inside division 30, class 3316 inside 33, subclass 62011
    codes = S.normalise_codes(["64", "643", "303", "3316", "62011"])
    assert codes == ("303", "3316", "62011", "64")
    divisions = {c: {c} for c in ("30", "33", "62", "64", "65")}
    b = S.category_bounds(codes, divisions)
    assert b.lower == ("64",)
    assert b.upper == ("30", "33", "62", "64")
    assert b.partial == ("30", "33", "62") and not b.exact
    # coarser categories: a category is in the lower bound only if all its divisions are in
    gva = {"K (64-66)": {"64", "65", "66"}, "CI-CL (26-30)": {str(d) for d in range(26, 31)}}
    b = S.category_bounds(("64", "65", "66"), gva)
    assert b.lower == b.upper == ("K (64-66)",) and b.exact
    b = S.category_bounds(("64", "65"), gva)
    assert b.lower == () and b.upper == ("K (64-66)",)
    # a division of the definition that no category publishes makes it inexact
    assert S.category_bounds(("64", "99"), {"64": {"64"}}).unpublished == ("99",)
    assert not S.category_bounds(("64", "99"), {"64": {"64"}}).exact


def test_coverage_is_weighted_by_the_sources_own_england_figures():
    s = S.GrowthSector("x", "X", "X", "partial", "", ("21", "266"))
    census = pd.Series({"21": 30.0, "26": 70.0, "10": 900.0})
    t = S.coverage_table([s], {"Census 2021": census})
    assert t.loc[0, "coverage"] == pytest.approx(30.0 / 100.0)
    assert t.loc[0, "lower"] == "21" and t.loc[0, "partial"] == "26"
    poor = S.GrowthSector("c", "C", "C", "poor", "", ())
    assert np.isnan(S.coverage_table([poor], {"Census 2021": census}).loc[0, "coverage"])


# ---------------------------------------------------------------- per area


def test_location_quotient_is_a_ratio_of_sums_over_districts():
    # two districts of very different size: the area's LQ is that of the summed counts,
    # not the mean of the districts' LQs
    districts = pd.DataFrame({"64": [90.0, 1.0], "10": [10.0, 999.0]}, index=["D1", "D2"])
    england = pd.Series({"64": 100.0, "10": 900.0})
    matrix = pd.DataFrame([districts.sum(), england], index=["area", "benchmark"])
    s = S.GrowthSector("f", "F", "F", "partial", "", ("64",))
    row = S.sector_jobs(matrix, [s]).iloc[0]
    assert row["jobs_lower"] == 91.0
    assert row["share_lower"] == pytest.approx(91.0 / 1100.0)
    assert row["lq_lower"] == pytest.approx((91.0 / 1100.0) / (100.0 / 1000.0))
    mean_of_lqs = np.mean([(90 / 100) / 0.1, (1 / 1000) / 0.1])
    assert row["lq_lower"] != pytest.approx(mean_of_lqs)


def test_gva_only_where_the_gva_industries_capture_the_definition():
    cp = pd.DataFrame({"K (64-66)": [10.0, 100.0], "72-75": [5.0, 100.0],
                       "69": [5.0, 300.0]}, index=["area", "benchmark"])
    exact = S.GrowthSector("f", "F", "F", "partial", "", ("64", "65", "66"))
    coarse = S.GrowthSector("p", "P", "P", "well defined", "", ("69", "72"))
    poor = S.GrowthSector("c", "C", "C", "poor", "", ())
    out = S.sector_gva(cp, cp, cp * 1.2, [exact, coarse, poor]).set_index("sector_id")
    assert out.loc["f", "gva"] == 10.0 and out.loc["f", "gva_lq"] == pytest.approx(2.5)
    assert out.loc["f", "real_growth"] == pytest.approx(0.2)
    assert np.isnan(out.loc["p", "gva"]) and "72-75 holds only part" in \
        out.loc["p", "gva_missing_reason"]
    assert out.loc["c", "gva_missing_reason"] == "no SIC code: SIC data cannot measure it"


def test_poor_and_proxy_sectors_are_never_called_strengths():
    grades = {g: S.GrowthSector(g, g, g, g, "", () if g == "poor" else ("254",))
              for g in S.growth_sectors.GRADES}
    claims = {g: S.strength_claim(s, 3.0, 1.25) for g, s in grades.items()}
    assert claims == {"well defined": "strength", "partial": "strength",
                      "proxy": "proxy: no claim", "poor": "not measurable"}
    assert S.strength_claim(grades["proxy"], 0.5, 1.25) == "proxy: no claim"
    assert S.strength_claim(grades["partial"], 1.2, 1.25) == "not a strength"
    assert S.strength_claim(grades["partial"], float("nan"), 1.25) == "not a strength"


# ---------------------------------------------------------------- real data


@pytest.fixture(scope="module")
def gm():
    import lis_analytics as la
    from lis_analytics.chapters import sectors as chapter

    return chapter.analyse(la.get_area(ref.AREA), chapter.load_inputs())


@pytest.mark.integration
def test_config_grades_follow_the_rule_on_the_registered_list():
    from lis_analytics.data import load_table

    eight = S.load_growth_sectors(load_table("is8_sector_definitions"))  # raises on disagreement
    assert [s.name for s in eight] == [
        "Advanced Manufacturing", "Clean Energy Industries", "Creative Industries", "Defence",
        "Digital and Technologies", "Financial Services", "Life Sciences",
        "Professional and Business Services"]
    grades = {s.name: s.grade for s in eight}
    assert grades["Clean Energy Industries"] == "poor" and grades["Defence"] == "proxy"
    assert {s.name: s.codes for s in eight}["Defence"] == ("254", "304")


@pytest.mark.integration
def test_greater_manchester_shows_all_eight_sectors_with_grades(gm):
    t = gm.is8.set_index("sector")
    assert len(t) == 8 and t["grade"].isin(S.growth_sectors.GRADES).all()
    assert t["label"].str.contains("SIC coverage: ").all()
    fs = t.loc["Financial Services"]
    assert fs["jobs_lower"] == fs["jobs_upper"] == ref.JOBS
    assert sum(d[3] for d in ref.DISTRICTS.values()) == ref.TOTAL
    assert fs["share_lower"] == pytest.approx(ref.SHARE)
    assert fs["benchmark_share_lower"] == pytest.approx(ref.ENGLAND_SHARE)
    assert fs["lq_lower"] == pytest.approx(ref.LQ, abs=5e-5)
    assert np.isfinite(fs["gva"]) and fs["gva_missing_reason"] == ""
    clean = t.loc["Clean Energy Industries"]
    assert np.isnan(clean["jobs_lower"]) and np.isnan(clean["lq_lower"])
    assert clean["claim"] == "not measurable"
    assert t.loc["Defence", "claim"] != "strength"
    # GVA is missing, with a reason, wherever the GVA industries do not capture the sector
    no_gva = t[t["gva"].isna()]
    assert (no_gva["gva_missing_reason"] != "").all()
    cov = gm.is8_coverage
    assert set(cov["source"]) == {"Census 2021", "GVA", "BRES"}
    assert cov.set_index(["sector", "source"]).loc[("Financial Services", "GVA"),
                                                   "coverage"] == 1.0


# ---------------------------------------------------------------- download path


@pytest.mark.integration
def test_list_downloads_from_the_publisher_url_and_reads_as_the_mirror_copy(
        mirror, tmp_path, monkeypatch):
    """The transcription served (with a byte-order mark, as GitHub may serve it) from a local
    server at its registered URL builds the same table as the mirror copy."""
    from lis_analytics.data import store
    from lis_analytics.data.store import build_one, load_dataset, table_build
    from tests.http_server import LocalServer

    ds = get_dataset("is8_sector_definitions")
    body = b"\xef\xbb\xbf" + (mirror / ds.files[0].mirror_path).read_bytes()
    expected = load_dataset("is8_sector_definitions").reset_index(drop=True)
    monkeypatch.delenv("LIS_DATA_MIRROR", raising=False)
    for name, sub in [("LIS_DATA_CACHE", "raw"), ("LIS_DATA_PROCESSED", "processed"),
                      ("LIS_DATA_LOCK", "lock.json")]:
        monkeypatch.setenv(name, str(tmp_path / sub))
    store._memory.clear()
    url = ds.files[0].url
    with LocalServer() as server:
        monkeypatch.setenv("LIS_URL_REWRITE", f"https://={server.url}/https/")
        server.routes["/https/" + url[len("https://"):]] = body
        status, _ = build_one("is8_sector_definitions")
        table = load_dataset("is8_sector_definitions").reset_index(drop=True)
        origin = table_build("is8_sector_definitions")["sources"][0]["origin"]
        requests = list(server.requests)
    store._memory.clear()
    assert status == "built" and origin in ("web", "cache")  # downloaded, no mirror
    assert requests == ["/https/" + url[len("https://"):]]
    pd.testing.assert_frame_equal(table, expected)


@pytest.mark.integration
def test_without_bres_the_chapter_runs_and_says_so(monkeypatch):
    import lis_analytics as la
    from lis_analytics.chapters import sectors as chapter
    from lis_analytics.errors import DataUnavailableError
    from lis_analytics.present.text import sectors as text

    real = chapter.load_table

    def no_bres(table_id):
        if table_id == chapter.BRES:
            raise DataUnavailableError("bres_itl2_division: no mirror copy")
        return real(table_id)

    monkeypatch.setattr(chapter, "load_table", no_bres)
    inputs = chapter.load_inputs()
    assert inputs.bres_england is None
    r = chapter.analyse(la.get_area("E08000010"), inputs)  # Wigan, one district
    assert set(r.is8_coverage["source"]) == {"Census 2021", "GVA"} and len(r.is8) == 8
    assert any("BRES was not available" in n for n in text.data_notes(r))
