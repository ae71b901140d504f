"""Looking up computed indicator values: an area's rows, its latest value, a value in a period.

``results`` is the all-area indicator table (:func:`lis_analytics.indicators.compute_all`,
served as the ``indicator_values`` derived table) or any subset of its rows.

Examples
--------
>>> t = pd.DataFrame({"indicator_id": ["x", "x"], "area_code": ["A", "A"],
...                   "period": ["2020", "2021"], "value": [1.0, 2.0]})
>>> float(latest_row(t, "A", "x")["value"]), periods_with_values(t, "A", "x")
(2.0, ['2020', '2021'])
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from lis_analytics.geography import Area
from lis_analytics.indicators.framework import RESULT_COLUMNS, Framework, Indicator
from lis_analytics.indicators.periods import period_year, sort_periods
from lis_analytics.indicators.significance import (
    Significance,
    change_test,
    classify_change,
    se_from_interval,
)

_INDEX_CACHE: list[tuple[pd.DataFrame, dict]] = []


def _index(results: pd.DataFrame) -> dict[tuple[str, str], list[dict]]:
    """Rows as records grouped by (area, indicator), sorted by period; cached per frame object.

    A chapter looks up hundreds of single values: plain records are much faster than
    filtering the frame each time.
    """
    for frame, idx in _INDEX_CACHE:
        if frame is results:
            return idx
    records = _records(results)
    records.sort(key=lambda r: (period_year(r["period"]) if r["period"] else 0,
                                str(r["period"])))
    idx: dict[tuple[str, str], list[dict]] = {}
    for rec in records:
        idx.setdefault((rec["area_code"], rec["indicator_id"]), []).append(rec)
    _INDEX_CACHE.append((results, idx))
    del _INDEX_CACHE[:-4]  # keep a few frames: a chapter works on one or two
    return idx


def _records(frame: pd.DataFrame) -> list[dict]:
    """``frame.to_dict("records")``, converting column by column (5x faster on Arrow strings).

    Examples
    --------
    >>> f = pd.DataFrame({"a": ["x", None], "n": pd.array([1, None], dtype="Int64")})
    >>> _records(f) == f.to_dict("records")
    True
    """
    columns = list(frame.columns)
    values = []
    for col in columns:
        series = frame[col]
        items = series.tolist()
        if (isinstance(series.dtype, pd.api.extensions.ExtensionDtype)
                and not pd.api.types.is_string_dtype(series.dtype)):
            items = [None if v is pd.NA else v for v in items]  # as to_dict gives them
        values.append(items)
    return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]


def has_value(rec: Mapping) -> bool:
    """True when a row (a mapping) has a value that is not missing."""
    v = rec.get("value")
    return v is not None and not (isinstance(v, float) and math.isnan(v))


def area_rows(results: pd.DataFrame, area_code: str, indicator_id: str | None = None
              ) -> pd.DataFrame:
    """An area's rows (optionally one indicator), sorted by period."""
    if indicator_id is not None:
        recs = _index(results).get((area_code, indicator_id))
        if not recs:
            return results.iloc[0:0]
        return pd.DataFrame.from_records(recs, columns=list(results.columns))
    sub = results[results["area_code"] == area_code]
    return sub.assign(_y=sub["period"].map(lambda p: period_year(p) if p else 0)).sort_values(
        ["indicator_id", "_y", "period"]).drop(columns="_y")


def latest_row(results: pd.DataFrame, area_code: str, indicator_id: str) -> pd.Series:
    """The latest row with a value (or the row saying why there is none)."""
    recs = _index(results).get((area_code, indicator_id))
    if not recs:
        return pd.Series({c: np.nan for c in RESULT_COLUMNS} | {
            "indicator_id": indicator_id, "area_code": area_code, "status": "missing",
            "reason": "not computed for this area", "period": ""})
    with_value = [r for r in recs if has_value(r)]
    return pd.Series((with_value or recs)[-1])


