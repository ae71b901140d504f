"""The front page of all packs: a page that compares places.

``reports/index.html`` is written from ``manifest.json`` and each pack's ``figures.csv`` and
``monitoring_baseline.csv``. It shows, for the headline indicators of the monitoring
baseline:

- small-multiple maps of the LEPs and of the combined authorities (separate panels: LEPs
  overlap), each area shaded by the fifth of its peer group it falls in;
- ranked dot charts, each ranked within a named peer group (LEPs; combined authorities) with
  its direction stated and the England (or UK) benchmark marked;
- the change since the baseline, with its tested significance;
- the areas with "(LEP)", "(CA)", "(custom)" labels, a link to each pack and key figures with
  their periods; build status stays in the manifest and shows only as a sentence for a
  failed area.

GVA per head is never ranked (it is not a productivity measure) and the productivity gap in
£ million (a size, not a performance) is not ranked either. Figures from a pack built with
an older release (another period than most packs hold) are never ranked with the rest.

The selection and ranking functions (:func:`headline_figures`, :func:`ranked_indicator_ids`,
:func:`rank_within_peer_groups`, :func:`change_table`, :func:`change_summary`,
:func:`status_sentence`) are pure; :func:`write_front_page` reads the files and writes HTML.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import logging
import re
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pandas as pd

from lis_analytics.indicators.ranks import rank_values

log = logging.getLogger(__name__)

__all__ = [
    "NOT_RANKED",
    "PEER_GROUPS",
    "TYPE_LABELS",
    "change_summary",
    "change_table",
    "common_period",
    "direction_words",
    "format_value",
    "headline_figures",
    "rank_within_peer_groups",
    "ranked_indicator_ids",
    "status_sentence",
    "type_label",
    "write_front_page",
]

TYPE_LABELS: dict[str, str] = {"LEP": "LEP", "CA": "CA", "CUSTOM": "custom", "LAD": "district",
                               "RGN": "region", "CTRY": "country"}
"""The label after an area's name: "Greater Manchester (LEP)", "Greater Manchester (CA)"."""

PEER_GROUPS: dict[str, str] = {"LEP": "LEPs", "CA": "combined authorities"}
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

KEY_FIGURES: tuple[str, ...] = ("gva_per_hour_index", "employment_rate", "nvq4plus_share",
                                "gdhi_per_head")
"""Figures shown beside each area in the areas table."""

TYPE_ORDER = ("LEP", "CA", "CUSTOM", "LAD")

MAP_SIMPLIFY_METRES = 1500.0
"""Tolerance of the simplified area outlines on the small maps (a map panel is about 3 inches
for 600 km, so one printed point is about 3 km); keeps the page small."""

MAP_MIN_PART_SQ_METRES = 10e6
"""Islands under 10 km² are left off the small maps (they would be under a point across)."""


# --- pure selection and ranking ---------------------------------------------------------------

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
    if changes.empty:
        return pd.DataFrame(columns=["indicator_id", "indicator", "peer_group", "periods",
                                     *TRAVEL_WORDS, "areas"])
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
    return pd.DataFrame(rows)


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


def _count_words(n: int, noun: str) -> str:
    return "" if n == 0 else f"{n} {noun}{'' if n == 1 else 's'}"


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


def format_value(value: float, unit: str, decimals: int = 1) -> str:
    """A figure with its unit, for tables ("£39.88", "71.9%", "[x]" when missing).

    Examples
    --------
    >>> format_value(39.876, "GBP per hour worked", 2), format_value(71.94, "%")
    ('£39.88', '71.9%')
    >>> format_value(66402.0, "£ per job", 0), format_value(float("nan"), "%")
    ('£66,402', '[x]')
    """
    if value is None or pd.isna(value):
        return "[x]"
    unit = str(unit)
    if unit.startswith("GBP million"):
        return f"-£{abs(value):,.0f}m" if value < 0 else f"£{value:,.0f}m"
    if unit.startswith(("GBP", "£")):
        return f"-£{abs(value):,.{decimals}f}" if value < 0 else f"£{value:,.{decimals}f}"
    if unit.startswith(("%", "per cent", "percent")):
        return f"{value:,.{decimals}f}%"
    return f"{value:,.{decimals}f}"


