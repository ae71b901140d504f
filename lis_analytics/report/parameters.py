"""The ``latest_year`` parameter: one spelling, and only years every chapter can serve.

A user may write ``-p latest_year=2019`` (a number) or ``-p latest_year='"2019"'`` (a JSON
string): :func:`normalise_parameters` turns both into ``"2019"`` before the parameters are
hashed or passed to a kernel, so the two spellings build the same pack. :func:`check_latest_year`
refuses a year that some chapter cannot serve, naming the years each chapter can and those
every chapter can, before any kernel starts; the years come from the built tables
(:func:`chapter_years`) through each chapter's own pure rule.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence

from lis_analytics.errors import LisError

__all__ = ["ParameterError", "chapter_years", "check_latest_year", "normalise_parameters",
           "year_ranges", "years_every_chapter_serves"]


class ParameterError(LisError):
    """A parameter name or value that the chapter notebooks do not accept."""


_YEAR = re.compile(r"^\d{4}$")


def normalise_parameters(parameters: Mapping) -> dict:
    """The parameters with ``latest_year`` as a string of four digits (or ``""``).

    Raises
    ------
    ParameterError
        For a ``latest_year`` that is not a year.

    Examples
    --------
    >>> normalise_parameters({"latest_year": 2019}), normalise_parameters({"latest_year": " 2019"})
    ({'latest_year': '2019'}, {'latest_year': '2019'})
    >>> normalise_parameters({"latest_year": None, "comparator_codes": []})
    {'latest_year': '', 'comparator_codes': []}
    >>> normalise_parameters({"latest_year": "last"})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    lis_analytics.report.parameters.ParameterError: latest_year must be a year such as 2019 ...
    """
    out = dict(parameters)
    if "latest_year" not in out:
        return out
    value = out["latest_year"]
    if value is None:
        out["latest_year"] = ""
        return out
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip() if not isinstance(value, bool) else repr(value)
    if text and not _YEAR.match(text):
        raise ParameterError(f"latest_year must be a year such as 2019 (written 2019 or "
                             f"'\"2019\"'), or empty for the latest year in the data; got "
                             f"{value!r}")
    out["latest_year"] = text
    return out


def year_ranges(years: Sequence[str]) -> str:
    """Years as runs: ``"2004–2019, 2021"``.

    Examples
    --------
    >>> year_ranges(["2004", "2005", "2006", "2019", "2021", "2022"])
    '2004–2006, 2019, 2021–2022'
    >>> year_ranges([])
    'none'
    """
    ints = sorted({int(y) for y in years})
    runs: list[list[int]] = []
    for y in ints:
        if runs and y == runs[-1][1] + 1:
            runs[-1][1] = y
        else:
            runs.append([y, y])
    return ", ".join(f"{a}–{b}" if b > a else str(a) for a, b in runs) or "none"


def years_every_chapter_serves(years: Mapping[str, Sequence[str]]) -> list[str]:
    """The years in every chapter's list (pure).

    Examples
    --------
    >>> years_every_chapter_serves({"productivity": ["2019", "2020"], "sectors": ["2020"]})
    ['2020']
    """
    sets = [set(v) for v in years.values()]
    return sorted(set.intersection(*sets)) if sets else []


def check_latest_year(value: str, years: Mapping[str, Sequence[str]]) -> None:
    """Refuse a ``latest_year`` that some chapter cannot serve, listing the years (pure).

    Parameters
    ----------
    value : str
        The normalised year (:func:`normalise_parameters`); ``""`` is always accepted.
    years : mapping
        Chapter (or chapters) -> the years it can serve (:func:`chapter_years`).

    Examples
    --------
    >>> served = {"productivity": ["2018", "2019"], "sectors": ["2017", "2018", "2019"]}
    >>> check_latest_year("2019", served)
    >>> check_latest_year("2017", served)  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    lis_analytics.report.parameters.ParameterError: latest_year 2017 cannot be served by every
    chapter: productivity serves 2018–2019; sectors 2017–2019. Choose a year every chapter
    serves: 2018–2019 (or leave latest_year empty for the latest year in the data).
    """
    if not value:
        return
    every = years_every_chapter_serves(years)
    if value in every:
        return
    each = "; ".join(f"{name}{' serves' if i == 0 else ''} {year_ranges(v)}"
                     for i, (name, v) in enumerate(years.items()))
    raise ParameterError(
        f"latest_year {value} cannot be served by every chapter: {each}. Choose a year every "
        f"chapter serves: {year_ranges(every)} (or leave latest_year empty for the latest "
        "year in the data).")


@functools.lru_cache(maxsize=4)
def _chapter_years(store_state: str) -> dict[str, list[str]]:
    from lis_analytics.chapters import people, productivity
    from lis_analytics.chapters.sectors import TABLES
    from lis_analytics.data import load_table

    sectors = sorted({str(p) for p in load_table(TABLES["gva_cp"])["period"]})
    return {"productivity": productivity.served_years(load_table("productivity_lad")),
            "sectors": sectors,  # chapters.sectors.periods reports a year of this table
            "people, foundations and baseline": people.served_years(
                load_table("indicator_values"))}


def chapter_years() -> dict[str, list[str]]:
    """The years each chapter can serve as ``latest_year``, read from the built tables.

    Productivity: years with districts' GVA per hour (``productivity_lad``); sectors: years
    of district GVA by industry (``sectors_gva_cp``); people, foundations and baseline:
    every year of the indicator table, from which each shows an indicator's latest period up
    to the year. The functional-economic-area chapter uses the Censuses and has no
    ``latest_year``. Cached until the processed-data manifest changes.
    """
    from lis_analytics.data.store import processed_dir

    manifest = processed_dir() / "_manifest.json"
    state = f"{manifest}:{manifest.stat().st_mtime_ns if manifest.is_file() else 0}"
    return _chapter_years(state)
