"""The summary as HTML: five messages, a map, the dashboard and the "Data as at" panel.

:func:`summary_html` only formats what it is given (every text escaped: area names and
indicator titles come from configuration). The summary's own CSS travels with it in a
``<style>`` block, with print rules that keep it to about two A4 pages.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Sequence

from lis_analytics.present.charts.summary import sparkline_svg
from lis_analytics.present.summary.dashboard import (
    DashboardRow,
    change_words,
    dashboard_rows,
    direction_words,
    level_words,
)
from lis_analytics.present.summary.messages import RULES, Message, choose_messages
from lis_analytics.present.summary.records import SummaryRecords

__all__ = ["SUMMARY_ANCHOR", "SUMMARY_CSS", "dashboard_html", "messages_html",
           "pack_summary_html", "short_rank", "summary_html", "visible_words"]

SUMMARY_ANCHOR = "Summary"
"""The summary's ``id``: the Contents list links to ``#Summary``."""

SUMMARY_CSS = """
.lis-summary { margin: 8px 0 24px; }
.lis-summary h2 { margin-top: 0.6em; }
.lis-summary h3 { margin: 0.9em 0 0.3em; color: #12436D; font-size: 1.1em; }
.lis-summary-top::after { content: ""; display: block; clear: both; }
.lis-summary-map { float: right; width: 30%; margin: 0 0 8px 20px; }
.lis-summary-map img { width: 100%; height: auto; }
.lis-summary-messages ol { margin: 0; padding-left: 1.4em; }
.lis-summary-messages li { margin: 0 0 0.55em; }
.lis-summary details { font-size: 0.85em; color: #505a5f; margin: 0.3em 0; }
.lis-summary details ol { margin: 0.2em 0; padding-left: 1.4em; }
table.lis-dashboard { border-collapse: collapse; font-size: 0.85em; width: 100%;
                      table-layout: fixed; }
.lis-summary table.lis-dashboard th { background: #f3f2f1; text-align: left; padding: 4px 6px;
                         border-bottom: 2px solid #b1b4b6; vertical-align: bottom; }
.lis-summary table.lis-dashboard tbody th { background: none; font-weight: bold;
                         vertical-align: middle; border-bottom: 1px solid #e5e5e5; }
.lis-summary table.lis-dashboard td { padding: 3px 6px; border-bottom: 1px solid #e5e5e5;
                         text-align: left; vertical-align: middle; overflow-wrap: anywhere; }
.lis-summary table.lis-dashboard tbody tr { background: none; }
table.lis-dashboard col.ind { width: 27%; } table.lis-dashboard col.lvl { width: 17%; }
table.lis-dashboard col.trend { width: 14%; } table.lis-dashboard col.chg { width: 24%; }
table.lis-dashboard col.rank { width: 18%; }
.lis-chip { font-weight: bold; }
.lis-improving { color: #006853; } .lis-worsening { color: #b52b0e; }
.lis-neutral { color: #505a5f; }
.lis-test { color: #505a5f; font-size: 0.92em; }
.lis-no-trend { color: #505a5f; font-size: 0.9em; }
.lis-summary .lis-data-as-at { font-size: 0.85em; }
@media screen and (max-width: 760px) {
  .lis-summary-map { float: none; width: auto; max-width: 320px; margin: 0 0 8px; } }
@media print {
  .lis-summary h2 { page-break-before: avoid; break-before: avoid; }
  .lis-summary { font-size: 9.5pt; }
  .lis-summary-map { width: 34%; }
  table.lis-dashboard { font-size: 8pt; }
  table.lis-dashboard col.ind { width: 24%; } table.lis-dashboard col.lvl { width: 16%; }
  table.lis-dashboard col.chg { width: 29%; } table.lis-dashboard col.rank { width: 17%; }
  .lis-summary .lis-data-as-at { font-size: 8pt; }
  .lis-summary-messages li, table.lis-dashboard tr, .lis-summary-map, .lis-data-as-at tr {
      page-break-inside: avoid; break-inside: avoid; }
  .lis-summary h3 { page-break-after: avoid; break-after: avoid; }
}
"""
"""The summary's own style (the page template styles the rest)."""

_CHIP = {"improving": "lis-improving", "worsening": "lis-worsening"}


def _esc(text: object) -> str:
    return html.escape(str(text))