def unit_words(unit: str) -> str:
    """A unit for axis labels and headers: "GBP" as "£", "%" as "per cent".

    Examples
    --------
    >>> unit_words("GBP per hour worked"), unit_words("%")
    ('£ per hour worked', 'per cent')
    """
    unit = str(unit).replace("GBP", "£")
    return "per cent" if unit == "%" else unit


# --- reading the packs ------------------------------------------------------------------------

def _read_csvs(out_root: Path, codes: Iterable[str], name: str) -> pd.DataFrame:
    frames = []
    for code in codes:
        path = out_root / code / name
        if path.is_file():
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
            if "area_code" not in frame:
                frame["area_code"] = code
            frames.append(frame)
    if not frames:
        return pd.DataFrame()
    out = pd.concat(frames, ignore_index=True)
    for col in ("value", "benchmark_uk", "benchmark_england", "Baseline value", "Latest value",
                "Change"):
        if col in out:
            out[col] = pd.to_numeric(out[col], errors="coerce")
    return out


def _framework_info(indicator_id: str) -> tuple[str, int, str]:
    """Direction, decimals and short name of an indicator from the framework."""
    from lis_analytics.indicators.framework import load_framework

    framework = load_framework()
    base = BASED_ON.get(indicator_id, indicator_id)
    try:
        ind = framework.get(indicator_id)
    except KeyError:
        try:
            ind = framework.get(base)
        except KeyError:
            return "higher_is_better", 1, indicator_id.replace("_", " ")
        return ind.direction, 1, ind.name
    return ind.direction, int(ind.decimals), ind.name


def _benchmark(sub: pd.DataFrame, unit: str, decimals: int) -> tuple[float, str] | None:
    """England's figure (else the UK's) for the ranked period, with its words."""
    for col, words in (("benchmark_england", "England"), ("benchmark_uk", "UK")):
        if col in sub and sub[col].notna().any():
            value = float(sub[col].dropna().mode().iloc[0])
            return value, f"{words} {format_value(value, unit, decimals)}"
    return None


def _svg_img(svg: str, alt: str) -> str:
    """An SVG chart inlined in the page as an image with its alt text.

    Inline (not an ``<img>`` data URI) so that a reader's "find in page" finds area names in
    the charts, and a third smaller; ``role="img"`` with ``aria-label`` and ``<title>`` give
    screen readers the alt text.
    """
    start = svg.find("<svg")
    svg = svg[start:] if start >= 0 else svg
    label = html.escape(alt, quote=True)
    return re.sub(r"<svg\b([^>]*)>",
                  lambda m: (f"<svg{m.group(1)} role=\"img\" aria-label=\"{label}\" "
                             f"class=\"lis-chart\"><title>{html.escape(alt)}</title>"),
                  svg, count=1)


def _source_words(indicator_id: str, baselines: pd.DataFrame) -> str:
    base = BASED_ON.get(indicator_id, indicator_id)
    if len(baselines) and "Source" in baselines:
        words = baselines.loc[baselines["indicator_id"] == base, "Source"].dropna()
        if len(words):
            return f"Source: {words.iloc[0]}; as published in each area's pack"
    return "Source: each area's pack (figures.csv)"


def _indicator_sections(figures: pd.DataFrame, baselines: pd.DataFrame,
                        area_types: Mapping[str, str], ids: Sequence[str]) -> list[dict]:
    """Ranked tables and chart words of each indicator (pure on the loaded tables)."""
    sections = []
    for ind in ids:
        sub = figures[figures["indicator_id"] == ind] if len(figures) else pd.DataFrame()
        if sub.empty or sub["value"].notna().sum() == 0:
            continue
        direction, decimals, short = _framework_info(ind)
        unit = str(sub["unit"].dropna().iloc[0]) if sub["unit"].notna().any() else ""
        title = str(sub["indicator"].dropna().iloc[0])
        ranked = rank_within_peer_groups(sub[["area_code", "area_name", "value", "period"]],
                                         area_types, direction)
        period = common_period(ranked.loc[ranked["peer_group"] != "", "period"])
        at_period = sub[sub["period"].astype(str) == period]
        sections.append({
            "id": ind, "title": title, "short": short, "unit": unit, "decimals": decimals,
            "direction": direction, "period": period, "ranked": ranked,
            "benchmark": _benchmark(at_period, unit, decimals),
            "source": _source_words(ind, baselines),
        })
    return sections


