"""The all-area indicator table: its inputs, the geography model and the derived-table builder.

``indicator_values`` (declared in ``lis_analytics/data/derived.yaml``) holds **every
indicator for every area** (LEPs, combined authorities, regions, England, custom areas and
districts) with ranks. :func:`indicator_values` builds it from the tables the data layer
passes in (:func:`derived_inputs` lists them); :func:`build_geo` turns the lookups and the
published geographies into the :class:`~lis_analytics.indicators.aggregate.Geo` model.
Nothing here reads a file: the area catalogue comes from :mod:`lis_analytics.geography`.

Examples
--------
>>> "els_employment_rate" in derived_inputs()
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from lis_analytics.data import is_held, is_optional
from lis_analytics.geography import Area, all_areas, bridge_code, canonical_lads
from lis_analytics.indicators.aggregate import Geo, Inputs, compute_all, population_weights
from lis_analytics.indicators.framework import Framework, load_framework
from lis_analytics.indicators.ranks import add_ranks

POPULATION_DATASETS: tuple[str, ...] = (
    "population_rgva", "population_mye_mid2022", "population_mye_mid2024",
    "population_nomis_2016_2021",
)
"""Population tables behind the built-in weights (earlier ones win)."""

GEOGRAPHY_DATASETS: tuple[str, ...] = (
    "lookup_lad11_lad21", "lookup_lad21_itl321", "lookup_lad21_lep21", "lookup_lad25_cauth25",
    "lookup_lad23_rgn23", "lad_code_history", "productivity_lad", "ashe_t7_workplace_2024",
)
"""Lookups and published geographies the geography model (and the area catalogue) read."""

AREA_TYPES: tuple[str, ...] = ("LEP", "CA", "SA", "RGN", "CTRY", "CUSTOM", "LAD")
"""Kinds of area the all-area table covers."""

PUBLISHED_TYPES: tuple[str, ...] = ("LEP", "CA", "RGN", "CTRY")
"""Catalogue areas that are published geographies (matched to published rows exactly)."""


def derived_inputs(framework: Framework | None = None) -> tuple[str, ...]:
    """Every table the all-area indicator table reads: the framework's, populations, lookups.

    The ``inputs_from`` of the ``indicator_values`` derived table. An optional source
    (``optional: true`` in the registry) that this machine does not hold is left out: the
    indicators reading it are shown as missing, with the reason
    (:func:`~lis_analytics.indicators.aggregate.compute_all`).
    """
    out = [ds for ds in (framework or load_framework()).datasets
           if not is_optional(ds) or is_held(ds)]
    for ds in (*POPULATION_DATASETS, *GEOGRAPHY_DATASETS):
        if ds not in out:
            out.append(ds)
    return tuple(out)


def published_geography_name(name: str) -> str:
    """A published geography's name as a sentence uses it, without "Met County".

    The sentence names the kind of geography itself ("Greater Manchester (metropolitan
    county)"), so ASHE's "Greater Manchester Met County" (or "... (Met County)") becomes
    "Greater Manchester", and "Herefordshire, County of" becomes "Herefordshire".

    Examples
    --------
    >>> published_geography_name("Greater Manchester Met County"), published_geography_name("Kent")
    ('Greater Manchester', 'Kent')
    >>> published_geography_name("West Midlands (Met County)")
    'West Midlands'
    >>> published_geography_name("Herefordshire, County of")
    'Herefordshire'
    """
    name = re.sub(r",\s*County of$", "", name.strip(), flags=re.IGNORECASE)
    return re.sub(r"\s*\(?\bMet(?:ropolitan)? County\)?$", "", name, flags=re.IGNORECASE)


def build_geo(district_tables: Iterable[pd.DataFrame], lookup_lad11_lad21: pd.DataFrame,
              ashe_t7_workplace_2024: pd.DataFrame, lookup_lad21_itl321: pd.DataFrame,
              canonical: pd.DataFrame, published_areas: Sequence[Area]) -> Geo:
    """The geography model of indicator computations, from tables.

    Parameters
    ----------
    district_tables : iterable of DataFrame
        Tidy tables whose district rows (``geography == "LAD"``) name the district codes of
        any vintage that must be bridged onto LAD 2023.
    lookup_lad11_lad21 : DataFrame
        ``LAD11CD, LAD21CD``: the LAD 2021 predecessors (atoms) of each LAD 2023.
    ashe_t7_workplace_2024 : DataFrame
        ASHE table 7, whose ``parent_code`` gives the districts of published counties and
        metropolitan counties.
    lookup_lad21_itl321 : DataFrame
        ``LAD21CD, ITL321CD``: the districts of ITL1, ITL2 and ITL3 regions.
    canonical : DataFrame
        The LAD 2023 building blocks ``lad_code, lad_name``
        (:func:`lis_analytics.geography.canonical_lads`).
    published_areas : sequence of Area
        Catalogue areas that are published geographies (LEPs, CAs, regions, England).

    Returns
    -------
    Geo
    """
    lad_codes = tuple(canonical["lad_code"])
    names = dict(zip(canonical["lad_code"], canonical["lad_name"], strict=True))
    codes: set[str] = set(lad_codes)
    published_names: dict[str, str] = {}
    for t in district_tables:
        if {"geography", "area_code"} <= set(t.columns):
            codes |= set(t.loc[t["geography"] == "LAD", "area_code"].unique())
            if "area_name" in t.columns:
                others = t.loc[t["geography"] != "LAD", ["area_code", "area_name"]]
                for code, name in others.drop_duplicates("area_code").itertuples(index=False):
                    if isinstance(name, str) and name.strip():
                        published_names.setdefault(code, published_geography_name(name))
    lu = lookup_lad11_lad21
    codes |= set(lu["LAD21CD"]) | set(lu["LAD11CD"])
    bridge = {c: b for c in codes if (b := bridge_code(c)) is not None}
    atoms: dict[str, set[str]] = {}
    for lad21 in set(lu["LAD21CD"]):
        if lad21 in bridge:
            atoms.setdefault(bridge[lad21], set()).add(lad21)
    for code, name in published_names.items():
        names.setdefault(code, name)
    ashe = ashe_t7_workplace_2024
    if "area_name" in ashe.columns:
        for code, name in zip(ashe["area_code"], ashe["area_name"], strict=True):
            if isinstance(name, str) and name.strip():
                names.setdefault(code, published_geography_name(name))
    geo = Geo(lad_codes, bridge, {k: frozenset(v) for k, v in atoms.items()}, {}, names)
    published: dict[str, frozenset] = {}
    for area in published_areas:
        published[area.code] = geo.atoms_of(area.lad_codes)
        names[area.code] = area.name
    ashe = ashe_t7_workplace_2024
    kids = ashe[(ashe["parent_code"] != "") & (ashe["geography"] == "LAD")]
    for parent, grp in kids.groupby("parent_code"):
        published[parent] = geo.atoms_of(bridge.get(c, c) for c in set(grp["area_code"]))
    itl = lookup_lad21_itl321
    for width in (5, 4, 3):  # ITL3, ITL2, ITL1
        for code, grp in itl.groupby(itl["ITL321CD"].str[:width]):
            published[code] = frozenset(grp["LAD21CD"])
    geo.published_sets = published
    return geo


def indicator_inputs(tables: Mapping[str, pd.DataFrame], framework: Framework | None = None,
                     published_areas: Sequence[Area] | None = None) -> Inputs:
    """:class:`~lis_analytics.indicators.aggregate.Inputs` from the tables by registry id.

    ``tables`` holds at least :func:`derived_inputs` (a framework source it lacks leaves its
    indicators missing, with the reason); ``published_areas`` defaults to the catalogue's
    LEPs, CAs, regions and England.
    """
    framework = framework or load_framework()
    published_areas = all_areas(PUBLISHED_TYPES) if published_areas is None \
        else published_areas
    held = [ds for ds in framework.datasets if ds in tables]
    geo = build_geo([tables[ds] for ds in (*held, *POPULATION_DATASETS)],
                    tables["lookup_lad11_lad21"], tables["ashe_t7_workplace_2024"],
                    tables["lookup_lad21_itl321"], canonical_lads(), published_areas)
    weights = population_weights([tables[ds] for ds in POPULATION_DATASETS])
    return Inputs({ds: tables[ds] for ds in held}, geo, weights)


def indicator_values(**tables: pd.DataFrame) -> pd.DataFrame:
    """Builder of the ``indicator_values`` derived table: every indicator for every area.

    Takes the tables of :func:`derived_inputs` as keyword arguments (by registry id) and
    returns :data:`~lis_analytics.indicators.framework.RESULT_COLUMNS` plus ``rank`` and
    ``n_ranked`` (:func:`~lis_analytics.indicators.ranks.add_ranks`) for every area of
    :data:`AREA_TYPES`.
    """
    framework = load_framework()
    inputs = indicator_inputs(tables, framework)
    areas = all_areas(AREA_TYPES)
    regions = {a.code: a for a in areas if a.type == "RGN"}
    values = compute_all(framework, areas, inputs, regions)
    return add_ranks(values, framework, areas)
