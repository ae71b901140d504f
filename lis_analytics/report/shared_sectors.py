"""Sectors chapter: all-district tables built once per batch, and the analysis of one area.

:func:`prepare` (run once per batch by :func:`lis_analytics.report.shared.prepare_shared`)
writes district-by-industry matrices on LAD 2023 codes to :func:`shared.derived_dir`, and
skips the work when its inputs are unchanged:

* ``sectors_gva_cp.parquet``: regional GVA (balanced) at current prices, £ million, at the
  finest non-overlapping level of the LAD release (35 industries plus owner-occupiers'
  imputed rent), every year, with England (the sum of English districts) as an extra row;
  cells ONS suppressed ([c]) are estimated from the published totals above them
  (:func:`lis_analytics.sectors.fill_suppressed`) and listed in
  ``sectors_gva_estimated.parquet``;
* ``sectors_gva_deflators.parquet``: England implied deflators by industry (2022 = 100),
  to express GVA in constant 2022 prices industry by industry;
* ``sectors_workplace2011.parquet``: Census 2011 workplace population by SIC section, bridged
  from LAD 2011 to LAD 2023 by summing;
* ``sectors_residents2021.parquet``: Census 2021 residents in employment by SIC division,
  bridged from LAD 2021 to LAD 2023;
* ``sectors_specialisation.parquet``: Krugman specialisation index of every default area
  (LEPs, combined authorities, custom areas) by year, for ranking.

The loaders (:func:`gva_current_prices`, ...) read them back, running :func:`prepare` first if
they are missing or stale. :func:`analyse_area` then computes everything the chapter shows
for one area with :mod:`lis_analytics.sectors`, and the ``*_chart`` and ``*_text`` functions
turn the result into charts and sentences, so the notebook only displays them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import matplotlib.text as mtext
import matplotlib.ticker as mticker
import numpy as np
import pandas as pd

from lis_analytics import sectors as S
from lis_analytics.data import load_table
from lis_analytics.geography import Area, all_areas, bridge_counts
from lis_analytics.report.shared import (
    derived_dir,
    inputs_signature,
    stamp_is_current,
    write_parquet,
    write_stamp,
)

GVA = "gva_lad_industry"
WORKPLACE_2011 = "census2011_workplace_industry_lad"
RESIDENTS_2021 = "census2021_industry_lad"
BRES_ITL2 = "bres_itl2_division"
DATASETS: tuple[str, ...] = (
    GVA, WORKPLACE_2011, RESIDENTS_2021, BRES_ITL2, "productivity_lad", "lookup_lad11_lad21",
    "lad_code_history", "lookup_lad23_rgn23", "lookup_lad21_lep21", "lookup_lad25_cauth25",
)
"""Processed tables the sectors chapter reads."""

ENGLAND = "E92000001"
AREA, BENCHMARK = "area", "benchmark"
BASE_YEAR = "2022"
"""Price base of the constant-price GVA (the reference year of the April 2025 release)."""
WINDOW = 10
"""Years of change for growth, shift-share and the classification."""
LQ_STRENGTH = 1.25

_FILES = {
    "gva_cp": "sectors_gva_cp.parquet",
    "gva_estimated": "sectors_gva_estimated.parquet",
    "deflators": "sectors_gva_deflators.parquet",
    "workplace2011": "sectors_workplace2011.parquet",
    "residents2021": "sectors_residents2021.parquet",
    "specialisation": "sectors_specialisation.parquet",
}

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


# =========================================================================== shared step


def _folder() -> Path:
    return derived_dir() / "sectors"


def _path(key: str) -> Path:
    return _folder() / _FILES[key]


def _signature() -> str:
    """Hash of the inputs: processed tables, the sectors code and the area definitions."""
    import sys

    return inputs_signature(DATASETS, modules=(S, sys.modules[__name__]))


def _is_fresh() -> bool:
    return stamp_is_current(_folder(), _signature(), _FILES.values())


def _gva_tables() -> dict[str, pd.DataFrame]:
    gva = load_table(GVA)
    lad = gva[gva["geography"] == "LAD"]
    all_codes = list(dict.fromkeys(lad["industry_code"]))
    finest = S.select_industry_level(all_codes, "finest")
    out: dict[str, pd.DataFrame] = {}
    cp = lad[lad["measure"] == "gva_current_prices"].pivot_table(
        index=["area_code", "period"], columns="industry_code", values="value", aggfunc="first",
        dropna=False)
    cp = cp.reindex(columns=all_codes)
    filled_parts, estimated_parts = [], []
    for _, block in cp.groupby(level="period", sort=True):
        filled, estimated = S.fill_suppressed(block, finest)
        filled_parts.append(filled)
        estimated_parts.append(estimated)
    filled = pd.concat(filled_parts).clip(lower=0.0)  # one -£1m cell (Southampton AB 2022)
    estimated = pd.concat(estimated_parts)
    english = filled[filled.index.get_level_values("area_code").str.startswith("E")]
    england = english.groupby(level="period").sum(min_count=1)
    england.index = pd.MultiIndex.from_product([[ENGLAND], england.index],
                                               names=["area_code", "period"])
    out["gva_cp"] = pd.concat([filled, england]).reset_index()
    out["gva_estimated"] = estimated[estimated.any(axis=1)].reset_index()
    # England implied deflators by industry: sum of current prices over sum of CVM (2022 = 100)
    cvm = lad[lad["measure"] == "gva_cvm"].pivot_table(
        index=["area_code", "period"], columns="industry_code", values="value", aggfunc="first",
        dropna=False).reindex(columns=finest)
    raw_cp = cp[finest]
    both = raw_cp.notna() & cvm.notna()
    eng = raw_cp.index.get_level_values("area_code").str.startswith("E")
    num = raw_cp.where(both)[eng].groupby(level="period").sum()
    den = cvm.where(both)[eng].groupby(level="period").sum()
    deflator = (num / den.replace(0, np.nan) * 100.0)
    out["deflators"] = deflator.reset_index()
    return out


def _jobs_table(dataset: str, measure: str) -> pd.DataFrame:
    table = load_table(dataset)
    table = table[(table["measure"] == measure) & (table["industry_code"] != "Total")]
    bridged = bridge_counts(table, by=["industry_code"])
    unmapped = bridged.attrs.get("unmapped_codes", [])
    if unmapped:
        raise ValueError(f"{dataset}: district codes {unmapped[:5]} do not bridge to LAD 2023")
    wide = bridged.pivot(index="area_code", columns="industry_code", values="value")
    wide = wide.reindex(columns=list(dict.fromkeys(table["industry_code"])))
    england = wide[wide.index.str.startswith("E")].sum().rename(ENGLAND).to_frame().T
    out = pd.concat([wide, england])
    out.index.name = "area_code"
    return out.reset_index()


def _specialisation(gva_cp: pd.DataFrame, residents: pd.DataFrame) -> pd.DataFrame:
    """Krugman index of every default area against England, GVA (each year) and jobs (2021)."""
    areas = list(all_areas(["LEP", "CA", "CUSTOM"]))
    codes = analysis_codes(gva_cp.columns)
    lads = sorted(set(gva_cp["area_code"]) - {ENGLAND})
    member = pd.DataFrame(0.0, index=[a.code for a in areas], columns=lads)
    for a in areas:
        member.loc[a.code, [c for c in a.lad_codes if c in member.columns]] = 1.0
    rows = []
    for period, block in gva_cp.groupby("period"):
        x = block.set_index("area_code")[codes]
        area_sums = member.to_numpy() @ x.reindex(lads).fillna(0.0).to_numpy()
        matrix = pd.DataFrame(area_sums, index=member.index, columns=codes)
        k = S.krugman_index(matrix.clip(lower=0), x.loc[ENGLAND])
        rows.append(pd.DataFrame({"area_code": k.index, "period": period,
                                  "krugman_gva": k.to_numpy()}))
    out = pd.concat(rows, ignore_index=True)
    res = residents.set_index("area_code")
    jobs_codes = [c for c in res.columns]
    lads_r = [c for c in res.index if c != ENGLAND]
    member_r = member.reindex(columns=lads_r, fill_value=0.0)
    jm = pd.DataFrame(member_r.to_numpy() @ res.loc[lads_r, jobs_codes].fillna(0).to_numpy(),
                      index=member.index, columns=jobs_codes)
    kj = S.krugman_index(jm[jm.sum(axis=1) > 0], res.loc[ENGLAND, jobs_codes])
    types = {a.code: a.type for a in areas}
    out["krugman_jobs_2021"] = out["area_code"].map(kj)
    out["area_type"] = out["area_code"].map(types)
    return out


def analysis_codes(codes) -> list[str]:
    """The GVA industries the chapter analyses: the finest level without imputed rent."""
    return S.select_industry_level([c for c in codes if c not in ("area_code", "period")],
                                   "finest", exclude_imputed_rent=True)


def prepare(force: bool = False) -> Path:
    """Build the sectors chapter's all-district tables (skipped when inputs are unchanged).

    Returns the derived folder. Builds (or checks) the processed tables in
    :data:`DATASETS` first.
    """
    from lis_analytics.data import build

    build(list(DATASETS))
    if not force and _is_fresh():
        return _folder()
    tables = _gva_tables()
    tables["workplace2011"] = _jobs_table(WORKPLACE_2011, "workplace_population")
    tables["residents2021"] = _jobs_table(RESIDENTS_2021, "employed_residents")
    tables["specialisation"] = _specialisation(tables["gva_cp"], tables["residents2021"])
    for key, frame in tables.items():
        frame.columns = [str(c) for c in frame.columns]
        write_parquet(frame, _path(key))
    write_stamp(_folder(), _signature())
    _cache.clear()
    return _folder()


_cache: dict[str, object] = {}


def _load(key: str) -> pd.DataFrame:
    if key in _cache:
        return _cache[key]
    if not _cache.get("_checked") and not _is_fresh():  # check the inputs once per process
        prepare()
    _cache["_checked"] = True
    frame = pd.read_parquet(_path(key))
    _cache[key] = frame
    return frame


def gva_current_prices() -> pd.DataFrame:
    """District GVA at current prices (£m), finest level, every year; England as a row."""
    return _load("gva_cp")


def gva_estimated_cells() -> pd.DataFrame:
    """District-years with suppressed GVA cells that were estimated (True = estimated)."""
    return _load("gva_estimated")


def gva_deflators() -> pd.DataFrame:
    """England implied deflators by industry and year (2022 = 100)."""
    return _load("deflators")


def workplace_jobs_2011() -> pd.DataFrame:
    """Census 2011 workplace population by SIC section, LAD 2023 codes, England as a row."""
    return _load("workplace2011")


def residents_in_employment_2021() -> pd.DataFrame:
    """Census 2021 residents in employment by SIC division, LAD 2023 codes, England as a row."""
    return _load("residents2021")


def specialisation() -> pd.DataFrame:
    """Krugman index of every default area by year (GVA) and for 2021 (residents' jobs)."""
    return _load("specialisation")


# =========================================================================== one area

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


UNMATCHED_NAMES: dict[str, str] = {
    "48": "wholesale and retail, not otherwise specified (a Census 2021 pseudo-division, "
          "code 48)",
    "99": "activities of extraterritorial organisations and bodies (code 99)",
}
"""Names of Census 2021 industry codes with no GVA counterpart, for the data notes."""


def short_name(code: str) -> str:
    """Short name of an industry code for charts (the code itself if unknown).

    Examples
    --------
    >>> short_name("CI-CL (26-30)"), short_name("99")
    ('Electronics, machinery, vehicles', '99')
    """
    return SHORT_NAMES.get(str(code), str(code))


@dataclass
class SectorsAnalysis:
    """Everything the sectors chapter shows for one area (see :func:`analyse_area`)."""

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
    krugman_rank: dict[str, object]
    largest_divisions: pd.DataFrame
    residents_total: tuple[float, float]
    estimated: pd.DataFrame
    unmatched_jobs: dict[str, float] = field(default_factory=dict)

    @property
    def window(self) -> str:
        """The years of change, e.g. ``"2013-2023"``."""
        return f"{self.start}-{self.latest}"


def _two_rows(table: pd.DataFrame, lad_codes: tuple[str, ...], codes: list[str],
              period: str | None = None) -> pd.DataFrame:
    """Area (sum of its districts) and England rows of a wide district table."""
    frame = table if period is None else table[table["period"] == period]
    frame = frame.set_index("area_code")
    present = [c for c in lad_codes if c in frame.index]
    area_row = frame.loc[present, codes].sum(min_count=1)
    out = pd.DataFrame([area_row.to_numpy(dtype=float), frame.loc[ENGLAND, codes].to_numpy(
        dtype=float)], index=pd.Index([AREA, BENCHMARK], name="area_code"),
        columns=pd.Index(codes, name="industry_code"))
    return out.fillna(0.0)


def _real(matrix: pd.DataFrame, period: str) -> pd.DataFrame:
    """Current prices to constant 2022 prices with England's deflator of each industry."""
    d = gva_deflators().set_index("period").loc[period, list(matrix.columns)].astype(float)
    return matrix.div(d / 100.0, axis=1)


def _periods(latest_year: str | int | None) -> tuple[str, str]:
    years = sorted(gva_current_prices()["period"].unique())
    latest = str(latest_year).strip() if latest_year not in (None, "") else years[-1]
    latest = latest if latest in years else years[-1]
    start = str(max(int(years[0]), int(latest) - WINDOW))
    return latest, start


def _cagr(end: pd.Series, start: pd.Series, years: int) -> pd.Series:
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = (end / start).where((start > 0) & (end > 0))
        return (ratio ** (1.0 / years) - 1.0) * 100.0


def analyse_area(area: Area, latest_year: str | int | None = None) -> SectorsAnalysis:
    """Compute the sectors chapter's results for an area (a set of LAD 2023 districts).

    GVA results use the ONS April 2025 LAD release at its finest non-overlapping level
    without owner-occupiers' imputed rent (35 industries); growth is in constant 2022
    prices (each industry deflated with England's implied deflator, so industries add up);
    jobs use Census 2021 residents in employment (residence-based) and, for the
    productivity decomposition, Census 2011 workplace population with 2011 GVA.
    The benchmark is England (the sum of English districts).
    """
    latest, start = _periods(latest_year)
    years = int(latest) - int(start)
    lads = area.lad_codes
    cp_all = gva_current_prices()
    codes = analysis_codes(cp_all.columns)
    cp = _two_rows(cp_all, lads, codes, latest)
    real_end = _real(_two_rows(cp_all, lads, codes, latest), latest)
    real_start = _real(_two_rows(cp_all, lads, codes, start), start)

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
        "cagr": _cagr(real_end.loc[AREA], real_start.loc[AREA], years).to_numpy(),
        "benchmark_cagr": _cagr(real_end.loc[BENCHMARK], real_start.loc[BENCHMARK],
                                years).to_numpy(),
    })

    # ---- jobs of residents (Census 2021) on the industries GVA and Census share
    res_all = residents_in_employment_2021()
    div_codes = [c for c in res_all.columns if c != "area_code"]
    residents = _two_rows(res_all, lads, div_codes)
    cp_2021 = _two_rows(cp_all, lads, codes, "2021")
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
        "cagr": _cagr(part["re"].loc[AREA], part["rs"].loc[AREA], years).to_numpy(),
        "jobs": h_jobs.loc[AREA].to_numpy(), "share": jobs_share.loc[AREA].to_numpy(),
        "benchmark_jobs_share": jobs_share.loc[BENCHMARK].to_numpy(),
        "jobs_lq": jobs_lq_h.loc[AREA].to_numpy(),
        "productivity": eng_prod.to_numpy(), "benchmark_productivity": eng_prod_all,
    })
    harmonised = S.label_industries(harmonised, lq_threshold=LQ_STRENGTH)
    unmatched = {c: float(residents.loc[AREA, c]) for c in conc.only_b}

    # ---- shift-share of real GVA
    shift = S.shift_share(real_start, real_end, benchmark=BENCHMARK)

    # ---- productivity gap 2011: GVA (current prices) per Census 2011 workplace worker
    to_section = S.industry_code_mapping(codes, SECTION_CODES)
    gva_2011 = S.aggregate_industries(_two_rows(cp_all, lads, codes, "2011"), to_section)
    work = workplace_jobs_2011()
    sec_codes = [c for c in work.columns if c != "area_code"]
    workers = _two_rows(work, lads, sec_codes)
    out_2011, lab_2011, _ = S.harmonise_matrices(gva_2011 * 1e6, workers)
    productivity = S.productivity_gap_decomposition(
        out_2011, lab_2011, BENCHMARK, labour_measure="workers (Census 2011, workplace)")

    # ---- groupings: jobs (residents 2021), GVA share/LQ (latest) and real growth
    g_jobs = S.grouping_summary(residents, groupings=list(GROUPINGS), benchmark=BENCHMARK)
    g_gva = S.grouping_summary(cp, groupings=list(GROUPINGS), benchmark=BENCHMARK)
    g_growth = S.grouping_summary(real_end, start=real_start, groupings=list(GROUPINGS),
                                  benchmark=BENCHMARK)
    pick = lambda t: t[t["area_code"] == AREA].set_index("grouping_id")  # noqa: E731
    gj, gg, gr = pick(g_jobs), pick(g_gva), pick(g_growth)
    groupings = pd.DataFrame({
        "grouping_id": list(GROUPINGS), "title": gj.loc[list(GROUPINGS), "title"].to_numpy(),
        "proxy": gj.loc[list(GROUPINGS), "proxy"].to_numpy(),
        "jobs": gj.loc[list(GROUPINGS), "size"].to_numpy(),
        "jobs_share": gj.loc[list(GROUPINGS), "share"].to_numpy(),
        "jobs_share_england": gj.loc[list(GROUPINGS), "benchmark_share"].to_numpy(),
        "jobs_lq": gj.loc[list(GROUPINGS), "lq"].to_numpy(),
        "gva": gg.loc[list(GROUPINGS), "size"].to_numpy(),
        "gva_share": gg.loc[list(GROUPINGS), "share"].to_numpy(),
        "gva_share_england": gg.loc[list(GROUPINGS), "benchmark_share"].to_numpy(),
        "gva_lq": gg.loc[list(GROUPINGS), "lq"].to_numpy(),
        "gva_cagr": ((1 + gr.loc[list(GROUPINGS), "growth"]) ** (1 / years) - 1).to_numpy() * 100,
        "gva_cagr_england": ((1 + gr.loc[list(GROUPINGS), "benchmark_growth"]) ** (1 / years)
                             - 1).to_numpy() * 100,
        "gva_coverage": gg.loc[list(GROUPINGS), "coverage"].to_numpy(),
        "gva_missing_divisions": gg.loc[list(GROUPINGS), "missing_divisions"].to_numpy(),
        "gva_partial": gg.loc[list(GROUPINGS), "partial_industries"].to_numpy(),
    })

    # ---- specialisation
    krugman = {"gva": float(S.krugman_index(cp, BENCHMARK).loc[AREA]),
               "jobs": float(S.krugman_index(residents, BENCHMARK).loc[AREA])}
    spec = specialisation()
    spec = spec[spec["period"] == latest]
    peer_type = area.type if area.type in ("LEP", "CA") else "LEP"
    peers = spec[spec["area_type"] == peer_type]
    rank = int((peers["krugman_gva"] > krugman["gva"] + 1e-12).sum()) + 1
    krugman_rank = {"type": peer_type, "rank": rank, "n": len(peers),
                    "member": area.type == peer_type}

    # ---- where residents work: largest divisions
    names = (load_table(RESIDENTS_2021)[["industry_code", "industry_name"]]
             .drop_duplicates("industry_code").set_index("industry_code")["industry_name"])
    res_share = S.sector_shares(residents)
    fe = S.load_sector_groupings()["foundational_economy"].divisions
    largest = pd.DataFrame({
        "division": div_codes, "industry": [names.get(c, c) for c in div_codes],
        "jobs": residents.loc[AREA].to_numpy(), "share": res_share.loc[AREA].to_numpy(),
        "benchmark_share": res_share.loc[BENCHMARK].to_numpy(),
        "foundational": [bool(S.industry_code_divisions(c) & fe) for c in div_codes],
    }).sort_values("jobs", ascending=False).reset_index(drop=True)

    # ---- GVA cells estimated because ONS suppressed them
    est = gva_estimated_cells()
    est = est[est["area_code"].isin(lads) & est["period"].isin([latest, start, "2011", "2021"])]
    est_cols = [c for c in est.columns if c not in ("area_code", "period")]
    estimated = est.melt(id_vars=["area_code", "period"], value_vars=est_cols,
                         var_name="industry_code", value_name="estimated")
    estimated = estimated[estimated["estimated"].astype(bool)].drop(columns="estimated")

    return SectorsAnalysis(
        area=area, latest=latest, start=start, industries=industries, harmonised=harmonised,
        concordance=conc, shift=shift, productivity=productivity, productivity_year="2011",
        groupings=groupings, krugman=krugman, krugman_rank=krugman_rank,
        largest_divisions=largest,
        residents_total=(float(residents.loc[AREA].sum()), float(residents.loc[BENCHMARK].sum())),
        estimated=estimated.reset_index(drop=True), unmatched_jobs=unmatched)


