"""What a chapter notebook hands to the pack: tables, headline figures and key findings.

A chapter notebook creates one :class:`Chapter`, shows its tables and findings through it,
and calls :meth:`Chapter.save` at the end. The batch then writes every table to the Excel
workbook and every figure to ``figures.csv`` with the same columns for every area.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from lis_analytics.present.table_figures import _float, rank_from_words

FIGURE_COLUMNS: tuple[str, ...] = (
    "area_code", "area_name", "area_type", "chapter", "theme", "indicator_id", "indicator",
    "breakdown", "breakdown_code", "period", "value", "unit", "price_basis", "lower", "upper",
    "rank", "rank_of", "peer_group", "benchmark_uk", "benchmark_england", "benchmark_region",
    "source_dataset_id", "release", "note",
)
"""Columns of ``figures.csv``: identical for every area, so areas compare and runs diff.

A row with an empty ``breakdown`` is the area's headline figure; a row with a breakdown
(an industry, a district, a neighbouring area, a grouping) is one line of a chapter's table.
``rank``/``rank_of``/``peer_group`` say e.g. 15 of 38 in "LEPs"; ``lower``/``upper`` are a
95% interval where one is known; ``release`` is the dataset's release in the registry.
"""

FIGURE_KEY: tuple[str, ...] = ("indicator_id", "breakdown", "period")
"""What identifies one figure of an area: a pack states each key once."""

CHAPTER_THEMES: dict[str, str] = {
    "productivity": "Productivity", "sectors": "Sectors", "fema": "Commuting",
    "people": "People", "foundations": "Foundations", "baseline": "Monitoring baseline",
}
"""Theme of a figure whose indicator is not in the indicator framework (by chapter)."""

def figure_decimals(unit: str) -> int:
    """Decimal places a figure keeps in ``figures.csv``, by its unit.

    Enough to recompute what the pack publishes (one more place than the pack shows for
    small rates) without float noise:

    * pounds per hour, per week, per head (small money amounts): 2;
    * pounds per job, per worker, per resident and other whole-pound levels: 0;
    * GBP/£ million: 1;
    * ratios, location quotients and specialisation indices: 3;
    * percentages, rates, indices (UK = 100), scores and other measures: 2;
    * counts (people, jobs, persons, industries, sectors, cells, ranks): 0.

    Examples
    --------
    >>> [figure_decimals(u) for u in ("GBP per hour worked", "GBP per filled job",
    ...  "GBP million a year", "ratio", "%", "people", "rank of 38 (1 = highest)")]
    [2, 0, 1, 3, 2, 0, 0]
    """
    u = str(unit or "").lower()
    if "million" in u or u.startswith("£m"):
        return 1
    if any(w in u for w in ("ratio", "location quotient", "index (0 =", "lq")):
        return 3
    if u.startswith("rank") or u in {"people", "jobs", "persons", "industries", "sectors",
                                     "enterprises", "district x industry cells", "years from 2019"}:
        return 0
    if ("gbp" in u or "£" in u) and any(w in u for w in ("per filled job", "per job",
                                                         "per worker", "per resident")):
        return 0
    return 2


def round_figures(frame: pd.DataFrame) -> pd.DataFrame:
    """Round each figure's value, interval and benchmarks by :func:`figure_decimals`.

    Examples
    --------
    >>> f = pd.DataFrame({"value": [39.87645527470943, 62600.78], "unit": ["GBP per hour",
    ...                   "GBP per filled job"], "benchmark_uk": [41.87, 66402.04]})
    >>> round_figures(f)[["value", "benchmark_uk"]].values.tolist()
    [[39.88, 41.87], [62601.0, 66402.0]]
    """
    out = frame.copy()
    decimals = out["unit"].map(figure_decimals)
    for column in ("value", "lower", "upper", "benchmark_uk", "benchmark_england",
                   "benchmark_region"):
        if column in out.columns:
            values = pd.to_numeric(out[column], errors="coerce")
            out[column] = [round(v, d) if pd.notna(v) else np.nan
                           for v, d in zip(values, decimals, strict=True)]
            out[column] = out[column].astype(float)
    return out


def csv_safe_text(value: object) -> object:
    r"""A text cell that a spreadsheet would read as a formula, written as text.

    OWASP's CSV-injection rule: a text cell beginning with ``=``, ``+``, ``-``, ``@``, tab
    or carriage return gets a leading single quote. Numbers are left alone (``-1.5`` stays a
    number).

    Examples
    --------
    >>> csv_safe_text('=HYPERLINK("http://example.invalid","click")')
    '\'=HYPERLINK("http://example.invalid","click")'
    >>> csv_safe_text("-1.5"), csv_safe_text(-1.5), csv_safe_text("2019-2023")
    ("'-1.5", -1.5, '2019-2023')
    """
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text cell of a table made formula-safe with :func:`csv_safe_text`.

    Examples
    --------
    >>> csv_safe(pd.DataFrame({"name": ["=1+1", "ok"], "v": [-1.0, 2.0]})).values.tolist()
    [["'=1+1", -1.0], ['ok', 2.0]]
    """
    out = frame.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].map(csv_safe_text)
    return out