def messages_html(messages: Sequence[Message]) -> str:
    """The messages as an ordered list, each led by its kind in bold; the rules below.

    Examples
    --------
    >>> out = messages_html([Message("Risk", "A <b> & c.")])
    >>> "<strong>Risk.</strong> A &lt;b&gt; &amp; c." in out and "How these were chosen" in out
    True
    """
    items = "".join(f"<li><strong>{_esc(m.kind)}.</strong> {_esc(m.text)}</li>"
                    for m in messages)
    rules = "".join(f"<li>{_esc(r)}</li>" for r in RULES)
    return (f"<ol class='lis-messages'>{items}</ol>"
            "<details><summary>How these were chosen</summary>"
            f"<ol>{rules}</ol><p>Ranks are within the peer group named, 1st = best. A change "
            "is called improving or worsening only when the monitoring baseline finds it: a "
            "significant z-test (5%) for survey estimates, or a figure without sampling error "
            "(money in current prices against England's change).</p></details>")


def short_rank(words: str) -> str:
    """A rank's words without the group's full size when only some areas have a figure.

    Examples
    --------
    >>> short_rank("248th of the 294 English districts with a figure (of 296 English districts)")
    '248th of 294 English districts with a figure'
    >>> short_rank("15th of 38 LEPs")
    '15th of 38 LEPs'
    """
    match = re.fullmatch(r"(\S+) of the (\d+) (.+ with a figure)(?: and this area)? \(of .+\)",
                         words.strip())
    if not match:
        return words
    return f"{match.group(1)} of {match.group(2)} {match.group(3)}"


def _trend_label(row: DashboardRow) -> str:
    if len(row.trend) < 2:
        return f"{row.indicator}: one period only"
    (p0, _), (p1, _) = row.trend[0], row.trend[-1]
    england = " and England (grey, dashed)" if len(row.england_trend) >= 2 else ""
    return f"Trend of {row.indicator}, {p0} to {p1}: the area (blue){england}"


def dashboard_html(rows: Sequence[DashboardRow]) -> str:
    """The dashboard table: level, trend line, change with its test, rank in its group.

    Examples
    --------
    >>> import numpy as np
    >>> r = DashboardRow("x", "Rate <x>", "%", 1, "higher is better", False, 71.9, "2023",
    ...                  72.7, "2019", -0.8, "no significant change", "not significant",
    ...                  -0.85, 0.0, np.nan, "", 36, 37, "36th of 37 LEPs",
    ...                  trend=(("2019", 72.7), ("2023", 71.9)))
    >>> out = dashboard_html([r])
    >>> "Rate &lt;x&gt;" in out and "<svg" in out and "36th of 37 LEPs" in out
    True
    """
    body = []
    for r in rows:
        mark = "" if r.headline else " <span title='outside the headline set'>†</span>"
        chip = _CHIP.get(r.assessment, "lis-neutral")
        test = direction_words(r)
        head, _, detail = test.partition(" (")
        change = change_words(r)
        change_cell = (f"{_esc(change)}<br>" if change else "") + (
            f"<span class='lis-chip {chip}'>{_esc(head)}</span>"
            + (f" <span class='lis-test'>({_esc(detail)}</span>" if detail else ""))
        rank = short_rank(r.rank_words) or ("not ranked: regional figure"
                                            if "regional" in r.assessment else "not ranked")
        body.append(
            f"<tr><th scope='row'>{_esc(r.indicator)}{mark}</th><td>{_esc(level_words(r))}</td>"
            f"<td>{sparkline_svg(r.trend, _trend_label(r), r.england_trend)}</td>"
            f"<td>{change_cell}</td><td>{_esc(rank)}</td></tr>")
    extra = any(not r.headline for r in rows)
    foot = ("<p class='lis-note'>† Outside the headline set: shown because this area has a "
            "baseline and a later value.</p>" if extra else "")
    return ("<table class='lis-dashboard'><colgroup><col class='ind'><col class='lvl'>"
            "<col class='trend'><col class='chg'><col class='rank'></colgroup><thead><tr>"
            "<th scope='col'>Indicator</th><th scope='col'>Latest (period)</th>"
            "<th scope='col'>Trend</th><th scope='col'>Change since the baseline</th>"
            "<th scope='col'>Rank in peer group (1st = best)</th></tr></thead><tbody>"
            + "".join(body) + "</tbody></table>" + foot)