def _dot_chart_html(section: dict) -> str:
    from lis_analytics.present.charts import figure_svg
    from lis_analytics.present.charts.frontpage import ranked_dot_chart

    ranked, unit, dec = section["ranked"], section["unit"], section["decimals"]
    groups = [(f"{words} ({int((ranked['peer_group'] == words).sum())}), rank 1 = best",
               ranked[ranked["peer_group"] == words]) for words in PEER_GROUPS.values()]
    shown = ranked["not_ranked"].str.endswith("not ranked") & ranked["value"].notna() & (
        ranked["period"].astype(str) == section["period"])
    unranked = ranked[shown]
    direction = direction_words(section["direction"], section["short"])
    title = f"{section['title']}: LEPs and combined authorities, {direction}"
    subtitle = (f"{unit_words(unit)}, {section['period']}; each area ranked among areas of "
                "its own kind; custom areas and districts shown, not ranked")
    fig, alt = ranked_dot_chart(
        groups, title=title, subtitle=subtitle,
        value_label=f"{section['short'][:1].upper()}{section['short'][1:]}, {unit_words(unit)}",
        benchmark=section["benchmark"], source=section["source"],
        value_format=f"{{:,.{dec}f}}", unranked=unranked)
    older = ranked[ranked["not_ranked"].str.startswith("its pack holds")]
    note = ""
    if len(older):
        names = "; ".join(f"{r.label}: {format_value(r.value, unit, dec)} in {r.period}"
                          for r in older.itertuples())
        note = (f"<p class='lis-note'>Not ranked, because their packs were built with an older "
                f"release and hold another period than {html.escape(section['period'])} "
                f"(rebuild them with the current data): {html.escape(names)}.</p>")
    return (f"<figure class='lis-figure' id='rank-{html.escape(section['id'])}'>"
            f"{_svg_img(figure_svg(fig), alt)}</figure>{note}")


