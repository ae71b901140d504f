"""Comparator areas: statistical nearest neighbours among areas of the same kind.

The method follows ONS's statistical nearest neighbours (and CIPFA's for councils):

1. describe every area by a set of **structural** indicators (:data:`STRUCTURAL_FEATURES`:
   size, density, output per head, industry structure, age structure, skills), each computed
   from district counts as a ratio of sums (:func:`area_features`);
2. take the **pool**: areas of the same kind (LEPs with LEPs, combined authorities with
   combined authorities, districts with districts of the same nation; custom areas are
   compared with LEPs, the areas closest to them in scale), leaving out any area that shares
   a district with the target: that removes areas that contain it or are contained by it,
   and the LEPs that overlap it (the seven districts that sat in two LEPs in 2021);
3. **impute** a missing feature with the pool median and **standardise** each feature to a
   z-score over the pool (target included);
4. rank the pool by **weighted Euclidean distance** (:data:`DEFAULT_WEIGHTS`:
   productivity, skills, density and industry structure weigh more than size)
   ``sqrt(sum_j w_j (z_ij - z_tj)^2)`` to the target and keep the ``k`` nearest (default 5).

Features and weights are parameters; users may pass their own comparator list instead
(:func:`lis_analytics.chapters.peers.load_peers`), and every chapter of a pack uses the same
set.

Every area's features and nearest neighbours are derived tables (``comparator_features``,
``comparator_neighbours`` in ``lis_analytics/data/derived.yaml``), built by the pure
:func:`comparator_features` and :func:`comparator_neighbours` from the tables the data layer
passes in; the area catalogue comes from :mod:`lis_analytics.geography`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from lis_analytics.geography import Area, all_areas
from lis_analytics.indicators import AREA_TYPES, membership

DEFAULT_K = 5

STRUCTURAL_FEATURES: dict[str, str] = {
    "log_population": "Population (log), mid-2023",
    "log_density": "Residents per square kilometre (log), mid-2023",
    "gva_per_head": "GVA per head (£, current prices), 2023",
    "share_production": "Share of GVA in production (A-E), %",
    "share_construction": "Share of GVA in construction (F), %",
    "share_distribution": "Share of GVA in distribution, transport, accommodation and food "
                          "(G-I), %",
    "share_knowledge_services": "Share of GVA in information, finance and professional services "
                                "(J, K, M), %",
    "share_public_services": "Share of GVA in public administration, education and health "
                             "(O-Q), %",
    "working_age_share": "Residents aged 16 to 64, % of population, mid-2022",
    "nvq4plus_share": "Qualified to NVQ level 4+, % aged 16 to 64, 2021",
}
"""Default structural indicators (id -> description); weights in :data:`DEFAULT_WEIGHTS`."""

DEFAULT_WEIGHTS: dict[str, float] = {
    "log_population": 0.25, "log_density": 1.5, "gva_per_head": 3.0,
    "share_production": 1.0, "share_construction": 0.5, "share_distribution": 0.5,
    "share_knowledge_services": 1.5, "share_public_services": 1.0,
    "working_age_share": 0.5, "nvq4plus_share": 2.5,
}
"""Default weights: what an analyst means by a similar economy. Productivity (GVA per head,
weight 3), skills (NVQ4+, 2.5), density (1.5) and industry structure (the five shares, 4.5 in
all, knowledge services weighted most) dominate; sheer size (log population) gets a low
weight (0.25) so that a large area is not matched to others only because they are large."""

INDUSTRY_GROUPS: dict[str, tuple[str, ...]] = {
    "production": ("A-E",),
    "construction": ("F (41-43)",),
    "distribution": ("G (45-47)", "H (49-53)", "I (55-56)"),
    "knowledge_services": ("J (58-63)", "K (64-66)", "M (69-75)"),
    "public_services": ("O (84)", "P (85)", "Q (86-88)"),
}
"""GVA industry codes (regional GVA by industry, LAD workbook) summed for each share."""

POOL_OF_TYPE: dict[str, str] = {"LEP": "LEP", "CA": "CA", "LAD": "LAD", "RGN": "RGN",
                                "CUSTOM": "LEP", "SA": "CA"}
"""Kind of area each kind is compared with (a proposed strategic authority: the combined
authorities, as the 5 other programme areas are too few to choose nearest neighbours from)."""


def lad_structure_counts(gva: pd.DataFrame, population: pd.DataFrame, ages: pd.DataFrame,
                         area_km2: pd.Series, year: str = "2023",
                         age_year: str = "2022") -> pd.DataFrame:
    """Additive district counts behind the structural features (one row per LAD 2023).

    Parameters
    ----------
    gva
        ``gva_lad_industry`` rows (current prices) with ``industry_code``.
    population
        ``population_rgva`` (population by LAD 2023 code and year).
    ages
        ``population_mye_mid2022`` (``population``, ``population_16_64``).
    area_km2
        Land area of each LAD (square kilometres), indexed by LAD code.

    Returns
    -------
    DataFrame
        Columns ``population, area_km2, gva_total, gva_<group>, pop_all_ages,
        pop_16_64``, indexed by LAD code.
    """
    cur = gva[(gva["measure"] == "gva_current_prices") & (gva["period"] == year)]
    by_ind = cur.pivot_table(index="area_code", columns="industry_code", values="value",
                             aggfunc="sum")
    out = pd.DataFrame(index=by_ind.index)
    out["gva_total"] = by_ind["Total"]
    for group, codes in INDUSTRY_GROUPS.items():
        present = [c for c in codes if c in by_ind.columns]
        out[f"gva_{group}"] = by_ind[present].sum(axis=1, min_count=len(codes))
    pop = population[(population["measure"] == "population") & (population["period"] == year)
                     & (population["geography"] == "LAD")].set_index("area_code")["value"]
    out["population"] = pop
    out["area_km2"] = area_km2
    a = ages[(ages["geography"] == "LAD") & (ages["period"] == age_year)]
    a = a.pivot_table(index="area_code", columns="measure", values="value", aggfunc="first")
    out["pop_all_ages"] = a.get("population")
    out["pop_16_64"] = a.get("population_16_64")
    return out


def area_features(counts: pd.DataFrame, areas: Sequence[Area],
                  extra: pd.DataFrame | None = None) -> pd.DataFrame:
    """Structural features of areas from district counts (ratios of sums, never means).

    Parameters
    ----------
    counts
        :func:`lad_structure_counts` output (LAD 2023 index).
    areas
        The areas.
    extra
        Further features already computed per area (index area code), e.g.
        ``nvq4plus_share`` from the indicator table.

    Examples
    --------
    >>> c = pd.DataFrame({"population": [100.0, 300.0], "area_km2": [10.0, 10.0],
    ...                   "gva_total": [1.0, 3.0], "gva_production": [0.5, 0.5]},
    ...                  index=["A", "B"])
    >>> f = area_features(c, [Area("X", "X", "CUSTOM", ("A", "B"))])
    >>> round(float(f.loc["X", "share_production"]), 1), round(float(f.loc["X", "gva_per_head"]))
    (25.0, 10000)
    """
    codes = [a.code for a in areas]
    m = membership(areas, list(counts.index))
    sums = pd.DataFrame(m @ counts.fillna(0).to_numpy(), index=codes, columns=counts.columns)
    # a sum is missing when any district lacks the count
    gaps = pd.DataFrame(m @ counts.isna().to_numpy().astype(float), index=codes,
                        columns=counts.columns) > 0
    sums = sums.mask(gaps)
    f = pd.DataFrame(index=codes)
    if "population" in sums:
        f["log_population"] = np.log(sums["population"])
        if "area_km2" in sums:
            f["log_density"] = np.log(sums["population"] / sums["area_km2"])
        if "gva_total" in sums:
            f["gva_per_head"] = sums["gva_total"] * 1e6 / sums["population"]
    for group in INDUSTRY_GROUPS:
        col = f"gva_{group}"
        if col in sums and "gva_total" in sums:
            f[f"share_{group}"] = 100 * sums[col] / sums["gva_total"]
    if {"pop_16_64", "pop_all_ages"} <= set(sums.columns):
        f["working_age_share"] = 100 * sums["pop_16_64"] / sums["pop_all_ages"]
    if extra is not None:
        f = f.join(extra, how="left")
    return f.replace([np.inf, -np.inf], np.nan)


def standardise(features: pd.DataFrame) -> pd.DataFrame:
    """Median-impute each column, then z-score it (population standard deviation).

    A column with no spread becomes zeros (it cannot tell areas apart).

    Examples
    --------
    >>> z = standardise(pd.DataFrame({"a": [1.0, 2.0, 3.0, np.nan]}))
    >>> z["a"].round(3).tolist()
    [-1.414, 0.0, 1.414, 0.0]
    """
    filled = features.fillna(features.median(numeric_only=True))
    sd = filled.std(ddof=0).replace(0, np.nan)
    return ((filled - filled.mean()) / sd).fillna(0.0)


def nearest_neighbours(features: pd.DataFrame, target: str, pool: Sequence[str], *,
                       k: int = DEFAULT_K, weights: Mapping[str, float] | None = None,
                       lad_sets: Mapping[str, frozenset] | None = None,
                       exclude: str = "overlap") -> pd.DataFrame:
    """The ``k`` areas of ``pool`` nearest to ``target`` in standardised feature space.

    Parameters
    ----------
    features
        Area x feature table (raw values; missing allowed).
    target
        Code of the area to find comparators for.
    pool
        Candidate codes (areas of the same kind); the target is removed from it.
    k
        Number of neighbours.
    weights
        Feature -> weight; features not named get weight 0 when ``weights`` is given
        (default: every column of ``features`` with weight 1).
    lad_sets
        Area code -> its districts; with ``exclude`` it removes related areas.
    exclude
        ``"overlap"`` (default): drop candidates sharing any district with the target
        (contains, contained by or overlaps it); ``"containment"``: only those containing
        or contained by it; ``"none"``.

    Returns
    -------
    DataFrame
        ``comparator_code, distance, rank`` (1 = nearest), nearest first.

    Examples
    --------
    >>> f = pd.DataFrame({"x": [0.0, 1.0, 10.0, 2.0], "y": [0.0, 1.0, 10.0, 2.0]},
    ...                  index=["T", "A", "B", "C"])
    >>> nearest_neighbours(f, "T", ["A", "B", "C"], k=2)["comparator_code"].tolist()
    ['A', 'C']
    """
    if target not in features.index:
        raise KeyError(f"no features for {target!r}")
    weights = dict(weights) if weights is not None else {c: 1.0 for c in features.columns}
    cols = [c for c in features.columns if weights.get(c, 0) > 0]
    if not cols:
        raise ValueError("no feature has a positive weight")
    candidates = [c for c in pool if c != target and c in features.index]
    if lad_sets is not None and exclude != "none":
        mine = lad_sets.get(target, frozenset())
        kept = []
        for c in candidates:
            theirs = lad_sets.get(c, frozenset())
            if exclude == "overlap" and mine & theirs:
                continue
            if exclude == "containment" and (mine <= theirs or theirs <= mine):
                continue
            kept.append(c)
        candidates = kept
    group = features.loc[[target, *candidates], cols]
    z = standardise(group)
    w = np.array([weights[c] for c in cols])
    diff = z.loc[candidates].to_numpy() - z.loc[target].to_numpy()
    dist = np.sqrt((w * diff ** 2).sum(axis=1))
    out = pd.DataFrame({"comparator_code": candidates, "distance": dist})
    out = out.sort_values(["distance", "comparator_code"]).head(k).reset_index(drop=True)
    out["rank"] = np.arange(1, len(out) + 1)
    return out


def pool_for(area: Area, areas: Sequence[Area]) -> list[str]:
    """Codes of the areas ``area`` is compared with (same kind; districts of the same nation)."""
    kind = POOL_OF_TYPE.get(area.type)
    if kind is None:
        return []
    pool = [a.code for a in areas if a.type == kind and a.code != area.code]
    if kind == "LAD":
        pool = [c for c in pool if c[0] == area.code[0]]
    return pool


def all_neighbours(features: pd.DataFrame, areas: Sequence[Area], *, k: int = DEFAULT_K,
                   weights: Mapping[str, float] | None = None,
                   exclude: str = "overlap") -> pd.DataFrame:
    """Nearest neighbours of every area (the shared step's comparator table).

    ``weights`` defaults to :data:`DEFAULT_WEIGHTS` (weight 1 for other columns).
    """
    if weights is None:
        weights = {c: DEFAULT_WEIGHTS.get(c, 1.0) for c in features.columns}
    lad_sets = {a.code: frozenset(a.lad_codes) for a in areas}
    names = {a.code: a.name for a in areas}
    frames = []
    for area in areas:
        pool = pool_for(area, areas)
        if not pool or area.code not in features.index:
            continue
        nn = nearest_neighbours(features, area.code, pool, k=k, weights=weights,
                                lad_sets=lad_sets, exclude=exclude)
        frames.append(nn.assign(area_code=area.code,
                                comparator_name=nn["comparator_code"].map(names),
                                pool_type=POOL_OF_TYPE[area.type], n_pool=len(pool)))
    cols = ["area_code", "rank", "comparator_code", "comparator_name", "distance", "pool_type",
            "n_pool"]
    return pd.concat(frames, ignore_index=True)[cols] if frames else pd.DataFrame(columns=cols)


def area_km2(boundaries: pd.DataFrame) -> pd.Series:
    """Land area of each district (square kilometres) from its boundary (British National Grid).

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import box
    >>> b = gpd.GeoDataFrame({"area_code": ["A"]}, geometry=[box(0, 0, 2000, 1000)],
    ...                      crs="EPSG:27700")
    >>> area_km2(b).to_dict()
    {'A': 2.0}
    """
    return pd.Series(boundaries.geometry.area.to_numpy() / 1e6, index=boundaries["area_code"])


def comparator_features(gva_lad_industry: pd.DataFrame, population_rgva: pd.DataFrame,
                        population_mye_mid2022: pd.DataFrame, boundaries_lad23: pd.DataFrame,
                        indicator_values: pd.DataFrame) -> pd.DataFrame:
    """Builder of the ``comparator_features`` derived table: every area's structural features.

    The district counts of :func:`lad_structure_counts` summed over every area of the
    catalogue (:func:`area_features`), with the NVQ4+ share of 2021 from the indicator table.

    Returns
    -------
    DataFrame
        ``area_code`` and one column per feature (:data:`STRUCTURAL_FEATURES`).
    """
    gva = gva_lad_industry[gva_lad_industry["measure"] == "gva_current_prices"]
    counts = lad_structure_counts(gva, population_rgva, population_mye_mid2022,
                                  area_km2(boundaries_lad23))
    values = indicator_values
    nvq = values[(values["indicator_id"] == "nvq4plus_share") & (values["period"] == "2021")]
    extra = nvq.set_index("area_code")["value"].rename("nvq4plus_share").to_frame()
    features = area_features(counts, all_areas(AREA_TYPES), extra)
    return features.rename_axis("area_code").reset_index()


def comparator_neighbours(comparator_features: pd.DataFrame) -> pd.DataFrame:
    """Builder of the ``comparator_neighbours`` derived table: every area's nearest neighbours.

    :func:`all_neighbours` of the ``comparator_features`` table over the catalogue's areas.
    """
    features = comparator_features.set_index("area_code")
    return all_neighbours(features, all_areas(AREA_TYPES))
