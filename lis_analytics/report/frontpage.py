"""The front page of all packs: areas with headline figures, league tables and status."""

from __future__ import annotations

import datetime as dt
import html
import json
from pathlib import Path

import pandas as pd

HEADLINE_INDICATORS: tuple[str, ...] = (
    "gva_per_hour", "gva_per_hour_index", "gva_per_job", "productivity_gap_gbp",
    "gva_per_head",
)


def _read_figures(out_root: Path, codes: list[str]) -> pd.DataFrame:
    frames = []
    for code in codes:
        path = out_root / code / "figures.csv"
        if path.is_file():
            frames.append(pd.read_csv(path, dtype={"period": str, "area_code": str}))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _fmt(value: float, unit: str) -> str:
    if pd.isna(value):
        return "[x]"
    if unit.startswith("GBP million"):
        return f"-£{abs(value):,.0f}m" if value < 0 else f"£{value:,.0f}m"
    if unit.startswith("GBP"):
        return f"£{value:,.2f}" if abs(value) < 1000 else f"£{value:,.0f}"
    if unit.startswith("index"):
        return f"{value:,.1f}"
    if unit.startswith("%") or unit.startswith("percent"):
        return f"{value:,.1f}%"
    return f"{value:,.1f}"


def write_front_page(out_root: Path) -> Path:
    """Write ``reports/index.html`` from ``manifest.json`` and each area's ``figures.csv``."""
    manifest = json.loads((out_root / "manifest.json").read_text())
    areas = manifest.get("areas", {})
    codes = sorted(areas)
    figures = _read_figures(out_root, codes)
    if len(figures):  # an indicator may appear in two chapters: keep its first (chapter) figure
        figures = figures.drop_duplicates(["area_code", "indicator_id"], keep="first")
    # packs built with an older release keep older periods: never rank or compare them as if
    # they were the same year; the period in most packs is the one shown without comment
    common_period = {}
    if len(figures):
        for ind, sub in figures.dropna(subset=["value"]).groupby("indicator_id"):
            common_period[ind] = str(sub["period"].astype(str).mode().iloc[0])
    rows = []
    for code in codes:
        entry = areas[code]
        status = entry.get("status", "?")
        name = html.escape(entry.get("area_name", code))
        link = f"<a href='{html.escape(code)}/index.html'>{name}</a>" if status == "succeeded" \
            else name
        cells = []
        for ind in ("gva_per_hour", "gva_per_hour_index", "gva_per_job"):
            sub = (figures[(figures["area_code"] == code) & (figures["indicator_id"] == ind)]
                   if len(figures) else pd.DataFrame())
            if len(sub):
                period = str(sub["period"].iloc[0])
                other = (f" <small>({html.escape(period)})</small>"
                         if period != common_period.get(ind, period) else "")
                cells.append(_fmt(sub["value"].iloc[0], str(sub["unit"].iloc[0])) + other)
            else:
                cells.append("[x]")
        err = html.escape(entry.get("error", "")[:200])
        area_type = {"CUSTOM": "Custom", "CA": "CA", "LEP": "LEP"}.get(
            entry.get("area_type", ""), entry.get("area_type", ""))
        status_html = (f"<span class='lis-status-failed'>failed</span> <small>{err}</small>"
                       if status == "failed" else html.escape(status))
        rows.append(f"<tr><td>{html.escape(code)}</td><td>{link}</td>"
                    f"<td>{html.escape(area_type)}</td>"
                    + "".join(f"<td>{c}</td>" for c in cells) + f"<td>{status_html}</td></tr>")
    league = ""
    if len(figures):
        for ind in HEADLINE_INDICATORS:
            sub = figures[figures["indicator_id"] == ind].dropna(subset=["value"])
            if sub.empty:
                continue
            title = sub["indicator"].iloc[0]
            period = common_period.get(ind, str(sub["period"].iloc[0]))
            ranked_types = sub["area_code"].map(lambda c: areas.get(c, {}).get("area_type"))
            older = sub[(sub["period"].astype(str) != period)
                        & ranked_types.isin(["LEP", "CA"])]
            sub = sub[sub["period"].astype(str) == period]
            unit = str(sub["unit"].iloc[0])
            parts = []
            for area_type in ("LEP", "CA"):
                kind = sub[sub["area_code"].map(lambda c: areas.get(c, {}).get("area_type"))
                           == area_type].sort_values("value", ascending=False)
                if kind.empty:
                    continue
                trs = "".join(
                    f"<tr><td>{i}</td><td>{html.escape(r.area_name)}</td>"
                    f"<td>{_fmt(r.value, unit)}</td></tr>"
                    for i, r in enumerate(kind.itertuples(), start=1))
                parts.append(f"<div class='league'><h3>{area_type}s</h3><table class='lis-table'>"
                             f"<tr><th>Rank</th><th>Area</th><th>Value</th></tr>{trs}</table></div>")
            note = str(sub["note"].dropna().iloc[0]) if sub["note"].notna().any() else ""
            note = f"; {html.escape(note)}" if note and ind == "productivity_gap_gbp" else ""
            if len(older):
                names = ", ".join(html.escape(f"{r.area_name} ({r.period})")
                                  for r in older.itertuples())
                note += (f". Not ranked, because their packs hold another year (rebuild them "
                         f"with the current data): {names}")
            league += (f"<h2>{html.escape(title)}, {html.escape(period)}</h2>"
                       f"<p class='lis-units'>{html.escape(unit.replace('GBP', '£'))}{note}</p>"
                       f"<div class='leagues'>{''.join(parts)}</div>")
    header_cells = "".join(
        f"<th>{label} ({html.escape(common_period.get(ind, 'latest year'))})</th>"
        for ind, label in (("gva_per_hour", "GVA per hour, £"),
                           ("gva_per_hour_index", "GVA per hour, UK = 100"),
                           ("gva_per_job", "GVA per filled job, £")))
    n_failed = sum(a.get("status") == "failed" for a in areas.values())
    from lis_analytics.present.data_as_at import merge_panels, panel_html

    run_date = str(manifest.get("generated") or dt.date.today().isoformat())[:10]
    panel = merge_panels([areas[c].get("data_as_at") or [] for c in codes
                          if areas[c].get("status") == "succeeded"])
    data_panel = panel_html(panel, run_date) if len(panel) else (
        "<p>No pack recorded its data sources yet.</p>")
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Local Industrial Strategy evidence packs</title>
<style>
body {{ font-family: Arial, Helvetica, sans-serif; max-width: 1100px; margin: 0 auto;
       padding: 0 24px 48px; color: #0b0c0c; line-height: 1.45; }}
h1 {{ border-bottom: 4px solid #12436D; padding-bottom: 6px; }}
h2 {{ color: #12436D; margin-top: 1.6em; }}
table.lis-table {{ border-collapse: collapse; font-size: 0.9em; }}
table.lis-table th {{ background: #f3f2f1; text-align: left; padding: 4px 8px;
                      border-bottom: 2px solid #b1b4b6; }}
table.lis-table td {{ padding: 4px 8px; border-bottom: 1px solid #e5e5e5; }}
.leagues {{ display: flex; gap: 32px; flex-wrap: wrap; align-items: flex-start; }}
.lis-status-failed {{ color: #d4351c; font-weight: bold; }}
.lis-units {{ color: #505a5f; font-size: 0.85em; }}
.lis-data-as-at {{ background: #f3f2f1; border-left: 6px solid #12436D; padding: 8px 16px; }}
.lis-data-as-at td, .lis-data-as-at th {{ vertical-align: top; font-size: 0.9em; }}
.lis-data-as-at td:nth-child(2), .lis-data-as-at td:nth-child(3) {{ white-space: nowrap; }}
.lis-flag-old, .lis-flag-newer {{ color: #b52b0e; font-weight: bold; }}
a {{ color: #1d70b8; }}
</style></head><body>
<h1>Local Industrial Strategy evidence packs</h1>
<p>{len(codes)} areas ({n_failed} failed), by lis-analytics
{html.escape(str(manifest.get('code_version', '')))}. Each pack has a board-ready HTML report,
an accessible Excel workbook and a <code>figures.csv</code> with the same columns for every
area.</p>
<h2>Data as at</h2>
{data_panel}
<h2>Areas</h2>
<table class="lis-table"><tr><th>Code</th><th>Area</th><th>Type</th>{header_cells}
<th>Status</th></tr>
{''.join(rows)}</table>
<h2>League tables</h2>
<p>All LEPs and Combined Authorities on the headline indicators (latest year in each pack).</p>
{league}
<p class="lis-units">Source: Subregional productivity and regional GVA, Office for National
Statistics; Open Government Licence v3.0. See each pack for sources and vintages.</p>
</body></html>"""
    path = out_root / "index.html"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(path)
    return path
