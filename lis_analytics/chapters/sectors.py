"""Sectors chapter: what makes an area's economy distinctive, and how its industry mix matters.

:func:`analyse` computes everything the chapter shows for one area from the all-district
tables that :func:`load_inputs` reads (derived tables declared in
``lis_analytics/data/derived.yaml``, built once per batch by :mod:`lis_analytics.sectors`):

* GVA by industry (ONS April 2025 LAD release at its finest non-overlapping level without
  owner-occupiers' imputed rent, 35 industries): size, share, location quotient against
  England and real growth (constant 2022 prices, each industry deflated with England's
  implied deflator, so industries add up);
* the same industries harmonised with Census 2021 residents in employment
  (residence-based), with the chapter's four labels
  (:func:`lis_analytics.sectors.label_industries`);
* classic shift-share of real GVA over :data:`WINDOW` years;
* the productivity gap to England in 2011 split into industry mix and within-industry parts
  (2011 GVA over the Census 2011 workplace population, 17 sections);
* the foundational economy and Grand Challenge groupings, the largest industries of working
  residents and the share in low-paying industries;
* the Krugman specialisation index and its rank in the area's peer group
  (:mod:`lis_analytics.chapters.peers`);
* the data-quality screens of :mod:`lis_analytics.sectors.screens`: district GVA cells that
  jump from one year to the next within the window and stay at the new level, and
  local-serving industries with an
  implausible share of a district's GVA. An industry with such a cell in a district holding
  a material part of the area's GVA in it is *screened*: it carries no headline claim
  (key findings, distinctive strengths, the industries named as adding most to the
  competitiveness effect), and the chapter lists what was screened out and why.

A distinctive strength must hold on two measures: a GVA location quotient and a residents'
jobs location quotient (Census 2021) both of at least :data:`LQ_STRENGTH`, with real growth
over the window, and no screen.

The benchmark is England (the sum of English districts). Prose, tables, findings and charts
are in :mod:`lis_analytics.present` (``text.sectors``, ``findings.sectors``,
``charts.sectors``).

Examples
--------
>>> short_name("CI-CL (26-30)"), short_name("99")
('Electronics, machinery, vehicles', '99')
>>> # needs the data
>>> import lis_analytics as la
>>> result = analyse(la.get_area("E08000010"), load_inputs())
>>> result.window, result.krugman_rank.label
('2013-2023', '38 LEPs')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from lis_analytics import sectors as S
from lis_analytics.chapters.peers import ENGLAND_CODE as ENGLAND
from lis_analytics.chapters.peers import peer_group_label, peer_group_type
from lis_analytics.data import load_table
from lis_analytics.errors import DataUnavailableError
from lis_analytics.geography import Area, get_area
from lis_analytics.productivity import cagr

GVA = "gva_lad_industry"
"""Dataset id of the ONS LAD GVA by industry release."""
WORKPLACE_2011 = "census2011_workplace_industry_lad"
"""Dataset id of the Census 2011 workplace population by industry."""
RESIDENTS_2021 = "census2021_industry_lad"
"""Dataset id of the Census 2021 residents in employment by industry."""
IS8 = "is8_sector_definitions"
"""Dataset id of DBT's Industrial Strategy sector definitions list (IS-8)."""
BRES = "bres_itl2_division"
"""Dataset id of BRES employment by ITL2 region and 2-digit SIC (IS-8 coverage only)."""

TABLES: dict[str, str] = {
    "gva_cp": "sectors_gva_cp",
    "gva_estimated": "sectors_gva_estimated",
    "deflators": "sectors_gva_deflators",
    "workplace2011": "sectors_workplace2011",
    "residents2021": "sectors_residents2021",
    "specialisation": "sectors_specialisation",
}
""":class:`SectorsInputs` field -> derived table id (``lis_analytics/data/derived.yaml``)."""

AREA, BENCHMARK = "area", "benchmark"
"""Row labels of the two-row (area, England) matrices of the chapter."""
BASE_YEAR = "2022"
"""Price base of the constant-price GVA (the reference year of the April 2025 release)."""
WINDOW = 10
"""Years of change for growth, shift-share and the classification."""
LQ_STRENGTH = 1.25
"""GVA (and residents' jobs) location quotient from which an industry counts as concentrated
in the area."""
PRODUCTIVITY_YEAR = "2011"
"""Year of the productivity decomposition (GVA and Census workplace jobs on one basis)."""
RANKED_GROUPS: tuple[str, ...] = ("LEP", "CA")
"""Peer groups of the specialisation ranking; other areas are ranked among the LEPs."""