def _theme(chapter_id: str, indicator_id: str) -> str:
    """The figure's foundation or theme: the framework's theme, else the chapter's."""
    from lis_analytics.indicators.framework import load_framework

    framework = load_framework()
    for candidate in (indicator_id, re.sub(r"_(baseline|latest|change)$", "", indicator_id)):
        try:
            return framework.get(candidate).theme
        except (KeyError, LookupError, AttributeError):
            continue
    return CHAPTER_THEMES.get(chapter_id, chapter_id.title())


def _release(dataset_id: str) -> str:
    """The dataset's release in the registry; a derived table's registered sources' releases."""
    if not dataset_id:
        return ""
    from lis_analytics.data import derived
    from lis_analytics.data.registry import registry

    todo, seen, releases = [str(dataset_id)], set(), []
    while todo:
        table_id = todo.pop(0)
        if table_id in seen:
            continue
        seen.add(table_id)
        if table_id in registry():
            releases.append(f"{registry()[table_id].release}")
        elif derived.is_derived(table_id):
            todo += list(derived.input_ids(derived.get_derived(table_id)))
    return "; ".join(dict.fromkeys(r for r in releases if r and r != "None"))


def _area_label(area_code: str) -> str:
    from lis_analytics.geography import get_area

    try:
        return get_area(area_code).label
    except Exception:  # noqa: BLE001 - an area outside the catalogue (a test's demo area)
        return ""


def _area_type(area_code: str) -> str:
    from lis_analytics.geography import get_area

    try:
        return get_area(area_code).type
    except Exception:  # noqa: BLE001 - an area outside the catalogue (a test's demo area)
        return ""



def _format_number_column(values: pd.Series) -> pd.Series:
    finite = values.dropna()
    if finite.empty:
        return values.astype(object)
    if (finite == finite.round()).all():
        decimals = 0
    else:  # by the typical size, so a mixed-unit column keeps its small values' decimals
        typical = finite.abs().median()
        decimals = 0 if typical >= 1000 else (2 if typical < 10 else 1)
    return values.map(lambda v: np.nan if pd.isna(v) else f"{v:,.{decimals}f}").astype(object)


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """Format a table for reading: thousands separators, decimals by magnitude, Yes/No.

    Whole numbers (counts, ranks, years) get no decimals; other columns get 0 decimals when
    their typical (median) value is 1,000 or more, 1 decimal from 10 and 2 below 10 (so a
    location quotient of 1.25 stays visible).
    Missing values stay missing (shown as ``[x]``).

    Examples
    --------
    >>> readable(pd.DataFrame({"n": [1221323.0, 5.0], "lq": [1.254, 0.5],
    ...                        "ok": [True, False]})).to_dict("list")
    {'n': ['1,221,323', '5'], 'lq': ['1.25', '0.50'], 'ok': ['Yes', 'No']}
    """
    out = frame.copy()
    for col in out.columns:
        series = out[col]
        if pd.api.types.is_bool_dtype(series):
            out[col] = series.map({True: "Yes", False: "No"}).astype(object)
        elif pd.api.types.is_numeric_dtype(series):
            out[col] = _format_number_column(series.astype(float))
    return out


