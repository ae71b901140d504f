"""Every number of a chapter's tables as figure records, so ``figures.csv`` holds them all.

:meth:`lis_analytics.present.record.Chapter.figures_frame` turns each table a chapter records
into figure rows with :func:`table_figures`: an industry's location quotient, a district's GVA
per hour, a neighbouring area's commuting, each with its breakdown, code, period, unit and
rank, read from the table exactly as the pack shows it.
"""

from __future__ import annotations

import re
from typing import Protocol

import numpy as np
import pandas as pd


class TableLike(Protocol):
    """What :func:`table_figures` reads of a table (a :class:`~.record.TableRecord`)."""

    name: str
    title: str
    frame: pd.DataFrame
    source_dataset_ids: tuple[str, ...]
    units: str


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



def _float(value: object) -> float:
    try:
        return np.nan if value is None or pd.isna(value) else float(value)
    except (TypeError, ValueError):
        return np.nan



__all__ = ["CODE_COLUMN", "PERIOD_COLUMNS", "SERIES_TABLES", "SKIPPED_TABLES", "TableLike",
           "number", "numeric_columns", "rank_from_words", "table_figures"]

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


def number(value: object) -> float:
    """A table cell as a number: numbers as they are, "1,221,323" or "2.01" parsed; else NaN.

    Examples
    --------
    >>> number("1,221,323"), number("2.01"), number("[x]"), number(3)
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


def numeric_columns(frame: pd.DataFrame, skip: set[str]) -> list[str]:
    """Columns of numbers: numeric, or text that is numbers ("1,221,323", "2.01", "[x]").

    Examples
    --------
    >>> numeric_columns(pd.DataFrame({"a": ["x", "y"], "b": ["1,000", "[x]"], "c": [1, 2]}),
    ...                 {"c"})
    ['b']
    """
    out = []
    for column in frame.columns:
        if column in skip or pd.api.types.is_bool_dtype(frame[column]):
            continue
        values = frame[column].dropna()
        if pd.api.types.is_numeric_dtype(frame[column]):
            out.append(column)
        elif len(values) and values.map(lambda v: not np.isnan(number(v)) or
                                        str(v).strip() in ("[x]", "")).all() \
                and values.map(lambda v: not np.isnan(number(v))).any():
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
        rank = number(value)
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


def table_figures(table: TableLike, area_name: str, recorded: list[dict],
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
    >>> from lis_analytics.present.record import TableRecord
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
    numeric = numeric_columns(frame, skip)
    text = [c for c in frame.columns if c not in numeric and c not in skip]
    headline = {(r["indicator_id"], r["period"]): r for r in recorded if r["breakdown"] == ""}
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
                value = number(row[column])
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
            record = headline.get((iid, period), {})  # its unit and dataset, when recorded
            row_base = {"source_dataset_id": record.get("source_dataset_id") or source}
            row_unit = record.get("unit") or row_unit
            for column in numeric:
                value = number(row[column])
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
            value = number(row[column])
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
            value = number(row.get(column))
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
