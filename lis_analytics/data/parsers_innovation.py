"""Parsers for local innovation sources (the Ideas foundation) not held in the offline mirror.

``parse_innovate_uk_projects`` reads UKRI's *Innovate UK funded projects* workbook, one row per
participant of a funded project, as published at
https://www.ukri.org/publications/innovate-uk-funded-projects-since-2004/ (header on the first
row of the first sheet). The columns used are ``Competition Year`` (financial year, e.g.
``2019/20``), ``Participant Name``, ``Award Offered (£)`` (``Grant Offered (£)`` in editions
before 2021), ``Participant Withdrawn From Project``, ``Project Status`` and ``Address Local
Authority`` (the participant's registered address: a local authority name). Withdrawn
participants and withdrawn projects are left out. Each participant is placed in the district
of its address, named and matched to a district code (any vintage), and counted in the
financial year of its competition. Two measures per district and year: the award offered
(pounds, current prices, the whole award in the year of the competition, not spread over the
project) and the number of participations.

Participants with no local authority (addresses outside the UK, or not recorded) are left
out; names that match no district are left out too, unless they carry more than
:data:`UNMATCHED_AWARD_LIMIT` of the award, which stops the build and names them (a renamed
district or a new layout must be looked at, not dropped silently).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from lis_analytics.data.parsers import parser
from lis_analytics.data.parsers_indicators import (
    _finish,
    _lad_name_index,
    _normalise_name,
    geography_of_code,
)
from lis_analytics.data.registry import Dataset
from lis_analytics.data.tidy import CURRENT_PRICES, NOT_APPLICABLE
from lis_analytics.errors import SourceFormatError

UNMATCHED_AWARD_LIMIT = 0.01
"""Largest share of the award whose local authority may match no district (else an error)."""

AWARD_COLUMNS: tuple[str, ...] = ("Award Offered (£)", "Grant Offered (£)")
"""The award column as named in current and in pre-2021 editions (first found wins)."""

REQUIRED_COLUMNS: tuple[str, ...] = (
    "Competition Year", "Participant Name", "Participant Withdrawn From Project",
    "Project Status", "Address Local Authority")
"""Columns of the published workbook the parser reads (besides the award)."""


def financial_year(text: object) -> tuple[str, str] | None:
    """``(period, label)`` of a financial year as Innovate UK writes it.

    Examples
    --------
    >>> financial_year("2019/20"), financial_year("2009/2010"), financial_year("")
    (('2019-2020', '2019/20'), ('2009-2010', '2009/10'), None)
    """
    match = re.fullmatch(r"\s*(\d{4})\s*/\s*(\d{2}|\d{4})\s*", str(text))
    if not match:
        return None
    start = int(match.group(1))
    return f"{start}-{start + 1}", f"{start}/{str(start + 1)[2:]}"


def innovate_uk_by_district(raw: pd.DataFrame, names: dict[str, str], what: str
                            ) -> pd.DataFrame:
    """Award offered and participations by district code and financial year (pure).

    Parameters
    ----------
    raw : DataFrame
        The published sheet (one row per participant).
    names : dict
        Normalised district name -> district code (any vintage).
    what : str
        The file, for messages.

    Returns
    -------
    DataFrame
        ``area_code, period, period_label, area_name`` (as published), ``award_gbp``,
        ``participations``.

    Raises
    ------
    SourceFormatError
        A column is missing, a competition year cannot be read, or names that match no
        district carry more than :data:`UNMATCHED_AWARD_LIMIT` of the award.

    Examples
    --------
    >>> raw = pd.DataFrame({"Competition Year": ["2019/20", "2019/20", "2020/21"],
    ...     "Participant Name": ["A Ltd", "B Ltd", "C plc"],
    ...     "Award Offered (£)": [100.0, 50.0, 70.0],
    ...     "Participant Withdrawn From Project": ["Active", "Withdrawn", "Active"],
    ...     "Project Status": ["Closed", "Closed", "Live"],
    ...     "Address Local Authority": ["Wigan", "Wigan", "Wigan"]})
    >>> innovate_uk_by_district(raw, {"wigan": "E08000010"}, "t.xlsx").values.tolist()
    ... # doctest: +NORMALIZE_WHITESPACE
    [['E08000010', '2019-2020', '2019/20', 'Wigan', 100.0, 1],
     ['E08000010', '2020-2021', '2020/21', 'Wigan', 70.0, 1]]
    """
    award = next((c for c in AWARD_COLUMNS if c in raw.columns), None)
    missing = [c for c in REQUIRED_COLUMNS if c not in raw.columns]
    if award is None or missing:
        lacking = missing + ([] if award else [" or ".join(AWARD_COLUMNS)])
        raise SourceFormatError(f"{what}: no column(s) {lacking}; the header holds "
                                f"{list(raw.columns)[:30]}")
    rows = raw[raw["Participant Name"].notna()].copy()
    withdrawn = (rows["Participant Withdrawn From Project"].astype(str).str.contains(
        "withdrawn", case=False) | rows["Project Status"].astype(str).str.contains(
        "withdrawn", case=False))
    rows = rows[~withdrawn]
    years = rows["Competition Year"].map(financial_year)
    bad = rows.loc[years.isna(), "Competition Year"].astype(str).unique().tolist()
    if bad:
        raise SourceFormatError(f"{what}: competition years {bad[:5]} are not financial years "
                                "written as 2019/20")
    rows["period"] = [y[0] for y in years]
    rows["period_label"] = [y[1] for y in years]
    rows["award_gbp"] = pd.to_numeric(rows[award], errors="coerce").fillna(0.0)
    la = rows["Address Local Authority"].fillna("").astype(str).str.strip()
    rows = rows[la != ""]
    rows["area_code"] = la[la != ""].map(lambda n: names.get(_normalise_name(n)))
    lost = rows[rows["area_code"].isna()]
    total = rows["award_gbp"].sum()
    if total and lost["award_gbp"].sum() > UNMATCHED_AWARD_LIMIT * total:
        top = lost.groupby("Address Local Authority")["award_gbp"].sum().nlargest(8)
        raise SourceFormatError(
            f"{what}: local authorities {list(top.index)} match no district and carry "
            f"{lost['award_gbp'].sum() / total:.1%} of the award; add them to the district "
            "names (lad_code_history) or check the layout")
    rows = rows[rows["area_code"].notna()]
    out = rows.groupby(["area_code", "period", "period_label"], as_index=False).agg(
        area_name=("Address Local Authority", "first"), award_gbp=("award_gbp", "sum"),
        participations=("Participant Name", "size"))
    return out.sort_values(["period", "area_code"]).reset_index(drop=True)


@parser
def parse_innovate_uk_projects(ds: Dataset, paths: Sequence[Path]) -> pd.DataFrame:
    """UKRI's Innovate UK funded projects workbook(s) as tidy district rows.

    Several files (e.g. the 2004 to 2014/15 and the 2015/16 to present workbooks) are read
    and added together. Measures: ``innovate_uk_award_gbp`` (pounds, current prices) and
    ``innovate_uk_participations`` (count) by district code and financial year.
    """
    frames = []
    for path in paths:
        try:
            raw = pd.read_excel(path, sheet_name=0, header=0, engine="openpyxl")
        except ValueError as exc:
            raise SourceFormatError(f"{ds.id}: {path.name} is not a readable workbook ({exc})"
                                    ) from exc
        frames.append(innovate_uk_by_district(raw, _lad_name_index(), f"{ds.id}: {path.name}"))
    both = pd.concat(frames, ignore_index=True)
    both = both.groupby(["area_code", "period", "period_label"], as_index=False).agg(
        area_name=("area_name", "first"), award_gbp=("award_gbp", "sum"),
        participations=("participations", "sum"))
    long = both.melt(id_vars=["area_code", "period", "period_label", "area_name"],
                     value_vars=["award_gbp", "participations"], var_name="what")
    long["measure"] = long["what"].map({"award_gbp": "innovate_uk_award_gbp",
                                        "participations": "innovate_uk_participations"})
    long["unit"] = long["what"].map({"award_gbp": "GBP",
                                     "participations": "participations in funded projects"})
    long["price_basis"] = np.where(long["what"] == "award_gbp", CURRENT_PRICES, NOT_APPLICABLE)
    long["geography"] = long["area_code"].map(geography_of_code)
    long["code_vintage"] = "any (district of the participant's address, as named)"
    long["flag"] = ""
    return _finish(long, ds)
