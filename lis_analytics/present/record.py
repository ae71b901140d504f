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

_RANK_WORDS = re.compile(r"\brank (?:is )?(\d+)(?:st|nd|rd|th)? of (?:the )?(\d+)\s*([^;]*)")


def rank_from_words(text: str) -> tuple[float, float, str]:
    """Rank, group size and peer group from a chapter's rank words.

    The chapters compute ranks and state them as words (see
    :func:`lis_analytics.chapters.peers.rank_in_group`); this reads them back so a figure row
    carries them as columns. ``(nan, nan, "")`` when the text states no rank.

    Examples
    --------
    >>> rank_from_words("higher is better; rank 15th of 38 LEPs")
    (15.0, 38.0, 'LEPs')
    >>> rank_from_words("rank 36th of the 37 LEPs with a figure (of 38 LEPs)")
    (36.0, 37.0, 'LEPs with a figure (of 38 LEPs)')
    >>> rank_from_words("no rank")
    (nan, nan, '')
    """
    match = _RANK_WORDS.search(str(text or ""))
    if not match:
        return np.nan, np.nan, ""
    return float(match.group(1)), float(match.group(2)), match.group(3).strip()


def figure_decimals(unit: str) -> int:
    """Decimal places a figure keeps in ``figures.csv``, by its unit.

    Enough to recompute what the pack publishes (one more place than the pack shows for
    small rates) without float noise:

    * pounds per hour, per week, per head (small money amounts): 2;
    * pounds per job, per worker, per resident and other whole-pound levels: 0;
    * GBP/£ million: 1;
    * ratios, location quotients and specialisation indices: 3;
    * percentages, rates, indices (UK = 100), scores and other measures: 2;
    * counts (people, jobs, persons, industries, cells, ranks): 0.

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
    if u.startswith("rank") or u in {"people", "jobs", "persons", "industries", "enterprises",
                                     "district x industry cells", "years from 2019"}:
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

    # ------------------------------------------------------------ recording

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
        for earlier in self.figures:
            if tuple(earlier[k] for k in FIGURE_KEY) == key:
                _fill(earlier, row, self.chapter_id)
                return
        self.figures.append(row)

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
            from IPython.display import Markdown
            from IPython.display import display as show

            show(Markdown("**Key findings**\n\n" + "\n".join(f"- {s}" for s in self.findings)))

    # ------------------------------------------------------------ output

    def figures_frame(self) -> pd.DataFrame:
        """Every figure of the chapter as a table with :data:`FIGURE_COLUMNS`.

        The figures recorded with :meth:`figure`, then every number of the chapter's tables
        not already among them (:func:`table_figures`), each with its area type, theme and
        the release of its dataset.
        """
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
        frame = pd.DataFrame(rows, columns=list(FIGURE_COLUMNS))
        if frame.empty:
            return frame
        frame["area_type"] = _area_type(self.area_code)
        frame["theme"] = [t or _theme(self.chapter_id, i)
                          for t, i in zip(frame["theme"], frame["indicator_id"], strict=True)]
        frame["release"] = frame["source_dataset_id"].map(_release)
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
        from IPython.display import HTML, display

        styled = readable(record.frame).to_html(index=False, na_rep="[x]", border=0,
                                                classes="lis-table")
        notes = "".join(f"<p class='lis-note'>{n}</p>" for n in record.notes)
        units = f"<p class='lis-units'>{record.units}</p>" if record.units else ""
        display(HTML(f"<figure class='lis-table-figure'><figcaption><strong>{record.title}"
                     f"</strong></figcaption>{units}{styled}<p class='lis-source'>"
                     f"{record.source}</p>{notes}</figure>"))


# ------------------------------------------------------------------ figures of the tables


def _float(value: object) -> float:
    try:
        return np.nan if value is None or pd.isna(value) else float(value)
    except (TypeError, ValueError):
        return np.nan


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


_NUMBER = re.compile(r"^\(?-?£?[\d,]*\.?\d+%?\)?$")
_YEAR = re.compile(r"\b((?:19|20)\d\d(?:\s*[-/–]\s*(?:19|20)?\d\d)?)\b")
PERIOD_COLUMNS = ("Year", "Period", "Year(s)")
"""Table columns that hold a row's period."""
CODE_COLUMN = re.compile(r"\bcodes?\b|^SIC division$", re.IGNORECASE)
INDICATOR_COLUMNS = ("Indicator", "Component")
"""Label columns whose rows are indicators (the other columns are areas or benchmarks)."""
SKIPPED_TABLES = re.compile(r"^scorecard_(?!values$)|^commuting_balance$")
"""Tables whose every number is a headline figure the chapter records with :meth:`figure`
(scorecards by theme repeat ``scorecard_values``; the commuting balance repeats the
commuting figures)."""
SERIES_TABLES: dict[str, tuple[str, str]] = {
    "real_growth": ("Real GVA per hour worked, growth a year", "% a year"),
    "real_index": ("Real GVA per hour worked, index (2019 = 100)", "index (2019 = 100)"),
}
"""Tables of one measure by period (rows) and area (columns): the measure and its unit."""