def _maps_html(sections: Sequence[dict], area_types: Mapping[str, str],
               names: Mapping[str, str]) -> str:
    """Small-multiple maps of LEPs and of CAs; custom areas listed."""
    from lis_analytics.data import load_table
    from lis_analytics.geography import get_area
    from lis_analytics.present.charts import figure_svg
    from lis_analytics.present.charts.frontpage import (
        MapPanel,
        area_shapes,
        best_fifth_counts,
        choropleth_grid,
        drop_specks,
        rank_fifth,
        round_path_coordinates,
    )

    boundaries = load_table("boundaries_lad23")
    england = boundaries[boundaries["area_code"].astype(str).str.startswith("E")]
    background = drop_specks(england.geometry.union_all().simplify(MAP_SIMPLIFY_METRES),
                             MAP_MIN_PART_SQ_METRES)
    parts: list[str] = []
    unmapped: list[str] = []
    for area_type, words in PEER_GROUPS.items():
        codes = sorted(c for c, t in area_types.items() if t == area_type)
        if not codes:
            continue
        members = {}
        for c in codes:
            try:
                members[c] = get_area(c).lad_codes
            except KeyError:  # not in this catalogue (e.g. a pack from other boundaries)
                unmapped.append(type_label(names[c], area_type))
        shapes = area_shapes(boundaries, members)
        shapes["geometry"] = [drop_specks(g, MAP_MIN_PART_SQ_METRES)
                              for g in shapes.geometry.simplify(MAP_SIMPLIFY_METRES)]
        panels = []
        for s in sections:
            ranked = s["ranked"][s["ranked"]["area_type"] == area_type]
            fifths = {r.area_code: rank_fifth(r.rank, r.rank_of) for r in ranked.itertuples()}
            darkest = "lowest" if s["direction"] == "lower_is_better" else "highest"
            panels.append(MapPanel(f"{s['title']}, {s['period']}; darkest = {darkest}",
                                   fifths))
        group = f"{len(codes)} {words}"
        overlap = (" LEPs overlapped: a district in two LEPs shows the colour of one of them."
                   if area_type == "LEP" else " England's other districts in pale grey.")
        fig, alt = choropleth_grid(
            shapes, panels, group_words=group, background=background,
            title=_map_title(best_fifth_counts(panels), names, words, len(panels)),
            subtitle=(f"Each area shaded by the fifth of the {words} it falls in, darkest = "
                      f"best fifth (highest, or lowest where lower is better).{overlap}"),
            source=("Source: the packs' figures (see each dot chart for the statistics); LAD "
                    "boundaries (December 2023), ONS Geography. Contains OS data © Crown "
                    "copyright and database right 2024"))
        parts.append(f"<h3>{html.escape(words[:1].upper() + words[1:])}</h3>"
                     f"<figure class='lis-figure'>"
                     f"{_svg_img(round_path_coordinates(figure_svg(fig)), alt)}</figure>")
    others = sorted((type_label(names[c], t) for c, t in area_types.items()
                     if t not in PEER_GROUPS), key=str.lower)
    if unmapped:
        parts.append("<p>Not mapped, because their districts are not in the current area "
                     "catalogue: " + html.escape("; ".join(unmapped)) + ".</p>")
    if others:
        parts.append("<p>Not mapped (custom areas and districts are not ranked; their figures "
                     "are in the dot charts and tables): "
                     + html.escape("; ".join(others)) + ".</p>")
    return "\n".join(parts)


def _map_title(counts: pd.Series, names: Mapping[str, str], words: str, n_panels: int) -> str:
    """The maps' finding: the areas most often in the best fifth of their peer group."""
    if counts.empty or counts.iloc[0] == 0:
        return f"The {words} on the headline indicators"
    top = counts[counts >= counts.iloc[min(2, len(counts) - 1)]]
    if len(top) > 4:
        top = counts[counts == counts.iloc[0]].iloc[:4]
    listed = [f"{names.get(c, c)} ({n} of {n_panels})" for c, n in top.items()]
    joined = listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " and " + listed[-1]
    return f"Most often in the best fifth of the {words}: {joined}"


