"""What the front page compares: headline figures ranked within peer groups, and change.

Pure functions on the tables the packs publish (``figures.csv``, ``monitoring_baseline.csv``)
and the manifest entries, for :mod:`lis_analytics.report.frontpage`, which reads the files and
writes ``reports/index.html``:

- :func:`headline_figures`: the area-level rows of ``figures.csv`` (breakdown rows left out);
- :func:`ranked_indicator_ids`: the headline set of the monitoring baseline, without GVA per
  head or the productivity gap (:data:`NOT_RANKED`);
- :func:`rank_within_peer_groups`: ranks within LEPs and within combined authorities
  (:data:`PEER_GROUPS`), 1 = best in the indicator's direction, for the common period only
  (a pack built with an older release is not ranked with the rest);
- :func:`change_table` and :func:`change_summary`: change since the baseline with its test;
- :func:`status_sentence`: the one sentence said about a failed build;
- :func:`type_label`: "Greater Manchester (LEP)" and "Greater Manchester (CA)";
- :func:`is8_comparison`: the Industrial Strategy growth sectors' location quotients of every
  area, with each sector's SIC coverage grade.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from lis_analytics.indicators.ranks import rank_values

__all__ = [
    "BASED_ON",
    "IS8_LQ",
    "IS8_LQ_UPPER",
    "NOT_RANKED",
    "PEER_GROUPS",
    "PRODUCTIVITY_SHOWN_AS",
    "TRAVEL_WORDS",
    "TYPE_LABELS",
    "TYPE_ORDER",
    "change_summary",
    "change_table",
    "common_period",
    "direction_words",
    "headline_figures",
    "is8_comparison",
    "rank_within_peer_groups",
    "ranked_indicator_ids",
    "status_sentence",
    "type_label",
]

TYPE_LABELS: dict[str, str] = {"LEP": "LEP", "CA": "CA", "SA": "proposed strategic authority",
                               "CUSTOM": "custom", "LAD": "district",
                               "RGN": "region", "CTRY": "country"}
"""The label after an area's name: "Greater Manchester (LEP)", "Greater Manchester (CA)"."""

PEER_GROUPS: dict[str, str] = {"LEP": "LEPs", "CA": "combined authorities",
                               "SA": "proposed strategic authorities"}
"""Area type -> its peer group in words. Areas are ranked only among areas of their own kind;
custom areas and districts are shown for comparison, not ranked."""

NOT_RANKED: dict[str, str] = {
    "gva_per_head": "GVA per head is not ranked: it sets output made in an area against the "
                    "people who live there (commuters add output but not residents), and ONS "
                    "advises against it as a measure of productivity.",
    "productivity_gap_gbp": "The productivity gap in £ million is not ranked: it grows with "
                            "the size of an area, so it is a size, not a performance.",
}
"""Indicators the front page never ranks, with the reason in a sentence (said on the page)."""

PRODUCTIVITY_SHOWN_AS: dict[str, tuple[str, ...]] = {
    "gva_per_hour": ("gva_per_hour_index", "gva_per_job"),
}
"""A headline indicator of the baseline -> the figures ranked in its place (the index ranks
areas exactly as GVA per hour in £ does, and reads without a unit; GVA per filled job is the
other ONS productivity measure)."""

BASED_ON: dict[str, str] = {"gva_per_hour_index": "gva_per_hour", "gva_per_job": "gva_per_hour"}
"""Figures that take their direction and source words from another indicator."""

TYPE_ORDER = ("LEP", "CA", "SA", "CUSTOM", "LAD")
"""Order of area types in tables: LEPs, CAs, custom areas, districts."""

def type_label(name: str, area_type: str) -> str:
    """An area's name with its type, so LEPs and CAs of the same name are told apart.

    Examples
    --------
    >>> type_label("Greater Manchester", "CA"), type_label("Arc", "CUSTOM")
    ('Greater Manchester (CA)', 'Arc (custom)')
    """
    kind = TYPE_LABELS.get(str(area_type), str(area_type).lower() or "area")
    return f"{name} ({kind})"