SECTION_CODES: tuple[str, ...] = (
    "AB (1-9)", "C (10-33)", "DE (35-39)", "F (41-43)", "G (45-47)", "H (49-53)", "I (55-56)",
    "J (58-63)", "K (64-66)", "68", "M (69-75)", "N (77-82)", "O (84)", "P (85)", "Q (86-88)",
    "R (90-93)", "S (94-96)", "T (97-98)",
)
"""Sections of the ONS LAD GVA release without imputed rent (``68`` stands for L)."""

GROUPINGS: tuple[str, ...] = (
    "foundational_economy", "foundational_economy_material", "foundational_economy_providential",
    "gc_ai_data_economy", "gc_ageing_society", "gc_clean_growth", "gc_future_of_mobility",
)
"""Sector groupings shown in the chapter (see ``config/sector_groupings.yaml``)."""

LOW_PAY_DIVISIONS: tuple[str, ...] = (
    "01", "10", "13", "14", "47", "55", "56", "78", "80", "81", "87", "88", "93", "96",
)
"""SIC divisions standing for the Low Pay Commission's low-paying industries (agriculture,
food processing, textiles, retail, hospitality, employment agencies, security, cleaning and
maintenance, social care, leisure, hair and beauty). A division-level approximation by
lis-analytics of the LPC definitions (updated September 2023,
https://minimumwage.blog.gov.uk/2023/09/11/the-lpc-has-updated-its-definitions-of-low-paying-sectors);
pay itself (ASHE by industry) is not in the offline data."""

SHORT_NAMES: dict[str, str] = {
    "AB (1-9)": "Agriculture and mining", "CA-CB (10-15)": "Food, drink and textiles mfg",
    "CC (16-18)": "Wood, paper and printing", "CD-CG (19-23)": "Chemicals, pharma, minerals",
    "CH (24-25)": "Metals and metal products", "CI-CL (26-30)": "Electronics, machinery, vehicles",
    "CM (31-33)": "Other manufacturing, repair", "DE (35-39)": "Energy, water and waste",
    "41": "Construction of buildings", "42": "Civil engineering",
    "43": "Specialised construction", "F (41-43)": "Construction", "45": "Motor trades",
    "46": "Wholesale", "47": "Retail", "49-51": "Land, water, air transport",
    "52-53": "Warehousing, postal", "I (55-56)": "Accommodation and food",
    "58-60": "Publishing, film, broadcasting", "61-63": "Telecoms and IT",
    "K (64-66)": "Finance and insurance", "68": "Real estate (excl. imputed rent)",
    "68IMP": "Imputed rent", "69": "Legal and accounting", "70": "Head offices, consultancy",
    "71": "Architecture, engineering", "72-75": "R&D, other professional",
    "77": "Rental and leasing", "78-80": "Employment, travel, security",
    "81": "Building services", "82": "Office admin and support",
    "O (84)": "Public administration", "P (85)": "Education",
    "Q (86-88)": "Health and social work", "R (90-93)": "Arts and recreation",
    "94-95": "Membership bodies, repairs", "96": "Personal services",
    "T (97-98)": "Households as employers", "C (10-33)": "Manufacturing",
    "G (45-47)": "Wholesale and retail", "H (49-53)": "Transport and storage",
    "J (58-63)": "Information and communication", "M (69-75)": "Professional and scientific",
    "N (77-82)": "Administrative and support", "R-S (90-96)": "Arts, recreation, other services",
    "S (94-96)": "Other services",
}
"""Short industry names for chart labels (codes of the ONS LAD GVA release)."""


def short_name(code: str) -> str:
    """Short name of an industry code for charts (the code itself if unknown).

    Examples
    --------
    >>> short_name("CI-CL (26-30)"), short_name("99")
    ('Electronics, machinery, vehicles', '99')
    """
    return SHORT_NAMES.get(str(code), str(code))


def analysis_codes(codes: Sequence[str]) -> list[str]:
    """The GVA industries the chapter analyses: the finest level without imputed rent.

    Examples
    --------
    >>> analysis_codes(["area_code", "period", "A-E", "AB (1-9)", "C (10-33)", "DE (35-39)"])
    ['AB (1-9)', 'C (10-33)', 'DE (35-39)']
    """
    return S.select_industry_level([c for c in codes if c not in ("area_code", "period")],
                                   "finest", exclude_imputed_rent=True)


# ------------------------------------------------------------------ inputs


