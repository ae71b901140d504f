"""Input checks and small helpers shared by the sectors methods (private)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping

import numpy as np
import pandas as pd

from lis_analytics.sectors.sic import _is_total, industry_code_divisions


def _describe_cells(mask: pd.DataFrame, values: pd.DataFrame | None = None, limit: int = 5) -> str:
    rows, cols = np.nonzero(mask.to_numpy())
    parts = []
    for r, c in zip(rows[:limit], cols[:limit], strict=True):
        label = f"{mask.index[r]}/{mask.columns[c]}"
        if values is not None:
            label += f"={values.iat[r, c]:g}"
        parts.append(label)
    more = len(rows) - limit
    return ", ".join(parts) + (f" and {more} more" if more > 0 else "")


def _describe_labels(labels: Iterable[object], limit: int = 8) -> str:
    items = [str(x) for x in labels]
    text = ", ".join(items[:limit])
    return text + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _guard_additive(frame: pd.DataFrame | pd.Series, name: str) -> None:
    measure = str(frame.attrs.get("measure", "")).lower()
    basis = str(frame.attrs.get("price_basis", "")).lower()
    if "chained volume" in basis or "cvm" in measure or "index" in measure or "deflator" in measure:
        raise ValueError(
            f"{name} holds {frame.attrs.get('measure') or basis!r} ({basis or 'no price basis'}): "
            "chained-volume measures, indices and deflators do not add up across industries "
            "or areas. Use current prices (e.g. gva_current_prices) or counts of jobs/hours."
        )


def _check_columns_partition(columns: pd.Index, name: str) -> None:
    totals = [c for c in columns if _is_total(c)]
    if totals:
        raise ValueError(
            f"{name} has a total column {totals[0]!r}: keep only industries (pass published "
            "totals separately as area_totals=)"
        )
    seen: dict[str, object] = {}
    for col in columns:
        try:
            atoms = industry_code_divisions(str(col))
        except ValueError:
            continue  # not a SIC code: nothing to check
        for atom in sorted(atoms):
            if atom in seen:
                raise ValueError(
                    f"{name}: industry columns {seen[atom]!r} and {col!r} overlap (both cover "
                    f"division {atom}), so totals would double count; keep one level with "
                    "select_industry_level()"
                )
            seen[atom] = col


def _as_matrix(
    frame: pd.DataFrame,
    name: str,
    *,
    allow_negative: bool = False,
    allow_missing: bool = True,
    additive: bool = True,
) -> pd.DataFrame:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(
            f"{name} must be a DataFrame with areas as rows and industries as columns, got "
            f"{type(frame).__name__}"
        )
    if frame.shape[0] == 0 or frame.shape[1] == 0:
        raise ValueError(f"{name} is empty (shape {frame.shape})")
    if not frame.index.is_unique:
        dup = frame.index[frame.index.duplicated()].unique()
        raise ValueError(f"{name} has duplicate area rows: {_describe_labels(dup)}")
    if not frame.columns.is_unique:
        dup = frame.columns[frame.columns.duplicated()].unique()
        raise ValueError(f"{name} has duplicate industry columns: {_describe_labels(dup)}")
    if additive:
        _guard_additive(frame, name)
    try:
        values = frame.to_numpy(dtype="float64", na_value=np.nan)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must hold numbers only: {exc}") from exc
    out = pd.DataFrame(values, index=frame.index.copy(), columns=frame.columns.copy())
    out.index.name = frame.index.name or "area_code"
    out.columns.name = frame.columns.name or "industry_code"
    out.attrs = dict(frame.attrs)
    _check_columns_partition(out.columns, name)
    if np.isinf(values).any():
        raise ValueError(f"{name} has infinite values at {_describe_cells(np.isinf(out))}")
    if not allow_negative and (values < 0).any():
        raise ValueError(
            f"{name} has negative values ({_describe_cells(out < 0, out)}); these methods need "
            "non-negative quantities (GVA can be slightly negative, e.g. in agriculture: set "
            "such cells to 0 or drop the industry if that is acceptable for your purpose)"
        )
    if not allow_missing and np.isnan(values).any():
        raise ValueError(
            f"{name} has missing (suppressed) cells: {_describe_cells(out.isna())}; fill or drop "
            "them first (missing is never treated as zero)"
        )
    return out


def _check_same_shape(a: pd.DataFrame, b: pd.DataFrame, name_a: str, name_b: str) -> None:
    for axis, things, problem in (("index", "areas", "different areas"),
                                  ("columns", "industries", "misaligned industries")):
        labels_a, labels_b = getattr(a, axis), getattr(b, axis)
        if labels_a.equals(labels_b):
            continue
        only_a = labels_a.difference(labels_b)
        only_b = labels_b.difference(labels_a)
        detail = (
            f"only in {name_a}: [{_describe_labels(only_a)}]; only in {name_b}: "
            f"[{_describe_labels(only_b)}]"
            if len(only_a) or len(only_b)
            else f"same {things} in a different order; reindex one to the other"
        )
        raise ValueError(f"{name_a} and {name_b} have {problem} ({detail})")


def _as_industry_series(series: pd.Series, columns: pd.Index, name: str) -> pd.Series:
    if not isinstance(series, pd.Series):
        raise TypeError(f"{name} must be a Series indexed by industry, got {type(series).__name__}")
    _guard_additive(series, name)
    missing = columns.difference(series.index)
    extra = series.index.difference(columns)
    if len(missing) or len(extra):
        raise ValueError(
            f"{name} is misaligned with the matrix industries (missing: "
            f"[{_describe_labels(missing)}]; extra: [{_describe_labels(extra)}])"
        )
    out = pd.Series(
        series.reindex(columns).to_numpy(dtype="float64", na_value=np.nan), index=columns
    )
    if out.isna().any():
        raise ValueError(f"{name} has missing values for {_describe_labels(out.index[out.isna()])}")
    if (out < 0).any():
        raise ValueError(f"{name} has negative values for {_describe_labels(out.index[out < 0])}")
    return out


def _benchmark_series(
    counts: pd.DataFrame, benchmark: Hashable | pd.Series | None, name: str
) -> pd.Series:
    """Industry totals of the benchmark: column sums, a row of ``counts`` or a Series."""
    if benchmark is None:
        if counts.isna().to_numpy().any():
            raise ValueError(
                f"cannot build the benchmark by adding up the areas of {name}: cells are "
                f"missing ({_describe_cells(counts.isna())}); pass benchmark= (a row label "
                "such as the England code, or a Series of industry totals)"
            )
        out = counts.sum(axis=0)
    elif isinstance(benchmark, pd.Series):
        out = _as_industry_series(benchmark, counts.columns, f"benchmark for {name}")
    elif isinstance(benchmark, pd.DataFrame):
        raise TypeError("benchmark must be None, a row label or a Series, not a DataFrame")
    else:
        if benchmark not in counts.index:
            raise ValueError(
                f"benchmark {benchmark!r} is not a row of {name}; rows include "
                f"{_describe_labels(counts.index[:5])}"
            )
        out = counts.loc[benchmark]
        if out.isna().any():
            raise ValueError(
                f"benchmark row {benchmark!r} has missing values for "
                f"{_describe_labels(out.index[out.isna()])}"
            )
        if (out < 0).any():
            raise ValueError(f"benchmark row {benchmark!r} has negative values")
    out = out.astype("float64")
    out.name = "benchmark"
    return out


def _area_totals(counts: pd.DataFrame, area_totals: pd.Series | None, name: str) -> pd.Series:
    if area_totals is None:
        if counts.isna().to_numpy().any():
            raise ValueError(
                f"{name} has missing (suppressed) cells ({_describe_cells(counts.isna())}), so "
                "area totals cannot be summed; pass area_totals= (e.g. the published 'Total') "
                "or fill/drop those cells"
            )
        totals = counts.sum(axis=1)
    else:
        if not isinstance(area_totals, pd.Series):
            raise TypeError("area_totals must be a Series indexed by area")
        _guard_additive(area_totals, "area_totals")
        missing = counts.index.difference(area_totals.index)
        if len(missing):
            raise ValueError(f"area_totals has no value for {_describe_labels(missing)}")
        totals = pd.Series(
            area_totals.reindex(counts.index).to_numpy(dtype="float64", na_value=np.nan),
            index=counts.index,
        )
        if totals.isna().any():
            raise ValueError(
                f"area_totals is missing for {_describe_labels(totals.index[totals.isna()])}"
            )
        known = counts.sum(axis=1, skipna=True)
        too_small = known > totals * (1 + 1e-6) + 1e-9 + 0.5 * counts.shape[1]
        if too_small.any():
            raise ValueError(
                "area_totals is smaller than the sum of the industries for "
                f"{_describe_labels(totals.index[too_small])}: are they the same measure?"
            )
    zero = totals <= 0
    if zero.any():
        raise ValueError(
            f"{name} has a zero total for area(s) {_describe_labels(totals.index[zero])}; "
            "shares are undefined there (drop those areas)"
        )
    totals.name = "total"
    return totals


def _positive_total(value: float, what: str) -> float:
    if not value > 0:
        raise ValueError(f"{what} is zero (or not positive: {value!r}); shares are undefined")
    return float(value)


def _nonzero_benchmark(bench: pd.Series, what: str) -> None:
    zero = bench == 0
    if zero.any():
        raise ValueError(
            f"{what} is zero for industries {_describe_labels(bench.index[zero])}; location "
            "quotients and growth rates are undefined there (drop or merge those industries)"
        )


def _to_long(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    first = next(iter(frames.values()))
    index = pd.MultiIndex.from_product(
        [first.index, first.columns], names=["area_code", "industry_code"]
    )
    data = {key: np.asarray(frame.to_numpy()).ravel() for key, frame in frames.items()}
    return pd.DataFrame(data, index=index).reset_index()


def _period_key(period: str) -> tuple[int, float | str]:
    try:
        return (0, float(period))
    except ValueError:
        return (1, period)


def _two_period_benchmark(
    start: pd.DataFrame,
    end: pd.DataFrame,
    benchmark: Hashable | tuple[pd.Series, pd.Series] | None,
) -> tuple[pd.Series, pd.Series]:
    if isinstance(benchmark, tuple):
        if len(benchmark) != 2:
            raise ValueError("a benchmark tuple must be (benchmark_start, benchmark_end)")
        return (
            _benchmark_series(start, benchmark[0], "start"),
            _benchmark_series(end, benchmark[1], "end"),
        )
    if isinstance(benchmark, pd.Series):
        raise TypeError(
            "for a change between two periods pass the benchmark as a tuple "
            "(benchmark_start, benchmark_end) of Series, or a row label"
        )
    return _benchmark_series(start, benchmark, "start"), _benchmark_series(end, benchmark, "end")