def _number(value: object) -> float:
    """A table cell as a number: numbers as they are, "1,221,323" or "2.01" parsed; else NaN.

    Examples
    --------
    >>> _number("1,221,323"), _number("2.01"), _number("[x]"), _number(3)
    (1221323.0, 2.01, nan, 3.0)
    """
    if isinstance(value, (bool, np.bool_)):
        return np.nan
    if isinstance(value, (int, float, np.number)):
        return _float(value)
    text = str(value).strip() if value is not None else ""
    if not _NUMBER.match(text):
        return np.nan
    return float(text.strip("()").replace(",", "").replace("£", "").rstrip("%"))


def _numeric_columns(frame: pd.DataFrame, skip: set[str]) -> list[str]:
    out = []
    for column in frame.columns:
        if column in skip or pd.api.types.is_bool_dtype(frame[column]):
            continue
        values = frame[column].dropna()
        if pd.api.types.is_numeric_dtype(frame[column]):
            out.append(column)
        elif len(values) and values.map(lambda v: not np.isnan(_number(v)) or
                                        str(v).strip() in ("[x]", "")).all() \
                and values.map(lambda v: not np.isnan(_number(v))).any():
            out.append(column)
    return out


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def _parse_header(header: str, table_units: str) -> tuple[str, str, str]:
    """A column header as (indicator, unit, period): "GVA 2023 (£m)" -> ("GVA", "£m", "2023").

    Examples
    --------
    >>> _parse_header("Real GVA growth 2013-2023 (% a year)", "")
    ('Real GVA growth', '% a year', '2013-2023')
    >>> _parse_header("Index (UK = 100)", "")
    ('Index', 'index (UK = 100)', '')
    >>> _parse_header("Out 2011", "people")
    ('Out', 'people', '2011')
    """
    unit = ""
    text = str(header)
    match = re.search(r"\(([^()]*)\)\s*$", text)
    if match:
        inside = match.group(1)
        if "=" in inside:
            unit = f"index ({inside})"
        elif re.search(r"£|%|per|ratio|LQ|million|people|persons", inside):
            unit = inside
        if unit:
            text = text[:match.start()].strip()
    period = ""
    years = _YEAR.findall(text)
    if years:
        period = re.sub(r"\s+", "", years[-1])
        text = _YEAR.sub("", text)
    indicator = re.sub(r"\s+", " ", text).strip(" ,")
    if not unit and table_units and ";" not in table_units:
        unit = table_units
    return indicator, unit, period


def _rank_cells(header: str, value: object) -> dict:
    """Rank fields of a rank column cell: "15th of 38 LEPs" or 66 under "Rank of 361 ..."."""
    rank, of, group = rank_from_words(f"rank {value}")
    if np.isnan(rank):
        rank = _number(value)
        _, of, group = rank_from_words(f"rank {int(rank) if not np.isnan(rank) else 0} "
                                       + re.sub(r"^Rank\s*", "", str(header)))
    return {"rank": rank, "rank_of": of, "peer_group": group}


def _labels(frame: pd.DataFrame, label: str, others: list[str]) -> pd.Series:
    """Row labels, joined with further text columns until every row's label is unique."""
    def text(column: str) -> pd.Series:
        values = frame[column].astype(object)
        return values.where(values.notna(), "").map(str)

    labels = text(label)
    for column in others:
        if labels.is_unique:
            break
        extra = text(column)
        if (extra == "").all():
            continue
        labels = pd.Series([f"{a}, {b}" if b else a for a, b in zip(labels, extra, strict=True)],
                           index=labels.index)
    return labels


