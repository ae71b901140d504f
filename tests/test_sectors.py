"""Tests for lis_analytics.sectors: known answers, identities and input checks."""

from __future__ import annotations

import math
import textwrap

import numpy as np
import pandas as pd
import pytest

from lis_analytics import sectors as S
from tests.reference import shift_share as ref_ss

# Industry codes exactly as in the ONS April 2025 "regional GVA by industry: local
# authorities by ITL1 region" workbooks (and the data layer's gva_lad_industry table).
LAD_GVA_CODES = [
    "Total", "A-E", "AB (1-9)", "C (10-33)", "CA-CB (10-15)", "CC (16-18)", "CD-CG (19-23)",
    "CH (24-25)", "CI-CL (26-30)", "CM (31-33)", "DE (35-39)", "F (41-43)", "41", "42", "43",
    "G-T", "G (45-47)", "45", "46", "47", "H (49-53)", "49-51", "52-53", "I (55-56)",
    "J (58-63)", "58-60", "61-63", "K (64-66)", "L (68)", "68IMP", "68", "M (69-75)", "69",
    "70", "71", "72-75", "N (77-82)", "77", "78-80", "81", "82", "O (84)", "P (85)",
    "Q (86-88)", "R (90-93)", "S (94-96)", "94-95", "96", "T (97-98)",
]  # fmt: skip
LAD_SECTIONS = [
    "AB (1-9)", "C (10-33)", "DE (35-39)", "F (41-43)", "G (45-47)", "H (49-53)", "I (55-56)",
    "J (58-63)", "K (64-66)", "L (68)", "M (69-75)", "N (77-82)", "O (84)", "P (85)",
    "Q (86-88)", "R (90-93)", "S (94-96)", "T (97-98)",
]  # fmt: skip
LAD_FINEST = [
    "AB (1-9)", "CA-CB (10-15)", "CC (16-18)", "CD-CG (19-23)", "CH (24-25)", "CI-CL (26-30)",
    "CM (31-33)", "DE (35-39)", "41", "42", "43", "45", "46", "47", "49-51", "52-53",
    "I (55-56)", "58-60", "61-63", "K (64-66)", "68IMP", "68", "69", "70", "71", "72-75", "77",
    "78-80", "81", "82", "O (84)", "P (85)", "Q (86-88)", "R (90-93)", "94-95", "96",
    "T (97-98)",
]  # fmt: skip


def random_counts(seed: int, n_areas: int = 6, n_industries: int = 5) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    values = rng.gamma(2.0, 500.0, size=(n_areas, n_industries))
    return pd.DataFrame(
        values,
        index=[f"E0600000{i}" for i in range(n_areas)],
        columns=list("ACFGHIJKLMNPQRS")[:n_industries],
    )


# --------------------------------------------------------------------------- SIC helpers


@pytest.mark.parametrize(
    ("division", "section"),
    [
        (1, "A"), (3, "A"), (5, "B"), (9, "B"), (10, "C"), (33, "C"), (35, "D"), (36, "E"),
        (39, "E"), (41, "F"), (43, "F"), (45, "G"), (47, "G"), (49, "H"), (53, "H"), (55, "I"),
        (56, "I"), (58, "J"), (63, "J"), (64, "K"), (66, "K"), (68, "L"), (69, "M"), (75, "M"),
        (77, "N"), (82, "N"), (84, "O"), (85, "P"), (86, "Q"), (88, "Q"), (90, "R"), (93, "R"),
        (94, "S"), (96, "S"), (97, "T"), (98, "T"), (99, "U"),
    ],
)  # fmt: skip
def test_division_to_section_boundaries(division, section):
    assert S.sic_division_to_section(division) == section
    assert S.sic_division_to_section(f"{division:02d}") == section
    assert S.sic_division_to_section(str(division)) == section


def test_division_to_section_accepts_dotted_codes_and_census_48():
    assert S.sic_division_to_section("47.11") == "G"
    assert S.sic_division_to_section(np.int64(62)) == "J"
    assert S.sic_division_to_section("48") == "G"  # Census 2021 pseudo-division


@pytest.mark.parametrize("bad", [0, 4, 34, 40, 44, 54, 57, 67, 76, 83, 89, 100, "4711", "x"])
def test_division_to_section_rejects_non_divisions(bad):
    with pytest.raises(ValueError, match="SIC 2007 division"):
        S.sic_division_to_section(bad)


def test_division_to_section_type_error():
    with pytest.raises(TypeError):
        S.sic_division_to_section(1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        S.sic_division_to_section(True)


def test_sections_table_covers_88_divisions():
    table = S.sic2007_sections()
    assert table["section"].tolist() == list("ABCDEFGHIJKLMNOPQRSTU")
    n = sum(hi - lo + 1 for lo, hi in zip(table.first_division, table.last_division, strict=True))
    assert n == 88  # SIC 2007 has 88 divisions
    assert S.sic_section_name("c") == "Manufacturing"
    with pytest.raises(ValueError):
        S.sic_section_name("V")


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("C (10-33)", {f"{d}" for d in range(10, 34)}),
        ("AB (1-9)", {"01", "02", "03", "05", "06", "07", "08", "09"}),
        ("49-51", {"49", "50", "51"}),
        ("5-8", {"05", "06", "07", "08"}),
        ("01", {"01"}),
        ("1", {"01"}),
        ("68IMP", {"68IMP"}),
        ("68", {"68"}),
        ("L (68)", {"68", "68IMP"}),
        ("L", {"68", "68IMP"}),
        ("R,S", {"90", "91", "92", "93", "94", "95", "96"}),
        ("DE (35-39)", {"35", "36", "37", "38", "39"}),
        ("41, 42", {"41", "42"}),
    ],
)
def test_industry_code_divisions(code, expected):
    assert S.industry_code_divisions(code) == frozenset(expected)


def test_industry_code_divisions_totals_and_ranges():
    everything = S.industry_code_divisions("Total")
    assert len(everything - {"68IMP"}) == 88
    assert S.industry_code_divisions("G-T") == frozenset().union(
        *(S.industry_code_divisions(s) for s in "GHIJKLMNOPQRST")
    )


@pytest.mark.parametrize("bad", ["Manufacturing", "CA", "34", "10-34", "33-10", "V", ""])
def test_industry_code_divisions_rejects(bad):
    with pytest.raises(ValueError):
        S.industry_code_divisions(bad)


def test_select_level_on_real_lad_gva_codes():
    assert S.select_industry_level(LAD_GVA_CODES, "section") == LAD_SECTIONS
    assert S.select_industry_level(LAD_GVA_CODES, "finest") == LAD_FINEST
    no_imputed = S.select_industry_level(LAD_GVA_CODES, "section", exclude_imputed_rent=True)
    assert no_imputed == [c if c != "L (68)" else "68" for c in LAD_SECTIONS]
    finest_no_imputed = S.select_industry_level(LAD_GVA_CODES, "finest", exclude_imputed_rent=True)
    assert finest_no_imputed == [c for c in LAD_FINEST if c != "68IMP"]
    assert S.describe_industry_level(LAD_SECTIONS) == "section"
    assert S.describe_industry_level(no_imputed) == "section"
    assert S.describe_industry_level(LAD_FINEST) == "mixed"