def value_at(results: pd.DataFrame, area_code: str, indicator_id: str, period: str
             ) -> pd.Series | None:
    """The row of an area for one period, or ``None``."""
    for rec in _index(results).get((area_code, indicator_id), ()):
        if rec["period"] == period and has_value(rec):
            return pd.Series(rec)
    return None


def tolerance(ind: Indicator) -> float:
    """Half the last decimal an indicator is shown with: smaller changes are no change."""
    return 0.5 * 10 ** (-ind.decimals)


def compare_periods(results: pd.DataFrame, area_code: str, ind: Indicator, base_period: str,
                    latest_period: str) -> dict:
    """Change between two periods of an area, with its test and direction in words.

    Survey indicators with intervals are tested with
    :func:`~lis_analytics.indicators.significance.change_test` (z-test at 5%, standard errors
    from the 95% intervals); a survey figure without an interval is ``"not tested"``; an
    indicator with no sampling error is judged on the change itself (beyond half the last
    decimal shown) and says it is not a survey estimate.

    Returns
    -------
    dict
        ``change``, ``significance`` (the test in words), ``assessment`` (improving,
        worsening, no significant change, not tested...), ``z``, ``se`` (of the change),
        ``se_base`` and ``se_latest`` (NaN without intervals).

    Examples
    --------
    >>> from lis_analytics.indicators import load_framework
    >>> t = pd.DataFrame({"indicator_id": "employment_rate", "area_code": "A",
    ...                   "period": ["2019", "2023"], "value": [72.0, 75.0],
    ...                   "lci_95": [70.0, 73.0], "uci_95": [74.0, 77.0]})
    >>> c = compare_periods(t, "A", load_framework().get("employment_rate"), "2019", "2023")
    >>> c["significance"], c["assessment"], round(c["z"], 2)
    ('significant', 'improving', 2.08)
    """
    a = value_at(results, area_code, ind.id, latest_period)
    b = value_at(results, area_code, ind.id, base_period)
    if a is None or b is None:
        return {"change": np.nan, "significance": "not available", "assessment": "not available",
                "z": np.nan, "se": np.nan, "se_base": np.nan, "se_latest": np.nan}
    se_a, se_b = np.nan, np.nan
    if ind.ci:
        se_a = se_from_interval(a.get("lci_95"), a.get("uci_95"))
        se_b = se_from_interval(b.get("lci_95"), b.get("uci_95"))
        sig = change_test(b["value"], se_b, a["value"], se_a)
    elif ind.is_survey:
        sig = Significance(None, "none")
    else:
        sig = Significance(None, "no sampling error")
    change = float(a["value"] - b["value"])
    return {"change": change, "significance": sig.label,
            "assessment": classify_change(change, ind.direction, sig, tolerance(ind)),
            "z": sig.statistic, "se": sig.se, "se_base": se_b, "se_latest": se_a}


def periods_with_values(results: pd.DataFrame, area_code: str, indicator_id: str) -> list[str]:
    """Periods in which an area has a value, oldest first."""
    sub = area_rows(results, area_code, indicator_id)
    return list(sub.loc[sub["value"].notna(), "period"])


def join_notes(*notes: str) -> str:
    """Distinct non-empty notes joined with ``"; "``, never doubling punctuation.

    A note's own closing full stop, comma or semicolon is dropped before it is joined, so
    ``"(a proxy)."`` and ``"rank 3rd"`` join as ``"(a proxy); rank 3rd"``, not ``").;"``.

    Examples
    --------
    >>> join_notes("a", "", "b", "a")
    'a; b'
    >>> join_notes("published for X (county).", " rank 3rd of 38 LEPs; ")
    'published for X (county); rank 3rd of 38 LEPs'
    """
    out: list[str] = []
    for n in notes:
        n = str(n).strip().rstrip(".,;: ") if n else ""
        if n and n not in out:
            out.append(n)
    return "; ".join(out)