@dataclass(frozen=True, eq=False)
class SectorsInputs:
    """The all-district tables the chapter reads (see ``derived.yaml`` for each).

    Attributes
    ----------
    gva_cp : DataFrame
        ``sectors_gva_cp``: district GVA at current prices (£m) by industry and year, with
        England as a row.
    gva_estimated : DataFrame
        ``sectors_gva_estimated``: which of those cells were estimated (suppressed by ONS).
    deflators : DataFrame
        ``sectors_gva_deflators``: England's implied deflators by industry (2022 = 100).
    workplace2011 : DataFrame
        ``sectors_workplace2011``: Census 2011 workplace population by section.
    residents2021 : DataFrame
        ``sectors_residents2021``: Census 2021 residents in employment by division.
    specialisation : DataFrame
        ``sectors_specialisation``: Krugman index of every LEP, CA and custom area.
    division_names : Series
        Census 2021 industry code -> name.
    is8_definitions : DataFrame, optional
        DBT's IS-8 sector definitions list (``is8_sector_definitions``).
    bres_england : Series, optional
        BRES employment in England (sum of its ITL2 regions) by division, latest year: the
        weights of BRES's IS-8 coverage (BRES is held only for ITL2 regions).
    """

    gva_cp: pd.DataFrame
    gva_estimated: pd.DataFrame
    deflators: pd.DataFrame
    workplace2011: pd.DataFrame
    residents2021: pd.DataFrame
    specialisation: pd.DataFrame
    division_names: pd.Series
    is8_definitions: pd.DataFrame | None = None
    bres_england: pd.Series | None = None


def load_inputs() -> SectorsInputs:
    """Read the chapter's inputs through the data layer (built first if stale)."""
    names = (load_table(RESIDENTS_2021)[["industry_code", "industry_name"]]
             .drop_duplicates("industry_code").set_index("industry_code")["industry_name"])
    try:  # BRES weights only the IS-8 coverage table; without a mirror copy it is left out
        bres = load_table(BRES)
    except DataUnavailableError:
        bres_england = None
    else:
        latest = bres["period"].max()
        bres = bres[bres["area_code"].str.match(r"^TL[C-K]") & (bres["period"] == latest)]
        bres_england = bres.groupby("industry_code")["value"].sum().rename(latest)
    return SectorsInputs(**{key: load_table(table) for key, table in TABLES.items()},
                         division_names=names, is8_definitions=load_table(IS8),
                         bres_england=bres_england)


# ------------------------------------------------------------------ result

SCREEN_COLUMNS: tuple[str, ...] = (
    "screen", "area_code", "district", "industry_code", "industry", "harmonised_code",
    "previous_period", "period", "previous", "value", "change", "relative_change", "lq",
    "share_of_area")
"""Columns of :attr:`SectorsResult.screened`."""


@dataclass(frozen=True)
class KrugmanRank:
    """Rank of an area's Krugman index of GVA in its peer group (1 = most specialised).

    Attributes
    ----------
    group_type : str
        Kind of area ranked against (``LEP`` or ``CA``; see :data:`RANKED_GROUPS`).
    rank : int
        1 + the number of peers more specialised than the area.
    n : int
        Number of areas in the peer group.
    member : bool
        False when the area is not one of the group (a district or custom area ranked
        among LEPs): the rank is where it would stand.
    """

    group_type: str
    rank: int
    n: int
    member: bool

    @property
    def label(self) -> str:
        """The peer group in words, e.g. ``'38 LEPs'`` (see :func:`.peers.peer_group_label`)."""
        return peer_group_label(self.group_type, self.n)