# =========================================================================== words


def _pct(x: float, digits: int = 0) -> str:
    return f"{x * 100:.{digits}f}%"


def _gbp_m(x: float) -> str:
    sign = "-" if x < 0 else ""
    x = abs(x)
    return f"{sign}£{x / 1000:,.1f} billion" if x >= 1000 else f"{sign}£{x:,.0f} million"


def _join(items: list[str]) -> str:
    """Join as in a sentence; semicolons when the items have commas of their own."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    sep = "; " if any("," in i for i in items) else ", "
    return sep.join(items[:-1]) + (";" if sep == "; " else "") + " and " + items[-1]


def _lower(name: str) -> str:
    """Lower-case the first letter of a name for use inside a sentence (not acronyms)."""
    name = str(name)
    return name[0].lower() + name[1:] if len(name) > 1 and name[1].islower() else name


def _poss(name: str) -> str:
    """Possessive of a name: ``Lancashire's``, ``West Midlands'``."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _gbp(x: float) -> str:
    """Signed pounds, e.g. ``-£633``."""
    return f"{'-' if x < 0 else '+'}£{abs(x):,.0f}"


def division_name(code: str, name: str) -> str:
    """Short name of a Census division label for sentences.

    Examples
    --------
    >>> division_name("47", "Retail trade, except of motor vehicles and motorcycles")
    'Retail trade'
    >>> division_name("41-43", "Construction of buildings; Civil engineering; Specialised ...")
    'Construction'
    """
    if code == "41-43":
        return "Construction"
    return str(name).split(";")[0].split(", except")[0].strip()


