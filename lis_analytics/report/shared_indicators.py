"""Shared batch step for the people, foundations and baseline chapters.

``prepare()`` (run once per batch by :func:`lis_analytics.report.shared.prepare_shared`)
builds the indicator source tables, computes **every indicator for every area** (LEPs,
combined authorities, regions, England, custom areas and districts) with ranks, the
structural features of every area and **every area's nearest neighbours**, and writes them
under :func:`lis_analytics.report.shared.derived_dir`:

``indicator_values.parquet``
    :data:`lis_analytics.indicators.RESULT_COLUMNS` plus ``rank, n_ranked``.
``comparator_features.parquet``
    area x structural feature.
``comparators.parquet``
    ``area_code, rank, comparator_code, comparator_name, distance, pool_type, n_pool``.

Work is skipped when nothing it depends on changed (a signature of the processed tables'
manifest entries, the framework YAML, the area catalogue and this code). The loaders
(:func:`indicator_values`, :func:`comparator_table`, :func:`comparator_features`) read the
files, computing them first if they are missing or stale, so a chapter run on its own works.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from lis_analytics import comparators as comp
from lis_analytics import indicators as ind
from lis_analytics.data import build, load_table
from lis_analytics.geography import Area
from lis_analytics.report.shared import (
    derived_dir,
    inputs_signature,
    stamp_is_current,
    write_parquet,
    write_stamp,
)

POPULATION_DATASETS: tuple[str, ...] = (
    "population_rgva", "population_mye_mid2022", "population_mye_mid2024",
    "population_nomis_2016_2021",
)
"""Population tables behind the built-in weights (earlier ones win)."""

GEOGRAPHY_DATASETS: tuple[str, ...] = (
    "lookup_lad11_lad21", "lookup_lad21_itl321", "lookup_lad21_lep21", "lookup_lad25_cauth25",
    "lookup_lad23_rgn23", "lad_code_history", "productivity_lad", "ashe_t7_workplace_2024",
)
COMPARATOR_DATASETS: tuple[str, ...] = ("gva_lad_industry", "boundaries_lad23")
AREA_TYPES: tuple[str, ...] = ("LEP", "CA", "RGN", "CTRY", "CUSTOM", "LAD")

_FILES = {"values": "indicator_values.parquet", "features": "comparator_features.parquet",
          "neighbours": "comparators.parquet"}


def datasets() -> tuple[str, ...]:
    """Every processed table the indicator chapters read."""
    out = list(ind.load_framework().datasets)
    for ds in (*POPULATION_DATASETS, *GEOGRAPHY_DATASETS, *COMPARATOR_DATASETS):
        if ds not in out:
            out.append(ds)
    return tuple(out)


def _folder() -> Path:
    return derived_dir() / "indicators"


def _path(key: str) -> Path:
    return _folder() / _FILES[key]


def signature() -> str:
    """Hash of everything the shared indicator tables depend on."""
    import sys

    import lis_analytics.config as config

    framework = (Path(config.__file__).parent / "indicators.yaml").read_text("utf-8")
    return inputs_signature(datasets(), modules=(ind, comp, sys.modules[__name__]),
                            texts=(framework,))


# ------------------------------------------------------------------ inputs


def load_geo() -> ind.Geo:
    """Geography for indicator computations: bridges, atoms and published geographies."""
    from lis_analytics.geography import all_areas, bridge_code, canonical_lads

    lads = canonical_lads()
    lad_codes = tuple(lads["lad_code"])
    names = dict(zip(lads["lad_code"], lads["lad_name"], strict=True))
    codes: set[str] = set(lad_codes)
    for ds in (*ind.load_framework().datasets, *POPULATION_DATASETS):
        t = load_table(ds)
        if {"geography", "area_code"} <= set(t.columns):
            codes |= set(t.loc[t["geography"] == "LAD", "area_code"].unique())
    lu = load_table("lookup_lad11_lad21")
    codes |= set(lu["LAD21CD"]) | set(lu["LAD11CD"])
    bridge = {c: b for c in codes if (b := bridge_code(c)) is not None}
    atoms: dict[str, set[str]] = {}
    for lad21 in set(lu["LAD21CD"]):
        if lad21 in bridge:
            atoms.setdefault(bridge[lad21], set()).add(lad21)
    atoms_f = {k: frozenset(v) for k, v in atoms.items()}
    geo = ind.Geo(lad_codes, bridge, atoms_f, {}, names)
    published: dict[str, frozenset] = {}
    for area in all_areas(("LEP", "CA", "RGN", "CTRY")):
        published[area.code] = geo.atoms_of(area.lad_codes)
        names[area.code] = area.name
    ashe = load_table("ashe_t7_workplace_2024")
    kids = ashe[(ashe["parent_code"] != "") & (ashe["geography"] == "LAD")]
    for parent, grp in kids.groupby("parent_code"):
        published[parent] = geo.atoms_of(bridge.get(c, c) for c in set(grp["area_code"]))
    itl = load_table("lookup_lad21_itl321")
    for width in (5, 4, 3):  # ITL3, ITL2, ITL1
        for code, grp in itl.groupby(itl["ITL321CD"].str[:width]):
            published[code] = frozenset(grp["LAD21CD"])
    geo.published_sets = published
    return geo


def load_inputs() -> tuple[ind.Inputs, list, dict]:
    """Tables, geography and weights for :func:`lis_analytics.indicators.compute_all`.

    Returns ``(inputs, areas, region_areas)``.
    """
    from lis_analytics.geography import all_areas

    framework = ind.load_framework()
    tables = {ds: load_table(ds) for ds in framework.datasets}
    weights = ind.population_weights([load_table(ds) for ds in POPULATION_DATASETS])
    inputs = ind.Inputs(tables, load_geo(), weights)
    areas = all_areas(AREA_TYPES)
    regions = {a.code: a for a in areas if a.type == "RGN"}
    return inputs, areas, regions


# ------------------------------------------------------------------ computing


def _area_km2() -> pd.Series:
    b = load_table("boundaries_lad23")
    return pd.Series(b.geometry.area.to_numpy() / 1e6, index=b["area_code"])


def _compute() -> dict[str, pd.DataFrame]:
    framework = ind.load_framework()
    inputs, areas, regions = load_inputs()
    values = ind.compute_all(framework, areas, inputs, regions)
    values = ind.add_ranks(values, framework, areas)
    gva = load_table("gva_lad_industry")
    gva = gva[(gva["measure"] == "gva_current_prices")]
    counts = comp.lad_structure_counts(gva, load_table("population_rgva"),
                                       load_table("population_mye_mid2022"), _area_km2())
    nvq = values[(values["indicator_id"] == "nvq4plus_share") & (values["period"] == "2021")]
    extra = nvq.set_index("area_code")["value"].rename("nvq4plus_share").to_frame()
    features = comp.area_features(counts, areas, extra)
    neighbours = comp.all_neighbours(features, areas)
    return {"values": values, "features": features.rename_axis("area_code").reset_index(),
            "neighbours": neighbours}


def _write(frames: dict[str, pd.DataFrame], sig: str) -> None:
    for key, frame in frames.items():
        write_parquet(frame, _path(key))
    write_stamp(_folder(), sig)


def _fresh(sig: str) -> bool:
    return stamp_is_current(_folder(), sig, _FILES.values())


def prepare(force: bool = False) -> Path:
    """Build the tables, then compute indicators, features and neighbours if anything changed."""
    build(list(datasets()))
    sig = signature()
    if force or not _fresh(sig):
        _write(_compute(), sig)
    _read.cache_clear()
    return _folder()


@cache
def _read(key: str, sig: str) -> pd.DataFrame:
    return pd.read_parquet(_path(key))


def _load(key: str) -> pd.DataFrame:
    sig = signature()
    if not _fresh(sig):
        prepare()
        sig = signature()
    return _read(key, sig)


def indicator_values() -> pd.DataFrame:
    """Every indicator for every area and period (computed once per batch)."""
    return _load("values")


def comparator_table() -> pd.DataFrame:
    """Nearest neighbours of every area."""
    return _load("neighbours")


def neighbours_for_derived() -> pd.DataFrame:
    """Builder of the ``comparator_neighbours`` derived table (temporary, until the move)."""
    return comparator_table()


def comparator_features() -> pd.DataFrame:
    """Structural features of every area (``area_code`` + one column per feature)."""
    return _load("features")


@dataclass(frozen=True)
class ChapterInputs:
    """What the indicator chapters share for one area: the same comparators and benchmarks."""

    area: Area
    framework: list
    values: pd.DataFrame
    comparators: list[str]
    region: Area | None
    benchmarks: dict[str, str]
    names: dict[str, str]


def chapter_inputs(area_code: str, comparator_codes: list[str] | None = None,
                   latest_year: str = "") -> ChapterInputs:
    """Indicator values, framework, comparators and benchmarks for an area's chapters.

    The values are limited to the area, its benchmarks, its comparators and its districts,
    and to periods up to ``latest_year`` (empty for all).
    """
    from lis_analytics.geography import all_areas, get_area

    area = get_area(area_code)
    comparator_list = comp.comparators_for(area.code, comparator_codes)
    region = get_area(area.region_code) if area.region_code.startswith("E12") else None
    benchmarks = ind.benchmarks_for(area, region)
    values = ind.up_to(indicator_values(), latest_year)
    values = ind.for_areas(values, [area.code, *benchmarks.values(), *comparator_list,
                                    *area.lad_codes])
    return ChapterInputs(area, ind.load_framework(), values, comparator_list, region,
                         benchmarks, {a.code: a.name for a in all_areas()})
