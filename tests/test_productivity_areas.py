"""Every productivity function taking an area accepts a geography Area, a code or codes.

Unit tests compare each function called with a :class:`lis_analytics.geography.Area` with the
same call on its codes. Integration tests (marked ``integration``) use ``la.get_area`` on the
real catalogue: Greater Manchester LEP, Cumbria LEP, Wigan and the Oxford-Cambridge Arc
(they need the data mirror; conftest skips them, with one message, when there is none).
"""

from __future__ import annotations

import pandas as pd
import pytest

import lis_analytics as la
from lis_analytics import productivity as prod
from lis_analytics.geography import Area
from tests.golden.make_golden import golden_path

AB = Area("ab", "Aybee", "CUSTOM", ("A", "B"))


def make_toy() -> pd.DataFrame:
    periods = [str(y) for y in range(2004, 2023)]
    codes = ["A", "B", "C", "UKX"]

    def wide(values: list[float], growth: float = 1.0) -> pd.DataFrame:
        return pd.DataFrame({p: [v * growth ** i for v in values] for i, p in enumerate(periods)},
                            index=codes)

    parts = [
        prod.to_tidy(wide([30.0, 10.0, 25.0, 20.0], 1.02), "gva_per_hour", dataset_id="toy"),
        prod.to_tidy(wide([100.0, 300.0, 600.0, 1000.0]), "hours_per_week", dataset_id="toy"),
        prod.to_tidy(wide([10.0, 40.0, 50.0, 100.0]), "filled_jobs", dataset_id="toy"),
        prod.to_tidy(wide([15600.0, 3900.0, 15600.0, 10400.0], 1.02), "gva_per_job",
                     dataset_id="toy"),
    ]
    return pd.concat(parts, ignore_index=True)


@pytest.fixture(scope="module")
def toy() -> pd.DataFrame:
    return make_toy()


@pytest.fixture(scope="module")
def gva() -> pd.DataFrame:
    periods = [str(y) for y in range(2004, 2023)]
    return prod.to_tidy(pd.DataFrame({p: [2.0, 1.0, 5.0] for p in periods}, index=["A", "B", "C"]),
                        "gva_cvm")


@pytest.fixture(scope="module")
def pop() -> pd.DataFrame:
    idx = ["A", "B", "C"]
    return pd.concat([
        prod.to_tidy(pd.DataFrame({"2022": [1000.0, 3000.0, 6000.0]}, index=idx), "population"),
        prod.to_tidy(pd.DataFrame({"2022": [600.0, 2000.0, 4000.0]}, index=idx),
                     "population_16_64"),
    ])


def test_aggregate_productivity_takes_an_area_named_by_it(toy):
    for per in ("hour", "job"):
        got = prod.aggregate_productivity(toy, AB, per=per)
        expected = prod.aggregate_productivity(toy, ["A", "B"], per=per, name="Aybee")
        pd.testing.assert_frame_equal(got, expected)
    assert (prod.aggregate_productivity(toy, AB, name="Other")["area"] == "Other").all()


def test_index_base_takes_an_area(toy):
    base = Area("bc", "BC", "CUSTOM", ("B", "C"))
    got = prod.aggregate_productivity(toy, "A", index_base=base)
    expected = prod.aggregate_productivity(toy, "A", index_base=["B", "C"])
    pd.testing.assert_frame_equal(got, expected)
    # base 2004: (10*300 + 25*600) / 900 = 20
    assert got.loc["2004", "gva_per_hour_index"] == pytest.approx(150.0)


def test_aggregate_each_and_areas_take_areas(toy):
    c = Area("c", "Sea", "CUSTOM", ("C",))
    by_list = prod.aggregate_each(toy, [AB, c])
    assert list(by_list) == ["Aybee", "Sea"]
    by_map = prod.aggregate_each(toy, {"first": AB, "UK": prod.UK_CODE})
    assert list(by_map) == ["first", "UK"]
    pd.testing.assert_frame_equal(by_list["Aybee"], prod.aggregate_productivity(toy, AB))
    assert (by_map["first"]["area"] == "first").all()
    long = prod.aggregate_areas(toy, [AB, c])
    assert sorted(set(long["area"])) == ["Aybee", "Sea"]
    one = prod.aggregate_each(toy, AB)  # one Area is one area, not an iterable of codes
    assert list(one) == ["Aybee"]