def _int(values: pd.Series) -> pd.Series:
    """Counts and £ million shown as whole numbers (missing stays missing)."""
    return pd.to_numeric(values, errors="coerce").round(0).astype("Int64")


def _lq(values: pd.Series) -> pd.Series:
    """Location quotients as text to 2 decimals, so the 1.25 threshold stays visible."""
    return pd.to_numeric(values, errors="coerce").map(
        lambda v: np.nan if pd.isna(v) else f"{v:.2f}").astype(object)


def _names(codes: str) -> str:
    return "; ".join(short_name(c.strip()) for c in str(codes).split(";") if c.strip()) or "none"


def strengths(a: SectorsAnalysis) -> pd.DataFrame:
    """Industries with a GVA location quotient of at least 1.25, highest first."""
    t = a.harmonised
    return t[t["lq"] >= LQ_STRENGTH].sort_values("lq", ascending=False)


def low_pay_share(a: SectorsAnalysis) -> tuple[float, float, list[str]]:
    """Share of residents' jobs (area, England) in low-paying industries, and the largest.

    Low-paying industries are :data:`LOW_PAY_DIVISIONS` (Census 2021 divisions).
    """
    t = a.largest_divisions
    low = t[t["division"].isin(LOW_PAY_DIVISIONS)]
    names = [division_name(r.division, r.industry) for r in low.itertuples()]
    return float(low["share"].sum()), float(low["benchmark_share"].sum()), names