@dataclass(frozen=True, eq=False)
class SectorsResult:
    """Everything the sectors chapter shows for one area (see :func:`analyse`).

    Attributes
    ----------
    area : Area
    latest, start : str
        Last and first year of the growth window (``WINDOW`` years apart when the data allow).
    industries : DataFrame
        GVA industries (finest level without imputed rent): ``industry_code``,
        ``industry``, ``gva`` (£m, current prices, latest year), ``share``,
        ``benchmark_share``, ``lq``, ``real_start``, ``real_end`` (£m, 2022 prices),
        ``cagr`` and ``benchmark_cagr`` (% a year).
    harmonised : DataFrame
        Industries common to GVA and Census 2021: ``industry_code``, ``industry``,
        ``gva``, ``lq``, ``growth``, ``benchmark_growth`` (real change over the window, a
        fraction), ``cagr``, ``benchmark_cagr`` (% a year), ``jobs``, ``share`` (of
        residents' jobs), ``benchmark_jobs_share``, ``jobs_lq``, ``productivity``
        (England's GVA per worker, 2021), ``benchmark_productivity`` and the labels of
        :func:`lis_analytics.sectors.label_industries`; ``screened`` (True when a screen
        flagged the industry) and ``concentrated_and_growing`` (GVA LQ of at least
        :data:`LQ_STRENGTH` and real growth: the test before the jobs LQ and the screens).
    concordance : IndustryConcordance
        How GVA industries and Census 2021 divisions were matched.
    shift : ShiftShareResult
        Classic shift-share of real GVA against England (rows ``area``, ``benchmark``).
    productivity : ProductivityGapResult
        Productivity gap to England split into mix and within, in ``productivity_year``.
    productivity_year : str
    groupings : DataFrame
        One row per grouping of :data:`GROUPINGS`: jobs, shares, LQs, GVA and real growth.
    krugman : dict of str to float
        Krugman index of GVA (``gva``, latest year) and of residents' jobs (``jobs``, 2021).
    krugman_rank : KrugmanRank
    largest_divisions : DataFrame
        Census 2021 divisions by residents in employment, largest first.
    residents_total : tuple of float
        Residents in employment, area and England.
    low_pay_share, low_pay_share_england : float
        Share of residents' jobs in :data:`LOW_PAY_DIVISIONS`.
    low_pay_divisions : tuple of str
        Those divisions in the area, largest first, as ``(code, Census name)`` pairs.
    england_cagr : float
        England's real GVA growth over the window, % a year.
    estimated : DataFrame
        GVA cells of the area's districts that were estimated (``area_code``, ``period``,
        ``industry_code``).
    unmatched_jobs : dict of str to float
        Census 2021 industries with no GVA counterpart -> residents in them.
    is8 : DataFrame
        The Industrial Strategy's eight growth sectors
        (:func:`lis_analytics.sectors.growth_sector_profile`): residents' jobs (Census 2021,
        lower and upper bound), shares and LQs, GVA where the GVA industries capture the
        definition (current prices, latest year; real change over the window at constant 2022
        prices; ``gva_screened`` when a data-quality screen flagged one of its GVA industries),
        the coverage grade and the claim the pack may make. Empty without the list.
    is8_coverage : DataFrame
        How much of each sector's definition Census 2021, BRES and the GVA industries resolve
        (:func:`lis_analytics.sectors.coverage_table`).
    screened : DataFrame
        The flagged district cells that weigh in the area's figures (one row each):
        ``screen`` (``"jump"`` or ``"share"``), ``area_code`` and ``district`` (name),
        ``industry_code`` (GVA), ``industry``, ``harmonised_code`` (the chapter's industry it
        falls in), ``previous_period``, ``period``, ``previous``, ``value`` (£m),
        ``change`` and ``relative_change`` (jumps: the district's change and its change
        relative to England's), ``lq`` (shares: the district's location quotient) and
        ``share_of_area`` (the district's share of the area's GVA in the industry,
        latest year).
    """

    area: Area
    latest: str
    start: str
    industries: pd.DataFrame
    harmonised: pd.DataFrame
    concordance: S.IndustryConcordance
    shift: S.ShiftShareResult
    productivity: S.ProductivityGapResult
    productivity_year: str
    groupings: pd.DataFrame
    krugman: dict[str, float]
    krugman_rank: KrugmanRank
    largest_divisions: pd.DataFrame
    residents_total: tuple[float, float]
    low_pay_share: float
    low_pay_share_england: float
    low_pay_divisions: tuple[tuple[str, str], ...]
    england_cagr: float
    estimated: pd.DataFrame
    unmatched_jobs: dict[str, float] = field(default_factory=dict)
    screened: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=SCREEN_COLUMNS))
    is8: pd.DataFrame = field(default_factory=pd.DataFrame)
    is8_coverage: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def screened_codes(self) -> frozenset[str]:
        """Codes of the chapter's industries (``harmonised``) that a screen flagged."""
        return frozenset(self.screened["harmonised_code"])

    @property
    def window(self) -> str:
        """The years of change, e.g. ``"2013-2023"``."""
        return f"{self.start}-{self.latest}"

    @property
    def years(self) -> int:
        """Length of the window in years."""
        return int(self.latest) - int(self.start)


# ------------------------------------------------------------------ analysis


def area_and_england(table: pd.DataFrame, lad_codes: Sequence[str], codes: Sequence[str],
                     period: str | None = None) -> pd.DataFrame:
    """Area (sum of its districts) and England rows of a wide district table.

    Parameters
    ----------
    table : DataFrame
        One row per district (and ``period``, if given) with ``area_code`` and a column per
        industry; England is the row ``E92000001`` (as the ``sectors_*`` derived tables hold it).
    lad_codes : sequence of str
        The area's districts (those absent from the table are left out).
    codes : sequence of str
        Industry columns to keep.
    period : str, optional
        The period to keep, for tables with a ``period`` column.

    Returns
    -------
    DataFrame
        Two rows, ``area`` and ``benchmark`` (England), one column per industry.

    Examples
    --------
    >>> t = pd.DataFrame({"area_code": ["E1", "E2", "E92000001"], "A": [1.0, 2.0, 10.0],
    ...                   "B": [3.0, None, 30.0]})
    >>> area_and_england(t, ["E1", "E2"], ["A", "B"]).to_dict("index")
    {'area': {'A': 3.0, 'B': 3.0}, 'benchmark': {'A': 10.0, 'B': 30.0}}
    """
    frame = table if period is None else table[table["period"] == period]
    frame = frame.set_index("area_code")
    present = [c for c in lad_codes if c in frame.index]
    area_row = frame.loc[present, codes].sum(min_count=1)
    out = pd.DataFrame([area_row.to_numpy(dtype=float), frame.loc[ENGLAND, codes].to_numpy(
        dtype=float)], index=pd.Index([AREA, BENCHMARK], name="area_code"),
        columns=pd.Index(codes, name="industry_code"))
    return out.fillna(0.0)