def series_table(results: pd.DataFrame, indicator_id: str, codes: Mapping[str, str]
                 ) -> pd.DataFrame:
    """Period x label table of one indicator for several areas (label -> area code)."""
    sub = results[(results["indicator_id"] == indicator_id)
                  & results["area_code"].isin(list(codes.values())) & results["value"].notna()]
    wide = sub.pivot_table(index="period", columns="area_code", values="value", aggfunc="first")
    wide = wide.reindex(columns=[c for c in codes.values() if c in wide.columns])
    wide.columns = [next(lbl for lbl, c in codes.items() if c == code) for code in wide.columns]
    return wide.loc[sort_periods(wide.index)] if len(wide) else wide


def district_table(results: pd.DataFrame, area: Area, indicator_ids: Sequence[str],
                   names: Mapping[str, str], period: str | None = None) -> pd.DataFrame:
    """Each district of the area with the indicators' values (latest or given period)."""
    rows = []
    for lad in area.lad_codes:
        rec = {"LAD code": lad, "District": names.get(lad, lad)}
        for iid in indicator_ids:
            row = value_at(results, lad, iid, period) if period else None
            if row is None and not period:
                row = latest_row(results, lad, iid)
            rec[iid] = row["value"] if row is not None else np.nan
        rows.append(rec)
    return pd.DataFrame(rows)


def for_areas(results: pd.DataFrame, codes: Iterable[str]) -> pd.DataFrame:
    """Only the rows of the given areas (makes a chapter's many look-ups fast)."""
    wanted = set(codes)
    return results[results["area_code"].isin(wanted)].reset_index(drop=True)


def headline_coverage(results: pd.DataFrame, framework: Framework, area_codes: Iterable[str]
                      ) -> pd.DataFrame:
    """How many of the given areas have a baseline and a later value of each headline candidate.

    An area counts for an indicator when it has a value in two periods or more (regional
    figures not counted): what the monitoring baseline needs to assess a change. An indicator
    stays in the headline set when ``coverage >= framework.headline_min_coverage``.

    Parameters
    ----------
    results : DataFrame
        The all-area ``indicator_values`` table (or its rows for the areas).
    framework : Framework
        Its ``headline`` indicators are the candidates.
    area_codes : iterable of str
        The default areas (every LEP, CA and custom area).

    Returns
    -------
    DataFrame
        ``indicator_id``, ``n_areas``, ``n_covered``, ``coverage`` (share) and ``headline``
        (True when it stays in the set), in framework order.

    Examples
    --------
    >>> from lis_analytics.indicators import parse_framework
    >>> spec = {"title": "T", "theme": "People", "unit": "%", "direction": "neutral",
    ...         "aggregation": "sum", "headline": True, "value": {"dataset": "d", "measure": "m"}}
    >>> fw = parse_framework({"indicators": [{**spec, "id": "a"}, {**spec, "id": "b"}]})
    >>> t = pd.DataFrame({"indicator_id": ["a", "a", "a", "b", "b"],
    ...                   "area_code": ["X", "X", "Y", "X", "Y"],
    ...                   "period": ["2019", "2023", "2023", "2023", "2023"],
    ...                   "value": 1.0, "status": "ok"})
    >>> headline_coverage(t, fw, ["X", "Y"])[["indicator_id", "n_covered", "headline"]
    ...                                       ].values.tolist()
    [['a', 1, True], ['b', 0, False]]
    """
    codes = set(area_codes)
    ids = [i.id for i in framework.indicators if i.headline]
    sub = results[results["indicator_id"].isin(ids) & results["area_code"].isin(codes)
                  & results["value"].notna() & (results["status"] != "regional")]
    n_periods = sub.groupby(["indicator_id", "area_code"])["period"].nunique()
    covered = (n_periods >= 2).groupby(level="indicator_id").sum()
    rows = []
    for iid in ids:
        n = int(covered.get(iid, 0))
        share = n / len(codes) if codes else 0.0
        rows.append({"indicator_id": iid, "n_areas": len(codes), "n_covered": n,
                     "coverage": share, "headline": share >= framework.headline_min_coverage})
    return pd.DataFrame(rows, columns=["indicator_id", "n_areas", "n_covered", "coverage",
                                       "headline"])