def table_figures(table: TableRecord, area_name: str, recorded: list[dict],
                  area_label: str = "") -> list[dict]:
    """Every number of a chapter table as figure records (keyword arguments of ``figure``).

    The pack shows these numbers; ``figures.csv`` states each of them once, as the table
    shows it, with the table's name in its ``indicator_id`` (``<table>.<measure>``) unless the
    row is an indicator of the framework the chapter has already recorded:

    * a table of parts of the area (industries, districts, groupings, neighbouring areas):
      one row per part and column, the part in ``breakdown`` and its code (LAD, SIC or ONS
      industry code) in ``breakdown_code``;
    * a table of indicators (a column ``Indicator`` or ``Component``) against benchmarks:
      a row per other column (England, the region, the comparator median), the area's own
      column with an empty breakdown; an indicator the chapter has already recorded keeps
      its id, and only numbers it does not hold yet are added;
    * a table of one measure by period and area (:data:`SERIES_TABLES`): a row per period and
      area;
    * rank columns ("Rank of 361 UK districts", "15th of 38 LEPs") give ``rank``,
      ``rank_of`` and ``peer_group``.

    Records with ``_fill_only`` fill empty fields (ranks) of an already-recorded headline
    figure. Periods and units come from the column headers ("GVA 2023 (£m)"), a period
    column, or the table's units.

    Examples
    --------
    >>> t = TableRecord("by_district", "GVA per hour by district", pd.DataFrame({
    ...     "LAD code": ["E08000003"], "District": ["Manchester"], "Year": ["2023"],
    ...     "GVA per hour (£)": [44.8], "Rank of 361 UK districts": [66]}), "src", ("p",))
    >>> rows = table_figures(t, "Greater Manchester", [])
    >>> [(r["indicator_id"], r["breakdown"], r["breakdown_code"], r["period"], r["value"],
    ...   r.get("rank_of")) for r in rows]  # doctest: +NORMALIZE_WHITESPACE
    [('by_district.gva_per_hour', 'Manchester', 'E08000003', '2023', 44.8, None),
     ('by_district.rank', 'Manchester', 'E08000003', '2023', 66.0, 361.0)]
    """
    if SKIPPED_TABLES.search(table.name) or table.frame.empty:
        return []
    from lis_analytics.indicators.framework import load_framework

    framework = load_framework()
    ids_by_title = {ind.title: ind.id for ind in framework.indicators}
    frame = table.frame.reset_index(drop=True)
    source = table.source_dataset_ids[0] if table.source_dataset_ids else ""
    period_column = next((c for c in frame.columns if c in PERIOD_COLUMNS), None)
    code_column = next((c for c in frame.columns if CODE_COLUMN.search(str(c))), None)
    skip = {c for c in (period_column, code_column) if c}
    numeric = _numeric_columns(frame, skip)
    text = [c for c in frame.columns if c not in numeric and c not in skip]
    headline = {(r["indicator_id"], r["period"]): r["source_dataset_id"] for r in recorded
                if r["breakdown"] == ""}
    title_period = _title_period(table.title)
    base = {"source_dataset_id": source}
    out: list[dict] = []

    label_of_area = area_label or area_name

    def own(header: str) -> bool:  # the area's own column ("Greater Manchester LEP")
        header = str(header)
        return header in (area_name, label_of_area) or header.startswith(label_of_area + " ")

    if table.name == "monitoring_baseline":
        return _baseline_figures(frame, ids_by_title, framework, source)
    if table.name in SERIES_TABLES or (period_column and not text):
        indicator, unit = SERIES_TABLES.get(table.name, (table.title, table.units))
        for _, row in frame.iterrows():
            period = str(row[period_column]) if period_column else ""
            for column in numeric:
                value = _number(row[column])
                if np.isnan(value):
                    continue
                if table.name in SERIES_TABLES:
                    name, col_unit, breakdown = indicator, unit, ("" if own(column) else column)
                else:
                    name, col_unit, _ = _parse_header(column, table.units)
                    if own(name):  # "Greater Manchester LEP GVA per hour": the area's own
                        name = name[len(label_of_area):].strip() or name
                    breakdown = ""
                iid = f"{table.name}.{_slug(name)}"
                out.append(dict(base, indicator_id=iid, indicator=name, period=period,
                                value=value, unit=col_unit, breakdown=breakdown))
        return out
    if not text:
        return []
    label = text[0]
    if label in INDICATOR_COLUMNS or "Indicator code" in frame.columns:
        label = "Indicator" if "Indicator" in frame.columns else label
        for _, row in frame.iterrows():
            title = str(row[label])
            own_id = f"{table.name}.{_slug(title)}"
            iid = (row["Indicator code"] if "Indicator code" in frame.columns
                   else ids_by_title.get(title, own_id) if label == "Indicator" else own_id)
            row_unit = str(row["Unit"]) if "Unit" in frame.columns else table.units
            period = str(row[period_column]) if period_column else title_period
            known = (iid, period) in headline
            row_base = {"source_dataset_id": headline.get((iid, period)) or source}
            for column in numeric:
                value = _number(row[column])
                if np.isnan(value) or str(column).startswith(("Rank", "Number of")):
                    continue  # a rank is read below as the recorded figure's rank
                if known and column not in ("Comparator lowest", "Comparator median",
                                            "Comparator highest"):
                    continue  # the figure and its benchmarks are already recorded
                name, col_unit, col_period = _parse_header(column, "")
                breakdown = "" if own(column) or column == "Value" else str(column)
                out.append(dict(row_base, indicator_id=iid, indicator=title,
                                period=period or col_period, value=value,
                                unit=col_unit or row_unit, breakdown=breakdown))
            rank_words = next((row[c] for c in frame.columns if str(c).startswith("Rank (1")
                               or str(c).startswith("Rank in")), "")
            if known and rank_words:
                rank, of, group = rank_from_words(f"rank {rank_words}")
                if not np.isnan(rank):
                    out.append({"_fill_only": True, "indicator_id": iid, "period": period,
                                "rank": rank, "rank_of": of, "peer_group": group})
        return out
    labels = _labels(frame, label, text[1:])
    for i, row in frame.iterrows():
        code = "" if code_column is None or pd.isna(row[code_column]) else str(row[code_column])
        row_period = str(row[period_column]) if period_column else title_period
        left_period = ""  # a header without a year takes the year of the columns before it
        for column in numeric:
            name, unit, period = _parse_header(column, table.units)
            left_period = period = period or left_period
            value = _number(row[column])
            if np.isnan(value):
                continue
            unit = unit or _unit_from_header(name, table.units)
            extra = {}
            if str(column).startswith("Rank"):
                extra = _rank_cells(column, row[column])
                name, unit = "Rank", "rank (1 = highest)"
            out.append(dict(indicator_id=f"{table.name}.{_slug(name)}", indicator=name,
                            source_dataset_id=_column_source(column, table.source_dataset_ids),
                            period=period or row_period, value=value, unit=unit,
                            breakdown=labels[i], breakdown_code=code, **extra))
    return out


