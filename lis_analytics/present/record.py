"""What a chapter notebook hands to the pack: tables, headline figures and key findings.

A chapter notebook creates one :class:`Chapter`, shows its tables and findings through it,
and calls :meth:`Chapter.save` at the end. The batch then writes every table to the Excel
workbook and every figure to ``figures.csv`` with the same columns for every area.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

FIGURE_COLUMNS: tuple[str, ...] = (
    "area_code", "area_name", "chapter", "indicator_id", "indicator", "period", "value", "unit",
    "price_basis", "benchmark_uk", "benchmark_england", "benchmark_region", "source_dataset_id",
    "note",
)
"""Columns of ``figures.csv``: identical for every area, so areas compare and runs diff."""


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
               benchmark_region: float = np.nan, note: str = "") -> None:
        """Record one headline figure for ``figures.csv``."""
        self.figures.append({
            "area_code": self.area_code, "area_name": self.area_name, "chapter": self.chapter_id,
            "indicator_id": indicator_id, "indicator": indicator, "period": str(period),
            "value": float(value) if value is not None else np.nan, "unit": unit,
            "price_basis": price_basis, "benchmark_uk": float(benchmark_uk),
            "benchmark_england": float(benchmark_england),
            "benchmark_region": float(benchmark_region),
            "source_dataset_id": source_dataset_id, "note": note,
        })

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
        """Headline figures as a table with :data:`FIGURE_COLUMNS`."""
        return pd.DataFrame(self.figures, columns=list(FIGURE_COLUMNS))

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
