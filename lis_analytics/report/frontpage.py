"""The front page of all packs, ``reports/index.html``: a page that compares places.

Written from ``manifest.json`` and each pack's ``figures.csv`` and ``monitoring_baseline.csv``,
for the headline indicators of the monitoring baseline: small-multiple maps of the LEPs and of
the combined authorities (separate figures: LEPs overlap), ranked dot charts within named peer
groups with the direction stated and England marked, the change since the baseline with its
test, and the areas with "(LEP)", "(CA)", "(custom)" labels, links and key figures. Build
status stays in the manifest; a failed area gets one plain sentence. GVA per head and the
productivity gap (£ million) are never ranked. What is compared and ranked is decided by the
pure functions of :mod:`lis_analytics.present.frontpage`; the charts are drawn by
:mod:`lis_analytics.present.charts.frontpage`; this module reads the files and writes HTML.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import logging
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pandas as pd

from lis_analytics.present.charts import figure_svg
from lis_analytics.present.charts.frontpage import (
    IS8_BANDS,
    MapPanel,
    england_outline,
    format_value,
    indicator_dot_chart,
    inline_svg,
    is8_cell,
    peer_group_maps,
    rank_fifth,
    round_path_coordinates,
    unit_words,
)
from lis_analytics.present.frontpage import (
    BASED_ON,
    NOT_RANKED,
    PEER_GROUPS,
    TYPE_LABELS,
    TYPE_ORDER,
    change_summary,
    change_table,
    common_period,
    direction_words,
    headline_figures,
    is8_comparison,
    rank_within_peer_groups,
    ranked_indicator_ids,
    status_sentence,
    type_label,
)
from lis_analytics.report.frames import LGP_FRAME

log = logging.getLogger(__name__)

__all__ = ["KEY_FIGURES", "write_front_page"]

KEY_FIGURES: tuple[str, ...] = ("gva_per_hour_index", "employment_rate", "nvq4plus_share",
                                "gdhi_per_head")
"""Figures shown beside each area in the areas table."""


def _count_words(n: int, noun: str) -> str:
    return "" if n == 0 else f"{n} {noun}{'' if n == 1 else 's'}"


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
            "prices": _prices(at_period),
        })
    return sections


def _prices(rows: pd.DataFrame) -> str:
    """The price basis of a figure ("current prices"), '' where prices do not apply."""
    if "price_basis" not in rows:
        return ""
    basis = rows["price_basis"].dropna().astype(str)
    basis = basis[~basis.isin(["", "not applicable"])]
    return common_period(basis)


def _dot_chart_html(section: dict) -> str:
    ranked, unit, dec = section["ranked"], section["unit"], section["decimals"]
    fig, alt = indicator_dot_chart(
        ranked, PEER_GROUPS.values(), title=section["title"], short=section["short"],
        unit=unit, period=section["period"], prices=section["prices"],
        direction=direction_words(section["direction"], section["short"]),
        benchmark=section["benchmark"], source=section["source"], decimals=dec)
    older = ranked[ranked["not_ranked"].str.startswith("its pack holds")]
    note = ""
    if len(older):
        names = "; ".join(f"{r.label}: {format_value(r.value, unit, dec)} in {r.period}"
                          for r in older.itertuples())
        note = (f"<p class='lis-note'>Not ranked, because their packs were built with an older "
                f"release and hold another period than {html.escape(section['period'])} "
                f"(rebuild them with the current data): {html.escape(names)}.</p>")
    return (f"<figure class='lis-figure' id='rank-{html.escape(section['id'])}'>"
            f"{inline_svg(figure_svg(fig), alt)}</figure>{note}")


def _maps_html(sections: Sequence[dict], area_types: Mapping[str, str],
               names: Mapping[str, str]) -> str:
    """Small-multiple maps of LEPs and of CAs (one figure each); other areas listed."""
    from lis_analytics.data import load_table
    from lis_analytics.geography import get_area

    boundaries = load_table("boundaries_lad23")
    background = england_outline(boundaries)
    parts: list[str] = []
    unmapped: list[str] = []
    for area_type, words in PEER_GROUPS.items():
        members = {}
        for c in sorted(c for c, t in area_types.items() if t == area_type):
            try:
                members[c] = get_area(c).lad_codes
            except KeyError:  # not in this catalogue (e.g. a pack from other boundaries)
                unmapped.append(type_label(names[c], area_type))
        if not members:
            continue
        panels = []
        for s in sections:
            ranked = s["ranked"][s["ranked"]["area_type"] == area_type]
            darkest = "lowest" if s["direction"] == "lower_is_better" else "highest"
            panels.append(MapPanel(
                f"{s['title']}, {s['period']}; darkest = {darkest}",
                {r.area_code: rank_fifth(r.rank, r.rank_of) for r in ranked.itertuples()}))
        fig, alt = peer_group_maps(boundaries, members, panels, words=words, names=names,
                                   overlapping=area_type == "LEP", background=background)
        parts.append(f"<h3>{html.escape(words[:1].upper() + words[1:])}</h3>"
                     f"<figure class='lis-figure'>"
                     f"{inline_svg(round_path_coordinates(figure_svg(fig)), alt)}</figure>")
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


def _change_html(changes: pd.DataFrame, sections: Sequence[dict]) -> str:
    if changes.empty:
        return "<p>No pack holds a monitoring baseline yet.</p>"
    summary = change_summary(changes).rename(columns={"no significant change": "no_sig"})
    if summary.empty:  # e.g. only custom areas built: change is compared within peer groups
        return ("<p>No LEP or combined authority pack holds a monitoring baseline, so there "
                "is no change to compare within a peer group.</p>")
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
    by_key = ({} if figures.empty else
              {(r["area_code"], r["indicator_id"]): r
               for r in figures[figures["indicator_id"].isin(key)].to_dict("records")})
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
        if has_pack and (out_root / code / LGP_FRAME.page).is_file():
            link += (f" <small>(<a href='{html.escape(code, quote=True)}/{LGP_FRAME.page}'>"
                     f"{html.escape(LGP_FRAME.label)}</a>)</small>")
        cells = []
        for k in key:
            r = by_key.get((code, k))
            if r is None or pd.isna(r["value"]):
                cells.append("<td>[x]</td>")
                continue
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


def _is8_html(table: pd.DataFrame, names: Mapping[str, str]) -> str:
    """The IS-8 comparison: one table per kind of area, a column per sector with its grade."""
    if table.empty or not table["lq"].notna().any() and not table["lq_upper"].notna().any():
        return ("<p>No pack holds the Industrial Strategy growth sectors yet (they are in the "
                "sectors chapter).</p>")
    sectors = table.drop_duplicates("sector_id")[["sector_id", "sector", "grade"]]
    head = "".join(f"<th scope='col'>{html.escape(x.sector)}<br><span class='lis-grade'>"
                   f"SIC coverage: {html.escape(x.grade)}</span></th>"
                   for x in sectors.itertuples())
    parts = []
    kinds = [*TYPE_ORDER, *sorted(set(table["area_type"]) - set(TYPE_ORDER))]
    for kind in kinds:  # kinds of area the page does not know yet come last, not dropped
        mine = table[table["area_type"] == kind]
        if mine.empty:
            continue
        rows = []
        for code, area in mine.groupby("area_code", sort=False):
            cells = []
            for x in area.itertuples():
                bg, fg, text = is8_cell(x.lq, x.lq_upper, x.shown)
                cells.append(f"<td style='background:{bg};color:{fg}'>{html.escape(text)}</td>")
            label = type_label(names.get(code, code), kind)
            rows.append(f"<tr><th scope='row'><a href='{html.escape(code)}/index.html'>"
                        f"{html.escape(label)}</a></th>{''.join(cells)}</tr>")
        group = PEER_GROUPS.get(kind, TYPE_LABELS.get(kind, kind) + " areas")
        parts.append(f"<h3>{html.escape(group[0].upper() + group[1:])}</h3>"
                     "<div class='lis-scroll'><table class='lis-table lis-is8'><thead><tr>"
                     f"<th scope='col'>Area</th>{head}</tr></thead><tbody>{''.join(rows)}"
                     "</tbody></table></div>")
    poor = list(sectors.loc[sectors["grade"] == "poor", "sector"])
    legend = "; ".join(f"<span class='lis-swatch' style='background:{c}'></span>"
                       f"{html.escape(w)}" for _, c, w in IS8_BANDS)
    period = common_period(table["period"][table["period"] != ""]) or "2021"
    return (f"<p>Location quotient of residents in employment in each sector against England "
            f"(England = 1), Census {html.escape(period)}, counted where people live, on the "
            "SIC divisions wholly inside the sector's definition. Colours: " + legend + ". "
            "Grey cells carry no strength claim: a value in brackets is the location quotient "
            "on the divisions holding part of the sector (none lies wholly inside it), a "
            "<em>proxy</em> sector's SIC codes cover "
            "only a small part of it, and a <em>poor</em> sector"
            + (f" ({html.escape(' and '.join(poor))})" if poor else "")
            + " has no SIC code at all, so it is not measurable. Each column states its SIC "
            "coverage "
            "grade, derived from DBT's sector definitions list (23 June 2025, third-party "
            "transcription) because DBT's own label could not be read. Areas are compared "
            "within their own kind; Creative Industries and Digital and Technologies share "
            "divisions 58-60.</p>" + "".join(parts))


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
table.lis-is8 td { text-align: center; white-space: nowrap; min-width: 4.5em; }
table.lis-is8 th[scope=col] { font-size: 0.9em; }
.lis-grade { font-weight: normal; color: #505a5f; }
.lis-swatch { display: inline-block; width: 1em; height: 1em; border: 1px solid #b1b4b6;
              vertical-align: middle; margin-right: 0.3em; }
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
    all_figures = _read_csvs(out_root, codes, "figures.csv")
    figures = headline_figures(all_figures)
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

    from lis_analytics.sectors import configured_growth_sectors

    is8_html = _is8_html(is8_comparison(all_figures, area_types, configured_growth_sectors()),
                         names)
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
<li><a href="#is8">Industrial Strategy growth sectors</a></li>
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
<h2 id="is8">Industrial Strategy growth sectors</h2>
{is8_html}
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
