"""One computed record per figure: a pack never states one indicator and period twice.

Chapters record headline figures separately (productivity, and the foundations scorecard,
both give GVA per hour for 2023). :func:`one_record_per_figure` makes the first chapter's
record the pack's one record of each ``(indicator_id, breakdown, period)`` (:data:`KEY`; the
breakdown is empty for the area's own figure, else an industry, a district...): every later
row takes its value, unit, price basis, interval, rank and benchmarks (a field only a later
row has fills the record), keeping only its own chapter and note.
A later row whose value or benchmark differs from the record (beyond floating-point noise)
is a second value for one figure, and the pack fails rather than state both.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lis_analytics.errors import FigureConflictError

__all__ = ["KEY", "RELATIVE_TOLERANCE", "SHARED_COLUMNS",
           "figure_conflicts", "one_record_per_figure", "one_row_per_figure"]

RELATIVE_TOLERANCE = 1e-9
"""Two computations of one figure may differ by float rounding, no more."""

KEY = ("indicator_id", "breakdown", "period")
"""What identifies one figure: its indicator, the part of the area it is about and its period."""
NUMBER_COLUMNS = ("value", "benchmark_uk", "benchmark_england", "benchmark_region")
SHARED_COLUMNS = ("indicator", "value", "unit", "price_basis", *NUMBER_COLUMNS[1:],
                  "source_dataset_id", "breakdown_code", "lower", "upper", "rank", "rank_of",
                  "peer_group", "theme", "release")
"""Columns every row of one figure takes from its record (the first chapter's row)."""


def _differs(a: pd.Series, b: pd.Series) -> pd.Series:
    both = a.notna() & b.notna()
    close = np.isclose(a.astype(float), b.astype(float), rtol=RELATIVE_TOLERANCE, atol=0.0)
    return both & ~pd.Series(close, index=a.index)


def figure_conflicts(figures: pd.DataFrame) -> pd.DataFrame:
    """Rows that give a figure another value (or benchmark) than its first record.

    Examples
    --------
    >>> f = pd.DataFrame({"chapter": ["productivity", "foundations", "baseline"],
    ...                   "indicator_id": ["gva_per_hour"] * 3, "period": ["2023"] * 3,
    ...                   "value": [39.876455274709430, 39.876455274709425, 39.7],
    ...                   "benchmark_uk": [41.87, np.nan, 41.87],
    ...                   "benchmark_england": [np.nan] * 3, "benchmark_region": [np.nan] * 3})
    >>> figure_conflicts(f)[["chapter", "column", "value", "record"]].values.tolist()
    [['baseline', 'value', 39.7, 39.87645527470943]]
    """
    rows = []
    keyed = _keyed(figures)
    keys = list(KEY)
    first = keyed.groupby(keys, sort=False).head(1)
    record = keyed[keys].merge(first, on=keys, how="left", suffixes=("", "_record"))
    for column in NUMBER_COLUMNS:
        bad = _differs(keyed[column], record[column])
        for i in keyed.index[bad]:
            rows.append({"chapter": keyed.at[i, "chapter"], "indicator_id":
                         keyed.at[i, "indicator_id"], "breakdown": keyed.at[i, "breakdown"],
                         "period": keyed.at[i, "period"],
                         "column": column, "value": float(keyed.at[i, column]),
                         "record": float(record.at[i, column]),
                         "record_chapter": record.at[i, "chapter"]})
    return pd.DataFrame(rows, columns=["chapter", "indicator_id", "breakdown", "period",
                                       "column", "value", "record", "record_chapter"])


def _keyed(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures with a default index and an empty (not missing) breakdown for headlines."""
    keyed = figures.reset_index(drop=True).copy()
    if "breakdown" not in keyed.columns:
        keyed["breakdown"] = ""
    keyed["breakdown"] = keyed["breakdown"].fillna("").astype(str)
    return keyed


def one_record_per_figure(figures: pd.DataFrame) -> pd.DataFrame:
    """Every row of a figure carries its record's numbers and words; conflicts raise.

    Parameters
    ----------
    figures : DataFrame
        The pack's figures, chapters in pack order (``FIGURE_COLUMNS``).

    Returns
    -------
    DataFrame
        The same rows; each later row of an ``(indicator_id, breakdown, period)`` takes the
        :data:`SHARED_COLUMNS` of the first, filling a benchmark only the later row has.

    Raises
    ------
    FigureConflictError
        Naming the figure, the chapters and both values.

    Examples
    --------
    >>> f = pd.DataFrame({"chapter": ["productivity", "foundations"],
    ...                   "indicator_id": ["gva_per_job"] * 2, "period": ["2023"] * 2,
    ...                   "indicator": ["GVA per filled job"] * 2, "value": [62600.8, 62600.8],
    ...                   "unit": ["GBP per filled job", "£ per job"],
    ...                   "price_basis": ["current prices", "not applicable"],
    ...                   "benchmark_uk": [66402.0, np.nan], "benchmark_england": [67530.6] * 2,
    ...                   "benchmark_region": [np.nan, 61648.2], "source_dataset_id": ["p"] * 2,
    ...                   "note": ["", "rank 16 of 38 LEPs"]})
    >>> out = one_record_per_figure(f)
    >>> out[["unit", "price_basis", "benchmark_uk", "benchmark_region", "note"]].values.tolist()
    ... # doctest: +NORMALIZE_WHITESPACE
    [['GBP per filled job', 'current prices', 66402.0, 61648.2, ''],
     ['GBP per filled job', 'current prices', 66402.0, 61648.2, 'rank 16 of 38 LEPs']]
    """
    if figures.empty:
        return figures
    conflicts = figure_conflicts(figures)
    if len(conflicts):
        lines = [f"{r.indicator_id}{' ' + r.breakdown if r.breakdown else ''} {r.period}: "
                 f"{r.column} {r.value!r} in {r.chapter} but "
                 f"{r.record!r} in {r.record_chapter}" for r in conflicts.head(5).itertuples()]
        raise FigureConflictError(
            f"{len(conflicts)} figure(s) have two values in this pack (one computed record per "
            "figure is required): " + "; ".join(lines))
    out = _keyed(figures)
    dated = out["period"].notna() & (out["period"].astype(str) != "")
    if not dated.all():  # a figure with no period is a stated gap: each row keeps its own words
        rest = one_record_per_figure(out[dated]) if dated.any() else out[dated]
        rest.index = out.index[dated]
        return pd.concat([rest, out[~dated]]).loc[out.index]
    keys = list(KEY)
    columns = [c for c in SHARED_COLUMNS if c in out.columns]
    # the record: the first row, with a field (benchmark, rank) filled from a later row
    texts = [c for c in columns if not pd.api.types.is_numeric_dtype(out[c])]
    blank = out.copy()
    blank[texts] = blank[texts].replace("", np.nan)  # an empty text is a field to fill
    groups = blank.groupby(keys, sort=False)
    record = groups[columns].first()  # first non-missing per column
    first = groups[columns].nth(0).set_index(groups.head(1).set_index(keys).index)
    record = first.combine_first(record)[columns]
    joined = out[keys].merge(record.reset_index(), on=keys, how="left")
    for column in columns:
        out[column] = joined[column].to_numpy()
        if column in texts:
            out[column] = out[column].fillna("")
    return out


def one_row_per_figure(figures: pd.DataFrame) -> pd.DataFrame:
    """One row per figure (:data:`KEY`): the first chapter's, with every chapter's note.

    Run after :func:`one_record_per_figure`, when every row of a figure already holds the
    same numbers: the later rows add nothing but their notes, which are joined (each once).

    Examples
    --------
    >>> f = pd.DataFrame({"chapter": ["productivity", "foundations", "foundations"],
    ...                   "indicator_id": ["gva_per_hour"] * 3, "breakdown": ["", "", "UK"],
    ...                   "period": ["2023"] * 3, "value": [39.88, 39.88, 41.87],
    ...                   "note": ["", "rank 15th of 38 LEPs", ""]})
    >>> one_row_per_figure(f)[["chapter", "breakdown", "note"]].values.tolist()
    [['productivity', '', 'rank 15th of 38 LEPs'], ['foundations', 'UK', '']]
    """
    if figures.empty:
        return figures
    out = _keyed(figures)
    keys = list(KEY)
    notes = out.groupby(keys, sort=False)["note"].agg(
        lambda n: "; ".join(dict.fromkeys(str(x) for x in n if isinstance(x, str) and x)))
    first = out.drop_duplicates(keys, keep="first").reset_index(drop=True)
    first["note"] = first[keys].merge(notes.reset_index(), on=keys, how="left")["note"] \
        .fillna("").to_numpy()
    return first