def constant_prices(matrix: pd.DataFrame, deflators: pd.DataFrame, period: str) -> pd.DataFrame:
    """Current prices to constant 2022 prices with England's deflator of each industry.

    ``deflators`` is the ``sectors_gva_deflators`` table (a row per period, 2022 = 100).

    Examples
    --------
    >>> m = pd.DataFrame({"A": [120.0]})
    >>> d = pd.DataFrame({"period": ["2023"], "A": [80.0]})
    >>> constant_prices(m, d, "2023")["A"].tolist()
    [150.0]
    """
    d = deflators.set_index("period").loc[period, list(matrix.columns)].astype(float)
    return matrix.div(d / 100.0, axis=1)


def periods(gva_cp: pd.DataFrame, latest_year: str | int | None = None) -> tuple[str, str]:
    """Latest year (the one asked for, or the data's last) and the start of the window.

    Raises
    ------
    ValueError
        A ``latest_year`` the GVA table does not hold, naming the years it holds (the
        batch checks the parameter before any chapter runs:
        :func:`lis_analytics.report.parameters.check_latest_year`).

    Examples
    --------
    >>> gva = pd.DataFrame({"period": [str(y) for y in range(1998, 2024)]})
    >>> periods(gva), periods(gva, 2015), periods(gva, "1999")
    (('2023', '2013'), ('2015', '2005'), ('1999', '1998'))
    >>> periods(gva, "1850")
    Traceback (most recent call last):
    ...
    ValueError: latest_year 1850 is not in the GVA by industry table, which holds 1998 to 2023
    """
    years = sorted(gva_cp["period"].unique())
    latest = str(latest_year).strip() if latest_year not in (None, "") else years[-1]
    if latest not in years:
        raise ValueError(f"latest_year {latest} is not in the GVA by industry table, which "
                         f"holds {years[0]} to {years[-1]}")
    start = str(max(int(years[0]), int(latest) - WINDOW))
    return latest, start


def _cagr(end: pd.Series, start: pd.Series, years: int) -> np.ndarray:
    """Compound annual growth, % a year, industry by industry (:func:`productivity.cagr`)."""
    return np.array([cagr(s, e, years) for s, e in zip(start, end, strict=True)]) * 100.0


def _growth_cagr(growth: pd.Series | float, years: int) -> np.ndarray:
    """% a year from total growth over ``years`` (a fraction), with :func:`productivity.cagr`."""
    return np.array([cagr(1.0, 1.0 + g, years) for g in np.atleast_1d(growth)]) * 100.0


def krugman_rank(area: Area, krugman_gva: float, specialisation: pd.DataFrame,
                 period: str) -> KrugmanRank:
    """Rank of ``krugman_gva`` among the area's peer group in the specialisation table.

    The peer group is :func:`~lis_analytics.chapters.peers.peer_group_type` of the area
    when the table ranks that kind of area (:data:`RANKED_GROUPS`), else the LEPs.

    Examples
    --------
    >>> spec = pd.DataFrame({"area_code": ["A", "B", "C"], "period": "2023",
    ...                      "krugman_gva": [0.5, 0.3, 0.2], "area_type": "LEP"})
    >>> krugman_rank(Area("B", "B", "LEP", ("E1",)), 0.3, spec, "2023")
    KrugmanRank(group_type='LEP', rank=2, n=3, member=True)
    >>> krugman_rank(Area("E1", "D", "LAD", ("E1",)), 0.6, spec, "2023").label
    '3 LEPs'
    """
    kind = peer_group_type(area)
    kind = kind if kind in RANKED_GROUPS else RANKED_GROUPS[0]
    spec = specialisation[specialisation["period"] == period]
    peers = spec[spec["area_type"] == kind]
    rank = int((peers["krugman_gva"] > krugman_gva + 1e-12).sum()) + 1
    return KrugmanRank(kind, rank, len(peers), area.type == kind)


def _district_name(code: str) -> str:
    try:
        return get_area(code).name
    except (KeyError, ValueError):
        return code


