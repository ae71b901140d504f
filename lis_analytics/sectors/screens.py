"""Data-quality screens run before a sector finding is made.

District x industry GVA (ONS regional GVA by industry for local authorities) carries
artefacts: a business's output can move from one district to another when ONS re-allocates
it (Trafford's legal and accounting GVA went from £356m in 2019 to £1,827m in 2023), and
national businesses' output can be booked where their head office is (motor trades in
Milton Keynes). Some industries' output per worker means nothing as productivity
(households as employers, imputed rent). These pure functions flag such cells so that the
chapters can keep them out of headline claims and show what was screened out.

Screens and their thresholds
----------------------------
* :func:`flag_gva_jumps`: a district x industry cell whose change on the year before,
  *relative to England's change in that industry*, is a rise of more than
  :data:`JUMP_THRESHOLD` (50%) or a fall of the same size in logs (to less than
  1 / 1.5 of the expected level, -33%). Cells below :data:`CELL_FLOOR` (£25m in both
  years) are ignored: small cells move by tens of per cent from rounding and sampling alone.
  A jump *persists* when the last year of the panel is still beyond the threshold against
  the year before the jump (relative to England's change over the same years): a step
  change in the level, not a one-year spike that reversed. The chapters screen on
  persisting jumps, since those are what carry into the latest level and the growth.
  A robust z-score of the log change across districts (median/MAD for the industry and
  year) was tried and rejected: legal and accounting rose in many districts in 2020 and
  2021 together, so Trafford's +113% in 2021 has a z of only 2.7.
* :func:`flag_implausible_shares`: a district whose share of its GVA in a local-serving
  industry (:data:`LOCAL_SERVICE_INDUSTRIES`: motor trades, retail, real estate, building
  services, membership bodies and repairs, personal services, households) is more than
  :data:`SHARE_LQ_CEILING` (4) times England's share. Such industries serve their own
  district's residents and businesses; a share that high is output booked at a national
  business's head office, not local production. Cells below :data:`CELL_FLOOR` are ignored.
* :func:`material_flags`: a flagged district cell counts against an area's industry when the
  district holds at least :data:`MATERIAL_SHARE` (10%) of the area's GVA in that industry.
* :func:`is_ranked_for_productivity`: households as employers (SIC section T, divisions 97-98)
  and owner-occupiers' imputed rent (``68IMP``, and section L or ``L (68)`` that include it)
  are left out of productivity rankings: the first is domestic staff's wages, the second
  output with no workers.

Examples
--------
>>> panel = pd.DataFrame({"area_code": ["E1", "E1", "E2", "E2", "E92000001", "E92000001"],
...                       "period": ["2019", "2020"] * 3,
...                       "69": [356.0, 1231.0, 100.0, 110.0, 1000.0, 1100.0]})
>>> flag_gva_jumps(panel)[["area_code", "period", "change"]].round(2).to_dict("records")
[{'area_code': 'E1', 'period': '2020', 'change': 2.46}]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from lis_analytics.sectors.sic import IMPUTED_RENT, industry_code_divisions

__all__ = [
    "CELL_FLOOR",
    "JUMP_THRESHOLD",
    "LOCAL_SERVICE_INDUSTRIES",
    "MATERIAL_SHARE",
    "NOT_RANKED_FOR_PRODUCTIVITY",
    "SHARE_LQ_CEILING",
    "flag_gva_jumps",
    "flag_implausible_shares",
    "is_ranked_for_productivity",
    "material_flags",
]

ENGLAND = "E92000001"
"""Default benchmark row of the GVA panels (England, as the ``sectors_*`` tables hold it)."""

JUMP_THRESHOLD = 0.5
"""A year-on-year change, relative to England's change in the industry, beyond +50% (or the
same step down in logs, -33%) flags a district x industry GVA cell."""

CELL_FLOOR = 25.0
"""£ million: a cell below this in both years (jumps) or in the year (shares) is not judged."""

SHARE_LQ_CEILING = 4.0
"""A local-serving industry's share of a district's GVA above this multiple of England's share
(a district location quotient above 4) is implausible as local production."""

LOCAL_SERVICE_INDUSTRIES: tuple[str, ...] = ("45", "47", "68", "81", "94-95", "96", "T (97-98)")
"""GVA industries (ONS LAD release codes) that mostly serve their own district: motor trades,
retail, real estate (excluding imputed rent), building services, membership bodies and
repairs, personal services and households as employers."""

MATERIAL_SHARE = 0.10
"""A flagged district cell counts against an area's industry when the district holds at least
this share of the area's GVA in the industry."""

