"""What a pack says before and after its chapters: title, summary, Contents, data sources.

The head of a pack (title line, the summary of :mod:`lis_analytics.present.summary`, the
"Data as at" panel and the Contents) and its tail (data sources and vintages) are built here
from the chapters' records; :func:`~lis_analytics.report.assemble.arrange_pack` then puts
the tail in the Appendix.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import subprocess
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from lis_analytics import __version__
from lis_analytics.data.fetch import project_root
from lis_analytics.errors import LisError
from lis_analytics.geography import Area

__all__ = ["AREA_TYPE_NAMES", "data_as_at", "registered_sources"]


def registered_sources(table_ids: Iterable[str]) -> list[str]:
    """Registered datasets behind tables: derived tables resolved to their inputs, in turn."""
    from lis_analytics.data import derived
    from lis_analytics.data.registry import registry

    out: list[str] = []
    todo, seen = list(table_ids), set()
    while todo:
        table_id = str(todo.pop(0))
        if table_id in seen:
            continue
        seen.add(table_id)
        if table_id in registry():
            out.append(table_id)
        elif derived.is_derived(table_id):
            todo += list(derived.input_ids(derived.get_derived(table_id)))
    return sorted(set(out))


def _full_sha256(ds_id: str) -> str:
    """sha256 of every file a processed table was built from, as read (comma-separated)."""
    from lis_analytics.data.store import table_build

    build = table_build(ds_id) or {}
    return ", ".join(str(s.get("sha256", "")) for s in build.get("sources") or [])


def _data_vintages(dataset_ids: Iterable[str]) -> pd.DataFrame:
    from lis_analytics.data import get_dataset

    rows = []
    for ds_id in registered_sources(dataset_ids):
        try:
            ds = get_dataset(ds_id)
        except LisError:
            continue
        rows.append({"dataset id": ds.id, "title": ds.title, "publisher": ds.publisher,
                     "release": ds.release, "vintage": ds.vintage, "licence": ds.licence,
                     "url": ds.landing_page, "sha256": _full_sha256(ds.id)})
    return pd.DataFrame(rows)


def data_as_at(chapters_meta: list[dict], figures: pd.DataFrame, run_date: str
               ) -> pd.DataFrame:
    """The pack's "Data as at" rows (:func:`lis_analytics.present.data_as_at.panel_rows`).

    Each chapter's datasets are those named by its tables and figures, derived tables
    resolved to their registered sources; their status comes from the processed store's
    manifest and the last upstream check (no network).
    """
    from lis_analytics.data import get_dataset, is_held, is_optional
    from lis_analytics.data.status import dataset_status
    from lis_analytics.present.data_as_at import panel_rows

    chapters = []
    for meta in chapters_meta:
        ids = {d for t in meta["tables"] for d in t["source_dataset_ids"]}
        if len(figures):
            mine = figures[figures["chapter"] == meta.get("chapter_id")]
            ids |= set(mine["source_dataset_id"].dropna())
        chapters.append((meta["title"], registered_sources(ids)))
    all_ids = sorted({d for _, ids in chapters for d in ids})
    status = dataset_status(all_ids) if all_ids else pd.DataFrame(columns=["dataset"])
    if len(status):
        status["name"] = [get_dataset(d).source_in_words or get_dataset(d).title
                          for d in status["dataset"]]
        status["sha256"] = [_full_sha256(d) for d in status["dataset"]]
        # an optional source not fetched has no data here: no period, said so in the panel
        status["held"] = [not (is_optional(d) and not is_held(d)) for d in status["dataset"]]
        status.loc[~status["held"], "latest_period"] = ""
        # tables without a period column (Census flows, names): the year of their vintage
        from lis_analytics.present.data_as_at import year_of

        no_period = (status["latest_period"].fillna("") == "") & status["held"]
        status.loc[no_period, "latest_period"] = [
            str(year_of(get_dataset(d).vintage) or "") for d in status.loc[no_period, "dataset"]]
    return panel_rows(chapters, status, run_date)


def _md(text: str) -> str:
    """Text from configuration made safe in Markdown: HTML escaped, emphasis marks escaped."""
    import html

    return re.sub(r"([\\`*_\[\]#|])", r"\\\1", html.escape(str(text), quote=False))


def _summary_html(area: Area, build_dir: Path, figures: pd.DataFrame, panel: str) -> str:
    """The pack's summary (:mod:`lis_analytics.present.summary`) from its chapters' records."""
    from lis_analytics.data import load_table
    from lis_analytics.present.charts.base import figure_svg
    from lis_analytics.present.charts.summary import area_map
    from lis_analytics.present.summary import pack_summary_html, read_records

    records = read_records(build_dir, area.code, area.label, figures)
    try:
        fig, alt = area_map(area.label, area.lad_codes, load_table("boundaries_lad23"))
        map_svg = figure_svg(fig)
    except (LisError, ValueError) as exc:  # a map we cannot draw is said so, not invented
        map_svg, alt = "", ""
        panel = (f"<p class='lis-note'>No map: {html.escape(str(exc))}.</p>") + panel
    return pack_summary_html(records, map_svg=map_svg, map_alt=alt, panel=panel)


def _front_matter(area: Area, chapters: list[dict], vintages: pd.DataFrame, parameters: dict,
                  panel: pd.DataFrame | None = None, run_date: str = "",
                  build_dir: Path | None = None, figures: pd.DataFrame | None = None
                  ) -> tuple[list, list]:
    """The pack's head (title, summary with its "Data as at" panel, contents) and tail.

    The summary is read from the chapters' records in ``build_dir``
    (:func:`lis_analytics.present.summary.read_records`); without ``build_dir`` the head has
    the "Data as at" panel only.
    """
    import nbformat

    from lis_analytics.present.data_as_at import panel_html, produced_line

    run_date = run_date or dt.date.today().isoformat()
    panel = panel if panel is not None else pd.DataFrame(
        columns=["chapter", "latest_period", "sources"])
    kind = AREA_TYPE_NAMES.get(area.type, area.type)
    about = f"{kind}, {area.code}" if area.type != "CUSTOM" else (area.description or kind)
    n = len(area)
    lines = ["[← All areas](../index.html)", "",
             f"# {_md(area.label)}: Local Industrial Strategy evidence pack", "",
             f"*{_md(about.strip().rstrip('.;,:'))}; {n} local authority "
             f"district{'s' if n != 1 else ''}. {_md(produced_line(panel, run_date))}, by "
             f"lis-analytics {_md(_version_label())}.*", ""]
    chosen = parameters_sentence(parameters)
    lines += [f"*{_md(chosen)}*", ""] if chosen else []
    head_cells = [nbformat.v4.new_markdown_cell("\n".join(lines))]
    panel_part = panel_html(panel, run_date)
    summary = (_summary_html(area, build_dir, figures if figures is not None
                             else pd.DataFrame(), panel_part)
               if build_dir is not None else panel_part)
    head_cells.append(nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output(
        "display_data", data={"text/html": summary})]))
    lines = ["## Contents", ""]
    lines += ["- [Summary](#Summary)"] if build_dir is not None else []
    lines += [f"- [{c['title']}](#{c['title'].replace(' ', '-')})" for c in chapters]
    lines += ["- [Appendix: tables, methods and caveats](#Appendix)",
              "- [Data sources and vintages](#Data-sources-and-vintages)", ""]
    head = head_cells + [nbformat.v4.new_markdown_cell("\n".join(lines))]
    tail_lines = ["### Data sources and vintages", "",
                  "| Dataset | Publisher | Release | Vintage | sha256 |",
                  "|---|---|---|---|---|"]
    for row in vintages.itertuples(index=False):
        sha = ", ".join(f"`{h[:12]}…`" for h in str(row.sha256).split(", ") if h)
        tail_lines.append(f"| {_md(row.title)} | {_md(row.publisher)} | {_md(row.release)} | "
                          f"{_md(row.vintage)} | {sha} |")
    tail_lines += ["", "The executed notebooks with their parameters are kept beside this page "
                   "(notebooks/evidence_pack.ipynb) as the audit record.", "",
                   "Contains public sector information licensed under the Open Government "
                   "Licence v3.0. Boundaries contain OS data © Crown copyright and database "
                   "right."]
    tail = [nbformat.v4.new_markdown_cell("\n".join(tail_lines))]
    return head, tail


def parameters_sentence(parameters: dict) -> str:
    """What a pack's non-default notebook parameters changed, in one sentence (pure).

    Empty when the pack was built with the defaults (latest data, statistical neighbours).

    Examples
    --------
    >>> parameters_sentence({"area_code": "E47000001", "latest_year": "", "comparator_codes": []})
    ''
    >>> parameters_sentence({"latest_year": "2019", "comparator_codes": ["E47000002"]})
    ... # doctest: +NORMALIZE_WHITESPACE
    'Built with latest_year = 2019: each chapter reports 2019 as its latest year where its
     data allow, so figures may be earlier than the "data up to" years above, which are the
     latest data held. Comparators chosen by the user: E47000002.'
    """
    parts = []
    year = str(parameters.get("latest_year") or "").strip()
    if year:
        parts.append(f"Built with latest_year = {year}: each chapter reports {year} as its "
                     "latest year where its data allow, so figures may be earlier than the "
                     "\"data up to\" years above, which are the latest data held.")
    comparators = [str(c) for c in parameters.get("comparator_codes") or []]
    if comparators:
        parts.append(f"Comparators chosen by the user: {', '.join(comparators)}.")
    return " ".join(parts)


AREA_TYPE_NAMES = {"LEP": "Local Enterprise Partnership (2021 boundaries)",
                   "CA": "Combined Authority",
                   "SA": "Proposed strategic authority (Devolution Priority Programme)",
                   "RGN": "Region", "CTRY": "Country",
                   "LAD": "Local authority district", "CUSTOM": "Custom area"}


def _version_label() -> str:
    """Package version and commit, the same on every pack and the front page."""
    commit = _git_version()
    return f"{__version__} ({commit})" if commit != __version__ else __version__


def _git_version() -> str:
    try:
        out = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=project_root(),
                             capture_output=True, text=True, timeout=10, check=False)
        return out.stdout.strip() or __version__
    except (OSError, subprocess.SubprocessError):
        return __version__