def summary_html(area_name: str, messages: Sequence[Message], rows: Sequence[DashboardRow],
                 *, map_svg: str = "", map_alt: str = "", panel: str = "",
                 sources: str = "", baseline_year: str = "") -> str:
    """The whole summary: heading, messages beside the map, dashboard, "Data as at" panel.

    Parameters
    ----------
    area_name : str
        The area's name (escaped here).
    messages : sequence of Message
        :func:`~lis_analytics.present.summary.messages.choose_messages`.
    rows : sequence of DashboardRow
        :func:`~lis_analytics.present.summary.dashboard.dashboard_rows`.
    map_svg, map_alt : str
        The map (SVG text, shown through ``<img>`` so its element ids cannot clash with the
        page's) and its alt text; no map when empty.
    panel : str
        The "Data as at" panel's HTML (:func:`lis_analytics.present.data_as_at.panel_html`).
    sources : str
        The dashboard's source line.
    baseline_year : str
        The monitoring baseline's target year, to say what the baseline period is.

    Returns
    -------
    str
        A ``<section id="Summary">`` with its ``<style>``.

    Examples
    --------
    >>> out = summary_html("A <script>", [Message("Risk", "None.")], [])
    >>> "A &lt;script&gt;" in out and "<script>" not in out and 'id="Summary"' in out
    True
    """
    figure = ""
    if map_svg:
        data = base64.b64encode(map_svg.encode("utf-8")).decode("ascii")
        figure = (f"<figure class='lis-summary-map'><img src='data:image/svg+xml;base64,{data}' "
                  f"alt=\"{_esc(map_alt)}\"></figure>")
    dashboard = (dashboard_html(rows) if rows else
                 "<p>No headline indicators were recorded for this area: the monitoring "
                 "baseline chapter has no table.</p>")
    source = (f"<details class='lis-source'><summary>Sources</summary>{_esc(sources)}</details>"
              if sources else "")
    return (
        f"<section class='lis-summary' id=\"{SUMMARY_ANCHOR}\" aria-label='Summary'>"
        f"<style>{SUMMARY_CSS}</style>"
        f"<h2>Summary: {_esc(area_name)}</h2>"
        "<div class='lis-summary-top'>" + figure + "<div class='lis-summary-messages'>"
        "<h3>Five messages</h3>" + messages_html(messages) + "</div></div>"
        "<div class='lis-summary-dashboard'><h3>Headline indicators</h3>"
        "<p class='lis-units'>Money in current prices. Trend: every published period, the area "
        "in blue, England dashed grey. Change: from the baseline ("
        + (f"the latest period ending by {_esc(baseline_year)}, else the earliest"
           if baseline_year else "set by the monitoring baseline chapter")
        + ") to the latest period.</p>"
        + dashboard + source + "</div>" + panel + "</section>")  # panel: its own heading


def visible_words(fragment: str) -> int:
    """Words a reader sees in an HTML fragment: no tags, styles, or closed ``<details>``.

    Examples
    --------
    >>> visible_words("<style>p {}</style><p>Two words</p><details><summary>More</summary>"
    ...               "<p>hidden text here</p></details>")
    3
    """
    text = re.sub(r"<style.*?</style>", " ", fragment, flags=re.S)
    text = re.sub(r"<title>.*?</title>", " ", text, flags=re.S)
    text = re.sub(r"<details[^>]*>\s*<summary>(.*?)</summary>.*?</details>", r" \1 ", text,
                  flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    return len(html.unescape(text).split())


def pack_summary_html(records: SummaryRecords, *, map_svg: str = "", map_alt: str = "",
                      panel: str = "", england_code: str = "E92000001") -> str:
    """The summary of one pack from its chapters' records (rows and messages chosen here).

    Parameters
    ----------
    records : SummaryRecords
        :func:`~lis_analytics.present.summary.records.read_records`.
    map_svg, map_alt, panel : str
        As :func:`summary_html`.
    england_code : str
        England's code in the series table.

    Returns
    -------
    str
        :func:`summary_html` of the records.

    Examples
    --------
    >>> out = pack_summary_html(SummaryRecords("X", "Exampleshire"))
    >>> "Summary: Exampleshire" in out and "GVA per hour worked: not available" in out
    True
    """
    rows = dashboard_rows(records.baseline, records.series, records.area_code, england_code)
    return summary_html(records.area_name, choose_messages(records, rows), rows,
                        map_svg=map_svg, map_alt=map_alt, panel=panel,
                        sources=records.baseline_source, baseline_year=records.baseline_year)