NOT_RANKED_FOR_PRODUCTIVITY: tuple[str, ...] = (IMPUTED_RENT, "T (97-98)")
"""Industries never ranked on productivity: imputed rent and households as employers (section
T). :func:`is_ranked_for_productivity` also leaves out any code that includes imputed rent
(section L as ``L (68)``) or is made only of divisions 97-98."""


def _long(panel: pd.DataFrame, industries: Sequence[str] | None) -> pd.DataFrame:
    codes = list(industries) if industries is not None else [
        c for c in panel.columns if c not in ("area_code", "period")]
    out = panel.melt(id_vars=["area_code", "period"], value_vars=codes,
                     var_name="industry_code", value_name="value")
    out["period"] = out["period"].astype(str)
    return out


def flag_gva_jumps(panel: pd.DataFrame, *, benchmark: str = ENGLAND,
                   threshold: float = JUMP_THRESHOLD, floor: float = CELL_FLOOR,
                   industries: Sequence[str] | None = None) -> pd.DataFrame:
    """District x industry GVA cells that jump from one year to the next.

    A cell is flagged when ``max(previous, value) >= floor`` and its change relative to the
    benchmark's change in the same industry, ``(value / previous) / (B_value / B_previous)``,
    is above ``1 + threshold`` or below ``1 / (1 + threshold)``. Changes from or to zero
    or negative GVA are not judged (they have no ratio).

    Parameters
    ----------
    panel : DataFrame
        ``area_code``, ``period`` (consecutive years) and one column per industry, current
        prices (£m), with the benchmark as a row each year.
    benchmark : str
        ``area_code`` of the benchmark row (default England).
    threshold : float
        :data:`JUMP_THRESHOLD`.
    floor : float
        :data:`CELL_FLOOR`, £m.
    industries : sequence of str, optional
        Columns to screen (default: every column but ``area_code`` and ``period``).

    Returns
    -------
    DataFrame
        One row per flagged cell: ``area_code``, ``industry_code``, ``previous_period``,
        ``period``, ``previous``, ``value``, ``change`` (the district's change, a fraction),
        ``benchmark_change`` and ``relative_change`` (the ratio above, minus 1), ordered by
        area, industry and period.

    Examples
    --------
    A rise of 60% when England's industry fell 10% is flagged (+78% relative to England); a
    rise of 30% (+44%) is not, nor a doubling of a £10m cell:

    >>> panel = pd.DataFrame({"area_code": ["E1", "E1", "E2", "E2", "E3", "E3", "X", "X"],
    ...                       "period": ["2020", "2021"] * 4,
    ...                       "45": [100.0, 160.0, 100.0, 130.0, 10.0, 20.0, 1000.0, 900.0]})
    >>> flag_gva_jumps(panel, benchmark="X")[["area_code", "relative_change"]].round(3)
      area_code  relative_change
    0        E1            0.778

    A spike that reverses the next year does not persist; a step that stays does:

    >>> spike = pd.DataFrame({"area_code": ["E1"] * 3 + ["E2"] * 3 + ["X"] * 3,
    ...                       "period": ["2019", "2020", "2021"] * 3,
    ...                       "69": [100.0, 200.0, 105.0, 100.0, 200.0, 210.0, 1e3, 1e3, 1e3]})
    >>> flag_gva_jumps(spike, benchmark="X")[["area_code", "period", "persists"]]
      area_code period  persists
    0        E1   2020     False
    1        E1   2021     False
    2        E2   2020      True
    """
    long = _long(panel, industries)
    long = long.sort_values(["area_code", "industry_code", "period"])
    levels = long.set_index(["area_code", "industry_code", "period"])["value"]
    first_period, last_period = long["period"].min(), long["period"].max()
    grouped = long.groupby(["area_code", "industry_code"], sort=False)
    long["previous"] = grouped["value"].shift()
    long["previous_period"] = grouped["period"].shift()
    long = long.dropna(subset=["previous"])
    long = long[long["previous_period"].astype(int) == long["period"].astype(int) - 1]
    long = long.assign(change=long["value"] / long["previous"] - 1.0)
    bench = long[long["area_code"] == benchmark].set_index(["industry_code", "period"])["change"]
    cells = long[long["area_code"] != benchmark].copy()
    cells["benchmark_change"] = pd.MultiIndex.from_frame(
        cells[["industry_code", "period"]]).map(bench).to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        relative = (1.0 + cells["change"]) / (1.0 + cells["benchmark_change"])
    cells["relative_change"] = relative - 1.0
    judged = ((cells["previous"] > 0) & (cells["value"] > 0)
              & (cells[["previous", "value"]].max(axis=1) >= floor) & np.isfinite(relative))
    jump = (relative > 1.0 + threshold) | (relative < 1.0 / (1.0 + threshold))
    out = cells[judged & jump].copy()

    def level(area: pd.Series | str, periods: pd.Series | str) -> np.ndarray:
        n = len(out)
        keys = pd.MultiIndex.from_arrays([
            np.broadcast_to(np.asarray(area, dtype=object), n), out["industry_code"],
            np.broadcast_to(np.asarray(periods, dtype=object), n)])
        return keys.map(levels).to_numpy(dtype=float)

    def relative(before: pd.Series | str) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            return ((level(out["area_code"], last_period) / level(out["area_code"], before))
                    / (level(benchmark, last_period) / level(benchmark, before)))

    to_last, first_to_last = relative(out["previous_period"]), relative(first_period)
    out["last_period"] = last_period
    out["relative_change_to_last"] = to_last - 1.0
    rose = out["relative_change"].to_numpy() > 0
    up, down = 1.0 + threshold, 1.0 / (1.0 + threshold)
    out["persists"] = np.where(rose, (to_last > up) & (first_to_last > up),
                               (to_last < down) & (first_to_last < down))
    cols = ["area_code", "industry_code", "previous_period", "period", "previous", "value",
            "change", "benchmark_change", "relative_change", "last_period",
            "relative_change_to_last", "persists"]
    return out[cols].reset_index(drop=True)


