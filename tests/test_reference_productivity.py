"""Our figures against published ones (tests/reference), statsmodels style.

:class:`CheckPublished` holds the checks; each subclass names one reference dataset (a class of
``tests.reference``) and says how we compute the same figures (``ours``). Every value of the
reference is compared, and the largest difference is reported when one is out of tolerance.
Integration tests: ``ours`` reads the real tables through the data layer (never the expected
values, which are literal in tests/reference).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lis_analytics.data import load_table
from lis_analytics.geography import get_area
from lis_analytics.productivity import WEEKS_PER_YEAR, aggregate_productivity, pivot_measure
from tests.reference import nomis_aps_t01 as aps
from tests.reference import productivity_jun2025 as ref

pytestmark = pytest.mark.integration


class CheckPublished:
    """Shared checks: every published value of ``reference`` against ``ours``.

    Subclasses set ``reference`` and ``n_values`` and define ``ours(self) -> Series`` indexed
    like :meth:`expected`; ``tolerance`` is absolute unless ``relative`` is set, and
    :meth:`tolerances` may give one per value.
    """

    reference: type
    n_values: int
    relative = False

    def expected(self) -> pd.Series:
        return pd.Series(ref.as_table(self.reference))

    def tolerances(self, expected: pd.Series) -> pd.Series:
        return pd.Series(self.reference.tolerance, index=expected.index)

    def ours(self) -> pd.Series:
        raise NotImplementedError

    def test_covers_every_published_value(self):
        assert len(self.expected()) == self.n_values

    def test_every_value_within_rounding(self):
        expected = self.expected()
        got = self.ours().reindex(expected.index)
        assert got.notna().all(), list(got.index[got.isna()])[:5]
        diff = (got - expected).abs() / (expected.abs() if self.relative else 1.0)
        over = diff[diff > self.tolerances(expected) + 1e-9]
        assert over.empty, (f"{len(over)} of {len(diff)} values out of tolerance; largest "
                            f"{diff.max():.4g} at {diff.idxmax()}")


def _as_read(dataset_id: str, measure: str) -> pd.Series:
    return pivot_measure(load_table(dataset_id), measure).stack()


class TestUkAsRead(CheckPublished):
    """The data layer reads the UK (less extra-regio) row of the LAD workbook as published."""

    reference = ref.UkLessExtraRegioA3
    n_values = 20

    def ours(self):
        return _as_read("productivity_lad", "gva_per_hour")


class TestUkBenchmarkOfTheChapter(TestUkAsRead):
    """The chapter's UK benchmark (aggregate_productivity of UKX) is ONS's figure, every year."""

    def ours(self):
        uk = aggregate_productivity(load_table("productivity_lad"), "UKX")["gva_per_hour"]
        return pd.Series({("UKX", p): v for p, v in uk.items()})


class TestDistrictsAsRead(CheckPublished):
    reference = ref.LadWorkbookA3
    n_values = 2

    def ours(self):
        return _as_read("productivity_lad", "gva_per_hour")


class TestCombinedAuthoritiesAsRead(CheckPublished):
    """Every CA and year of sheet A3 as the data layer reads the CA workbook."""

    reference = ref.CombinedAuthorityA3
    n_values = 280

    def ours(self):
        return _as_read("productivity_ca", "gva_per_hour")


class TestCombinedAuthoritiesPerJobAsRead(CheckPublished):
    reference = ref.CombinedAuthorityB3
    n_values = 1

    def ours(self):
        return _as_read("productivity_ca", "gva_per_job")


def _ca_districts() -> dict[str, tuple[str, ...]]:
    codes = ref.CombinedAuthorityA3.values_by_area
    return {code: tuple(get_area(code).lad_codes) for code in codes}


class TestCombinedAuthoritiesFromDistricts(CheckPublished):
    """Our figure for every CA, the chapter's ratio of sums of its (smoothed) districts.

    ONS smooths the CA's own total; we add up districts smoothed one by one. The order of
    smoothing and adding up is the only difference (see the next class), worth up to 0.5%.
    """

    reference = ref.CombinedAuthorityA3
    n_values = 280
    relative = True

    def tolerances(self, expected):
        return pd.Series(0.005, index=expected.index)

    def ours(self):
        lads = load_table("productivity_lad")
        out = {}
        for code, districts in _ca_districts().items():
            agg = aggregate_productivity(lads, districts)
            assert agg["complete"].all(), code
            out.update({(code, p): v for p, v in agg["gva_per_hour"].items()})
        return pd.Series(out)


class TestCombinedAuthoritiesOnsMethod(CheckPublished):
    """ONS's method rebuilt from its inputs, within ONS's rounding (years 2006-2021).

    A CA's hours are the sum of its districts' hours (productivity_lad, June 2025) and its GVA
    the sum of their current-price GVA (gva_lad_industry, April 2025): the June 2025
    productivity release is built on the April 2025 GVA release. ONS then smooths the CA's
    GVA per hour with a weighted five-year moving average, weights 1, 2, 3, 2, 1 (/9). The two
    first and two last years use end weights ONS does not publish, so they are left out.
    """

    reference = ref.CombinedAuthorityA3
    n_values = 280
    years = tuple(str(y) for y in range(2006, 2022))

    def tolerances(self, expected):
        # ONS publishes to the penny (0.005) from inputs it rounds too (district GVA to the
        # GBP million, hours to the hour), worth up to about 0.0025 more here
        return pd.Series(0.0075, index=expected.index)

    def expected(self):
        e = super().expected()
        return e[[k[1] in self.years for k in e.index]]

    def test_covers_every_published_value(self):
        assert len(self.expected()) == 14 * len(self.years)

    def ours(self):
        gva = pivot_measure(load_table("gva_lad_total"), "gva_current_prices",
                            industry_code="Total") * 1e6
        hours = pivot_measure(load_table("productivity_lad"), "hours_per_week") * WEEKS_PER_YEAR
        years = list(ref.CombinedAuthorityA3.years)
        weights = np.array([1, 2, 3, 2, 1]) / 9
        out = {}
        for code, districts in _ca_districts().items():
            rate = (gva.loc[list(districts), years].sum()
                    / hours.loc[list(districts), years].sum()).to_numpy()
            smooth = np.convolve(rate, weights[::-1], mode="valid")  # centred on years[2:-2]
            out.update({(code, y): v for y, v in zip(years[2:-2], smooth, strict=True)})
        return pd.Series(out)


def test_ca_hours_and_gva_are_those_of_its_districts_in_one_release():
    """The CA workbook's hours = sum of district hours; its unsmoothed GVA per hour x hours
    = the sum of district current-price GVA of April 2025 (within the pence rounding)."""
    ca = load_table("productivity_ca")
    hours = pivot_measure(load_table("productivity_lad"), "hours_per_week")
    gva = pivot_measure(load_table("gva_lad_total"), "gva_current_prices", industry_code="Total")
    ca_hours, ca_rate = (pivot_measure(ca, m) for m in ("hours_per_week",
                                                          "gva_per_hour_unsmoothed"))
    years = list(ref.CombinedAuthorityA3.years)
    for code, districts in _ca_districts().items():
        np.testing.assert_allclose(ca_hours.loc[code, years],
                                   hours.loc[list(districts), years].sum(), rtol=1e-6)
        implied = ca_rate.loc[code, years] * ca_hours.loc[code, years] * WEEKS_PER_YEAR / 1e6
        np.testing.assert_allclose(implied, gva.loc[list(districts), years].sum(), rtol=5e-4)


class TestNomisLepEmploymentRates(CheckPublished):
    """Employment rate (16-64) of the 38 LEPs, 2018-2022: the ratio of sums of district counts
    (APS T01) against Nomis's LEP rows, within the rounding of the counts."""

    reference = aps.LepEmploymentT01
    n_values = 185

    def expected(self):
        # Cornwall and Isles of Scilly: APS has no figures for the Isles of Scilly, so the
        # indicators use Nomis's own LEP figure (comparing it with itself would test nothing)
        rates = pd.Series(self.reference.rates())
        return rates[[k[0] != "E37000005" for k in rates.index]]

    def test_reference_has_every_lep_and_year(self):
        assert len(self.reference.counts) == 38 * 5

    def tolerances(self, expected):
        # every count is rounded to +-50: the LEP's and each of its n districts'
        half = self.reference.rounding / 2
        out = {}
        for (code, year), rate in expected.items():
            n = len(get_area(code).lad_codes)
            pop = self.reference.counts[(code, year)][1]
            out[(code, year)] = 100 * half * (n + 1) * (1 + rate / 100) / pop
        return pd.Series(out)

    def ours(self):
        # the indicators now read ONS's 2023 APS rates; the count-based rule is checked here
        # on the T01 district counts with the one ratio-of-sums implementation
        from lis_analytics.geography import bridge_codes
        from lis_analytics.geography.aggregate import ratio_of_sums_table

        t01 = load_table("aps_t01_economic_activity")
        lads = t01[t01["geography"] == "LAD"].copy()
        lads["lad"] = bridge_codes(lads["area_code"]).to_numpy()
        wide = lads.pivot_table(index="lad", columns=["measure", "period"], values="value",
                                aggfunc="sum")
        out = {}
        for code in {k[0] for k in self.reference.counts}:
            rows = wide.reindex(list(get_area(code).lad_codes))
            r = ratio_of_sums_table(rows["in_employment_16_64"], rows["population_16_64"])
            for year, rate in r.ratio.items():
                out[(code, str(year))] = 100 * float(rate)
        return pd.Series(out)