def _change_html(changes: pd.DataFrame, sections: Sequence[dict]) -> str:
    if changes.empty:
        return "<p>No pack holds a monitoring baseline yet.</p>"
    summary = change_summary(changes).rename(columns={"no significant change": "no_sig"})
    groups = [g for g in PEER_GROUPS.values() if (summary["peer_group"] == g).any()]
    head = ("<tr><th rowspan='2'>Indicator</th><th rowspan='2'>Better when</th>"
            "<th rowspan='2'>Periods</th><th rowspan='2'>How change is judged</th>"
            + "".join(f"<th colspan='4'>{html.escape(g)}</th>" for g in groups) + "</tr><tr>"
            + "<th>Improving</th><th>No significant change</th><th>Worsening</th>"
              "<th>Other</th>" * len(groups) + "</tr>")
    better = changes.drop_duplicates("indicator_id").set_index("indicator_id")["better_when"]
    body = []
    for ind, rows in summary.groupby("indicator_id", sort=False):
        cells = []
        for g in groups:
            hit = rows[rows["peer_group"] == g]
            if hit.empty:
                cells.append("<td></td>" * 4)
                continue
            r = hit.iloc[0]
            cells.append("".join(f"<td class='lis-num'>{int(r[k])} of {int(r['areas'])}</td>"
                                 for k in ("improving", "no_sig", "worsening", "other")))
        periods = "; ".join(dict.fromkeys("; ".join(rows["periods"]).split("; ")))
        body.append(f"<tr><td>{html.escape(str(rows['indicator'].iloc[0]))}</td>"
                    f"<td>{html.escape(str(better.get(ind, '')))}</td>"
                    f"<td>{html.escape(periods)}</td>"
                    f"<td><small>{html.escape(_test_basis(changes, ind))}</small></td>"
                    f"{''.join(cells)}</tr>")
    body = "".join(body)
    out = [f"<div class='lis-scroll'><table class='lis-table'>{head}{body}</table></div>"]
    # every area: change and its direction of travel, indicators as columns
    ids = list(dict.fromkeys(changes["indicator_id"]))
    first = changes.drop_duplicates("indicator_id").set_index("indicator_id")
    common = {i: _periods_of(changes, i) for i in ids}
    cols = "".join(
        f"<th>{html.escape(str(first.at[i, 'indicator']))}<br><small>"
        f"{html.escape(common[i])}; {html.escape(str(first.at[i, 'unit']))}</small></th>"
        for i in ids)
    rows = []
    order = {t: k for k, t in enumerate(TYPE_ORDER)}
    areas = changes.drop_duplicates("area_code").assign(
        _o=lambda d: d["area_type"].map(order).fillna(len(order))).sort_values(["_o", "label"])
    for area in areas.itertuples():
        cells = []
        mine = changes[changes["area_code"] == area.area_code].drop_duplicates(
            "indicator_id").set_index("indicator_id")
        for i in ids:
            if i not in mine.index or pd.isna(mine.at[i, "change"]):
                cells.append("<td>[x]</td>")
                continue
            r = mine.loc[i]
            travel = str(r["direction_of_travel"])
            periods = f"{r['baseline_period']} to {r['latest_period']}"
            when = f" <small>({html.escape(periods)})</small>" if periods != common[i] else ""
            decimals = _framework_info(i)[1]
            change = round(float(r["change"]), decimals) + 0.0  # no "-0.0"
            cells.append(f"<td class='lis-travel lis-{travel.split()[0]}'>"
                         f"{change:+,.{decimals}f}{when} <small>{html.escape(travel)}</small></td>")
        rows.append(f"<tr><th scope='row'>{html.escape(area.label)}</th>{''.join(cells)}</tr>")
    out.append("<p>Every area's change, in the indicator's own unit (percentage points for "
               "rates), with its direction of travel, judged as the table above says. A "
               "coloured bar at the left of a cell marks improving (green-blue) or worsening "
               "(plum); the words say it too.</p>"
               f"<div class='lis-scroll'><table class='lis-table lis-changes'><tr><th>Area</th>"
               f"{cols}</tr>{''.join(rows)}</table></div>")
    return "\n".join(out)


def _test_basis(changes: pd.DataFrame, indicator_id: str) -> str:
    """How an indicator's change was judged (the pack's words, the most common basis)."""
    sub = changes[changes["indicator_id"] == indicator_id]
    judged = sub["judged_on"].dropna().astype(str) if "judged_on" in sub else pd.Series()
    if len(judged):
        return common_period(judged)
    tests = sub["significance"].dropna().astype(str)
    return common_period(tests.str.split(" [(]").str[0]) or "not tested"


def _periods_of(changes: pd.DataFrame, indicator_id: str) -> str:
    sub = changes[changes["indicator_id"] == indicator_id]
    pairs = (sub["baseline_period"].astype(str) + " to " + sub["latest_period"].astype(str))
    return common_period(pairs)