def flag_implausible_shares(matrix: pd.DataFrame, *, benchmark: str = ENGLAND,
                            industries: Iterable[str] = LOCAL_SERVICE_INDUSTRIES,
                            ceiling: float = SHARE_LQ_CEILING,
                            floor: float = CELL_FLOOR) -> pd.DataFrame:
    """District x industry cells whose share of the district's GVA is implausibly high.

    A cell of one of ``industries`` is flagged when it is at least ``floor`` and its share
    of the district's GVA (over every column of ``matrix``) is more than ``ceiling`` times
    the benchmark's share.

    Parameters
    ----------
    matrix : DataFrame
        One year: one row per district (index ``area_code``) and the benchmark, one column
        per industry of a non-overlapping level (current prices, £m).
    benchmark : str
        Row label of the benchmark.
    industries : iterable of str
        Industries judged (:data:`LOCAL_SERVICE_INDUSTRIES`; those absent from ``matrix``
        are skipped).
    ceiling, floor : float
        :data:`SHARE_LQ_CEILING` and :data:`CELL_FLOOR`.

    Returns
    -------
    DataFrame
        ``area_code``, ``industry_code``, ``value``, ``share``, ``benchmark_share`` and
        ``lq`` (share over benchmark share) of each flagged cell.

    Examples
    --------
    Motor trades at 15% of a district's GVA against 1.5% in England is flagged; the same
    share of manufacturing, and a 3% share of motor trades, are not:

    >>> m = pd.DataFrame({"45": [150.0, 30.0, 15.0], "C (10-33)": [150.0, 150.0, 85.0],
    ...                   "K (64-66)": [700.0, 820.0, 900.0]}, index=["E1", "E2", "X"])
    >>> flag_implausible_shares(m, benchmark="X")[["area_code", "industry_code", "lq"]]
      area_code industry_code    lq
    0        E1            45  10.0
    """
    values = matrix.astype(float).clip(lower=0.0)
    shares = values.div(values.sum(axis=1), axis=0)
    bench_share = shares.loc[benchmark]
    judged = [c for c in industries if c in matrix.columns and bench_share[c] > 0]
    rows = []
    for code in judged:
        lq = shares[code] / bench_share[code]
        hit = (lq > ceiling) & (values[code] >= floor) & (values.index != benchmark)
        for district in values.index[hit]:
            rows.append({"area_code": district, "industry_code": code,
                         "value": float(values.at[district, code]),
                         "share": float(shares.at[district, code]),
                         "benchmark_share": float(bench_share[code]),
                         "lq": float(lq[district])})
    return pd.DataFrame(rows, columns=["area_code", "industry_code", "value", "share",
                                       "benchmark_share", "lq"])