@dataclass
class TableRecord:
    """A table shown in a chapter and written to the workbook."""

    name: str
    title: str
    frame: pd.DataFrame
    source: str
    source_dataset_ids: tuple[str, ...]
    units: str = ""
    notes: tuple[str, ...] = ()


@dataclass
class Chapter:
    """Collects a chapter's outputs for one area.

    Parameters
    ----------
    chapter_id
        Short id, e.g. ``"productivity"``.
    title
        Chapter title shown in the pack.
    area_code, area_name
        The area the chapter is about.
    output_dir
        Folder where :meth:`save` writes the chapter's tables and figures; ``None`` keeps
        them in memory only (interactive use).

    Examples
    --------
    >>> ch = Chapter("demo", "Demo", "E37000015", "Greater Manchester", None)
    >>> ch.figure("gva_per_hour", "GVA per hour worked", "2022", 35.2, "GBP",
    ...           source_dataset_id="productivity_lad", benchmark_uk=39.7)
    >>> ch.figures_frame()[["indicator_id", "value", "benchmark_uk"]].to_dict("records")
    [{'indicator_id': 'gva_per_hour', 'value': 35.2, 'benchmark_uk': 39.7}]
    """

    chapter_id: str
    title: str
    area_code: str
    area_name: str
    output_dir: str | Path | None = None
    tables: list[TableRecord] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    # figure key -> recorded row, for the list it was built from (rebuilt when the list is
    # replaced or grows by other means); a chapter records thousands of table figures
    _index: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    _indexed: tuple = field(default=(None, 0), init=False, repr=False, compare=False)

    # ------------------------------------------------------------ recording

    def _recorded(self, key: tuple) -> dict | None:
        """The figure already recorded under ``key`` (the first one), if any."""
        if self._indexed != (id(self.figures), len(self.figures)):
            self._index = {}
            for row in self.figures:
                self._index.setdefault(tuple(row[k] for k in FIGURE_KEY), row)
            self._indexed = (id(self.figures), len(self.figures))
        return self._index.get(key)

    def table(self, frame: pd.DataFrame, *, name: str, title: str, source: str,
              source_dataset_ids: tuple[str, ...] | list[str], units: str = "",
              notes: tuple[str, ...] | list[str] = (), display: bool = True,
              shown: pd.DataFrame | None = None) -> None:
        """Record a table for the workbook and (by default) show it in the notebook.

        ``shown`` is an optional already-formatted version to display (e.g. each row in its
        own unit and decimals); the workbook always gets ``frame`` with its numbers.
        """
        if not re.fullmatch(r"[a-z0-9_]{1,28}", name):
            raise ValueError(f"table name {name!r}: use 1-28 lower-case letters, digits or _")
        if any(t.name == name for t in self.tables):
            raise ValueError(f"table name {name!r} is used twice in chapter {self.chapter_id}")
        record = TableRecord(name, title, frame.reset_index(drop=True), source,
                             tuple(source_dataset_ids), units, tuple(notes))
        self.tables.append(record)
        if display:
            self._display_table(record if shown is None else TableRecord(
                name, title, shown.reset_index(drop=True), source, tuple(source_dataset_ids),
                units, tuple(notes)))

    def figure(self, indicator_id: str, indicator: str, period: str, value: float, unit: str,
               *, source_dataset_id: str, price_basis: str = "not applicable",
               benchmark_uk: float = np.nan, benchmark_england: float = np.nan,
               benchmark_region: float = np.nan, note: str = "", breakdown: str = "",
               breakdown_code: str = "", lower: float = np.nan, upper: float = np.nan,
               rank: float = np.nan, rank_of: float = np.nan, peer_group: str = "",
               theme: str = "") -> None:
        """Record one figure for ``figures.csv``: a headline figure, or one line of a table.

        ``breakdown`` (and ``breakdown_code``) name the part of the area a row is about, e.g.
        an industry and its code or a district and its LAD code; empty for the area's own
        figure. A rank not given is read from the note's rank words (:func:`rank_from_words`).
        Recording a figure again (same indicator, breakdown and period) fills what the first
        record left empty; a different value raises
        :class:`~lis_analytics.errors.FigureConflictError`.
        """
        if pd.isna(rank) and note:
            rank, rank_of, words = rank_from_words(note)
            peer_group = peer_group or words
        row = {
            "area_code": self.area_code, "area_name": self.area_name, "area_type": "",
            "chapter": self.chapter_id, "theme": theme, "indicator_id": indicator_id,
            "indicator": indicator, "breakdown": str(breakdown or ""),
            "breakdown_code": str(breakdown_code or ""), "period": str(period),
            "value": _float(value), "unit": unit, "price_basis": price_basis,
            "lower": _float(lower), "upper": _float(upper), "rank": _float(rank),
            "rank_of": _float(rank_of), "peer_group": peer_group,
            "benchmark_uk": _float(benchmark_uk), "benchmark_england": _float(benchmark_england),
            "benchmark_region": _float(benchmark_region),
            "source_dataset_id": source_dataset_id, "release": "", "note": note,
        }
        key = tuple(row[k] for k in FIGURE_KEY)
        earlier = self._recorded(key)
        if earlier is not None:
            _fill(earlier, row, self.chapter_id)
            return
        self.figures.append(row)
        self._index[key] = row
        self._indexed = (id(self.figures), len(self.figures))

    def figures_from(self, records: Iterable[dict]) -> None:
        """Record many figures, each a dict of :meth:`figure` keyword arguments.

        Examples
        --------
        >>> ch = Chapter("demo", "Demo", "E37000015", "Greater Manchester", None)
        >>> ch.figures_from([dict(indicator_id="gva_lq", indicator="GVA location quotient",
        ...     period="2023", value=2.01, unit="ratio", source_dataset_id="gva_lad",
        ...     breakdown="Legal and accounting", breakdown_code="69")])
        >>> ch.figures_frame()[["breakdown", "breakdown_code", "value"]].values.tolist()
        [['Legal and accounting', '69', 2.01]]
        """
        for record in records:
            self.figure(**record)

    def key_findings(self, sentences: list[str], display: bool = True) -> None:
        """Record the chapter's key findings (generated from the data) and show them."""
        self.findings = [s for s in sentences if s]
        if display:
            from html import escape

            from IPython.display import Markdown
            from IPython.display import display as show

            # sentences quote area names from configuration: never markup, in any renderer
            show(Markdown("**Key findings**\n\n" + "\n".join(
                f"- {escape(s, quote=False)}" for s in self.findings)))

    # ------------------------------------------------------------ output

    def figures_frame(self) -> pd.DataFrame:
        """Every figure of the chapter as a table with :data:`FIGURE_COLUMNS`.

        The figures recorded with :meth:`figure`, then every number of the chapter's tables
        not already among them (:func:`~lis_analytics.present.table_figures.table_figures`),
        each with its area type, theme and
        the release of its dataset.
        """
        from lis_analytics.present.table_figures import table_figures

        saved = self.figures
        self.figures = [dict(row) for row in saved]  # the table rows are not kept twice
        try:
            for table in self.tables:
                for record in table_figures(table, self.area_name, self.figures,
                                            _area_label(self.area_code)):
                    if record.pop("_fill_only", False):
                        self._fill_headline(record)
                    else:
                        self.figure(**record)
            rows = self.figures
        finally:
            self.figures = saved
            self._indexed = (None, 0)  # the index was of the copies
        frame = pd.DataFrame(rows, columns=list(FIGURE_COLUMNS))
        if frame.empty:
            return frame
        frame["area_type"] = _area_type(self.area_code)
        frame["theme"] = [t or _theme(self.chapter_id, i)
                          for t, i in zip(frame["theme"], frame["indicator_id"], strict=True)]
        releases = {d: _release(d) for d in frame["source_dataset_id"].unique()}
        frame["release"] = frame["source_dataset_id"].map(releases)
        return frame

    def _fill_headline(self, record: dict) -> None:
        """Fill empty fields (a rank, an interval) of a headline figure already recorded."""
        for row in self.figures:
            if (row["indicator_id"] == record["indicator_id"] and row["breakdown"] == ""
                    and row["period"] == str(record["period"])):
                for column, value in record.items():
                    if column in row and _empty(row[column]) and not _empty(value):
                        row[column] = value

    def save(self) -> Path | None:
        """Write tables (parquet), figures (csv) and metadata (json) to ``output_dir``."""
        if self.output_dir is None:
            return None
        folder = Path(self.output_dir) / "chapters" / self.chapter_id
        folder.mkdir(parents=True, exist_ok=True)
        meta = {"chapter_id": self.chapter_id, "title": self.title, "area_code": self.area_code,
                "area_name": self.area_name, "findings": self.findings, "tables": []}
        for t in self.tables:
            frame = t.frame.copy()
            frame.columns = [str(c) for c in frame.columns]
            frame.to_parquet(folder / f"{t.name}.parquet", index=False)
            meta["tables"].append({"name": t.name, "title": t.title, "source": t.source,
                                   "source_dataset_ids": list(t.source_dataset_ids),
                                   "units": t.units, "notes": list(t.notes)})
        self.figures_frame().to_csv(folder / "figures.csv", index=False)
        (folder / "chapter.json").write_text(json.dumps(meta, indent=2))
        return folder

    @staticmethod
    def _display_table(record: TableRecord) -> None:
        """Show a table as HTML: its title, units, source and notes escaped, as its cells are."""
        from html import escape

        from IPython.display import HTML, display

        styled = readable(record.frame).to_html(index=False, na_rep="[x]", border=0,
                                                classes="lis-table")  # escapes cells
        notes = "".join(f"<p class='lis-note'>{escape(str(n))}</p>" for n in record.notes)
        units = (f"<p class='lis-units'>{escape(str(record.units))}</p>" if record.units
                 else "")
        display(HTML(f"<figure class='lis-table-figure'><figcaption><strong>"
                     f"{escape(str(record.title))}</strong></figcaption>{units}{styled}"
                     f"<p class='lis-source'>{escape(str(record.source))}</p>{notes}</figure>"))


# ------------------------------------------------------------------ figures of the tables


def _empty(value: object) -> bool:
    if isinstance(value, str):
        return value == ""
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _fill(earlier: dict, row: dict, chapter_id: str) -> None:
    """A figure recorded twice in one chapter: one record, its empty fields filled."""
    a, b = earlier["value"], row["value"]
    if not (_empty(a) or _empty(b)) and not np.isclose(a, b, rtol=1e-9, atol=0.0):
        from lis_analytics.errors import FigureConflictError

        raise FigureConflictError(
            f"{row['indicator_id']} {row['breakdown']!r} {row['period']}: value {b!r} and "
            f"{a!r} both recorded in {chapter_id}")
    for column, value in row.items():
        if _empty(earlier.get(column)) and not _empty(value):
            earlier[column] = value