def _areas_html(out_root: Path, codes: Sequence[str], areas: Mapping[str, Mapping],
                figures: pd.DataFrame, periods: Mapping[str, str], run_date: str) -> str:
    order = {t: k for k, t in enumerate(TYPE_ORDER)}
    codes = sorted(codes, key=lambda c: (order.get(areas[c].get("area_type", ""), len(order)),
                                         str(areas[c].get("area_name", c)).lower()))
    key = [k for k in KEY_FIGURES if len(figures) and (figures["indicator_id"] == k).any()]
    heads = []
    for k in key:
        sub = figures[figures["indicator_id"] == k]
        unit = unit_words(str(sub["unit"].dropna().iloc[0])) if sub["unit"].notna().any() else ""
        heads.append(f"<th>{html.escape(str(sub['indicator'].iloc[0]))}<br><small>"
                     f"{html.escape(periods.get(k, ''))}; {html.escape(unit)}</small></th>")
    rows = []
    for code in codes:
        entry = areas[code]
        failed = entry.get("status") == "failed"
        available = entry.get("pack_available")
        has_pack = (bool(available) if available is not None
                    else (out_root / code / "index.html").is_file())
        name = html.escape(str(entry.get("area_name", code)))
        link = (f"<a href='{html.escape(code, quote=True)}/index.html'>{name}</a>" if has_pack
                else f"{name} <small>(no pack)</small>")
        if failed and has_pack:
            link += " <small>(last good pack)</small>"
        cells = []
        for k in key:
            hit = figures[(figures["area_code"] == code) & (figures["indicator_id"] == k)]
            if hit.empty or hit["value"].isna().all():
                cells.append("<td>[x]</td>")
                continue
            r = hit.iloc[0]
            _, dec, _ = _framework_info(k)
            other = (f" <small>({html.escape(str(r['period']))})</small>"
                     if str(r["period"]) != periods.get(k) else "")
            cells.append(f"<td class='lis-num'>{format_value(r['value'], r['unit'], dec)}"
                         f"{other}</td>")
        kind = TYPE_LABELS.get(str(entry.get("area_type", "")), str(entry.get("area_type", "")))
        rows.append(f"<tr><td>{link}</td><td>{html.escape(kind)}</td>"
                    f"<td><small>{html.escape(code)}</small></td>{''.join(cells)}</tr>")
    return (f"<div class='lis-scroll'><table class='lis-table'><tr><th>Area</th><th>Type</th>"
            f"<th>Code</th>{''.join(heads)}</tr>{''.join(rows)}</table></div>")


PAGE_CSS = """
body { font-family: Arial, Helvetica, sans-serif; max-width: 1100px; margin: 0 auto;
       padding: 0 24px 48px; color: #0b0c0c; line-height: 1.45; }
h1 { border-bottom: 4px solid #12436D; padding-bottom: 6px; }
h2 { color: #12436D; margin-top: 1.6em; }
.lis-scroll { overflow-x: auto; max-width: 100%; }
table.lis-table { border-collapse: collapse; font-size: 0.88em; }
table.lis-table th { background: #f3f2f1; text-align: left; padding: 4px 8px;
                     border-bottom: 2px solid #b1b4b6; vertical-align: bottom; }
table.lis-table td, table.lis-table tbody th { padding: 4px 8px; border-bottom: 1px solid #e5e5e5;
                     vertical-align: top; }
table.lis-table th[scope=row] { background: none; font-weight: normal; border-bottom: 1px solid
                                #e5e5e5; min-width: 12em; vertical-align: top; }
td.lis-num { text-align: right; white-space: nowrap; }
table.lis-changes td { font-size: 0.92em; min-width: 5.5em; }
table.lis-changes small, table.lis-table td small { color: #505a5f; }
td.lis-improving { border-left: 4px solid #28A197; }
td.lis-worsening { border-left: 4px solid #801650; }
.lis-failed { background: #fdf0ee; border-left: 6px solid #d4351c; padding: 8px 16px; }
.lis-note, .lis-units, figcaption { color: #505a5f; font-size: 0.88em; }
.lis-intro { font-size: 1.02em; }
.lis-figure { margin: 0 0 1.2em 0; }
svg.lis-chart { max-width: 100%; height: auto; }
.lis-data-as-at { background: #f3f2f1; border-left: 6px solid #12436D; padding: 8px 16px; }
.lis-data-as-at td, .lis-data-as-at th { vertical-align: top; font-size: 0.9em; }
.lis-data-as-at td:nth-child(2), .lis-data-as-at td:nth-child(3) { white-space: nowrap; }
.lis-flag-old, .lis-flag-newer { color: #b52b0e; font-weight: bold; }
nav ol { columns: 2; }
a { color: #1d70b8; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  .lis-scroll { overflow: visible; }
  table.lis-table { font-size: 7.5pt; width: 100%; table-layout: auto; }
  table.lis-table td, table.lis-table th { padding: 2px 3px; overflow-wrap: break-word;
                                            hyphens: auto; }
  table.lis-table th[scope=row] { white-space: normal; }
  table.lis-changes td { min-width: 0; }
  tr, svg.lis-chart, .lis-figure { break-inside: avoid; }
  h2 { break-before: page; }
  h2.lis-keep { break-before: auto; }
  h2, h3 { break-after: avoid; }
  nav { display: none; }
  a { color: inherit; text-decoration: none; }
}
"""


