"""Coverage of a real-growth series: which windows lack a figure, and the districts why.

A growth figure compares the same districts at its start and end: a series built from
districts has no value in a year when one of them lacks chained-volume GVA or hours
(:func:`~lis_analytics.productivity.real_productivity_lad` flags those years with
``complete`` and ``missing``), and growth over a window starting or ending in that year is
missing. :func:`missing_growth_notes` says so in a sentence naming the districts.
"""

from __future__ import annotations

from collections.abc import Sequence

from lis_analytics.productivity.growth import GrowthWindow

__all__ = ["missing_growth_notes"]


def missing_growth_notes(windows: Sequence[GrowthWindow],
                         missing: dict[str, dict[str, tuple[str, ...]]],
                         names: dict[str, str]) -> dict[str, str]:
    """Why each window's growth is missing for the area or a benchmark, naming the districts.

    Examples
    --------
    >>> w = GrowthWindow("since 2019", "2019", "2022")
    >>> notes = missing_growth_notes([w], {"Greater Manchester LEP": {"2022": ("E08000010",)},
    ...                                    "UK": {"2022": ("E08000010",)}},
    ...                              {"E08000010": "Wigan"})
    >>> print(notes["2019-2022"])  # doctest: +NORMALIZE_WHITESPACE
    Real growth 2019-2022 is not shown for Greater Manchester LEP and the UK: no
    chained-volume GVA or hours are published for Wigan (E08000010) in 2022, and a growth
    figure compares the same districts at its start and end.
    """
    out = {}
    for w in windows:
        hit: dict[tuple[str, tuple[str, ...]], list[str]] = {}
        for name, years in missing.items():
            for year in (w.start, w.end):
                if year in years:
                    hit.setdefault((year, years[year]), []).append(name)
                    break
        if not hit:
            continue
        who = sorted({n for v in hit.values() for n in v},
                     key=[n for n in missing].index)
        what = "; ".join(
            f"for {_join(_district_words(codes, names))} in {year}"
            for (year, codes) in hit)
        out[w.label] = (f"Real growth {w.label} is not shown for "
                        f"{_join(['the UK' if n == 'UK' else n for n in who])}: no "
                        f"chained-volume GVA or hours are published {what}, and a growth figure "
                        "compares the same districts at its start and end.")
    return out


def _district_words(codes: tuple[str, ...], names: dict[str, str], most: int = 5) -> list[str]:
    words = [f"{names.get(c, c)} ({c})" for c in codes[:most]]
    return words + ([f"{len(codes) - most} other districts"] if len(codes) > most else [])


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