def headline_figures(figures: pd.DataFrame) -> pd.DataFrame:
    """The area-level rows of ``figures.csv``: one per area and indicator.

    Rows for breakdowns (industries, districts) have a non-empty ``breakdown``; they are left
    out (files without the column hold only area-level rows). An indicator reported by two
    chapters keeps its first row.

    Examples
    --------
    >>> f = pd.DataFrame({"area_code": ["A", "A", "A"], "indicator_id": ["x", "x", "x"],
    ...                   "value": [1.0, 1.0, 9.0], "breakdown": ["", None, "industry"]})
    >>> headline_figures(f)["value"].tolist()
    [1.0]
    """
    if figures.empty:
        return figures
    out = figures
    if "breakdown" in out:
        empty = out["breakdown"].isna() | (out["breakdown"].astype(str).str.strip() == "")
        out = out[empty]
    return out.drop_duplicates(["area_code", "indicator_id"], keep="first").reset_index(drop=True)


def ranked_indicator_ids(baselines: pd.DataFrame, fallback: Sequence[str] = ()) -> list[str]:
    """The indicators the front page ranks: the baseline's headline set, in its order.

    GVA per hour is ranked as its index (UK = 100), followed by GVA per filled job
    (:data:`PRODUCTIVITY_SHOWN_AS`); anything in :data:`NOT_RANKED` is dropped.

    Parameters
    ----------
    baselines : DataFrame
        Every pack's ``monitoring_baseline.csv`` stacked (``indicator_id`` and, if present,
        ``In the headline set``).
    fallback : sequence of str
        Used when no pack has a monitoring baseline.

    Examples
    --------
    >>> b = pd.DataFrame({
    ...     "indicator_id": ["employment_rate", "gva_per_hour", "pay", "gva_per_head"],
    ...     "In the headline set": ["yes", "yes", "no: 3 of 55", "yes"]})
    >>> ranked_indicator_ids(b)
    ['employment_rate', 'gva_per_hour_index', 'gva_per_job']
    """
    if len(baselines) and "indicator_id" in baselines:
        rows = baselines
        if "In the headline set" in rows:
            rows = rows[rows["In the headline set"].astype(str).str.strip().str.lower() == "yes"]
        ids = list(dict.fromkeys(rows["indicator_id"].astype(str)))
    else:
        ids = list(fallback)
    out: list[str] = []
    for ind in ids:
        for shown in PRODUCTIVITY_SHOWN_AS.get(ind, (ind,)):
            if shown not in NOT_RANKED and shown not in out:
                out.append(shown)
    return out


def direction_words(direction: str, name: str = "") -> str:
    """How a ranking runs, in words for a title.

    Examples
    --------
    >>> direction_words("higher_is_better")
    'highest first'
    >>> direction_words("lower_is_better", "economic inactivity")
    'lowest economic inactivity first'
    """
    if direction == "lower_is_better":
        return f"lowest {name} first".replace("  ", " ")
    if direction == "neutral":
        return "highest first (neither direction is better)"
    return "highest first"


def common_period(periods: Iterable[str]) -> str:
    """The period most packs hold for an indicator (the latest of equally common ones).

    Packs built with an older release hold older periods; their figures are not ranked with
    the rest.

    Examples
    --------
    >>> common_period(["2023", "2023", "2022"]), common_period(["2022", "2023"])
    ('2023', '2023')
    """
    counts = pd.Series([str(p) for p in periods if str(p) not in ("", "nan")]).value_counts()
    if counts.empty:
        return ""
    top = counts[counts == counts.max()].index
    return sorted(top)[-1]