def write_front_page(out_root: Path, *, maps: bool = True) -> Path:
    """Write ``reports/index.html``: the page that compares places.

    Reads ``manifest.json`` and each pack's ``figures.csv`` and ``monitoring_baseline.csv``;
    computes nothing beyond ranking and counting what the packs publish.

    Parameters
    ----------
    out_root : Path
        The reports folder (holding ``manifest.json`` and one folder per area).
    maps : bool
        Draw the small-multiple maps (they read ``boundaries_lad23`` and each area's
        districts); ``False`` leaves them out with a sentence saying so.

    Returns
    -------
    Path
        The written ``index.html``.

    Examples
    --------
    >>> import json, tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "manifest.json").write_text(json.dumps({"areas": {}}))
    >>> write_front_page(root).name
    'index.html'
    """
    started = time.perf_counter()
    manifest = json.loads((out_root / "manifest.json").read_text())
    areas: dict[str, dict] = manifest.get("areas", {})
    codes = sorted(areas)
    area_types = {c: str(areas[c].get("area_type", "")) for c in codes}
    names = {c: str(areas[c].get("area_name", c)) for c in codes}
    run_date = str(manifest.get("generated") or dt.date.today().isoformat())[:10]
    figures = headline_figures(_read_csvs(out_root, codes, "figures.csv"))
    if len(figures):
        figures["area_name"] = figures["area_code"].map(names).fillna(figures["area_name"])
    baselines = _read_csvs(out_root, codes, "monitoring_baseline.csv")
    if len(baselines):
        baselines["area_name"] = baselines["area_code"].map(names)
    ids = ranked_indicator_ids(baselines, fallback=("gva_per_hour",))
    sections = _indicator_sections(figures, baselines, area_types, ids)
    periods = {s["id"]: s["period"] for s in sections}
    for k in KEY_FIGURES:
        if k not in periods and len(figures):
            periods[k] = common_period(figures.loc[figures["indicator_id"] == k, "period"])

    failed = []
    for c in codes:
        sentence = status_sentence(type_label(names[c], area_types[c]), areas[c],
                                   run_date=run_date,
                                   pack_exists=(out_root / c / "index.html").is_file(),
                                   href=f"{c}/index.html")
        if sentence:
            failed.append(f"<p>{sentence}</p>")
    failed_html = f"<div class='lis-failed'>{''.join(failed)}</div>" if failed else ""

    try:
        maps_html = (_maps_html(sections, area_types, names) if sections and maps
                     else "<p>The maps were not drawn for this page.</p>")
    except Exception as exc:  # noqa: BLE001 - the maps are optional; say why they are missing
        log.warning("front page maps not drawn: %s", exc)
        maps_html = f"<p>The maps could not be drawn: {html.escape(str(exc)[:200])}.</p>"
    dots = "\n".join(
        f"<h3 id='ind-{html.escape(s['id'])}'>{html.escape(s['title'])}, "
        f"{html.escape(s['period'])}</h3>{_dot_chart_html(s)}" for s in sections)
    changes = change_table(baselines, area_types) if len(baselines) else pd.DataFrame()
    if len(changes):
        changes["label"] = [type_label(names.get(c, c), area_types.get(c, ""))
                            for c in changes["area_code"]]

    from lis_analytics.present.data_as_at import merge_panels, panel_html

    panel = merge_panels([areas[c].get("data_as_at") or [] for c in codes
                          if areas[c].get("status") == "succeeded"])
    data_panel = panel_html(panel, run_date) if len(panel) else (
        "<p>No pack recorded its data sources yet.</p>")
    counts = {t: sum(v == t for v in area_types.values()) for t in TYPE_ORDER}
    not_ranked = " ".join(html.escape(v) for v in NOT_RANKED.values())
    others = [_count_words(counts["CUSTOM"], "custom area"),
              _count_words(counts["LAD"], "district")]
    others = [o for o in others if o]
    n_others = counts["CUSTOM"] + counts["LAD"]
    verb = "has a pack" if n_others == 1 else "have packs"
    others_words = (f"{' and '.join(others)} {verb} too, shown for comparison but not "
                    "ranked." if others else "")
    indicator_list = ", ".join(
        f"<a href='#ind-{html.escape(s['id'])}'>{html.escape(s['short'])}</a>" for s in sections)
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Local Industrial Strategy evidence packs: how places compare</title>
<style>{PAGE_CSS}</style></head><body>
<h1>Local Industrial Strategy evidence packs: how places compare</h1>
<p class="lis-intro">This page compares the {counts['LEP']} Local Enterprise Partnerships
(LEPs, 2021 boundaries) and the {counts['CA']} combined authorities (CAs) on the headline
indicators of the packs' monitoring baseline: {indicator_list}. {others_words}</p>
<p><strong>How to read the ranks.</strong> Each area is ranked only among areas of its own
kind: a LEP among the LEPs, a CA among the CAs, because LEPs and CAs share names and
districts but not boundaries. Rank 1 is the best: the highest value where higher is better
(employment, productivity, qualifications, income, business density), the lowest where lower
is better (economic inactivity, child poverty, emissions). Each chart says which way it runs,
its period, and marks England (or the UK) as a line. A rank says where an area stands, not
whether the difference is large: read the values too. {not_ranked} Both are in each
pack.</p>
{failed_html}
<nav><h2 class="lis-keep">Contents</h2><ol>
<li><a href="#maps">Maps of the LEPs and of the combined authorities</a></li>
<li><a href="#ranks">Ranked indicators</a></li>
<li><a href="#change">Change since the baseline</a></li>
<li><a href="#areas">Areas and their packs</a></li>
<li><a href="#data">Data as at</a></li></ol></nav>
<h2 id="maps">Maps of the LEPs and of the combined authorities</h2>
{maps_html}
<h2 id="ranks">Ranked indicators</h2>
<p>Dots show each area's value; the number before a name is its rank in its peer group
(1 = best), the orange line the benchmark. Hollow dots are custom areas and districts, not
ranked.</p>
{dots}
<h2 id="change">Change since the baseline</h2>
<p>How each headline indicator moved from its baseline period (2019, or the earliest
published after it) to the latest period, as each pack's monitoring baseline reports it.
Survey estimates (Annual Population Survey) count as improving or worsening only when the
change is significant (z-test at 5% on the 95% intervals; successive survey years share part
of their sample, so the test is approximate). Other indicators are not survey estimates and
carry no sampling error; GVA per hour and household income are judged against England's
change in current prices. "Other" counts no change, changes that could not be tested, and
changes judged only against England.</p>
{_change_html(changes, sections)}
<h2 id="areas">Areas and their packs</h2>
<p>{len(codes)} packs by lis-analytics {html.escape(str(manifest.get('code_version', '')))}.
Each has a board-ready HTML report, an accessible Excel workbook and a
<code>figures.csv</code> with the same columns for every area. Figures from another period
than the column's are shown with their period.</p>
{_areas_html(out_root, codes, areas, figures, periods, run_date)}
<h2 id="data">Data as at</h2>
{data_panel}
<p class="lis-units">Sources: Office for National Statistics (subregional productivity,
regional GVA and household income, Annual Population Survey, UK Business Counts), Department
for Work and Pensions, Department for Energy Security and Net Zero; Open Government Licence
v3.0. See each pack for sources and vintages.</p>
</body></html>"""
    path = out_root / "index.html"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(path)
    log.info("front page written in %.1f s", time.perf_counter() - started)
    return path