def key_findings(a: SectorsAnalysis) -> list[str]:
    """The chapter's key findings, in order of importance, written from the results."""
    name = a.area.name
    out = []
    top = strengths(a).head(3)
    n_strong = int(a.harmonised["distinctive_strength"].fillna(False).sum())
    if len(top):
        listed = _join([f"{_lower(r.industry)} (location quotient {r.lq:.2f})"
                        for r in top.itertuples()])
        out.append(f"Measured by their share of GVA against England in {a.latest}, "
                   f"{_poss(name)} most distinctive industries are {listed}; {n_strong} industr"
                   f"{'y is' if n_strong == 1 else 'ies are'} both concentrated here "
                   f"(LQ of 1.25 or more) and grew in real terms over {a.window}.")
    else:
        first = a.harmonised.sort_values("lq", ascending=False).iloc[0]
        out.append(f"{_poss(name)} economy has no industry with a GVA location quotient of 1.25 or "
                   f"more in {a.latest}; the most concentrated is {_lower(first.industry)} "
                   f"({first.lq:.2f}).")
    fe = a.groupings.set_index("grouping_id").loc["foundational_economy"]
    low, low_eng, _ = low_pay_share(a)
    out.append(f"The foundational economy (everyday services and utilities) employs "
               f"{_pct(fe.jobs_share)} of working residents (England "
               f"{_pct(fe.jobs_share_england)}) and produces at least {_pct(fe.gva_share)} of "
               f"GVA; {_pct(low)} of working residents are in typically low-paying industries "
               f"such as retail, hospitality and social care (England {_pct(low_eng)}).")
    tot = a.shift.totals.set_index("area_code").loc[AREA]
    out.append(f"Real GVA grew by {_pct(tot.area_growth, 1)} over {a.window} (England "
               f"{_pct(tot.benchmark_growth, 1)}): England's growth rate accounts for "
               f"{_gbp_m(tot.national_share)}, the area's industry mix for "
               f"{_gbp_m(tot.industry_mix)} and its local competitive performance for "
               f"{_gbp_m(tot.competitive)} (2022 prices).")
    p = a.productivity.totals.set_index("area_code").loc[AREA]
    rel = p.productivity_area / p.productivity_benchmark - 1
    if abs(p.gap) > 1:
        main = ("the industry mix" if abs(p.mix) > abs(p.within)
                else "productivity within industries")
        out.append(f"In {a.productivity_year} GVA per worker was {_pct(abs(rel))} "
                   f"{'above' if rel > 0 else 'below'} England (£{abs(p.gap):,.0f} a worker); "
                   f"industry mix accounts for {_gbp(p.mix)} and productivity within industries "
                   f"for {_gbp(p.within)} a worker, so {main} explains most of the gap.")
    r = a.krugman_rank
    peers = {"LEP": "LEPs", "CA": "combined authorities"}[r["type"]]
    where = (f"ranked {r['rank']} of {r['n']} {peers} (1 = most specialised)" if r["member"]
             else f"it would rank {r['rank']} of the {r['n']} {peers} (1 = most specialised)")
    out.append(f"The Krugman specialisation index of GVA is {a.krugman['gva']:.2f} (0 = same "
               f"structure as England, 2 = nothing in common): {where}.")
    return out


def strengths_text(a: SectorsAnalysis) -> str:
    """Plain-English summary of the area's distinctive strengths."""
    t = a.harmonised
    strong = t[t["distinctive_strength"].fillna(False).astype(bool)].sort_values(
        "lq", ascending=False)
    concentrated_falling = t[(t["lq"] >= LQ_STRENGTH) & (t["growth"] <= 0)]
    parts = []
    if len(strong):
        parts.append(
            f"**Distinctive strengths.** {len(strong)} industr"
            f"{'y is' if len(strong) == 1 else 'ies are'} both more concentrated in "
            f"{a.area.name} than in England (a GVA location quotient of 1.25 or more in "
            f"{a.latest}) and grew in real terms over {a.window}: "
            + _join([f"{_lower(r.industry)} ({_gbp_m(r.gva)}, LQ {r.lq:.2f}, "
                     f"{r.cagr:+.1f}% a year)" for r in strong.itertuples()]) + ".")
    else:
        parts.append(f"**Distinctive strengths.** No industry is both concentrated in "
                     f"{a.area.name} (GVA location quotient of 1.25 or more) and growing in real "
                     f"terms over {a.window}.")
    if len(concentrated_falling):
        parts.append("Concentrated here but shrinking in real terms: " + _join(
            [f"{_lower(r.industry)} (LQ {r.lq:.2f}, {r.cagr:+.1f}% a year)"
             for r in concentrated_falling.itertuples()]) + ".")
    big = t.sort_values("gva", ascending=False).head(3)
    parts.append("By size, the largest industries are " + _join(
        [f"{_lower(r.industry)} ({_gbp_m(r.gva)})" for r in big.itertuples()])
        + f" of GVA in {a.latest}. A high location quotient does not make an industry large: "
        "the two views together show what is distinctive and what matters for jobs and output.")
    return " ".join(parts)


def foundational_text(a: SectorsAnalysis) -> str:
    """Plain-English summary of where residents work and of the foundational economy."""
    g = a.groupings.set_index("grouping_id")
    fe, mat, prov = (g.loc[k] for k in ("foundational_economy", "foundational_economy_material",
                                        "foundational_economy_providential"))
    top = a.largest_divisions.head(5)
    low, low_eng, names = low_pay_share(a)
    return (
        f"**Where most people work.** The five largest industries of {_poss(a.area.name)} working "
        "residents in 2021 were " + _join(
            [f"{_lower(division_name(r.division, r.industry))} ({_pct(r.share, 1)})"
             for r in top.itertuples()])
        + f"; {int(top['foundational'].sum())} of these five are part of the foundational "
        "economy.\n\n"
        f"**The foundational economy** (utilities, food, retail, transport, banking, and "
        f"education, health and care) employs {_pct(fe.jobs_share)} of working residents "
        f"(England {_pct(fe.jobs_share_england)}): {_pct(prov.jobs_share)} in education, health "
        f"and care and {_pct(mat.jobs_share)} in the material foundational economy. It produces "
        f"at least {_pct(fe.gva_share)} of the area's GVA (England "
        f"{_pct(fe.gva_share_england)}; a lower bound, because district GVA is not published "
        "separately for some of its divisions).\n\n"
        f"**Low-paid, high-employment work.** {_pct(low)} of working residents (England "
        f"{_pct(low_eng)}) are in industries the Low Pay Commission counts as low-paying, the "
        "largest here being " + _join([_lower(n) for n in names[:4]])
        + ". Much of this is the everyday economy: retail, hospitality and social care employ "
        "many people, often part-time and close to the minimum wage, and add little GVA per "
        "worker. They are not distinctive strengths, but improving their productivity, pay and "
        "progression matters for most residents as much as growing the high-productivity "
        "industries.")


def classification_text(a: SectorsAnalysis) -> str:
    """One paragraph per label: which industries carry it."""
    t = a.harmonised
    lines = []
    for col, label, meaning in (
        ("distinctive_strength", "Distinctive strengths",
         f"GVA location quotient of 1.25 or more in {a.latest} and real growth over {a.window}"),
        ("large_employer", "Large employers",
         "at least 5% of working residents' jobs, Census 2021"),
        ("high_productivity", "High-productivity industries",
         "GVA per worker in England above the all-industry average, 2021"),
        ("at_risk", "At risk",
         f"real GVA fell over {a.window} and by more than in England"),
    ):
        names = t.loc[t[col].fillna(False).astype(bool), "industry"].tolist()
        lines.append(f"- **{label}** ({meaning}): " + (_join([_lower(n) for n in names])
                                                       if names else "none") + ".")
    risky = t[t["at_risk"].fillna(False).astype(bool)
              & t["industry_code"].astype(str).str[:1].isin(list(NON_MARKET))]
    if len(risky):
        years = int(a.latest) - int(a.start)
        lines.append("\n" + " ".join(
            f"{r.industry}: England's real GVA changed {_cagr_text(r.benchmark_growth, years)} "
            f"over {a.window}, and the area's by {r.growth * 100:+.1f}% in all."
            for r in risky.itertuples()) + " " + NON_MARKET_NOTE)
    return "\n".join(lines)