def rank_within_peer_groups(values: pd.DataFrame, area_types: Mapping[str, str],
                            direction: str, period: str | None = None) -> pd.DataFrame:
    """Rank one indicator's figures within each peer group (:data:`PEER_GROUPS`).

    Rank 1 is best: the highest value where higher is better, the lowest where lower is
    better (:func:`lis_analytics.indicators.rank_values`; ties share the better rank). Only
    figures for the common ``period`` are ranked; custom areas and districts are not ranked.

    Parameters
    ----------
    values : DataFrame
        ``area_code``, ``area_name``, ``value``, ``period`` (one row per area).
    area_types : mapping
        Area code -> area type (``LEP``, ``CA``, ``CUSTOM``, ``LAD``).
    direction : str
        ``higher_is_better``, ``lower_is_better`` or ``neutral``.
    period : str, optional
        The period ranked; default :func:`common_period` of the LEP and CA figures.

    Returns
    -------
    DataFrame
        The input columns plus ``area_type``, ``label`` ("Name (LEP)"), ``peer_group``
        ("LEPs"; empty when not ranked), ``rank`` (Int64, 1 = best), ``rank_of`` (areas
        ranked in the group) and ``not_ranked`` (the reason, empty when ranked); in rank
        order within each group.

    Examples
    --------
    >>> v = pd.DataFrame({"area_code": ["A", "B", "C", "D"], "area_name": ["A", "B", "C", "D"],
    ...                   "value": [20.0, 25.0, 22.0, 30.0],
    ...                   "period": ["2023", "2023", "2022", "2023"]})
    >>> types = {"A": "LEP", "B": "LEP", "C": "LEP", "D": "CUSTOM"}
    >>> r = rank_within_peer_groups(v, types, "lower_is_better")
    >>> r[["label", "rank", "rank_of", "peer_group"]].values.tolist()[:2]
    [['A (LEP)', 1, 2, 'LEPs'], ['B (LEP)', 2, 2, 'LEPs']]
    >>> r.set_index("area_code").loc[["C", "D"], "not_ranked"].str[:22].tolist()
    ['its pack holds 2022, a', 'custom areas are shown']
    """
    out = values.copy()
    out["area_type"] = out["area_code"].map(lambda c: str(area_types.get(c, "")))
    out["label"] = [type_label(n, t) for n, t in zip(out["area_name"], out["area_type"],
                                                      strict=True)]
    in_groups = out["area_type"].isin(list(PEER_GROUPS))
    if period is None:
        period = common_period(out.loc[in_groups & out["value"].notna(), "period"])
    out["peer_group"] = ""
    out["rank"] = pd.Series(pd.NA, index=out.index, dtype="Int64")
    out["rank_of"] = pd.Series(pd.NA, index=out.index, dtype="Int64")
    out["not_ranked"] = ""
    same_period = out["period"].astype(str) == str(period)
    for area_type, words in PEER_GROUPS.items():
        members = out["area_type"] == area_type
        ok = members & same_period & out["value"].notna()
        ranks = rank_values(out.loc[ok, "value"].astype(float), direction)
        out.loc[ok, "rank"] = ranks
        out.loc[ok, "rank_of"] = int(ok.sum())
        out.loc[ok, "peer_group"] = words
    other_period = in_groups & ~same_period & out["value"].notna()
    out.loc[other_period, "not_ranked"] = [
        f"its pack holds {p}, a pack built with an older release: not compared with {period}"
        for p in out.loc[other_period, "period"]]
    out.loc[in_groups & out["value"].isna(), "not_ranked"] = "no figure"
    kinds = {"CUSTOM": "custom areas", "LAD": "districts"}
    out.loc[~in_groups, "not_ranked"] = [
        f"{kinds.get(t, 'areas of this kind')} are shown for comparison, not ranked"
        for t in out.loc[~in_groups, "area_type"]]
    order = out["area_type"].map({t: i for i, t in enumerate(TYPE_ORDER)}).fillna(len(TYPE_ORDER))
    out = out.assign(_order=order).sort_values(["_order", "rank", "area_name"],
                                               na_position="last")
    return out.drop(columns="_order").reset_index(drop=True)