def _unit_from_header(name: str, table_units: str) -> str:
    """A unit for a column whose header names none, from what it measures.

    Examples
    --------
    >>> _unit_from_header("GVA location quotient", ""), _unit_from_header("Out", "people (x)")
    ('ratio', 'people')
    """
    lower = name.lower()
    if "location quotient" in lower or re.search(r"\blq\b", lower):
        return "ratio"
    if re.search(r"\bsc\b|self[- ]containment", lower):
        return "%"
    if "residents in employment" in lower:
        return "persons"
    if str(table_units).startswith("people") or "commut" in lower or "residents" in lower:
        return "people"
    return ""


def _title_period(title: str) -> str:
    """The period a table's title ends with ("..., April 2024" -> "April 2024"), else "".

    Examples
    --------
    >>> _title_period("Median weekly pay by district, April 2024"), _title_period("By year")
    ('April 2024', '')
    """
    last = str(title).rsplit(",", 1)[-1].strip()
    return last if _YEAR.search(last) and len(last) <= 20 else ""


def _column_source(header: str, sources: tuple[str, ...]) -> str:
    """The dataset behind a column of a table drawn from GVA and jobs: by its header.

    Examples
    --------
    >>> _column_source("GVA 2023 (£m)", ("census_jobs", "gva_lad"))
    'gva_lad'
    >>> _column_source("Jobs location quotient 2021", ("gva_lad", "census_jobs"))
    'census_jobs'
    """
    if len(sources) < 2:
        return sources[0] if sources else ""
    gva = [s for s in sources if "gva" in s.lower()]
    other = [s for s in sources if "gva" not in s.lower()]
    if "GVA" in str(header) and gva:
        return gva[0]
    return other[0] if other else sources[0]


def _baseline_figures(frame: pd.DataFrame, ids_by_title: dict, framework, source: str
                      ) -> list[dict]:
    """The monitoring baseline's change and England's change, and the latest rank."""
    out = []
    for _, row in frame.iterrows():
        iid = ids_by_title.get(str(row["Indicator"]))
        if iid is None:
            continue
        unit = framework.get(iid).unit
        src = (framework.get(iid).datasets or (source,))[0]
        window = f"{row['Baseline period']} to {row['Latest period']}"
        for column, breakdown in (("Change", ""), ("England change", "England")):
            value = _number(row.get(column))
            if not np.isnan(value):
                out.append(dict(indicator_id=f"{iid}_change", indicator=f"{row['Indicator']} "
                                "(change since the baseline)", period=window, value=value,
                                unit=unit, breakdown=breakdown, source_dataset_id=src,
                                note="; ".join(str(row[c]) for c in ("Significance test",
                                                                     "Direction of travel")
                                               if c in row and breakdown == "")))
        words = str(row.get("Rank in the latest period (1 = best)") or "")
        rank, of, group = rank_from_words(f"rank {words}")
        if not np.isnan(rank):
            out.append({"_fill_only": True, "indicator_id": f"{iid}_latest",
                        "period": str(row["Latest period"]), "rank": rank, "rank_of": of,
                        "peer_group": group})
    return out