def _cagr_text(growth: float, years: int) -> str:
    return f"{((1 + growth) ** (1 / years) - 1) * 100:+.1f}% a year"


NON_MARKET = {"O": "public administration", "P": "education", "Q": "health and social work"}
"""ONS GVA sections that are mostly non-market services (first letter of the industry code)."""

NON_MARKET_NOTE = (
    "Real GVA of non-market services (public administration, education, health and social "
    "work) is not cash spending deflated by prices: ONS measures it mostly by the volume of "
    "services delivered (treatments, pupils, cases), and this chapter's deflators are the "
    "implied ones (current prices over ONS's chained volumes), so they reproduce those "
    "volumes. Health output in particular fell sharply in 2020 as routine care stopped, so "
    "low real growth here means measured activity, not spending, and is sensitive to how "
    "ONS counts pandemic-era health output.")
"""How real GVA of non-market services is measured (checked against the implied deflators)."""


# =========================================================================== tables


def industry_table(a: SectorsAnalysis) -> pd.DataFrame:
    """GVA and residents' jobs by industry, with location quotients, growth and labels."""
    t = a.harmonised.sort_values("lq", ascending=False)
    return pd.DataFrame({
        "Industry": t["industry"], "Code (ONS GVA)": t["industry_code"],
        f"GVA {a.latest} (£m)": _int(t["gva"]),
        f"GVA location quotient {a.latest}": _lq(t["lq"]),
        f"Real GVA growth {a.window} (% a year)": t["cagr"].round(1),
        f"England real GVA growth {a.window} (% a year)": (
            ((1 + t["benchmark_growth"]) ** (1 / (int(a.latest) - int(a.start))) - 1) * 100
        ).round(1),
        "Residents in employment 2021": _int(t["jobs"]),
        "Share of residents' jobs 2021 (%)": (t["share"] * 100).round(1),
        "Jobs location quotient 2021": _lq(t["jobs_lq"]),
        "England GVA per worker 2021 (£)": _int(t["productivity"].round(-2)),
        "Classification": t["labels"].replace("", "none"),
    })


def classification_table(a: SectorsAnalysis) -> pd.DataFrame:
    """One row per industry with at least one label, with the evidence for each."""
    t = a.harmonised
    t = t[t["labels"] != ""].copy()
    order = (t["distinctive_strength"].fillna(False).astype(int) * 8
             + t["large_employer"].fillna(False).astype(int) * 4
             + t["high_productivity"].fillna(False).astype(int) * 2
             + t["at_risk"].fillna(False).astype(int))
    t = t.assign(_o=order).sort_values(["_o", "gva"], ascending=False)
    yes = lambda s: s.fillna(False).astype(bool).map({True: "yes", False: "no"})  # noqa: E731
    return pd.DataFrame({
        "Industry": t["industry"],
        "Distinctive strength": yes(t["distinctive_strength"]),
        "Large employer": yes(t["large_employer"]),
        "High productivity": yes(t["high_productivity"]),
        "At risk": yes(t["at_risk"]),
        f"GVA LQ {a.latest}": _lq(t["lq"]),
        f"Real GVA change {a.window} (%)": (t["growth"] * 100).round(1),
        f"England change {a.window} (%)": (t["benchmark_growth"] * 100).round(1),
        "Share of residents' jobs 2021 (%)": (t["share"] * 100).round(1),
        "England GVA per worker 2021 (£)": _int(t["productivity"].round(-2)),
    })


def groupings_table(a: SectorsAnalysis) -> pd.DataFrame:
    """Foundational economy and Grand Challenge groupings: size, share, LQ and growth."""
    g = a.groupings
    return pd.DataFrame({
        "Grouping": g["title"],
        "Residents in employment 2021": _int(g["jobs"]),
        "Share of residents' jobs (%)": (g["jobs_share"] * 100).round(1),
        "England share of jobs (%)": (g["jobs_share_england"] * 100).round(1),
        "Jobs LQ": _lq(g["jobs_lq"]),
        f"GVA {a.latest} (£m)": _int(g["gva"]),
        "Share of GVA (%)": (g["gva_share"] * 100).round(1),
        "England share of GVA (%)": (g["gva_share_england"] * 100).round(1),
        "GVA LQ": _lq(g["gva_lq"]),
        f"Real GVA growth {a.window} (% a year)": g["gva_cagr"].round(1),
        "England real GVA growth (% a year)": g["gva_cagr_england"].round(1),
        "GVA industries left out (only partly in the grouping)": g["gva_partial"].map(_names),
    })


def shift_share_table(a: SectorsAnalysis) -> pd.DataFrame:
    """Shift-share components by industry (£m, 2022 prices), largest change first."""
    t = a.shift.by_industry
    t = t[t["area_code"] == AREA].copy()
    t = t.reindex(t["actual_change"].abs().sort_values(ascending=False).index)
    return pd.DataFrame({
        "Industry": t["industry_code"].map(short_name),
        f"GVA {a.start} (£m)": _int(t["start"]), f"GVA {a.latest} (£m)": _int(t["end"]),
        "Change (£m)": t["actual_change"].round(1),
        "National growth (£m)": t["national_share"].round(1),
        "Industry mix (£m)": t["industry_mix"].round(1),
        "Local competitiveness (£m)": t["competitive"].round(1),
    })


def productivity_table(a: SectorsAnalysis) -> pd.DataFrame:
    """Productivity gap decomposition by section (2011), £ per worker."""
    t = a.productivity.by_industry
    t = t[t["area_code"] == AREA].copy()
    t = t.assign(total=t["mix"] + t["within"]).sort_values("total")
    return pd.DataFrame({
        "Industry (section)": t["industry_code"].map(short_name),
        "Share of workers (%)": (t["labour_share_area"] * 100).round(1),
        "England share of workers (%)": (t["labour_share_benchmark"] * 100).round(1),
        "GVA per worker (£)": _int(t["productivity_area"].round(-1)),
        "England GVA per worker (£)": _int(t["productivity_benchmark"].round(-1)),
        "Industry mix (£ per worker)": _int(t["mix"]),
        "Within industry (£ per worker)": _int(t["within"]),
    })


def largest_divisions_table(a: SectorsAnalysis, n: int = 12) -> pd.DataFrame:
    """The largest industries (2-digit SIC) of working residents in 2021."""
    t = a.largest_divisions.head(n)
    return pd.DataFrame({
        "SIC division": t["division"], "Industry": t["industry"],
        "Residents in employment": _int(t["jobs"]),
        "Share (%)": (t["share"] * 100).round(1),
        "England share (%)": (t["benchmark_share"] * 100).round(1),
        "Foundational economy": t["foundational"].map({True: "yes", False: "no"}),
    })


def comparison_table(areas: list[Area], latest_year: str | int | None = None) -> pd.DataFrame:
    """Specialisation and foundational economy for several areas side by side."""
    rows = []
    for area in areas:
        r = analyse_area(area, latest_year)
        fe = r.groupings.set_index("grouping_id").loc["foundational_economy"]
        tot = r.shift.totals.set_index("area_code").loc[AREA]
        rows.append({"Area": area.label, "Krugman index, GVA": round(r.krugman["gva"], 3),
                     "Krugman index, residents' jobs": round(r.krugman["jobs"], 3),
                     "Foundational economy, share of residents' jobs (%)":
                         round(fe.jobs_share * 100, 1),
                     f"Real GVA growth {r.window} (%)": round(tot.area_growth * 100, 1)})
    return pd.DataFrame(rows)