def test_select_level_splits_sections_when_available():
    # ITL workbook style: A, B and AB all present -> A and B are the sections.
    codes = ["Total", "A (1-3)", "01", "2-3", "02", "03", "B (5-9)", "5-8", "09", "AB (1-9)"]
    assert S.select_industry_level(codes, "section") == ["A (1-3)", "B (5-9)"]
    assert S.select_industry_level(codes, "finest") == ["01", "02", "03", "5-8", "09"]


def test_select_level_errors():
    with pytest.raises(ValueError, match="aggregate_to_sections"):
        S.select_industry_level(["01", "02", "03"], "section")
    with pytest.raises(ValueError, match="duplicate"):
        S.select_industry_level(["C", "C (10-33)"], "section")
    with pytest.raises(ValueError, match="overlapping"):
        S.select_industry_level(["10-15", "14-20"], "finest")
    with pytest.raises(ValueError):
        S.select_industry_level(["Total"], "section")
    with pytest.raises(ValueError):
        S.select_industry_level(["A"], "division")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- tidy -> matrix


def make_tidy() -> pd.DataFrame:
    rows = []
    data = {
        ("E06000001", "2021"): {"Total": 60.0, "A": 10.0, "C": 20.0, "G": 30.0},
        ("E06000001", "2022"): {"Total": 66.0, "A": 11.0, "C": 22.0, "G": 33.0},
        ("E06000002", "2021"): {"Total": 45.0, "A": 5.0, "C": np.nan, "G": 25.0},
        ("E06000002", "2022"): {"Total": 50.0, "A": 6.0, "C": 16.0, "G": 28.0},
    }
    for (area, period), values in data.items():
        for code, value in values.items():
            for measure, basis in (("gva_current_prices", "current prices"),
                                   ("gva_cvm", "chained volume measure (2022 money)")):  # fmt: skip
                rows.append(
                    {
                        "dataset_id": "test", "area_code": area, "area_name": area,
                        "geography": "LAD", "code_vintage": "LAD23", "period": period,
                        "measure": measure, "value": value, "unit": "GBP million",
                        "price_basis": basis, "flag": "[c]" if np.isnan(value) else "",
                        "industry_code": code, "industry_name": code,
                    }
                )  # fmt: skip
    return pd.DataFrame(rows)


def test_industry_matrix_builds_and_records_attrs():
    tidy = make_tidy()
    m = S.industry_matrix(tidy, "gva_current_prices", 2021, industries="section")
    assert list(m.columns) == ["A", "C", "G"]
    assert list(m.index) == ["E06000001", "E06000002"]
    assert np.isnan(m.loc["E06000002", "C"])
    assert m.attrs["measure"] == "gva_current_prices"
    assert m.attrs["price_basis"] == "current prices"
    assert m.attrs["period"] == "2021"
    full = S.industry_matrix(tidy, "gva_current_prices", "2021")
    assert "Total" in full.columns
    subset = S.industry_matrix(tidy, "gva_current_prices", "2022", industries=["G", "A"],
                               area_codes=["E06000002"])  # fmt: skip
    assert subset.to_dict("index") == {"E06000002": {"G": 28.0, "A": 6.0}}


def test_industry_matrix_errors():
    tidy = make_tidy()
    with pytest.raises(ValueError, match="available"):
        S.industry_matrix(tidy, "jobs", 2021)
    with pytest.raises(ValueError, match="2030"):
        S.industry_matrix(tidy, "gva_current_prices", 2030)
    with pytest.raises(ValueError, match="not in the table"):
        S.industry_matrix(tidy, "gva_current_prices", 2021, industries=["Q"])
    with pytest.raises(ValueError, match="no 'gva_current_prices' rows"):
        S.industry_matrix(tidy, "gva_current_prices", 2021, area_codes=["E09000001"])
    doubled = pd.concat([tidy, tidy.assign(dataset_id="other")])
    with pytest.raises(ValueError, match="dataset_id"):
        S.industry_matrix(doubled, "gva_current_prices", 2021)
    with pytest.raises(ValueError, match="lacks column"):
        S.industry_matrix(tidy.drop(columns="measure"), "gva_current_prices", 2021)


def test_industry_panel_aligns_periods():
    panel = S.industry_panel(make_tidy(), "gva_current_prices", industries="section")
    assert list(panel) == ["2021", "2022"]
    assert all(list(m.columns) == ["A", "C", "G"] for m in panel.values())


def test_cvm_is_refused_by_additive_methods():
    tidy = make_tidy()
    cvm21 = S.industry_matrix(tidy, "gva_cvm", 2021, industries="section").fillna(1.0)
    cvm22 = S.industry_matrix(tidy, "gva_cvm", 2022, industries="section")
    for call in (
        lambda: S.sector_shares(cvm21),
        lambda: S.location_quotients(cvm21),
        lambda: S.shift_share(cvm21, cvm22),
        lambda: S.grouping_summary(cvm22),
        lambda: S.aggregate_industries(cvm22, {"A": "x", "C": "x", "G": "y"}),
    ):
        with pytest.raises(ValueError, match="not add up"):
            call()


# --------------------------------------------------------------------------- shares and LQ

# Two areas, three industries, benchmark = their sum (150 jobs):
#   E1: A 20, C 60, G 20 (100)  shares 0.2 0.6 0.2
#   E2: A 10, C 10, G 30 (50)   shares 0.2 0.2 0.6
#   N : A 30, C 70, G 50 (150)  shares 0.2 0.4667 0.3333
SMALL = pd.DataFrame({"A": [20.0, 10.0], "C": [60.0, 10.0], "G": [20.0, 30.0]}, index=["E1", "E2"])


def test_shares_sum_to_one_and_known_values():
    shares = S.sector_shares(SMALL)
    assert shares.loc["E1"].tolist() == pytest.approx([0.2, 0.6, 0.2])
    counts = random_counts(1)
    np.testing.assert_allclose(S.sector_shares(counts).sum(axis=1), 1.0, rtol=0, atol=1e-12)


def test_shares_with_published_totals_and_suppression():
    counts = SMALL.copy()
    counts.loc["E2", "C"] = np.nan
    with pytest.raises(ValueError, match="area_totals"):
        S.sector_shares(counts)
    shares = S.sector_shares(counts, area_totals=pd.Series({"E1": 100.0, "E2": 50.0}))
    assert np.isnan(shares.loc["E2", "C"])
    assert shares.loc["E2", ["A", "G"]].tolist() == pytest.approx([0.2, 0.6])
    with pytest.raises(ValueError, match="smaller than the sum"):
        S.sector_shares(SMALL, area_totals=pd.Series({"E1": 10.0, "E2": 50.0}))
    with pytest.raises(ValueError, match="no value for E2"):
        S.sector_shares(SMALL, area_totals=pd.Series({"E1": 100.0}))