def test_tidy_helpers_take_an_area(toy):
    assert prod.check_area_codes(toy, AB) == ("A", "B")
    assert list(prod.pivot_measure(toy, "gva_per_hour", areas=AB).index) == ["A", "B"]
    pd.testing.assert_frame_equal(prod.implied_gva(toy, areas=AB),
                                  prod.implied_gva(toy, areas=["A", "B"]))
    ranks = prod.rank_areas(toy, "gva_per_hour", "2022", areas=AB)
    assert ranks["area_code"].tolist() == ["A", "B"]


def test_growth_functions_take_an_area(toy, gva):
    got = prod.real_productivity_lad(gva, toy, AB, base_period="2019")
    expected = prod.real_productivity_lad(gva, toy, ["A", "B"], base_period="2019", name="Aybee")
    pd.testing.assert_frame_equal(got, expected)
    each = prod.real_productivity_each(gva, toy, [AB])
    pd.testing.assert_frame_equal(each["Aybee"], prod.real_productivity_lad(gva, toy, AB))
    idx = prod.to_tidy(pd.DataFrame({str(y): [100 * 1.01 ** (y - 2004)] for y in range(2004, 2023)},
                                    index=["TLD"]), "gva_per_hour_cvm_index", geography="ITL1")
    north_west = Area("E12000002", "North West", "RGN", ("TLD",))
    assert prod.cvm_growth(idx, north_west)["cagr_pct"].tolist() == pytest.approx([1.0] * 3)


def test_decomposition_inputs_take_areas(toy, pop):
    got = prod.gva_per_head_inputs(toy, pop, AB, "2022")
    assert got == prod.gva_per_head_inputs(toy, pop, ["A", "B"], "2022")
    all_three = Area("x", "X", "CUSTOM", ("A", "B", "C"))
    uk = prod.gva_per_head_inputs(toy, pop, prod.UK_CODE, "2022", population_area=all_three)
    assert uk["population"] == 10000


def test_lad_variation_takes_an_area(toy):
    got = prod.lad_variation(toy, AB, window=("2010", "2019"))
    pd.testing.assert_frame_equal(got, prod.lad_variation(toy, ["A", "B"], window=("2010", "2019")))


def test_unknown_districts_of_an_area_are_named(toy):
    with pytest.raises(prod.UnknownAreaError, match="'Z'"):
        prod.aggregate_productivity(toy, Area("az", "AZ", "CUSTOM", ("A", "Z")))


# ------------------------------------------------------------------------------------------
# Integration: areas from the catalogue
# ------------------------------------------------------------------------------------------


@pytest.mark.integration
def test_get_area_works_for_greater_manchester():
    """The example of the issue: ``aggregate_productivity(lads, la.get_area("E37000015"))``."""
    lads = la.load_table("productivity_lad")
    gm = la.get_area("E37000015")
    got = prod.aggregate_productivity(lads, gm)
    assert (got["area"] == gm.name).all()
    pd.testing.assert_frame_equal(
        got, prod.aggregate_productivity(lads, gm.lad_codes, name=gm.name))
    golden = pd.read_csv(golden_path("E37000015"), dtype=str)
    row = golden[(golden["chapter"] == "productivity") & (golden["indicator_id"] == "gva_per_hour")]
    from lis_analytics.present.record import figure_decimals  # the pack's precision

    assert round(got.loc[str(row["period"].iloc[0]), "gva_per_hour"],
                 figure_decimals("GBP per hour worked")) == float(row["value"].iloc[0])


@pytest.mark.integration
@pytest.mark.parametrize("code", ["E37000007", "E08000010", "oxford_cambridge_arc"])
def test_get_area_works_for_cumbria_wigan_and_the_arc(code):
    lads = la.load_table("productivity_lad")
    area = la.get_area(code)
    hour = prod.aggregate_productivity(lads, area)
    assert hour.loc["2023", "complete"]
    assert 50 < hour.loc["2023", "gva_per_hour_index"] < 150
    variation = prod.lad_variation(lads, area)
    assert sorted(variation["area_code"]) == sorted(area.lad_codes)