def data_notes(a: SectorsAnalysis) -> list[str]:
    """Caveats of the sources as used in this chapter, including cells that were estimated."""
    from lis_analytics.data import get_dataset

    notes = [
        f"GVA: {get_dataset(GVA).title} ({get_dataset(GVA).vintage}). Current prices for "
        f"shares and location quotients; growth in constant {BASE_YEAR} prices, each industry "
        "deflated with England's implied deflator (so industries add up; ONS's own "
        "chained-volume figures do not). Owner-occupiers' imputed rent is left out. "
        f"{a.latest} figures are provisional.",
        "Jobs: Census 2021 counts residents in employment where they LIVE (residence-based), "
        "during lockdown (furloughed people are counted in their industry): they describe the "
        "industries of the area's residents, not the jobs located in it. "
        "Census 2011 counts workers where they WORK "
        "(workplace-based) and is used for the productivity decomposition with 2011 GVA, the "
        "one year where both are available on the same basis for districts.",
        "BRES (workplace jobs by detailed industry) is not in the offline data for districts; "
        "lis_analytics.data.nomis fetches it from Nomis where the network allows.",
        NON_MARKET_NOTE,
    ]
    if len(a.estimated):
        cells = a.estimated.groupby("period")["industry_code"].nunique()
        notes.append("ONS suppressed some district GVA cells ([c]); they were estimated from the "
                     "published totals above them: " + "; ".join(
                         f"{p}: {n} industr{'y' if n == 1 else 'ies'}" for p, n in cells.items())
                     + ".")
    if a.unmatched_jobs:
        notes.append("Census 2021 categories with no GVA counterpart are left out of the "
                     "industry comparisons: " + "; ".join(
                         f"{UNMATCHED_NAMES.get(str(k), short_name(k))} ({v:,.0f} residents)"
                         for k, v in a.unmatched_jobs.items()) + ".")
    return notes


# =========================================================================== charts


def _new_chart(title: str, subtitle: str, *, figsize: tuple[float, float] = (9.0, 5.0),
               ncols: int = 1):
    """:func:`lis_analytics.charts.new_chart` (titles and subtitles wrapped to fit)."""
    from lis_analytics.present import charts

    return charts.new_chart(title, subtitle, figsize=figsize, ncols=ncols)


def _add_source(fig, source: str) -> None:
    """:func:`lis_analytics.charts.add_source` (pre-wrapped, no per-draw layout cost)."""
    from lis_analytics.present import charts

    charts.add_source(fig, source)


def _ha(off: tuple[float, float]) -> str:
    return "left" if off[0] > 1 else ("right" if off[0] < -1 else "center")


def _va(off: tuple[float, float]) -> str:
    return "bottom" if off[1] > 1 else ("top" if off[1] < -1 else "center")


def _place_labels(fig, ax, points: list[tuple[float, float, str, float]],
                  fontsize: float = 9.0,
                  obstacles: list[tuple[float, float, float]] = (),
                  avoid: list = (), required: int | None = None) -> int:
    """Label points without overlaps, each joined to its point by a thin leader line.

    ``points`` are ``(x, y, text, radius in points)`` in order of priority; positions around
    each point are tried nearest first, avoiding other labels and the ``obstacles``
    (``(x, y, radius in points)``, e.g. large bubbles) and the artists in ``avoid`` (e.g.
    reference-line labels). The first ``required`` labels (all when ``None``) are drawn even
    without a free position (at the least crowded one); later ones are then left out.
    Returns the number of labels that found no free position.
    """
    from matplotlib.transforms import Bbox

    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    px = fig.dpi / 72.0
    placed: list = []
    for ox, oy, orad in obstacles:
        cx, cy = ax.transData.transform((ox, oy))
        half = orad * px * 0.8
        placed.append(Bbox([[cx - half, cy - half], [cx + half, cy + half]]))
    for artist in avoid:
        if hasattr(artist, "update_positions"):
            artist.update_positions(renderer)
        placed.append(mtext.Text.get_window_extent(artist, renderer))
    crowded = 0
    angles = np.deg2rad([30, -30, 150, -150, 90, -90, 0, 180, 60, -60, 120, -120])

    def overlap(b1, b2) -> float:
        w = min(b1.x1, b2.x1) - max(b1.x0, b2.x0)
        h = min(b1.y1, b2.y1) - max(b1.y0, b2.y0)
        return w * h if w > 0 and h > 0 else 0.0

    for k, (x, y, text, radius) in enumerate(points):
        probe = ax.text(0, 0, text, fontsize=fontsize)
        size = probe.get_window_extent(renderer)
        probe.remove()
        width, height = size.width * 1.06, size.height * 1.25
        ax_px, ay_px = ax.transData.transform((x, y))
        best = None  # (cost, offset, box)
        for gap in (4.0, 14.0, 28.0, 46.0):
            for ang in angles:
                dist = radius + gap
                off = (float(np.cos(ang) * dist), float(np.sin(ang) * dist))
                ox, oy = ax_px + off[0] * px, ay_px + off[1] * px
                x0 = {"left": ox, "right": ox - width, "center": ox - width / 2}[_ha(off)]
                y0 = {"bottom": oy, "top": oy - height, "center": oy - height / 2}[_va(off)]
                box = Bbox([[x0, y0], [x0 + width, y0 + height]])
                outside = (max(frame.x0 - box.x0, 0) + max(box.x1 - frame.x1, 0)
                           + max(frame.y0 - box.y0, 0) + max(box.y1 - frame.y1, 0))
                cost = sum(overlap(box, p) for p in placed) + outside * height * 4
                cost += gap * 0.01  # prefer near positions among free ones
                if best is None or cost < best[0]:
                    best = (cost, off, box)
            if best is not None and best[0] < 1.0:
                break
        cost, off, box = best
        crowded += cost >= 1.0
        if cost >= 1.0 and required is not None and k >= required:
            continue  # optional label with no free spot: leave it out rather than crowd
        relpos = ({"left": 0.0, "right": 1.0, "center": 0.5}[_ha(off)],
                  {"bottom": 0.0, "top": 1.0, "center": 0.5}[_va(off)])
        ax.annotate(text, (x, y), xytext=off, textcoords="offset points", ha=_ha(off),
                    va=_va(off), fontsize=fontsize, color="#0B0C0C", zorder=5,
                    arrowprops={"arrowstyle": "-", "color": "#505A5F", "lw": 0.7,
                                "shrinkA": 1, "shrinkB": radius * 0.9, "patchA": None,
                                "relpos": relpos})
        placed.append(box)
    return crowded