def test_input_errors_name_the_problem():
    with pytest.raises(ValueError, match="zero total for area.*E3"):
        S.sector_shares(pd.concat([SMALL, pd.DataFrame({"A": [0.0], "C": [0.0], "G": [0.0]},
                                                       index=["E3"])]))  # fmt: skip
    with pytest.raises(ValueError, match="negative values.*E1/C=-1"):
        S.sector_shares(SMALL.assign(C=[-1.0, 10.0]))
    with pytest.raises(ValueError, match="total column 'Total'"):
        S.sector_shares(SMALL.assign(Total=[100.0, 50.0]))
    with pytest.raises(ValueError, match="overlap"):
        S.sector_shares(pd.DataFrame({"C (10-33)": [1.0], "CA-CB (10-15)": [1.0]}))
    with pytest.raises(TypeError, match="DataFrame"):
        S.sector_shares(SMALL["A"])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="numbers"):
        S.sector_shares(SMALL.assign(A=["x", "y"]))
    with pytest.raises(ValueError, match="duplicate area"):
        S.sector_shares(pd.concat([SMALL, SMALL]))


def test_location_quotients_known_values():
    lq = S.location_quotients(SMALL)
    assert lq.loc["E1"].tolist() == pytest.approx([1.0, 0.6 / (70 / 150), 0.6])
    assert lq.loc["E2"].tolist() == pytest.approx([1.0, 0.2 / (70 / 150), 1.8])
    diff = S.location_quotients(SMALL, kind="difference")
    assert diff.loc["E1", "C"] == pytest.approx(0.6 - 70 / 150)
    pd.testing.assert_frame_equal(diff, S.location_quotients(SMALL, kind="additive"))
    log = S.location_quotients(SMALL, kind="log")
    np.testing.assert_allclose(log, np.log(lq))
    sym = S.location_quotients(SMALL, kind="symmetric")
    np.testing.assert_allclose(sym, (lq - 1) / (lq + 1))


def test_log_lq_of_absent_industry_is_minus_infinity():
    counts = SMALL.assign(A=[0.0, 30.0])
    assert S.location_quotients(counts, kind="log").loc["E1", "A"] == -np.inf


def test_lq_weighted_means_equal_one():
    counts = random_counts(7, n_areas=9, n_industries=6)
    lq = S.location_quotients(counts)
    area_weights = counts.sum(axis=1) / counts.to_numpy().sum()
    # Industry by industry, the area-size-weighted mean LQ is 1 ...
    np.testing.assert_allclose(lq.mul(area_weights, axis=0).sum(axis=0), 1.0, atol=1e-12)
    # ... and area by area, the benchmark-share-weighted mean LQ is 1.
    bench_share = counts.sum(axis=0) / counts.to_numpy().sum()
    np.testing.assert_allclose((lq * bench_share).sum(axis=1), 1.0, atol=1e-12)


def test_lq_benchmark_row_and_series_agree():
    counts = random_counts(3)
    with_england = pd.concat([counts, counts.sum().to_frame("E92000001").T])
    by_row = S.location_quotients(with_england, "E92000001").drop(index="E92000001")
    by_series = S.location_quotients(counts, counts.sum())
    by_default = S.location_quotients(counts)
    pd.testing.assert_frame_equal(by_row, by_default, check_names=False)
    pd.testing.assert_frame_equal(by_series, by_default)
    assert S.location_quotients(with_england, "E92000001").loc["E92000001"].tolist() == (
        pytest.approx([1.0] * counts.shape[1])
    )


def test_lq_benchmark_errors():
    with pytest.raises(ValueError, match="misaligned"):
        S.location_quotients(SMALL, pd.Series({"A": 1.0, "C": 1.0}))
    with pytest.raises(ValueError, match="misaligned"):
        S.location_quotients(SMALL, pd.Series({"A": 1.0, "C": 1.0, "G": 1.0, "Q": 1.0}))
    with pytest.raises(ValueError, match="not a row"):
        S.location_quotients(SMALL, "E92000001")
    with pytest.raises(ValueError, match="zero for industries F"):
        S.location_quotients(SMALL.assign(F=[0.0, 0.0]))
    suppressed = SMALL.copy()
    suppressed.loc["E1", "A"] = np.nan
    with pytest.raises(ValueError, match="pass benchmark="):
        S.location_quotients(suppressed, area_totals=pd.Series({"E1": 100.0, "E2": 50.0}))


def test_lq_with_suppressed_cells_and_benchmark_row():
    counts = pd.DataFrame(
        {"A": [np.nan, 10.0, 30.0], "C": [60.0, 10.0, 70.0], "G": [20.0, 30.0, 50.0]},
        index=["E1", "E2", "ENG"],
    )
    totals = pd.Series({"E1": 100.0, "E2": 50.0, "ENG": 150.0})
    lq = S.location_quotients(counts, "ENG", area_totals=totals)
    assert np.isnan(lq.loc["E1", "A"])
    assert lq.loc["E1", "C"] == pytest.approx(0.6 / (70 / 150))
    assert np.isnan(S.krugman_index(counts, "ENG", area_totals=totals).loc["E1"])