def change_table(baselines: pd.DataFrame, area_types: Mapping[str, str],
                 indicator_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """The change of each headline indicator since the baseline, one row per area and indicator.

    Parameters
    ----------
    baselines : DataFrame
        Every pack's ``monitoring_baseline.csv`` stacked, with ``area_code`` and
        ``area_name`` added.
    area_types : mapping
        Area code -> area type.
    indicator_ids : sequence of str, optional
        Indicators kept (default: the headline set).

    Returns
    -------
    DataFrame
        ``area_code, label, area_type, indicator_id, indicator, unit, better_when,
        baseline_period, baseline_value, latest_period, latest_value, change, significance,
        direction_of_travel, judged_on``.

    Examples
    --------
    >>> b = pd.DataFrame({"area_code": ["A"], "area_name": ["A"], "indicator_id": ["x"],
    ...     "Indicator": ["X"], "Unit": ["per cent"], "Better when": ["higher"],
    ...     "Baseline period": ["2019"], "Baseline value": [70.0], "Latest period": ["2023"],
    ...     "Latest value": [72.5], "Change": [2.5], "Significance test": ["significant"],
    ...     "Direction of travel": ["improving"], "In the headline set": ["yes"]})
    >>> change_table(b, {"A": "CA"})[["label", "change", "direction_of_travel"]].values.tolist()
    [['A (CA)', 2.5, 'improving']]
    """
    if baselines.empty:
        return pd.DataFrame()
    rows = baselines
    if indicator_ids is not None:
        rows = rows[rows["indicator_id"].isin(list(indicator_ids))]
    elif "In the headline set" in rows:
        rows = rows[rows["In the headline set"].astype(str).str.strip().str.lower() == "yes"]
    names = {"Indicator": "indicator", "Unit": "unit", "Better when": "better_when",
             "Baseline period": "baseline_period", "Baseline value": "baseline_value",
             "Latest period": "latest_period", "Latest value": "latest_value",
             "Change": "change", "Significance test": "significance",
             "Direction of travel": "direction_of_travel", "Direction judged on": "judged_on"}
    out = rows.rename(columns=names).copy()
    for col in names.values():
        if col not in out:
            out[col] = pd.NA
    out["area_type"] = out["area_code"].map(lambda c: str(area_types.get(c, "")))
    out["label"] = [type_label(n, t) for n, t in zip(out["area_name"], out["area_type"],
                                                      strict=True)]
    return out[["area_code", "label", "area_type", "indicator_id", *names.values()]
               ].reset_index(drop=True)


TRAVEL_WORDS: tuple[str, ...] = ("improving", "no significant change", "worsening", "other")
"""Columns of :func:`change_summary` (``other``: no change, not tested, or judged against
England only)."""


def change_summary(changes: pd.DataFrame) -> pd.DataFrame:
    """Count the directions of travel of each indicator within each peer group.

    Examples
    --------
    >>> c = pd.DataFrame({"indicator_id": ["x", "x", "x"], "indicator": ["X"] * 3,
    ...     "area_type": ["LEP", "LEP", "CA"], "baseline_period": ["2019"] * 3,
    ...     "latest_period": ["2023"] * 3,
    ...     "direction_of_travel": ["improving", "worsening", "not tested"]})
    >>> s = change_summary(c)
    >>> s[["peer_group", "periods", "improving", "worsening", "other", "areas"]].values.tolist()
    [['LEPs', '2019 to 2023', 1, 1, 0, 2], ['combined authorities', '2019 to 2023', 0, 0, 1, 1]]
    """
    rows = []
    columns = ["indicator_id", "indicator", "peer_group", "periods", *TRAVEL_WORDS, "areas"]
    if changes.empty:
        return pd.DataFrame(columns=columns)
    order = list(dict.fromkeys(changes["indicator_id"]))
    for ind in order:
        sub = changes[changes["indicator_id"] == ind]
        for area_type, words in PEER_GROUPS.items():
            group = sub[sub["area_type"] == area_type]
            if group.empty:
                continue
            pairs = sorted({f"{b} to {lt}" for b, lt in zip(group["baseline_period"],
                                                            group["latest_period"],
                                                            strict=True)})
            travel = group["direction_of_travel"].astype(str)
            counts = {w: int((travel == w).sum()) for w in TRAVEL_WORDS[:-1]}
            counts["other"] = len(group) - sum(counts.values())
            rows.append({"indicator_id": ind, "indicator": str(group["indicator"].iloc[0]),
                         "peer_group": words, "periods": "; ".join(pairs), **counts,
                         "areas": len(group)})
    return pd.DataFrame(rows, columns=columns)  # no LEP or CA among the packs: no rows


def status_sentence(label: str, entry: Mapping, *, run_date: str, pack_exists: bool,
                    href: str = "") -> str:
    r"""The one sentence the front page says about a failed build ('' for any other status).

    Parameters
    ----------
    label : str
        The area's name with its type ("Lancashire (LEP)"), not yet escaped.
    entry : mapping
        The area's ``manifest.json`` entry: ``status``, ``error`` and, where the batch keeps
        the last good pack, ``pack_available`` and ``pack_built``.
    run_date : str
        Date of the failed rebuild (ISO), used when the entry has no ``finished`` date.
    pack_exists : bool
        Whether ``<code>/index.html`` exists (used when ``pack_available`` is absent).
    href : str
        Link to the last good pack, put on the words "last good pack" when given.

    Returns
    -------
    str
        HTML-escaped sentence.

    Examples
    --------
    >>> status_sentence("A <b> (LEP)", {"status": "failed", "error": "Boom\nmore"},
    ...                 run_date="2026-11-28", pack_exists=False)
    'No pack could be built for A &lt;b&gt; (LEP): the build of 28 November 2026 failed (Boom).'
    >>> status_sentence("A (LEP)", {"status": "succeeded"}, run_date="2026-11-28",
    ...                 pack_exists=True)
    ''
    """
    if entry.get("status") != "failed":
        return ""
    reason = _first_line(entry.get("error"))
    available = entry.get("pack_available")
    has_pack = bool(available) if available is not None else pack_exists
    when = _date_words(entry.get("finished") or entry.get("failed_at") or run_date)
    if has_pack:
        built = _date_words(entry.get("pack_built") or "")
        good = (f"The last good pack, from {built}, is linked." if built
                else "The last good pack is linked.")
        why = f": {reason}" if reason else " (the reason was not recorded)"
        text = f"The latest rebuild of {label} failed on {when}{why}. {good}"
    else:
        why = f" ({reason})" if reason else ", and the reason was not recorded"
        text = f"No pack could be built for {label}: the build of {when} failed{why}."
    text = html.escape(text.replace("..", "."), quote=False)
    if has_pack and href:
        text = text.replace("last good pack", f"<a href='{html.escape(href, quote=True)}'>"
                            "last good pack</a>", 1)
    return text


def _first_line(text: object, limit: int = 200) -> str:
    lines = [ln.strip() for ln in str(text or "").splitlines() if ln.strip()]
    first = lines[0] if lines else ""
    first = first.rstrip(".")
    return first if len(first) <= limit else first[:limit - 1].rstrip() + "…"


def _date_words(value: object) -> str:
    text = str(value or "")[:10]
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return text
    return f"{day.day} {day:%B %Y}"


# --- IS-8 growth sectors -----------------------------------------------------------------------

IS8_TABLE = "sectors_is8"
"""Name of the sectors chapter's IS-8 table, whose rows ``figures.csv`` holds."""

IS8_LQ = f"{IS8_TABLE}.jobs_location_quotient_on_lower_bound_jobs"
IS8_LQ_UPPER = f"{IS8_TABLE}.jobs_location_quotient_on_upper_bound_jobs"
"""``figures.csv`` ids of an IS-8 sector's residents' jobs LQ: on the divisions wholly inside
the sector (exact) and on every division holding part of it."""

_GRADE_IN_LABEL = r"\(SIC coverage: ([a-z ]+)\)\s*$"


def is8_comparison(figures: pd.DataFrame, area_types: Mapping[str, str],
                   sectors: Sequence[Mapping[str, str]]) -> pd.DataFrame:
    """IS-8 residents' jobs location quotients of every area, by peer group, for the front page.

    Reads the IS-8 rows of the packs' ``figures.csv`` (the breakdown is the sector's name
    with its grade, "Defence (SIC coverage: proxy)") and lays them out one row per area and
    sector.

    Parameters
    ----------
    figures : DataFrame
        All rows of the packs' ``figures.csv`` (breakdown rows kept).
    area_types : mapping of str to str
        Area code -> type (``LEP``, ``CA``, ``CUSTOM``, ``LAD``).
    sectors : sequence of mappings
        The eight sectors in order, each with ``id``, ``name`` and ``grade``
        (``config/is8_sectors.yaml``).

    Returns
    -------
    DataFrame
        Columns ``area_code, area_type, sector_id, sector, grade, lq, lq_upper, period,
        shown`` where ``grade`` is the one the pack states (else the configured one) and
        ``shown`` is ``"value"`` (an exact LQ a strength claim may rest on), ``"upper"`` (only
        an upper bound exists), ``"proxy"`` (grade proxy: the value is shown greyed, never
        as a strength) or ``"not measurable"`` (grade poor). Areas are ordered by
        :data:`TYPE_ORDER` and code.

    Examples
    --------
    >>> f = pd.DataFrame({"area_code": ["A", "A"], "indicator_id": [IS8_LQ, IS8_LQ_UPPER],
    ...     "breakdown": ["Finance (SIC coverage: partial)"] * 2,
    ...     "period": ["2021"] * 2, "value": [1.3, 1.4]})
    >>> secs = [{"id": "fin", "name": "Finance", "grade": "partial"},
    ...         {"id": "clean", "name": "Clean", "grade": "poor"}]
    >>> t = is8_comparison(f, {"A": "LEP"}, secs)
    >>> t[["sector_id", "grade", "lq", "shown"]].values.tolist()
    [['fin', 'partial', 1.3, 'value'], ['clean', 'poor', nan, 'not measurable']]
    """
    columns = ["area_code", "area_type", "sector_id", "sector", "grade", "lq", "lq_upper",
               "period", "shown"]
    if figures.empty or "breakdown" not in figures:
        return pd.DataFrame(columns=columns)
    rows = figures[figures["indicator_id"].isin([IS8_LQ, IS8_LQ_UPPER])].copy()
    rows["sector_name"] = rows["breakdown"].astype(str).str.replace(_GRADE_IN_LABEL, "",
                                                                     regex=True).str.strip()
    codes = sorted(set(figures["area_code"]),
                   key=lambda c: (TYPE_ORDER.index(area_types.get(c, "LAD"))
                                  if area_types.get(c, "LAD") in TYPE_ORDER else 9, c))
    out = []
    for code in codes:
        mine = rows[rows["area_code"] == code]
        for s in sectors:
            own = mine[mine["sector_name"] == s["name"]]
            lower = own.loc[own["indicator_id"] == IS8_LQ, "value"]
            upper = own.loc[own["indicator_id"] == IS8_LQ_UPPER, "value"]
            stated = own["breakdown"].astype(str).str.extract(_GRADE_IN_LABEL)[0].dropna()
            grade = stated.iloc[0] if len(stated) else s["grade"]
            lq = float(lower.iloc[0]) if len(lower) else float("nan")
            lq_up = float(upper.iloc[0]) if len(upper) else float("nan")
            shown = ("not measurable" if grade == "poor" else "proxy" if grade == "proxy"
                     else "value" if lq == lq else "upper")
            out.append({"area_code": code, "area_type": area_types.get(code, ""),
                        "sector_id": s["id"], "sector": s["name"], "grade": grade,
                        "lq": lq, "lq_upper": lq_up,
                        "period": own["period"].iloc[0] if len(own) else "", "shown": shown})
    return pd.DataFrame(out, columns=columns)
