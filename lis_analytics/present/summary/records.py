"""What the summary reads: the records the chapters wrote, gathered and tidied.

The summary computes no figure of its own. It reads the pack's ``figures.csv`` frame, the
baseline chapter's ``monitoring_baseline`` and ``monitoring_series`` tables, the sectors
chapter's classification and each chapter's key findings. :func:`read_records` is the only
function here that touches files; :func:`tidy_table` and the lookups are pure.

Examples
--------
>>> figures = pd.DataFrame({"chapter": ["productivity"], "indicator_id": ["gva_per_hour"],
...                         "value": [39.9], "breakdown": [""]})
>>> records = SummaryRecords("X", "Exampleshire", figures)
>>> float(records.figure("gva_per_hour")["value"])
39.9
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

__all__ = ["MISSING_TEXT", "SummaryRecords", "headline_figures", "read_records", "tidy_table"]

MISSING_TEXT = ("", "[x]", "[z]", "nan", "None", "none")
"""Cell texts that mean "no value" in a recorded table (``[x]``: the workbook's mark)."""


def tidy_table(frame: pd.DataFrame | None) -> pd.DataFrame:
    """A recorded table as the summary reads it: missing marks empty, ``per cent`` as ``%``.

    Tables are written for the workbook, where an empty text cell is ``[x]`` and a unit of
    ``%`` alone is spelt ``per cent`` (:func:`~lis_analytics.present.text.indicators.table_ready`);
    this undoes both so that units format as the chapters format them.

    Examples
    --------
    >>> t = tidy_table(pd.DataFrame({"Unit": ["per cent", "£ per head"], "Note": ["[x]", "a"]}))
    >>> t.to_dict("list")
    {'Unit': ['%', '£ per head'], 'Note': ['', 'a']}
    """
    if frame is None:
        return pd.DataFrame()
    out = frame.copy()
    for col in out.columns:
        if not (pd.api.types.is_numeric_dtype(out[col]) or pd.api.types.is_bool_dtype(out[col])):
            text = out[col].astype(object).where(out[col].notna(), "")
            out[col] = [("" if str(v).strip() in MISSING_TEXT else str(v)) for v in text]
    if "Unit" in out.columns:
        out["Unit"] = out["Unit"].replace({"per cent": "%"})
    return out


def headline_figures(figures: pd.DataFrame) -> pd.DataFrame:
    """The headline rows of ``figures.csv``: those without a breakdown.

    ``figures.csv`` may carry per-industry or per-district rows (a ``breakdown`` column);
    when it has no such column every row is a headline row.

    Examples
    --------
    >>> f = pd.DataFrame({"indicator_id": ["lq", "lq"], "breakdown": ["", "industry"]})
    >>> len(headline_figures(f))
    1
    """
    if "breakdown" not in figures.columns:
        return figures
    empty = figures["breakdown"].isna() | figures["breakdown"].astype(str).str.strip().isin(
        MISSING_TEXT)
    return figures[empty]


@dataclass(frozen=True)
class SummaryRecords:
    """The chapters' records the summary reads for one area.

    Attributes
    ----------
    area_code, area_name : str
        The area of the pack.
    figures : DataFrame
        The pack's ``figures.csv`` (any extra columns, e.g. ``rank``, ``rank_of``,
        ``peer_group``, ``breakdown``, are used when present).
    baseline : DataFrame
        The baseline chapter's ``monitoring_baseline`` table (readable column names), tidied.
    series : DataFrame
        The baseline chapter's ``monitoring_series`` table, tidied.
    sectors : DataFrame
        The sectors chapter's ``sectors_classification`` table joined with the jobs location
        quotients of ``sectors_industries`` (empty when not recorded).
    findings : list of (str, list of str)
        Each chapter's title and key findings, in pack order.
    baseline_source : str
        The source line of the baseline table ('' when not recorded).
    """

    area_code: str
    area_name: str
    figures: pd.DataFrame = field(default_factory=pd.DataFrame)
    baseline: pd.DataFrame = field(default_factory=pd.DataFrame)
    series: pd.DataFrame = field(default_factory=pd.DataFrame)
    sectors: pd.DataFrame = field(default_factory=pd.DataFrame)
    findings: list = field(default_factory=list)
    baseline_source: str = ""

    @property
    def baseline_year(self) -> str:
        """The monitoring baseline's target year, from the baseline table ('' if unknown).

        Examples
        --------
        >>> SummaryRecords("X", "X", baseline=pd.DataFrame(columns=["Years from 2019"])
        ...                ).baseline_year
        '2019'
        """
        for col in self.baseline.columns:
            match = re.fullmatch(r"Years from (\d{4})", str(col))
            if match:
                return match.group(1)
        return ""

    def figure(self, indicator_id: str, chapter: str | None = None) -> pd.Series | None:
        """The first headline row of a figure (optionally of one chapter), or ``None``."""
        f = headline_figures(self.figures)
        if not len(f) or "indicator_id" not in f.columns:
            return None
        rows = f[f["indicator_id"] == indicator_id]
        if chapter is not None and "chapter" in rows.columns:
            rows = rows[rows["chapter"] == chapter]
        return rows.iloc[0] if len(rows) else None

    def figures_like(self, prefix: str, chapter: str | None = None) -> pd.DataFrame:
        """Headline rows whose ``indicator_id`` starts with ``prefix``."""
        f = headline_figures(self.figures)
        if not len(f) or "indicator_id" not in f.columns:
            return f
        rows = f[f["indicator_id"].astype(str).str.startswith(prefix)]
        if chapter is not None and "chapter" in rows.columns:
            rows = rows[rows["chapter"] == chapter]
        return rows


def _read_parquet(path: Path) -> pd.DataFrame | None:
    return pd.read_parquet(path) if path.is_file() else None


def _sector_table(folder: Path) -> pd.DataFrame:
    """Sectors' classification with each industry's jobs location quotient (if recorded)."""
    classes = _read_parquet(folder / "sectors_classification.parquet")
    if classes is None or "Industry" not in classes.columns:
        return pd.DataFrame()
    industries = _read_parquet(folder / "sectors_industries.parquet")
    if industries is not None and "Industry" in industries.columns:
        extra = [c for c in industries.columns if c.startswith("Jobs location quotient")]
        if extra:
            classes = classes.merge(industries[["Industry", *extra]], on="Industry", how="left")
    return tidy_table(classes)


def read_records(build_dir: Path | str, area_code: str, area_name: str,
                 figures: pd.DataFrame | None = None) -> SummaryRecords:
    """Read the summary's records from a pack folder (``chapters/<id>/...``).

    Parameters
    ----------
    build_dir : path
        The pack folder (holding ``chapters/``).
    area_code, area_name : str
        The area of the pack.
    figures : DataFrame, optional
        The pack's figures (:func:`lis_analytics.report.assemble.figures_table`); read from
        ``figures.csv`` in ``build_dir`` when not given.

    Returns
    -------
    SummaryRecords
        Tables a chapter did not record are empty: the summary then says what is missing.
    """
    build_dir = Path(build_dir)
    if figures is None:
        path = build_dir / "figures.csv"
        figures = (pd.read_csv(path, dtype={"period": str}) if path.is_file()
                   else pd.DataFrame())
    chapters = build_dir / "chapters"
    findings, baseline_source = [], ""
    for meta_path in sorted(chapters.glob("*/chapter.json"), key=lambda p: p.stat().st_mtime_ns):
        meta = json.loads(meta_path.read_text())
        findings.append((meta.get("title", meta_path.parent.name), meta.get("findings", [])))
        for table in meta.get("tables", []):
            if table.get("name") == "monitoring_baseline":
                baseline_source = str(table.get("source", ""))
    baseline = tidy_table(_read_parquet(chapters / "baseline" / "monitoring_baseline.parquet"))
    series = tidy_table(_read_parquet(chapters / "baseline" / "monitoring_series.parquet"))
    for col in ("Value", "Lower 95% limit", "Upper 95% limit", "Rank (1 = best)", "Areas ranked",
                "z, change since the baseline", "Decimals shown"):
        if col in series.columns:
            series[col] = pd.to_numeric(series[col], errors="coerce").astype(float)
    return SummaryRecords(area_code, area_name, figures, baseline, series,
                          _sector_table(chapters / "sectors"), findings, baseline_source)