def test_standardised_lq_is_a_z_score_across_areas():
    counts = random_counts(11, n_areas=8, n_industries=4)
    z = S.location_quotients(counts, kind="standardised")
    np.testing.assert_allclose(z.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(z.std(axis=0, ddof=1), 1.0, atol=1e-12)
    with_total = pd.concat([counts, counts.sum().to_frame("ENG").T])
    z_row = S.location_quotients(with_total, "ENG", kind="standardised").drop(index="ENG")
    pd.testing.assert_frame_equal(z_row, z, check_names=False)


def test_krugman_hoover_herfindahl_known_values():
    # K_E1 = |0.2-0.2| + |0.6-0.4667| + |0.2-0.3333| = 0.2667
    assert S.krugman_index(SMALL).tolist() == pytest.approx([4 / 15, 8 / 15])
    # Hoover for C: 0.5 (|60/70 - 100/150| + |10/70 - 50/150|) = 0.1905
    hoover = S.hoover_index(SMALL)
    assert hoover.tolist() == pytest.approx(
        [0.0, 0.5 * 2 * (6 / 7 - 2 / 3), 0.5 * 2 * (2 / 3 - 0.4)]
    )
    pop = pd.Series({"E1": 1.0, "E2": 1.0})
    assert S.hoover_index(SMALL, pop)["A"] == pytest.approx(0.5 * (abs(2 / 3 - 0.5) * 2))
    h = S.herfindahl_index(SMALL)
    assert h.tolist() == pytest.approx([0.44, 0.44])
    assert S.herfindahl_index(SMALL, normalised=True).tolist() == pytest.approx([0.16, 0.16])
    h_areas = S.herfindahl_index(SMALL, across="areas")
    assert h_areas["A"] == pytest.approx((2 / 3) ** 2 + (1 / 3) ** 2)
    even = pd.DataFrame({"A": [1.0], "C": [1.0], "G": [1.0], "Q": [1.0]}, index=["X"])
    assert S.herfindahl_index(even, normalised=True).iloc[0] == pytest.approx(0.0)
    single = pd.DataFrame({"A": [5.0], "C": [0.0], "G": [0.0]}, index=["X"])
    assert S.herfindahl_index(single, normalised=True).iloc[0] == pytest.approx(1.0)
    assert S.krugman_index(single, pd.Series({"A": 0.0, "C": 1.0, "G": 1.0})).iloc[0] == (
        pytest.approx(2.0)
    )


def test_specialisation_bounds_on_random_data():
    counts = random_counts(5, n_areas=12, n_industries=8)
    k = S.krugman_index(counts)
    assert ((k >= 0) & (k <= 2)).all()
    h = S.herfindahl_index(counts, normalised=True)
    assert ((h >= 0) & (h <= 1)).all()
    hv = S.hoover_index(counts)
    assert ((hv >= 0) & (hv <= 1)).all()


# --------------------------------------------------------------------------- shift-share
# Each component is checked against references worked out by hand, with every step written
# down, in tests/reference/shift_share.py (a shared check class, statsmodels style), and on
# random data against its own definition (the competitive effect directly as
# E_ir0 (g_ir - g_iN), not as what is left of the change).


def _frame(rows: dict[str, dict[str, float]]) -> pd.DataFrame:
    return pd.DataFrame.from_dict(rows, orient="index")


SS_START = _frame(ref_ss.GrowingNation.start)
SS_END = _frame(ref_ss.GrowingNation.end)


class CheckShiftShare:
    """Shared checks of :func:`S.shift_share` against one reference of tests.reference."""

    reference: type
    method = "classic"
    components = ("actual_change", "national_share", "industry_mix", "competitive")

    @pytest.fixture(scope="class")
    @classmethod
    def result(cls):
        ref = cls.reference
        return S.shift_share(_frame(ref.start), _frame(ref.end), method=cls.method)

    def _check(self, result, column):
        rows = result.by_industry.set_index(["area_code", "industry_code"])
        for region, expected in self.reference.expected.items():
            got = rows.loc[region].loc[list(self.reference.industries), column]
            assert got.tolist() == pytest.approx(expected[column], abs=1e-12), (region, column)
            total = result.totals.set_index("area_code").loc[region, column]
            assert total == pytest.approx(sum(expected[column]), abs=1e-12), (region, column)

    def test_actual_change(self, result):
        self._check(result, "actual_change")

    def test_national_share(self, result):
        self._check(result, "national_share")

    def test_industry_mix(self, result):
        self._check(result, "industry_mix")

    def test_competitive(self, result):
        self._check(result, "competitive")

    def test_benchmark_growth(self, result):
        ref = self.reference
        rows = result.by_industry[result.by_industry["area_code"] == next(iter(ref.expected))]
        assert rows["benchmark_growth"].tolist() == pytest.approx(
            [ref.benchmark_growth] * len(ref.industries))
        assert rows["benchmark_industry_growth"].tolist() == pytest.approx(
            list(ref.benchmark_industry_growth))


class CheckEstebanMarquillas(CheckShiftShare):
    """Adds the Esteban-Marquillas split of the competitive effect."""

    method = "esteban_marquillas"

    def test_homothetic_start(self, result):
        self._check(result, "homothetic_start")

    def test_homothetic_competitive(self, result):
        self._check(result, "homothetic_competitive")

    def test_allocation(self, result):
        self._check(result, "allocation")


class CheckShiftShareTotals(CheckShiftShare):
    """Area totals of the growing-nation example (growth rates of the area and benchmark)."""

    def test_growth_rates(self, result):
        tot = result.totals.set_index("area_code").loc["R"]
        assert tot["area_growth"] == pytest.approx(70 / 400)
        assert tot["benchmark_growth"] == pytest.approx(self.reference.benchmark_growth)


class TestGrowingNationClassic(CheckShiftShareTotals):
    reference = ref_ss.GrowingNation


class TestGrowingNationEstebanMarquillas(CheckEstebanMarquillas):
    reference = ref_ss.GrowingNation


class TestDecliningNationClassic(CheckShiftShare):
    reference = ref_ss.DecliningNation


class TestDecliningNationEstebanMarquillas(CheckEstebanMarquillas):
    reference = ref_ss.DecliningNation


def test_shift_share_records_its_method():
    assert S.shift_share(SS_START, SS_END).components == (
        "national_share", "industry_mix", "competitive")
    assert S.shift_share(SS_START, SS_END, method="esteban_marquillas").components == (
        "national_share", "industry_mix", "homothetic_competitive", "allocation")


@pytest.mark.parametrize("method", ["classic", "esteban_marquillas"])
def test_shift_share_components_match_their_definitions_on_random_data(method):
    start = random_counts(21, n_areas=10, n_industries=7)
    end = random_counts(22, n_areas=10, n_industries=7)
    result = S.shift_share(start, end, method=method)
    # each component from its definition, with numpy, independently of the implementation
    e0, e1 = start.to_numpy(), end.to_numpy()
    n0, n1 = e0.sum(axis=0), e1.sum(axis=0)
    g_n = n1.sum() / n0.sum() - 1.0
    g_in = n1 / n0 - 1.0
    g_ir = e1 / e0 - 1.0
    expected = {
        "actual_change": e1 - e0,
        "national_share": e0 * g_n,
        "industry_mix": e0 * (g_in - g_n),
        "competitive": e0 * (g_ir - g_in),
    }
    if method == "esteban_marquillas":
        homothetic = np.outer(e0.sum(axis=1), n0 / n0.sum())
        expected["homothetic_start"] = homothetic
        expected["homothetic_competitive"] = homothetic * (g_ir - g_in)
        expected["allocation"] = (e0 - homothetic) * (g_ir - g_in)
    for column, values in expected.items():
        got = result.by_industry.pivot(index="area_code", columns="industry_code",
                                       values=column).loc[start.index, start.columns]
        np.testing.assert_allclose(got.to_numpy(), values, rtol=1e-12, atol=1e-9,
                                   err_msg=column)
        np.testing.assert_allclose(result.totals.set_index("area_code").loc[start.index, column],
                                   values.sum(axis=1), rtol=1e-12, atol=1e-9, err_msg=column)
    np.testing.assert_allclose(
        result.totals["actual_change"], end.sum(axis=1) - start.sum(axis=1), atol=1e-9
    )


def test_industry_mix_sums_to_zero_over_the_nation():
    start = random_counts(31)
    end = random_counts(32)
    tot = S.shift_share(start, end).totals
    # Summed over all areas that make up the benchmark, mix and competitive vanish.
    assert tot["industry_mix"].sum() == pytest.approx(0.0, abs=1e-8)
    assert tot["competitive"].sum() == pytest.approx(0.0, abs=1e-8)


def test_shift_share_benchmark_forms_agree():
    a = S.shift_share(SS_START, SS_END).by_industry
    b = S.shift_share(SS_START, SS_END, benchmark=(SS_START.sum(), SS_END.sum())).by_industry
    pd.testing.assert_frame_equal(a, b)
    start = pd.concat([SS_START, SS_START.sum().to_frame("N").T])
    end = pd.concat([SS_END, SS_END.sum().to_frame("N").T])
    c = S.shift_share(start, end, benchmark="N").by_industry
    pd.testing.assert_frame_equal(c[c["area_code"] != "N"].reset_index(drop=True), a)


def test_shift_share_errors():
    with pytest.raises(ValueError, match="misaligned industries"):
        S.shift_share(SS_START, SS_END[["Z", "Y", "X"]])
    with pytest.raises(ValueError, match="different areas"):
        S.shift_share(SS_START, SS_END.rename(index={"rest": "other"}))
    with pytest.raises(ValueError, match="zero for industries W"):
        S.shift_share(SS_START.assign(W=0.0), SS_END.assign(W=[1.0, 0.0]))
    new = S.shift_share(SS_START.assign(W=[0.0, 5.0]), SS_END.assign(W=[3.0, 5.0]))
    w = new.by_industry.set_index(["area_code", "industry_code"]).loc[("R", "W")]
    assert w["competitive"] == pytest.approx(3.0)  # classic copes with a new industry
    with pytest.raises(ValueError, match="start from zero: R/W"):
        S.shift_share(SS_START.assign(W=[0.0, 5.0]), SS_END.assign(W=[3.0, 5.0]),
                      method="esteban_marquillas")  # fmt: skip
    missing = SS_START.copy()
    missing.loc["R", "X"] = np.nan
    with pytest.raises(ValueError, match="missing"):
        S.shift_share(missing, SS_END)
    with pytest.raises(TypeError, match="tuple"):
        S.shift_share(SS_START, SS_END, benchmark=SS_START.sum())
    with pytest.raises(ValueError, match="method"):
        S.shift_share(SS_START, SS_END, method="arcelus")  # type: ignore[arg-type]


# Dynamic (Barff and Knight 1988) example, computed by hand: see
# tests/reference/shift_share.py (DynamicTwoSteps).
DYN = {period: _frame(rows) for period, rows in ref_ss.DynamicTwoSteps.periods.items()}


def test_dynamic_shift_share_known_answer():
    result = S.dynamic_shift_share(DYN)
    tot = result.totals.set_index("area_code").loc["R"]
    for column, value in ref_ss.DynamicTwoSteps.totals.items():
        assert tot[column] == pytest.approx(value), column
    assert tot["national_share"] == pytest.approx(4 + 45 / 22)
    assert tot["industry_mix"] == pytest.approx(-2 + 21 / 22)
    assert tot["competitive"] == pytest.approx(6.0)
    assert tot["actual_change"] == pytest.approx(11.0)
    assert (tot["start"], tot["end"]) == (40.0, 51.0)
    static = S.shift_share(DYN["2019"], DYN["2021"]).totals.set_index("area_code").loc["R"]
    assert [static["national_share"], static["industry_mix"], static["competitive"]] == (
        pytest.approx([6.0, -1.0, 6.0])
    )
    assert [static[c] for c in ref_ss.DynamicTwoSteps.static_totals] == pytest.approx(
        list(ref_ss.DynamicTwoSteps.static_totals.values()))
    assert result.periods == ("2019", "2021")
    assert set(result.by_step["period_start"]) == {"2019", "2020"}
    assert result.method == "dynamic classic"


@pytest.mark.parametrize("method", ["classic", "esteban_marquillas"])
def test_dynamic_shift_share_sums_the_steps_over_many_years(method):
    panel = {str(2010 + k): random_counts(100 + k, n_areas=5, n_industries=4) for k in range(6)}
    result = S.dynamic_shift_share(panel, method=method)
    # each component is the sum over the year-on-year steps of its definition
    years = sorted(panel)
    expected: dict[str, np.ndarray] = {}
    for a, b in zip(years[:-1], years[1:], strict=True):
        e0, e1 = panel[a].to_numpy(), panel[b].to_numpy()
        n0, n1 = e0.sum(axis=0), e1.sum(axis=0)
        g_n, g_in, g_ir = n1.sum() / n0.sum() - 1.0, n1 / n0 - 1.0, e1 / e0 - 1.0
        step = {"national_share": e0 * g_n, "industry_mix": e0 * (g_in - g_n),
                "competitive": e0 * (g_ir - g_in)}
        if method == "esteban_marquillas":
            homothetic = np.outer(e0.sum(axis=1), n0 / n0.sum())
            step["homothetic_competitive"] = homothetic * (g_ir - g_in)
            step["allocation"] = (e0 - homothetic) * (g_ir - g_in)
        for column, values in step.items():
            expected[column] = expected.get(column, 0.0) + values
    for column, values in expected.items():
        got = result.by_industry.pivot(index="area_code", columns="industry_code",
                                       values=column).loc[panel["2010"].index,
                                                          panel["2010"].columns]
        np.testing.assert_allclose(got.to_numpy(), values, rtol=1e-12, atol=1e-9,
                                   err_msg=column)
    assert set(result.components) <= set(expected)
    first, last = panel["2010"], panel["2015"]
    expected = (last - first).to_numpy().ravel()
    np.testing.assert_allclose(result.by_industry["actual_change"], expected, atol=1e-9)
    one_step = S.dynamic_shift_share({"a": first, "b": last}, method=method)
    static = S.shift_share(first, last, method=method)
    for col in one_step.components:
        np.testing.assert_allclose(one_step.by_industry[col], static.by_industry[col], atol=1e-9)


def test_dynamic_shift_share_benchmark_mapping_and_errors():
    benches = {p: m.sum() for p, m in DYN.items()}
    a = S.dynamic_shift_share(DYN, benchmark=benches).totals
    b = S.dynamic_shift_share(DYN).totals
    pd.testing.assert_frame_equal(a, b)
    with pytest.raises(ValueError, match="at least two"):
        S.dynamic_shift_share({"2019": DYN["2019"]})
    with pytest.raises(ValueError, match="no Series for period"):
        S.dynamic_shift_share(DYN, benchmark={"2019": benches["2019"]})
    with pytest.raises(ValueError, match="misaligned"):
        S.dynamic_shift_share({**DYN, "2022": DYN["2021"][["Y", "X"]]})


# --------------------------------------------------------------------------- productivity

# Hand example: benchmark X: GVA 600 / 10 h = 60, Y: 400 / 20 h = 20; P_N = 1000/30.
# Area R: X 100 / 2 h = 50, Y 64 / 2 h = 32; P_R = 164/4 = 41; s_R = (.5, .5),
# s_N = (1/3, 2/3).  mix = (.5-1/3) 60 + (.5-2/3) 20 = 10 - 10/3 = 20/3;
# within = .5 (50-60) + .5 (32-20) = -5 + 6 = 1; gap = 41 - 100/3 = 23/3 = 20/3 + 1.
PROD_OUT = pd.DataFrame({"X": [100.0, 500.0], "Y": [64.0, 336.0]}, index=["R", "rest"])
PROD_HOURS = pd.DataFrame({"X": [2.0, 8.0], "Y": [2.0, 18.0]}, index=["R", "rest"])


def test_productivity_gap_known_answer():
    res = S.productivity_gap_decomposition(PROD_OUT, PROD_HOURS, labour_measure="hours",
                                           industry_level="test level")  # fmt: skip
    tot = res.totals.set_index("area_code").loc["R"]
    assert tot["productivity_area"] == pytest.approx(41.0)
    assert tot["productivity_benchmark"] == pytest.approx(100 / 3)
    assert tot["mix"] == pytest.approx(20 / 3)
    assert tot["within"] == pytest.approx(1.0)
    assert tot["gap"] == pytest.approx(23 / 3)
    r = res.by_industry[res.by_industry["area_code"] == "R"].set_index("industry_code")
    assert r["mix"].tolist() == pytest.approx([10.0, -10 / 3])
    assert r["within"].tolist() == pytest.approx([-5.0, 6.0])
    assert res.industry_level == "test level"
    assert res.labour_measure == "hours"
    assert res.excluded.empty
    assert tot["labour_coverage"] == 1.0


def test_productivity_gap_identity_on_random_data():
    output = random_counts(41, n_areas=8, n_industries=6) * 40
    hours = random_counts(42, n_areas=8, n_industries=6)
    res = S.productivity_gap_decomposition(output, hours)
    np.testing.assert_allclose(
        res.totals["mix"] + res.totals["within"], res.totals["gap"], rtol=0, atol=1e-9
    )
    direct = (
        output.sum(axis=1) / hours.sum(axis=1) - output.to_numpy().sum() / hours.to_numpy().sum()
    )
    np.testing.assert_allclose(res.totals["gap"], direct, atol=1e-9)
    assert res.industry_level == "section"  # single-letter columns are sections


def test_productivity_gap_reports_suppressed_industries():
    output = pd.DataFrame(
        {"A": [10.0, 50.0, 60.0], "C": [np.nan, 300.0, 400.0], "G": [40.0, 150.0, 190.0]},
        index=["R", "R2", "ENG"],
    )
    jobs = pd.DataFrame(
        {"A": [1.0, 2.0, 3.0], "C": [3.0, 5.0, 8.0], "G": [2.0, 5.0, 7.0]},
        index=["R", "R2", "ENG"],
    )
    res = S.productivity_gap_decomposition(output, jobs, "ENG", labour_measure="jobs")
    tot = res.totals.set_index("area_code")
    assert tot.loc["R", "excluded_industries"] == "C"
    assert tot.loc["R", "n_excluded"] == 1
    assert tot.loc["R", "labour_coverage"] == pytest.approx(3 / 6)
    assert tot.loc["R", "benchmark_labour_coverage"] == pytest.approx(10 / 18)
    # The benchmark for R is restricted to the industries R reports: (60 + 190) / (3 + 7).
    assert tot.loc["R", "productivity_benchmark"] == pytest.approx(25.0)
    assert tot.loc["R", "productivity_area"] == pytest.approx(50 / 3)
    assert tot.loc["R", "mix"] + tot.loc["R", "within"] == pytest.approx(tot.loc["R", "gap"])
    assert tot.loc["R2", "excluded_industries"] == ""
    assert tot.loc["R2", "benchmark_productivity_all_industries"] == pytest.approx(650 / 18)
    assert res.excluded[["area_code", "industry_code"]].values.tolist() == [["R", "C"]]
    assert res.excluded["status"].str.contains("suppressed").all()
    with pytest.raises(ValueError, match="R/C"):
        S.productivity_gap_decomposition(output, jobs, "ENG", missing="raise")
    with pytest.raises(ValueError, match="pass benchmark="):
        S.productivity_gap_decomposition(output, jobs)


def test_productivity_gap_absent_and_inconsistent_industries():
    output = pd.DataFrame(
        {"A": [0.0, 50.0], "C": [30.0, 300.0], "G": [5.0, 100.0]}, index=["R", "rest"]
    )
    jobs = pd.DataFrame({"A": [0.0, 2.0], "C": [3.0, 5.0], "G": [0.0, 4.0]}, index=["R", "rest"])
    res = S.productivity_gap_decomposition(output, jobs)
    by = res.by_industry.set_index(["area_code", "industry_code"])
    assert by.loc[("R", "A"), "status"] == "absent in area"
    assert by.loc[("R", "A"), "within"] == 0.0
    assert by.loc[("R", "G"), "status"].startswith("excluded: area labour is zero")
    tot = res.totals.set_index("area_code").loc["R"]
    assert tot["mix"] + tot["within"] == pytest.approx(tot["gap"])
    # Benchmark output with no benchmark labour (like imputed rent) is excluded, not mixed in.
    out2 = output.assign(I=[0.0, 10.0])
    jobs2 = jobs.assign(I=[0.0, 0.0])
    res2 = S.productivity_gap_decomposition(out2, jobs2)
    t2 = res2.totals.set_index("area_code").loc["R"]
    assert "I" in t2["excluded_industries"]
    assert t2["mix"] + t2["within"] == pytest.approx(t2["gap"])


def test_productivity_gap_input_checks():
    with pytest.raises(ValueError, match="misaligned"):
        S.productivity_gap_decomposition(PROD_OUT, PROD_HOURS[["Y", "X"]])
    with pytest.raises(ValueError, match="negative"):
        S.productivity_gap_decomposition(PROD_OUT, PROD_HOURS.assign(X=[-1.0, 8.0]))
    negative_gva = PROD_OUT.assign(X=[-10.0, 500.0])  # negative GVA is allowed
    res = S.productivity_gap_decomposition(negative_gva, PROD_HOURS)
    tot = res.totals.set_index("area_code").loc["R"]
    assert tot["mix"] + tot["within"] == pytest.approx(tot["gap"])
    bench = (PROD_OUT.sum(), PROD_HOURS.sum())
    res_t = S.productivity_gap_decomposition(PROD_OUT, PROD_HOURS, bench)
    assert res_t.totals["gap"].tolist() == pytest.approx(
        S.productivity_gap_decomposition(PROD_OUT, PROD_HOURS).totals["gap"].tolist()
    )


# --------------------------------------------------------------------------- classification


def test_classify_industries_labels():
    # R start: A 10, C 50, G 40; end: A 20, C 40, G 40 (100).  Nation end: A 100, C 500,
    # G 400 -> R's LQs: A 2.0, C 0.8, G 1.0.  Growth: A +100%, C -20% (nation C 0%), G 0%.
    start = pd.DataFrame({"A": [10.0, 90.0], "C": [50.0, 450.0], "G": [40.0, 360.0]},
                         index=["R", "rest"])  # fmt: skip
    end = pd.DataFrame({"A": [20.0, 80.0], "C": [40.0, 460.0], "G": [40.0, 360.0]},
                       index=["R", "rest"])  # fmt: skip
    gva = pd.DataFrame({"A": [1.0, 9.0], "C": [8.0, 50.0], "G": [2.0, 30.0]},
                       index=["R", "rest"])  # fmt: skip
    table = S.classify_industries(start, end, output=gva).set_index(["area_code", "industry_code"])
    r = table.loc["R"]
    assert r["lq"].tolist() == pytest.approx([2.0, 0.8, 1.0])
    assert r["growth"].tolist() == pytest.approx([1.0, -0.2, 0.0])
    assert r["benchmark_growth"].tolist() == pytest.approx([0.0, 0.0, 0.0])
    assert r["distinctive_strength"].tolist() == [True, False, False]
    assert r["large_employer"].tolist() == [True, True, True]
    assert r["at_risk"].tolist() == [False, True, False]
    # Benchmark GVA per job = 100 / 1000 = 0.1; R: A 0.05, C 0.2, G 0.05.
    assert r["benchmark_productivity"].tolist() == pytest.approx([0.1] * 3)
    assert r["high_productivity"].tolist() == [False, True, False]
    assert r.loc["C", "labels"] == "large employer; high productivity; at risk"
    same = S.classify_industries(start, end, output=gva, productivity_basis="same_industry")
    same_r = same[same["area_code"] == "R"].set_index("industry_code")
    # Same-industry benchmark: A 10/100 = 0.1, C 58/500 = 0.116, G 32/400 = 0.08.
    assert same_r["benchmark_productivity"].tolist() == pytest.approx([0.1, 0.116, 0.08])
    assert same_r["high_productivity"].tolist() == [False, True, False]
    strict = S.classify_industries(start, end, share_threshold=0.3, lq_threshold=2.5,
                                   decline_margin=0.25)  # fmt: skip
    strict_r = strict[strict["area_code"] == "R"]
    assert strict_r["labels"].tolist() == ["", "large employer", "large employer"]
    assert strict_r["high_productivity"].isna().all()


def test_classify_industries_growth_from_zero_and_errors():
    start = pd.DataFrame({"A": [0.0, 90.0], "C": [50.0, 450.0]}, index=["R", "rest"])
    end = pd.DataFrame({"A": [30.0, 90.0], "C": [50.0, 450.0]}, index=["R", "rest"])
    table = S.classify_industries(start, end).set_index(["area_code", "industry_code"])
    assert table.loc[("R", "A"), "growth"] == np.inf
    assert bool(table.loc[("R", "A"), "distinctive_strength"])
    with pytest.raises(ValueError, match="benchmark_output"):
        S.classify_industries(start, end, benchmark=(start.sum(), end.sum()), output=end)


# --------------------------------------------------------------------------- aggregation


def test_aggregate_to_sections_and_industries():
    counts = pd.DataFrame(
        {"01": [1.0, 2.0], "02": [2.0, np.nan], "41-43": [5.0, 5.0], "48": [1.0, 1.0],
         "47": [3.0, 3.0], "68": [1.0, 1.0]},
        index=["E1", "E2"],
    )  # fmt: skip
    sections = S.aggregate_to_sections(counts)
    assert list(sections.columns) == ["A", "F", "G", "L"]
    assert sections.loc["E1"].tolist() == [3.0, 5.0, 4.0, 1.0]
    assert np.isnan(sections.loc["E2", "A"])  # a suppressed member is not counted as zero
    with pytest.raises(ValueError, match="span more than one section"):
        S.aggregate_to_sections(pd.DataFrame({"AB (1-9)": [1.0], "C": [1.0]}))
    with pytest.raises(ValueError, match="no group"):
        S.aggregate_industries(counts, {"01": "A"})
    grouped = S.aggregate_industries(counts.fillna(0), lambda code: "x" if code < "40" else "y")
    assert grouped.loc["E1"].tolist() == [3.0, 10.0]


# --------------------------------------------------------------------------- groupings


def test_packaged_groupings_are_complete_and_referenced():
    groupings = S.load_sector_groupings()
    expected = {
        "foundational_economy",
        "foundational_economy_material",
        "foundational_economy_providential",
        "foundational_sectors_wales",
        "gc_ai_data_economy",
        "gc_ageing_society",
        "gc_clean_growth",
        "gc_future_of_mobility",
    }
    assert expected <= set(groupings)
    for g in groupings.values():
        assert g.title and g.description and g.references
        for citation, url in g.references:
            assert citation and url.startswith("https://")
        assert all(d == S.IMPUTED_RENT or S.sic_division_to_section(d) for d in g.divisions)
    for gid in ("gc_ai_data_economy", "gc_ageing_society", "gc_clean_growth",
                "gc_future_of_mobility"):  # fmt: skip
        assert groupings[gid].proxy, gid
        assert "proxy" in groupings[gid].title.lower()
    fe = groupings["foundational_economy"]
    assert fe.divisions == (
        groupings["foundational_economy_material"].divisions
        | groupings["foundational_economy_providential"].divisions
    )
    assert {"86", "87", "88", "85", "47", "35", "36"} <= fe.divisions
    assert "foundationaleconomy.com" in fe.references[0][1]


def test_load_groupings_from_file_and_validation(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(
        textwrap.dedent(
            """
            groupings:
              - id: care
                title: Care
                description: Care.
                proxy: false
                sic2007: {sections: [Q], divisions: ["21"]}
                references: [{citation: Somebody (2020), url: "https://example.org"}]
            """
        )
    )
    loaded = S.load_sector_groupings(good)
    assert loaded["care"].divisions == frozenset({"21", "86", "87", "88"})
    bad_division = good.read_text().replace('"21"', '"34"')
    (tmp_path / "bad.yaml").write_text(bad_division)
    with pytest.raises(ValueError, match="34"):
        S.load_sector_groupings(tmp_path / "bad.yaml")
    no_ref = good.read_text().replace('[{citation: Somebody (2020), url: "https://example.org"}]',
                                      "[]")  # fmt: skip
    (tmp_path / "noref.yaml").write_text(no_ref)
    with pytest.raises(ValueError, match="reference"):
        S.load_sector_groupings(tmp_path / "noref.yaml")


def test_map_industries_to_groupings_on_lad_codes():
    wanted = ["gc_future_of_mobility", "foundational_economy_providential"]
    table = S.map_industries_to_groupings(LAD_FINEST, wanted)
    mob = table[table["grouping_id"] == "gc_future_of_mobility"].set_index("industry_code")
    assert mob.loc["CI-CL (26-30)", "match"] == "partial"
    assert mob.loc["49-51", "match"] == "full"
    assert mob.loc["52-53", "match"] == "partial"
    prov = table[table["grouping_id"] == "foundational_economy_providential"]
    assert sorted(prov["industry_code"]) == ["P (85)", "Q (86-88)"]
    assert (prov["match"] == "full").all()
    with pytest.raises(ValueError, match="unknown grouping"):
        S.map_industries_to_groupings(LAD_FINEST, ["nope"])


def test_grouping_summary_known_answer_and_partial_codes():
    # R: 85 10, 86-88 30, 62 10, 47 50 (100); rest: 90, 170, 190, 450 (900); nation 1000.
    counts = pd.DataFrame(
        {"85": [10.0, 90.0], "86-88": [30.0, 170.0], "62": [10.0, 190.0], "47": [50.0, 450.0]},
        index=["R", "rest"],
    )
    start = counts * pd.Series({"85": 1.0, "86-88": 0.5, "62": 1.0, "47": 1.0})
    wanted = ["foundational_economy_providential", "gc_clean_growth"]
    table = S.grouping_summary(counts, start=start, groupings=wanted)
    prov = table[table["grouping_id"] == wanted[0]].set_index("area_code")
    assert prov.loc["R", "size"] == 40.0
    assert prov.loc["R", "share"] == pytest.approx(0.4)
    assert prov.loc["R", "benchmark_share"] == pytest.approx(0.3)
    assert prov.loc["R", "lq"] == pytest.approx(4 / 3)
    assert prov.loc["R", "size_start"] == 25.0
    assert prov.loc["R", "growth"] == pytest.approx(40 / 25 - 1)
    # 85 + 86-88 in the nation: 100 + 100 = 200 at the start, 300 at the end.
    assert prov.loc["R", "benchmark_growth"] == pytest.approx(300 / 200 - 1)
    assert prov.loc["R", "coverage"] == "exact"
    assert prov.loc["R", "missing_divisions"] == ""
    only_86 = counts.rename(columns={"86-88": "86"})
    approx = S.grouping_summary(only_86, groupings=[wanted[0]])
    assert approx.loc[0, "coverage"] == "approximate"
    assert approx.loc[0, "missing_divisions"] == "87; 88"
    clean = table[table["grouping_id"] == "gc_clean_growth"]
    assert (clean["coverage"] == "none").all() and (clean["size"] == 0).all()

    lad = pd.DataFrame({"CI-CL (26-30)": [10.0, 90.0], "49-51": [5.0, 45.0], "P (85)": [1.0, 9.0]},
                       index=["R", "rest"])  # fmt: skip
    excl = S.grouping_summary(lad, groupings=["gc_future_of_mobility"])
    assert excl.loc[0, "size"] == 5.0
    assert excl.loc[0, "coverage"] == "approximate"
    assert excl.loc[0, "partial_industries"] == "CI-CL (26-30)"
    incl = S.grouping_summary(lad, groupings=["gc_future_of_mobility"], partial="include")
    assert incl.loc[0, "size"] == 15.0
    with pytest.raises(ValueError, match="partly covers"):
        S.grouping_summary(lad, groupings=["gc_future_of_mobility"], partial="raise")


# --------------------------------------------------------------------------- real data


@pytest.fixture(scope="module")
def gva_lad_industry() -> pd.DataFrame:
    data = pytest.importorskip("lis_analytics.data")
    load_table = getattr(data, "load_table", None)
    if load_table is None:
        pytest.skip("lis_analytics.data.load_table is not available yet")
    try:
        from lis_analytics.errors import LisError
    except ImportError:  # pragma: no cover - errors module not there yet
        LisError = OSError  # noqa: N806
    try:
        return load_table("gva_lad_industry")
    except (LisError, OSError, KeyError) as exc:
        pytest.skip(f"gva_lad_industry not available: {exc}")


@pytest.mark.integration
def test_real_lad_gva_shares_and_lq(gva_lad_industry):
    tidy = gva_lad_industry
    m = S.industry_matrix(tidy, "gva_current_prices", 2022, industries="section")
    assert list(m.columns) == LAD_SECTIONS
    # One LAD has GVA of -GBP 1m in AB (1-9): the methods refuse it and say where it is.
    with pytest.raises(ValueError, match=r"negative values \(E06000045/AB \(1-9\)=-1\)"):
        S.sector_shares(m.loc[["E06000045"]])
    m = m.clip(lower=0)
    assert m.attrs["price_basis"] == "current prices"
    total = S.industry_matrix(tidy, "gva_current_prices", 2022, industries=["Total"])["Total"]
    england = m[m.index.str.startswith("E")]
    complete = england.dropna()
    assert len(complete) > 250  # a handful of LADs have [c] cells
    # Sections add up to the published total to within ONS rounding (GBP 1m per cell).
    gap = (complete.sum(axis=1) - total[complete.index]).abs()
    assert (gap <= 0.5 * complete.shape[1]).all()
    shares = S.sector_shares(complete)
    np.testing.assert_allclose(shares.sum(axis=1), 1.0, atol=1e-12)
    lq = S.location_quotients(complete)
    weights = complete.sum(axis=1) / complete.to_numpy().sum()
    np.testing.assert_allclose(lq.mul(weights, axis=0).sum(axis=0), 1.0, atol=1e-9)
    # With published totals, suppressed LADs keep their other LQs.
    all_lq = S.location_quotients(england, complete.sum(), area_totals=total[england.index])
    assert all_lq.notna().to_numpy().mean() > 0.99
    assert S.krugman_index(complete).between(0, 2).all()
    # The City of London is the most specialised in finance.
    assert lq["K (64-66)"].idxmax() == "E09000001"
    with pytest.raises(ValueError, match="not add up"):
        S.sector_shares(S.industry_matrix(tidy, "gva_cvm", 2022, industries="section").dropna())


@pytest.mark.integration
def test_real_lad_gva_shift_share_and_groupings(gva_lad_industry):
    tidy = gva_lad_industry
    start = S.industry_matrix(tidy, "gva_current_prices", 2015, industries="finest")
    end = S.industry_matrix(tidy, "gva_current_prices", 2022, industries="finest")
    eng = [a for a in start.dropna().index.intersection(end.dropna().index) if a.startswith("E")]
    start, end = start.loc[eng], end.loc[eng]
    start, end = start.loc[:, (start > 0).all()], end.loc[:, (start > 0).all()]
    result = S.shift_share(start, end, method="esteban_marquillas")
    comps = result.totals[list(result.components)].sum(axis=1)
    np.testing.assert_allclose(comps, result.totals["actual_change"], rtol=1e-12, atol=1e-6)
    summary = S.grouping_summary(end, start=start)
    fe = summary[summary["grouping_id"] == "foundational_economy"]
    assert fe["share"].between(0.0, 1.0).all()
    assert 0.2 < fe["share"].median() < 0.35  # about a quarter of English GVA
    assert fe.set_index("area_code")["share"].idxmin() == "E09000001"  # City of London
    assert (fe["coverage"] == "approximate").all()  # e.g. 61-63 is only partly foundational
    assert "61-63" in fe["partial_industries"].iloc[0]
    assert not math.isnan(fe["benchmark_growth"].iloc[0])


def test_industry_code_mapping_onto_lad_gva_groups():
    divisions = ["01", "05", "10", "15", "26", "41", "49", "52", "62", "68", "85", "97"]
    mapping = S.industry_code_mapping(divisions, LAD_FINEST)
    assert mapping["05"] == "AB (1-9)"
    assert mapping["15"] == "CA-CB (10-15)"
    assert mapping["26"] == "CI-CL (26-30)"
    assert mapping["52"] == "52-53"
    assert mapping["68"] == "68"  # bare 68 = real estate excluding imputed rent
    assert S.industry_code_mapping(["68"], LAD_SECTIONS)["68"] == "L (68)"
    with pytest.raises(ValueError, match="99 \\(not covered\\)"):
        S.industry_code_mapping(["99"], LAD_FINEST)
    with pytest.raises(ValueError, match="straddles"):
        S.industry_code_mapping(["C (10-33)"], LAD_FINEST)
    with pytest.raises(ValueError, match="overlap"):
        S.industry_code_mapping(["10"], LAD_GVA_CODES)
    jobs = pd.DataFrame({"10": [1.0], "13": [2.0], "41": [3.0]}, index=["E1"])
    grouped = S.aggregate_industries(jobs, S.industry_code_mapping(jobs.columns, LAD_FINEST))
    assert grouped.to_dict("index") == {"E1": {"CA-CB (10-15)": 3.0, "41": 3.0}}