def material_flags(flags: pd.DataFrame, district_gva: pd.DataFrame, *,
                   material_share: float = MATERIAL_SHARE) -> pd.DataFrame:
    """The flagged cells that weigh in an area's figure for their industry.

    Parameters
    ----------
    flags : DataFrame
        Flagged cells with ``area_code`` (district) and ``industry_code``, e.g. from
        :func:`flag_gva_jumps` or :func:`flag_implausible_shares`.
    district_gva : DataFrame
        The area's districts (index) by industry (columns), GVA in the year the area's
        figures describe.
    material_share : float
        :data:`MATERIAL_SHARE`.

    Returns
    -------
    DataFrame
        The rows of ``flags`` for the area's districts whose district holds at least
        ``material_share`` of the area's GVA in the industry, with that share in
        ``share_of_area``.

    Examples
    --------
    >>> flags = pd.DataFrame({"area_code": ["E1", "E2", "E9"], "industry_code": ["69"] * 3})
    >>> gva = pd.DataFrame({"69": [50.0, 950.0]}, index=["E1", "E2"])
    >>> material_flags(flags, gva)[["area_code", "share_of_area"]].to_dict("records")
    [{'area_code': 'E2', 'share_of_area': 0.95}]
    """
    totals = district_gva.sum(axis=0)
    out = flags[flags["area_code"].isin(district_gva.index)
                & flags["industry_code"].isin(district_gva.columns)].copy()
    share = [float(district_gva.at[d, c] / totals[c]) if totals[c] > 0 else np.nan
             for d, c in zip(out["area_code"], out["industry_code"], strict=True)]
    out["share_of_area"] = share
    return out[out["share_of_area"] >= material_share].reset_index(drop=True)


def is_ranked_for_productivity(code: str) -> bool:
    """Whether an industry may appear in a productivity ranking.

    Imputed rent (and section L codes that include it) is output with no workers, and
    households as employers (section T) is domestic staff's pay: neither is productivity.

    Examples
    --------
    >>> [is_ranked_for_productivity(c) for c in ["T (97-98)", "68IMP", "L (68)", "68", "69"]]
    [False, False, False, True, True]
    """
    code = str(code).strip()
    if code.upper() in NOT_RANKED_FOR_PRODUCTIVITY:
        return False
    try:
        divisions = industry_code_divisions(code)
    except ValueError:
        return True
    households = {"97", "98"}
    return IMPUTED_RENT not in divisions and not (divisions and divisions <= households)