def screen_cells(gva_cp: pd.DataFrame, lad_codes: Sequence[str], codes: Sequence[str],
                 start: str, latest: str, to_harmonised: dict[str, str],
                 names: dict[str, str] | None = None) -> pd.DataFrame:
    """Flagged GVA cells of an area's districts that weigh in its figures.

    Runs :func:`~lis_analytics.sectors.flag_gva_jumps` on the years ``start`` to
    ``latest`` (keeping the jumps that persist to ``latest``) and
    :func:`~lis_analytics.sectors.flag_implausible_shares` on ``latest``,
    and keeps the cells of districts holding at least
    :data:`~lis_analytics.sectors.MATERIAL_SHARE` of the area's GVA in the industry in
    ``latest`` (:func:`~lis_analytics.sectors.material_flags`).

    Parameters
    ----------
    gva_cp : DataFrame
        District GVA at current prices (``sectors_gva_cp``), England as a row each year.
    lad_codes : sequence of str
        The area's districts.
    codes : sequence of str
        The GVA industries analysed.
    start, latest : str
        The window.
    to_harmonised : dict of str to str
        GVA code -> the chapter's industry code (``IndustryConcordance.map_a``).
    names : dict of str to str, optional
        District code -> name; by default looked up in the area catalogue.

    Returns
    -------
    DataFrame
        Columns :data:`SCREEN_COLUMNS`, jumps first, then by district, industry and year.

    Examples
    --------
    >>> gva = pd.DataFrame({"area_code": ["E1", "E1", "E2", "E2", ENGLAND, ENGLAND],
    ...                     "period": ["2019", "2020"] * 3,
    ...                     "69": [356.0, 1231.0, 100.0, 105.0, 1000.0, 1050.0],
    ...                     "47": [500.0, 500.0, 400.0, 420.0, 9000.0, 9500.0]})
    >>> out = screen_cells(gva, ["E1", "E2"], ["69", "47"], "2019", "2020", {"69": "69"},
    ...                    names={"E1": "Eastby", "E2": "Westby"})
    >>> out[["screen", "area_code", "industry_code", "period"]].to_dict("records")
    [{'screen': 'jump', 'area_code': 'E1', 'industry_code': '69', 'period': '2020'}]
    """
    years = [str(y) for y in range(int(start), int(latest) + 1)]
    mine = gva_cp[gva_cp["area_code"].isin([*lad_codes, ENGLAND])]
    panel = mine[mine["period"].isin(years)]
    latest_matrix = mine[mine["period"] == latest].set_index("area_code")[list(codes)]
    district_gva = latest_matrix.drop(index=ENGLAND).clip(lower=0.0)
    jumps = S.flag_gva_jumps(panel, industries=codes)
    jumps = S.material_flags(jumps[jumps["persists"]], district_gva)
    shares = S.material_flags(S.flag_implausible_shares(latest_matrix), district_gva)
    jumps["screen"] = "jump"
    shares["screen"] = "share"
    shares["period"] = latest
    out = pd.concat([jumps, shares], ignore_index=True).reindex(columns=list(SCREEN_COLUMNS))
    out["district"] = out["area_code"].map(
        (lambda c: names.get(c, c)) if names is not None else _district_name)
    out["industry"] = out["industry_code"].map(short_name)
    out["harmonised_code"] = out["industry_code"].map(
        lambda c: to_harmonised.get(str(c), str(c)))
    return out.reset_index(drop=True)