def bubble_chart(a: SectorsAnalysis):
    """Bubble chart: GVA location quotient against real growth, bubble area = GVA.

    Returns ``(figure, alt text)``.
    """
    from lis_analytics.present import charts

    t = a.harmonised[(a.harmonised["lq"] > 0) & np.isfinite(a.harmonised["cagr"])].copy()
    strong = t[t["distinctive_strength"].fillna(False).astype(bool)].sort_values(
        "gva", ascending=False)
    if len(strong):
        lead = strong.iloc[0]
        title = (f"{len(strong)} industr{'y is' if len(strong) == 1 else 'ies are'} concentrated "
                 f"in {a.area.name} and growing in real terms; the largest is "
                 f"{_lower(lead.industry)} ({_gbp_m(lead.gva)} of GVA)")
    else:
        title = f"No industry is both concentrated in {a.area.name} and growing in real terms"
    fig, ax = _new_chart(
        title, f"GVA location quotient against England (log scale) and real GVA growth, % a "
               f"year, {a.window}; bubble area = GVA in {a.latest}, current prices",
        figsize=(10, 7))
    sizes = t["gva"] / t["gva"].max() * 1800 + 20
    y_lo = max(min(float(t["cagr"].min()), -1.0), -20.0) - 1.5
    y_hi = min(max(float(t["cagr"].max()), 1.0), 20.0) + 1.5
    y = t["cagr"].clip(y_lo + 0.5, y_hi - 0.5)
    colour = np.where(t["distinctive_strength"].fillna(False).astype(bool), charts.AF_DARK_BLUE,
                      np.where(t["at_risk"].fillna(False).astype(bool), charts.AF_ORANGE,
                               charts.AF_TURQUOISE))
    ax.scatter(t["lq"], y, s=sizes, c=colour, alpha=0.75, edgecolors="white", linewidths=0.8,
               zorder=3)
    clipped = t["cagr"] != y
    if clipped.any():
        ax.scatter(t.loc[clipped, "lq"], y[clipped], marker="x", s=20, c="#0B0C0C", zorder=4)
    ax.set_xscale("log")
    x_lo = max(min(t["lq"].min() * 0.8, 0.5), 0.02)
    x_hi = max(t["lq"].max() * 1.6, 2.0)
    ax.set_xlim(x_lo, x_hi)
    ax.set_ylim(y_lo, y_hi)
    ticks = [v for v in (0.05, 0.1, 0.25, 0.5, 1, 1.25, 2, 4, 8, 16) if x_lo <= v <= x_hi]
    ax.set_xticks(ticks, [f"{v:g}" for v in ticks])
    ax.minorticks_off()
    ax.axvline(1, color=charts.AF_GREY, lw=1)
    ax.axvline(LQ_STRENGTH, color=charts.AF_GREY, lw=0.8, ls=":")
    ax.axhline(0, color=charts.AF_GREY, lw=1)
    eng = a.shift.totals.set_index("area_code").loc[BENCHMARK, "area_growth"]
    eng_cagr = ((1 + eng) ** (1 / (int(a.latest) - int(a.start))) - 1) * 100
    ax.axhline(eng_cagr, color=charts.AF_GREY, lw=0.8, ls="--")
    # reference label on the side of the chart with fewer bubbles near the line, in front
    near = (t["cagr"] - eng_cagr).abs() < (y_hi - y_lo) * 0.12
    mid = np.sqrt(x_lo * x_hi)
    left_side = int((near & (t["lq"] < mid)).sum()) <= int((near & (t["lq"] >= mid)).sum())
    eng_label = ax.annotate(
        f"England, all industries: {eng_cagr:.1f}% a year",
        (x_lo if left_side else x_hi, eng_cagr), xytext=(4 if left_side else -4, 3),
        textcoords="offset points", fontsize=8.5, color="#505A5F",
        ha="left" if left_side else "right", va="bottom", zorder=6,
        bbox={"boxstyle": "square,pad=0.15", "facecolor": "white", "edgecolor": "none",
              "alpha": 0.85})
    for text, xy, ha, va in (("Concentrated and growing", (0.99, 0.99), "right", "top"),
                             ("Concentrated, shrinking", (0.99, 0.01), "right", "bottom"),
                             ("Less concentrated, growing", (0.01, 0.99), "left", "top"),
                             ("Less concentrated, shrinking", (0.01, 0.01), "left", "bottom")):
        ax.text(*xy, text, transform=ax.transAxes, ha=ha, va=va, fontsize=9,
                color="#6F777B", style="italic")
    ax.set_xlabel("Location quotient of GVA (England = 1)")
    ax.set_ylabel("Real GVA growth, % a year")
    for colour_, text in ((charts.AF_DARK_BLUE, "distinctive strength"),
                          (charts.AF_ORANGE, "at risk"), (charts.AF_TURQUOISE, "other")):
        ax.scatter([], [], s=60, c=colour_, alpha=0.75, label=text)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.11), ncol=3, frameon=False, fontsize=9)
    fig.subplots_adjust(bottom=0.2)
    # label the extremes first (fastest and slowest growth, highest LQ), then distinctive
    # strengths, the largest industries at risk and the largest industries; labels after
    # the extremes are left out when they find no free spot
    risky = t["at_risk"].fillna(False).astype(bool)
    strong_ids = t.index[t["distinctive_strength"].fillna(False).astype(bool)]
    extremes = list(dict.fromkeys([t["cagr"].idxmax(), t["cagr"].idxmin(), t["lq"].idxmax()]))
    priority = (extremes
                + list(t.loc[strong_ids].sort_values("gva", ascending=False).index)
                + list(t[risky].sort_values("gva", ascending=False).index[:3])
                + list(t.sort_values("gva", ascending=False).index[:4])
                + list(t[t["lq"] >= LQ_STRENGTH].sort_values("gva", ascending=False).index))
    priority = list(dict.fromkeys(priority))
    radius = np.sqrt(sizes / np.pi)
    points = [(float(t.at[i, "lq"]), float(y[i]), t.at[i, "industry"], float(radius[i]))
              for i in priority]
    all_radius = np.sqrt(sizes / np.pi)
    obstacles = [(float(t.at[i, "lq"]), float(y[i]), float(all_radius[i])) for i in t.index
                 if all_radius[i] >= 10]
    _place_labels(fig, ax, points, obstacles=obstacles, avoid=[eng_label],
                  required=len(extremes))
    _add_source(fig, _source(GVA))
    note = (" Growth beyond 20% a year is drawn at the edge (marked x)." if clipped.any() else "")
    alt = (f"Bubble chart of {len(t)} industries in {a.area.name}: location quotient of GVA in "
           f"{a.latest} against real GVA growth a year over {a.window}, bubble size showing GVA. "
           + ("Distinctive strengths: " + _join(
               [f"{r.industry} (LQ {r.lq:.2f}, {r.cagr:+.1f}% a year)"
                for r in strong.itertuples()]) + "." if len(strong) else
               "No industry is both concentrated and growing.")
           + f" England's economy grew {eng_cagr:.1f}% a year." + note)
    return fig, alt


def _source(*dataset_ids: str) -> str:
    from lis_analytics.data import source_line

    return source_line(*dataset_ids)


def lq_chart(a: SectorsAnalysis):
    """Ranked location quotients of GVA (bars) with those of residents' jobs (dots)."""
    from lis_analytics.present import charts

    t = a.harmonised.sort_values("lq", ascending=True)
    top = t.iloc[-1]
    fig, ax = _new_chart(
        f"{top.industry} is the most concentrated industry in {a.area.name}: its share of GVA "
        f"is {top.lq:.1f} times England's",
        f"Location quotients against England (England = 1): bars GVA in {a.latest} (current "
        f"prices); dots residents in employment in 2021 (Census, residence-based), "
        f"{a.area.name}", figsize=(9.5, 9.5))
    ypos = np.arange(len(t))
    vals = t["lq"].to_numpy()
    colours = [charts.AF_DARK_BLUE if v >= LQ_STRENGTH else
               (charts.AF_TURQUOISE if v >= 1 else charts.AF_LIGHT_GREY) for v in vals]
    ax.barh(ypos, vals, color=colours, height=0.68, zorder=2)
    ax.scatter(t["jobs_lq"], ypos, s=26, color=charts.AF_ORANGE, edgecolors="white",
               linewidths=0.6, zorder=3)
    ax.axvline(1, color=charts.AF_GREY, lw=1, zorder=1)
    x_max = max(float(np.nanmax(t[["lq", "jobs_lq"]].to_numpy())) * 1.05, 1.5)
    ax.set_xlim(0, x_max)

    ax.set_ylim(-0.7, len(t) - 0.3)
    ax.set_yticks(ypos, t["industry"], fontsize=9)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("Location quotient (England = 1)")
    for colour, text in ((charts.AF_DARK_BLUE, "GVA LQ 1.25 or more"),
                         (charts.AF_TURQUOISE, "GVA LQ 1 to 1.25"),
                         (charts.AF_LIGHT_GREY, "GVA LQ below 1")):
        ax.barh([np.nan], [np.nan], color=colour, label=text)
    ax.scatter([], [], s=26, color=charts.AF_ORANGE, label="Residents' jobs LQ")
    ax.legend(loc="upper center", bbox_to_anchor=(0.4, -0.065), ncol=4, frameon=False,
              fontsize=8.5, handlelength=1.2, columnspacing=1.0)
    fig.subplots_adjust(left=0.3, right=0.96, bottom=0.13)
    _add_source(fig, _source(GVA, RESIDENTS_2021))
    strong = t[t["lq"] >= LQ_STRENGTH].sort_values("lq", ascending=False)
    alt = (f"Bar chart ranking {len(t)} industries in {a.area.name} by the location quotient of "
           f"GVA in {a.latest}, with dots for the location quotient of residents in employment "
           "in 2021. Highest: " + _join([f"{r.industry} {r.lq:.2f} (jobs {r.jobs_lq:.2f})"
                                          for r in t.iloc[::-1].head(5).itertuples()])
           + f". {len(strong)} industries have a GVA LQ of 1.25 or more. Lowest: "
           + _join([f"{r.industry} {r.lq:.2f}" for r in t.head(3).itertuples()]) + ".")
    return fig, alt


