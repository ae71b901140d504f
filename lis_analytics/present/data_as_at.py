"""The "Data as at" panel: how current each chapter's data are, near the top of every pack.

:func:`panel_rows` is pure: from the datasets each chapter rests on and their status
(:func:`lis_analytics.data.status.dataset_status`) it gives one row per chapter with the
latest period, the releases, and flags on sources whose latest period is more than
:data:`lis_analytics.data.status.STALE_YEARS` years before the run date or that have a newer
release known upstream. :func:`panel_html` and :func:`produced_line` only format those rows
(every text escaped: chapter and dataset names come from configuration).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Sequence

import pandas as pd

from lis_analytics.data.status import stale_before

__all__ = ["PANEL_COLUMNS", "merge_panels", "panel_html", "panel_rows", "produced_line", "year_of"]

PANEL_COLUMNS = ("chapter", "latest_period", "sources")
"""Columns of :func:`panel_rows`. ``sources`` is a list of dicts, one per dataset:
``dataset, name, latest_period, release, sha256, old, newer`` (``newer`` is the upstream words
when a newer release is known, else empty)."""


def year_of(period: str) -> int | None:
    """The first four-digit year in a period label (``None`` if there is none).

    Examples
    --------
    >>> year_of("2023"), year_of("2022/23"), year_of("2022-01-01/P3Y"), year_of("")
    (2023, 2022, 2022, None)
    """
    match = re.search(r"(\d{4})", str(period or ""))
    return int(match.group(1)) if match else None


def _source(row: pd.Series, cutoff: int) -> dict:
    year = year_of(row.get("latest_period", ""))
    newest, release = str(row.get("newest_release") or ""), str(row.get("release") or "")
    return {
        "dataset": str(row["dataset"]),
        "name": str(row.get("name") or row.get("title") or row["dataset"]),
        "latest_period": str(row.get("latest_period") or ""),
        "release": release,
        "sha256": str(row.get("sha256") or ""),
        "old": year is not None and year < cutoff,
        "newer": str(row.get("upstream") or "") if newest and newest > release else "",
        "held": bool(row.get("held", True)),
    }


def panel_rows(chapters: Sequence[tuple[str, Sequence[str]]], status: pd.DataFrame,
               run_date: str) -> pd.DataFrame:
    """One row per chapter: its latest period and the sources it rests on, with flags.

    Parameters
    ----------
    chapters : sequence of (str, sequence of str)
        Chapter title and the registered datasets its tables and figures come from.
    status : DataFrame
        :func:`lis_analytics.data.status.dataset_status` of those datasets (columns
        ``dataset, release, latest_period, newest_release, upstream``; optionally ``name``,
        a short name to show, and ``sha256``).
    run_date : str
        ISO date of the run: a source whose latest period is before
        :func:`~lis_analytics.data.status.stale_before` of it is flagged ``old``.

    Returns
    -------
    DataFrame
        :data:`PANEL_COLUMNS`; ``latest_period`` is the latest period of any of the chapter's
        sources (sources are listed, oldest period first).

    Examples
    --------
    >>> status = pd.DataFrame({
    ...     "dataset": ["prod", "pop", "iod"], "name": ["Productivity", "Population", "IoD"],
    ...     "release": ["2025-06-26", "2024-03-26", "2019-09-26"],
    ...     "latest_period": ["2023", "2022", "2015"],
    ...     "newest_release": ["", "2025-09-26", ""],
    ...     "upstream": ["up to date", "newer release 2025-09-26 (checked 2026-11-01)", ""]})
    >>> rows = panel_rows([("Productivity", ["prod", "pop"]), ("People", ["iod"])], status,
    ...                   "2026-11-28")
    >>> rows[["chapter", "latest_period"]].values.tolist()
    [['Productivity', '2023'], ['People', '2015']]
    >>> # the cut-off for a run on 2026-11-28 is 2024: 2022 and 2023 are both flagged old
    >>> [(s["dataset"], s["old"], bool(s["newer"])) for s in rows.loc[0, "sources"]]
    [('pop', True, True), ('prod', True, False)]
    """
    cutoff = int(stale_before(run_date))
    by_id = {str(r["dataset"]): r for _, r in status.iterrows()}
    rows = []
    for title, ids in chapters:
        sources = [_source(by_id[i], cutoff) for i in dict.fromkeys(ids) if i in by_id]
        sources.sort(key=lambda s: (not s["held"], year_of(s["latest_period"]) or 0,
                                    s["name"]))  # sources not held last
        periods = [s["latest_period"] for s in sources if year_of(s["latest_period"])]
        latest = max(periods, key=lambda p: (year_of(p), p)) if periods else ""
        rows.append({"chapter": str(title), "latest_period": latest, "sources": sources})
    return pd.DataFrame(rows, columns=list(PANEL_COLUMNS))


def _date_words(run_date: str) -> str:
    return dt.date.fromisoformat(run_date).strftime("%-d %B %Y")


def produced_line(rows: pd.DataFrame, run_date: str) -> str:
    """The run date beside the latest data, so that it never reads as "data as at".

    Examples
    --------
    >>> rows = pd.DataFrame({"chapter": ["Productivity", "Sectors"],
    ...                      "latest_period": ["2023", "2023"], "sources": [[], []]})
    >>> produced_line(rows, "2026-11-28")
    'Produced 28 November 2026 from data up to 2023 (Productivity), 2023 (Sectors)'
    """
    parts = [f"{r.latest_period} ({r.chapter})" for r in rows.itertuples() if r.latest_period]
    return (f"Produced {_date_words(run_date)} from data up to " + ", ".join(parts)
            if parts else f"Produced {_date_words(run_date)}")


def panel_html(rows: pd.DataFrame, run_date: str) -> str:
    """The panel as an HTML table with a caption; all text escaped.

    Examples
    --------
    >>> rows = pd.DataFrame({"chapter": ["<b>X</b>"], "latest_period": ["2020"], "sources": [[
    ...     {"dataset": "d", "name": "A & B", "latest_period": "2020", "release": "2021-01-01",
    ...      "sha256": "", "old": True, "newer": ""}]]})
    >>> out = panel_html(rows, "2026-11-28")
    >>> "&lt;b&gt;X&lt;/b&gt;" in out and "A &amp; B" in out and "<b>X" not in out
    True
    >>> "1 of 1 sources end before 2024" in out and "[before 2024]" in out
    True
    >>> rows.loc[0, "sources"].append({"dataset": "iuk", "name": "Innovate UK",
    ...     "latest_period": "", "release": "2026-01-13", "sha256": "", "old": False,
    ...     "newer": "", "held": False})
    >>> out = panel_html(rows, "2026-11-28")
    >>> "Innovate UK: not held here" in out and "1 optional source not held" in out
    True
    """
    esc = html.escape
    cutoff = stale_before(run_date)
    body = []
    for r in rows.itertuples():
        items, n_old, newer, n_absent = [], 0, [], 0
        for s in r.sources:
            if not s.get("held", True):
                n_absent += 1
                items.append(f"<li>{esc(s['name'])}: not held here (an optional source; "
                             f"<code>lis data fetch {esc(s['dataset'])}</code> gets it), so "
                             "its figures are shown as missing</li>")
                continue
            marks = ""
            if s["old"]:
                n_old += 1
                marks += f" <span class='lis-flag-old'>[before {esc(cutoff)}]</span>"
            if s["newer"]:
                newer.append(f"<span class='lis-flag-newer'>{esc(s['name'])}: "
                             f"{esc(s['newer'])}</span>")
                marks += " <span class='lis-flag-newer'>[newer release]</span>"
            items.append(f"<li>{esc(s['name'])}: {esc(s['latest_period'] or 'period not known')}"
                         f" (released {esc(s['release'])}){marks}</li>")
        latest = [s for s in r.sources if s["latest_period"] == r.latest_period]
        released = max((str(s["release"]) for s in latest), default="")
        flags = ([f"{n_old} of {len(r.sources)} sources end before {esc(cutoff)}"]
                 if n_old else []) + newer + ([f"{n_absent} optional source"
                                               f"{'s' if n_absent != 1 else ''} not held"]
                                              if n_absent else [])
        listing = (f"<details><summary>{len(r.sources)} source"
                   f"{'s' if len(r.sources) != 1 else ''}</summary><ul>{''.join(items)}</ul>"
                   "</details>")
        body.append(
            f"<tr><th scope='row'>{esc(r.chapter)}</th><td>{esc(r.latest_period)}</td>"
            f"<td>{esc(released)}</td><td>{'<br>'.join(flags) or 'none'}</td>"
            f"<td>{listing}</td></tr>")
    return (
        "<section class='lis-data-as-at' aria-label='Data as at'>"
        f"<p><strong>Data as at.</strong> {esc(produced_line(rows, run_date))}. The run date "
        "is when the pack was made, not how current the data are: each chapter's latest "
        f"period is below. Flagged: a source whose latest period is before {esc(cutoff)} (more "
        "than two years before the run date), or one with a newer release known upstream "
        "(from <code>lis data status</code>).</p>"
        "<table class='lis-table'><thead><tr><th scope='col'>Chapter</th>"
        "<th scope='col'>Latest period</th><th scope='col'>Released</th>"
        "<th scope='col'>Flags</th><th scope='col'>Sources (latest period, release date)</th>"
        "</tr></thead><tbody>" + "".join(body) + "</tbody></table></section>")


def merge_panels(panels: Sequence[Sequence[dict]]) -> pd.DataFrame:
    """Several packs' panel rows (as records) as one panel, for the front page.

    Chapters keep their first order; each chapter lists every source any pack used (the
    first record of a dataset wins) and the latest period of any of them.

    Examples
    --------
    >>> a = [{"chapter": "P", "latest_period": "2023", "sources": [
    ...     {"dataset": "x", "name": "X", "latest_period": "2023"}]}]
    >>> b = [{"chapter": "P", "latest_period": "2021", "sources": [
    ...     {"dataset": "y", "name": "Y", "latest_period": "2021"}]}]
    >>> m = merge_panels([a, b])
    >>> m.loc[0, "latest_period"], [s["dataset"] for s in m.loc[0, "sources"]]
    ('2023', ['y', 'x'])
    """
    chapters: dict[str, dict[str, dict]] = {}
    for panel in panels:
        for row in panel:
            seen = chapters.setdefault(str(row["chapter"]), {})
            for source in row.get("sources") or []:
                seen.setdefault(str(source["dataset"]), dict(source))
    rows = []
    for title, sources in chapters.items():
        listed = sorted(sources.values(),
                        key=lambda s: (year_of(s.get("latest_period", "")) or 0, s["name"]))
        periods = [s["latest_period"] for s in listed if year_of(s.get("latest_period", ""))]
        latest = max(periods, key=lambda p: (year_of(p), p)) if periods else ""
        rows.append({"chapter": title, "latest_period": latest, "sources": listed})
    return pd.DataFrame(rows, columns=list(PANEL_COLUMNS))
