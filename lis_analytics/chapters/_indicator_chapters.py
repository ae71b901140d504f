"""What the people, foundations and baseline chapters share: inputs read from the indicator table.

All three chapters read the all-area ``indicator_values`` derived table, limited to the area,
its benchmarks, its comparators and its districts, and to periods up to the pack's latest
year; the comparators and benchmarks come from :mod:`lis_analytics.chapters.peers`, so every
chapter of a pack uses the same ones.

Examples
--------
>>> from lis_analytics.chapters.peers import Peers
>>> from lis_analytics.indicators import load_framework
>>> area = Area("X", "X", "LEP", ("A",))
>>> peers = Peers(area, None, {"England": "E92000001"}, (Area("Y", "Y", "LEP", ("B",)),),
...               "user", "LEP", 38)
>>> values = pd.DataFrame({"indicator_id": "x", "area_code": ["X", "Y", "Z", "A"],
...                        "period": ["2020", "2020", "2020", "2030"]})
>>> inputs = select_inputs(values, load_framework(), peers, latest_year="2025")
>>> sorted(inputs.values["area_code"]), inputs.comparator_codes
(['X', 'Y'], ['Y'])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from lis_analytics.chapters.peers import Peers, load_peers
from lis_analytics.data import load_table
from lis_analytics.geography import Area, all_areas, get_area
from lis_analytics.indicators import (
    Framework,
    for_areas,
    headline_coverage,
    load_framework,
    up_to,
)

ENGLAND_CODE = "E92000001"

DEFAULT_AREA_TYPES: tuple[str, ...] = ("LEP", "CA", "SA", "CUSTOM")
"""Kinds of area of the default packs: the areas headline coverage is counted over."""


@dataclass(frozen=True)
class IndicatorInputs:
    """An area's indicator values with its framework, peers and area names.

    Attributes
    ----------
    framework : Framework
        The indicator framework.
    values : DataFrame
        Rows of the ``indicator_values`` table for the area, its benchmarks, comparators and
        districts, periods up to the pack's latest year.
    peers : Peers
        Benchmarks, comparators and peer group (:func:`lis_analytics.chapters.peers.load_peers`).
    names : mapping of str to str
        Area code -> name (districts included), for tables.
    coverage : DataFrame or None
        Headline coverage over the default areas
        (:func:`~lis_analytics.indicators.headline_coverage`); ``None`` when not computed
        (every headline candidate is then kept).
    """

    framework: Framework
    values: pd.DataFrame
    peers: Peers
    names: Mapping[str, str] = field(default_factory=dict)
    coverage: pd.DataFrame | None = None

    @property
    def area(self) -> Area:
        """The area of the pack."""
        return self.peers.area

    @property
    def benchmarks(self) -> dict[str, str]:
        """Benchmark label -> code (England, the region)."""
        return self.peers.benchmarks

    @property
    def comparator_codes(self) -> list[str]:
        """Codes of the comparator areas."""
        return [a.code for a in self.peers.comparators]

    @property
    def region_code(self) -> str | None:
        """Code of the region benchmark, if the area has one."""
        return next((c for label, c in self.benchmarks.items() if label != "England"), None)

    def name(self, code: str) -> str:
        """Name of an area (the code itself when unknown)."""
        if code == self.area.code:
            return self.area.name
        known = {a.code: a.name for a in self.peers.comparators}
        return known.get(code) or self.names.get(code, code)


def check_area(area: Area, inputs: IndicatorInputs) -> None:
    """Raise ``ValueError`` unless ``inputs`` were selected for ``area``."""
    if area.code != inputs.area.code:
        raise ValueError(f"the inputs are for {inputs.area.code}, not {area.code}")


def select_inputs(values: pd.DataFrame, framework: Framework, peers: Peers,
                  latest_year: str | int | None = "",
                  names: Mapping[str, str] | None = None,
                  default_codes: Sequence[str] | None = None) -> IndicatorInputs:
    """The chapters' inputs from the all-area indicator table (pure).

    Keeps the rows of the area, its benchmarks, comparators and districts, with periods up to
    ``latest_year`` (all when empty). With ``default_codes`` (the default areas), also the
    headline coverage over them (:func:`~lis_analytics.indicators.headline_coverage`).
    """
    area = peers.area
    codes = [area.code, *peers.benchmarks.values(), *(a.code for a in peers.comparators),
             *area.lad_codes]
    upto = up_to(values, latest_year)
    coverage = (headline_coverage(upto, framework, default_codes)
                if default_codes is not None else None)
    return IndicatorInputs(framework, for_areas(upto, codes), peers, dict(names or {}),
                           coverage)


def load_inputs(area: Area | str, comparator_codes: Sequence[str] | None = None,
                latest_year: str | int | None = "") -> IndicatorInputs:
    """Read the chapters' inputs: the ``indicator_values`` table, the framework and peers.

    Parameters
    ----------
    area : Area or str
        The area, or its code or name.
    comparator_codes : sequence of str, optional
        The user's comparators; the statistical nearest neighbours otherwise.
    latest_year : str or int, optional
        Last year of data to use (empty for all).
    """
    area = get_area(area) if isinstance(area, str) else area
    peers = load_peers(area, list(comparator_codes or []) or None)
    return select_inputs(load_table("indicator_values"), load_framework(), peers, latest_year,
                         {a.code: a.name for a in all_areas()},
                         [a.code for a in all_areas(list(DEFAULT_AREA_TYPES))])