def _waterfall(ax, labels: list[str], values: list[float], fmt, total_label: str) -> None:
    from lis_analytics.present import charts

    starts = np.concatenate([[0.0], np.cumsum(values)[:-1]])
    all_labels = labels + [total_label]
    all_values = list(values) + [float(np.sum(values))]
    all_starts = list(starts) + [0.0]
    colours = [charts.AF_TURQUOISE if v >= 0 else charts.AF_PLUM for v in values] + [
        charts.AF_DARK_BLUE]
    ax.barh(range(len(all_values)), all_values, left=all_starts, color=colours, height=0.6)
    lo = min(0.0, *(s + min(v, 0) for s, v in zip(all_starts, all_values, strict=True)))
    hi = max(0.0, *(s + max(v, 0) for s, v in zip(all_starts, all_values, strict=True)))
    span = hi - lo or 1.0
    for i, (v, s) in enumerate(zip(all_values, all_starts, strict=True)):
        if v >= 0:  # label beyond the end of the bar, on the side it grows towards
            ax.annotate(fmt(v), (s + v, i), xytext=(4, 0), textcoords="offset points",
                        va="center", ha="left", fontsize=9.5)
        else:
            ax.annotate(fmt(v), (s + v, i), xytext=(-4, 0), textcoords="offset points",
                        va="center", ha="right", fontsize=9.5)
    left = 0.28 if any(v < 0 and s + v < lo + span * 0.25
                       for v, s in zip(all_values, all_starts, strict=True)) else 0.05
    right = 0.3 if any(v >= 0 for v in all_values) else 0.05
    ax.set_xlim(lo - span * left, hi + span * right)
    ax.set_yticks(range(len(all_values)), all_labels)
    ax.invert_yaxis()
    ax.axvline(0, color=charts.AF_GREY, lw=1)
    ax.grid(axis="y", visible=False)


def shift_share_chart(a: SectorsAnalysis):
    """Shift-share waterfall: national growth, industry mix, local competitiveness."""
    tot = a.shift.totals.set_index("area_code").loc[AREA]
    diff = tot.area_growth - tot.benchmark_growth
    pace = ("about as fast as" if abs(diff) < 0.005 else
            "faster than" if diff > 0 else "more slowly than")
    fig, ax = _new_chart(
        f"Real GVA in {a.area.name} grew {pace} in England over {a.window}: "
        f"{_pct(tot.area_growth, 1)} against {_pct(tot.benchmark_growth, 1)}",
        f"Shift-share of the change in real GVA against England, £ million in 2022 prices, "
        f"{a.window}", figsize=(9, 4.8))
    _waterfall(ax, ["National growth", "Industry mix", "Local competitiveness"],
               [tot.national_share, tot.industry_mix, tot.competitive],
               lambda v: f"{v:+,.0f}", "Actual change")
    ax.set_xlabel("£ million (2022 prices)")
    ax.xaxis.set_major_locator(mticker.MaxNLocator(5))
    ax.xaxis.set_major_formatter(mticker.StrMethodFormatter("{x:,.0f}"))
    fig.subplots_adjust(left=0.25, bottom=0.2)
    _add_source(fig, _source(GVA))
    alt = (f"Waterfall chart of the change in real GVA in {a.area.name} over {a.window}, "
           f"{_gbp_m(tot.actual_change)}: national growth {_gbp_m(tot.national_share)}, "
           f"industry mix {_gbp_m(tot.industry_mix)}, local competitiveness "
           f"{_gbp_m(tot.competitive)}.")
    return fig, alt


def shift_share_text(a: SectorsAnalysis, n: int = 4) -> str:
    """Which industries drove the local competitiveness effect, in words."""
    by = a.shift.by_industry
    by = by[by["area_code"] == AREA].sort_values("competitive")
    up = by[by["competitive"] > 0].tail(n).iloc[::-1]
    down = by[by["competitive"] < 0].head(n)
    tot = a.shift.totals.set_index("area_code").loc[AREA]
    mix = ("helped" if tot.industry_mix > 0 else "held back")
    parts = [f"The area's industry mix {mix} growth by {_gbp_m(abs(tot.industry_mix))}: it has "
             f"{'more' if tot.industry_mix > 0 else 'less'} of the industries that grew fastest "
             "in England."]
    if len(up):
        parts.append("Industries that grew faster here than in England added most: " + _join(
            [f"{_lower(short_name(r.industry_code))} ({_gbp_m(r.competitive)})"
             for r in up.itertuples()]) + ".")
    if len(down):
        parts.append("The largest shortfalls against England's growth were in " + _join(
            [f"{_lower(short_name(r.industry_code))} ({_gbp_m(r.competitive)})"
             for r in down.itertuples()]) + ".")
    return " ".join(parts)


def productivity_chart(a: SectorsAnalysis):
    """Productivity gap to England in 2011 split into industry mix and within-industry parts."""
    p = a.productivity.totals.set_index("area_code").loc[AREA]
    rel = p.productivity_area / p.productivity_benchmark - 1
    main = "industry mix" if abs(p.mix) > abs(p.within) else "productivity within industries"
    fig, ax = _new_chart(
        f"GVA per worker in {a.area.name} was {_pct(abs(rel))} {'above' if rel > 0 else 'below'} "
        f"England in {a.productivity_year}, mostly because of {main}",
        f"Gap in GVA per worker against England, £ a worker, {a.productivity_year}: GVA at "
        "current prices over Census 2011 workplace population, 17 industry sections",
        figsize=(9, 4.6))
    _waterfall(ax, ["Industry mix", "Within industries"], [p.mix, p.within], _gbp,
               "Gap to England")
    ax.set_xlabel("£ per worker")
    ax.xaxis.set_major_locator(mticker.MaxNLocator(5))
    ax.xaxis.set_major_formatter(mticker.StrMethodFormatter("£{x:,.0f}"))
    fig.subplots_adjust(left=0.22, bottom=0.2)
    _add_source(fig, _source(GVA, WORKPLACE_2011))
    alt = (f"Waterfall chart: in {a.productivity_year} GVA per worker in {a.area.name} was "
           f"£{p.productivity_area:,.0f} against £{p.productivity_benchmark:,.0f} in England, a "
           f"gap of {_gbp(p.gap)}, of which industry mix {_gbp(p.mix)} and productivity within "
           f"industries {_gbp(p.within)}.")
    return fig, alt


def productivity_text(a: SectorsAnalysis, n: int = 3) -> str:
    """Which industries contribute most to the mix and within parts of the gap, in words."""
    by = a.productivity.by_industry
    by = by[by["area_code"] == AREA]
    p = a.productivity.totals.set_index("area_code").loc[AREA]
    within = by.sort_values("within")
    mix = by.reindex(by["mix"].abs().sort_values(ascending=False).index).head(n)
    weakest = within.head(n) if p.within < 0 else within.iloc[::-1].head(n)
    word = "below" if p.within < 0 else "above"
    return (
        f"GVA per worker was £{p.productivity_area:,.0f} against £{p.productivity_benchmark:,.0f} "
        f"in England. Within industries, productivity was furthest {word} England's in "
        + _join([f"{_lower(short_name(r.industry_code))} (contributing {_gbp(r.within)} a "
                 "worker)" for r in weakest.itertuples()])
        + ". The largest industry-mix effects come from "
        + _join([f"{_lower(short_name(r.industry_code))} ({_gbp(r.mix)}: "
                 f"{r.labour_share_area * 100:.1f}% of workers against "
                 f"{r.labour_share_benchmark * 100:.1f}% in England)" for r in mix.itertuples()])
        + ". These are 2011 figures: the structure has changed since, but later years lack "
          "workplace jobs by industry for districts in the offline data.")