def analyse(area: Area, inputs: SectorsInputs,
            latest_year: str | int | None = None) -> SectorsResult:
    """Compute the sectors chapter's results for an area (a set of LAD 2023 districts).

    Parameters
    ----------
    area : Area
        The area (any LEP, CA, region, district or custom area).
    inputs : SectorsInputs
        The all-district tables (:func:`load_inputs`).
    latest_year : str or int, optional
        Latest year of GVA to use (default, or when the data lack it: the latest).

    Returns
    -------
    SectorsResult
    """
    latest, start = periods(inputs.gva_cp, latest_year)
    years = int(latest) - int(start)
    lads = area.lad_codes
    cp_all = inputs.gva_cp
    codes = analysis_codes(cp_all.columns)
    cp = area_and_england(cp_all, lads, codes, latest)
    real_end = constant_prices(cp, inputs.deflators, latest)
    real_start = constant_prices(area_and_england(cp_all, lads, codes, start), inputs.deflators,
                                 start)

    # ---- GVA by industry: size, share, LQ and real growth
    lq = S.location_quotients(cp, BENCHMARK)
    share = S.sector_shares(cp)
    industries = pd.DataFrame({
        "industry_code": codes,
        "industry": [short_name(c) for c in codes],
        "gva": cp.loc[AREA].to_numpy(),
        "share": share.loc[AREA].to_numpy(),
        "benchmark_share": share.loc[BENCHMARK].to_numpy(),
        "lq": lq.loc[AREA].to_numpy(),
        "real_start": real_start.loc[AREA].to_numpy(),
        "real_end": real_end.loc[AREA].to_numpy(),
        "cagr": _cagr(real_end.loc[AREA], real_start.loc[AREA], years),
        "benchmark_cagr": _cagr(real_end.loc[BENCHMARK], real_start.loc[BENCHMARK], years),
    })

    # ---- jobs of residents (Census 2021) on the industries GVA and Census share
    res_all = inputs.residents2021
    div_codes = [c for c in res_all.columns if c != "area_code"]
    residents = area_and_england(res_all, lads, div_codes)
    cp_2021 = area_and_england(cp_all, lads, codes, "2021")
    stacked = pd.concat({"cp": cp, "re": real_end, "rs": real_start, "c21": cp_2021})
    stacked.index = [f"{k}|{a}" for k, a in stacked.index]
    h_gva, h_jobs, conc = S.harmonise_matrices(stacked, residents)
    part = {k: h_gva.loc[[f"{k}|{AREA}", f"{k}|{BENCHMARK}"]].set_axis([AREA, BENCHMARK])
            for k in ("cp", "re", "rs", "c21")}
    jobs_share = S.sector_shares(h_jobs)
    gva_lq_h = S.location_quotients(part["cp"], BENCHMARK)
    jobs_lq_h = S.location_quotients(h_jobs, BENCHMARK)
    with np.errstate(divide="ignore", invalid="ignore"):
        eng_prod = part["c21"].loc[BENCHMARK] * 1e6 / h_jobs.loc[BENCHMARK]
    eng_prod_all = float(part["c21"].loc[BENCHMARK].sum() * 1e6 / h_jobs.loc[BENCHMARK].sum())
    growth = part["re"].loc[AREA] / part["rs"].loc[AREA] - 1.0
    b_growth = part["re"].loc[BENCHMARK] / part["rs"].loc[BENCHMARK] - 1.0
    hcodes = list(conc.codes)
    harmonised = pd.DataFrame({
        "industry_code": hcodes, "industry": [short_name(c) for c in hcodes],
        "gva": part["cp"].loc[AREA].to_numpy(), "lq": gva_lq_h.loc[AREA].to_numpy(),
        "growth": growth.to_numpy(), "benchmark_growth": b_growth.to_numpy(),
        "cagr": _cagr(part["re"].loc[AREA], part["rs"].loc[AREA], years),
        "benchmark_cagr": _growth_cagr(b_growth, years),
        "jobs": h_jobs.loc[AREA].to_numpy(), "share": jobs_share.loc[AREA].to_numpy(),
        "benchmark_jobs_share": jobs_share.loc[BENCHMARK].to_numpy(),
        "jobs_lq": jobs_lq_h.loc[AREA].to_numpy(),
        "productivity": eng_prod.to_numpy(), "benchmark_productivity": eng_prod_all,
    })
    # ---- data-quality screens: flagged district cells that weigh in the area's figures
    screened = screen_cells(cp_all, lads, codes, start, latest, conc.map_a)
    harmonised["screened"] = harmonised["industry_code"].isin(set(screened["harmonised_code"]))
    harmonised["concentrated_and_growing"] = (harmonised["lq"] >= LQ_STRENGTH) & (
        harmonised["growth"] > 0)
    harmonised = S.label_industries(harmonised, lq_threshold=LQ_STRENGTH,
                                    corroborating_lq=["jobs_lq"], screened="screened")
    unmatched = {c: float(residents.loc[AREA, c]) for c in conc.only_b}

    # ---- shift-share of real GVA
    shift = S.shift_share(real_start, real_end, benchmark=BENCHMARK)
    england_growth = shift.totals.set_index("area_code").loc[BENCHMARK, "area_growth"]

    # ---- productivity gap 2011: GVA (current prices) per Census 2011 workplace worker
    to_section = S.industry_code_mapping(codes, SECTION_CODES)
    gva_2011 = S.aggregate_industries(area_and_england(cp_all, lads, codes, PRODUCTIVITY_YEAR),
                                      to_section)
    work = inputs.workplace2011
    sec_codes = [c for c in work.columns if c != "area_code"]
    workers = area_and_england(work, lads, sec_codes)
    out_2011, lab_2011, _ = S.harmonise_matrices(gva_2011 * 1e6, workers)
    productivity = S.productivity_gap_decomposition(
        out_2011, lab_2011, BENCHMARK, labour_measure="workers (Census 2011, workplace)")

    # ---- groupings: jobs (residents 2021), GVA share/LQ (latest) and real growth
    wanted = list(GROUPINGS)
    g_jobs = S.grouping_summary(residents, groupings=wanted, benchmark=BENCHMARK)
    g_gva = S.grouping_summary(cp, groupings=wanted, benchmark=BENCHMARK)
    g_growth = S.grouping_summary(real_end, start=real_start, groupings=wanted,
                                  benchmark=BENCHMARK)

    def pick(t: pd.DataFrame) -> pd.DataFrame:
        return t[t["area_code"] == AREA].set_index("grouping_id").loc[wanted]

    gj, gg, gr = pick(g_jobs), pick(g_gva), pick(g_growth)
    groupings = pd.DataFrame({
        "grouping_id": wanted, "title": gj["title"].to_numpy(),
        "proxy": gj["proxy"].to_numpy(),
        "jobs": gj["size"].to_numpy(),
        "jobs_share": gj["share"].to_numpy(),
        "jobs_share_england": gj["benchmark_share"].to_numpy(),
        "jobs_lq": gj["lq"].to_numpy(),
        "gva": gg["size"].to_numpy(),
        "gva_share": gg["share"].to_numpy(),
        "gva_share_england": gg["benchmark_share"].to_numpy(),
        "gva_lq": gg["lq"].to_numpy(),
        "gva_cagr": _growth_cagr(gr["growth"], years),
        "gva_cagr_england": _growth_cagr(gr["benchmark_growth"], years),
        "gva_coverage": gg["coverage"].to_numpy(),
        "gva_missing_divisions": gg["missing_divisions"].to_numpy(),
        "gva_partial": gg["partial_industries"].to_numpy(),
    })

    # ---- specialisation
    krugman = {"gva": float(S.krugman_index(cp, BENCHMARK).loc[AREA]),
               "jobs": float(S.krugman_index(residents, BENCHMARK).loc[AREA])}
    rank = krugman_rank(area, krugman["gva"], inputs.specialisation, latest)

    # ---- where residents work: largest divisions, low-paying industries
    names = inputs.division_names
    res_share = S.sector_shares(residents)
    fe = S.load_sector_groupings()["foundational_economy"].divisions
    largest = pd.DataFrame({
        "division": div_codes, "industry": [names.get(c, c) for c in div_codes],
        "jobs": residents.loc[AREA].to_numpy(), "share": res_share.loc[AREA].to_numpy(),
        "benchmark_share": res_share.loc[BENCHMARK].to_numpy(),
        "foundational": [bool(S.industry_code_divisions(c) & fe) for c in div_codes],
    }).sort_values("jobs", ascending=False).reset_index(drop=True)
    low = largest[largest["division"].isin(LOW_PAY_DIVISIONS)]

    # ---- the Industrial Strategy's eight growth sectors (IS-8)
    is8, is8_coverage = pd.DataFrame(), pd.DataFrame()
    if inputs.is8_definitions is not None:
        eight = S.load_growth_sectors(inputs.is8_definitions)
        is8 = S.growth_sector_profile(residents, cp, real_start, real_end, eight, LQ_STRENGTH)
        flagged = set(screened["industry_code"].astype(str))
        is8["gva_screened"] = [bool(set(str(c).split(", ")) & flagged) if isinstance(c, str)
                               else False for c in is8["gva_industries"]]
        weights = {"Census 2021": residents.loc[BENCHMARK], "GVA": cp.loc[BENCHMARK]}
        if inputs.bres_england is not None:
            weights["BRES"] = inputs.bres_england
        is8_coverage = S.coverage_table(eight, weights)

    # ---- GVA cells estimated because ONS suppressed them
    est = inputs.gva_estimated
    est = est[est["area_code"].isin(lads)
              & est["period"].isin([latest, start, PRODUCTIVITY_YEAR, "2021"])]
    est_cols = [c for c in est.columns if c not in ("area_code", "period")]
    estimated = est.melt(id_vars=["area_code", "period"], value_vars=est_cols,
                         var_name="industry_code", value_name="estimated")
    estimated = estimated[estimated["estimated"].astype(bool)].drop(columns="estimated")

    return SectorsResult(
        area=area, latest=latest, start=start, industries=industries, harmonised=harmonised,
        concordance=conc, shift=shift, productivity=productivity,
        productivity_year=PRODUCTIVITY_YEAR, groupings=groupings, krugman=krugman,
        krugman_rank=rank, largest_divisions=largest,
        residents_total=(float(residents.loc[AREA].sum()), float(residents.loc[BENCHMARK].sum())),
        low_pay_share=float(low["share"].sum()),
        low_pay_share_england=float(low["benchmark_share"].sum()),
        low_pay_divisions=tuple(zip(low["division"], low["industry"], strict=True)),
        england_cagr=float(_growth_cagr(england_growth, years)[0]),
        estimated=estimated.reset_index(drop=True), unmatched_jobs=unmatched,
        screened=screened, is8=is8, is8_coverage=is8_coverage)
