"""Commuting flow tables: validation, special destinations, zone matrices and aggregation.

* :func:`validate_flows` -- a flow table checked and given clean types;
* :func:`classify_destinations` and :class:`SpecialDestinationPolicy` -- the Census
  pseudo-destinations (work mainly at or from home, no fixed place, offshore,
  outside the UK, Scotland / Northern Ireland) and how each is counted;
* :func:`build_zone_flows` -- a validated flow table turned into a sparse
  zone-by-zone matrix (:class:`ZoneFlows`) with residents and jobs per zone (used by
  the TTWA algorithm and the all-area self-containment);
* :func:`aggregate_flows` -- flows from zones to groups (e.g. MSOA to LAD);
* :func:`bridge_lad_flows` -- LAD flows of any vintage on LAD December 2023 codes.

Flow tables have the columns ``origin_code`` (residence zone), ``destination_code``
(workplace zone or a pseudo-destination) and ``persons`` (non-negative integer
count); other columns (e.g. ``dataset_id``) are ignored. Duplicate
origin-destination pairs are added together.

Special destinations and how they are counted
---------------------------------------------
Every function that reads flows takes a :class:`SpecialDestinationPolicy` and
returns a table saying how each special destination was handled and how many
persons it covered. A destination is handled in one of three ways:

``"residence"``
    counted as living *and* working in the residence zone: adds to the zone's
    employed residents, its workplace jobs and its live-and-work flow.
``"outside"``
    counted as residents who work outside every zone of the flow table: adds to
    employed residents and to out-commuting (lowers supply-side
    self-containment), adds no jobs anywhere.
``"exclude"``
    dropped: not counted in residents, jobs or flows.

The defaults, and why:

* work mainly at or from home (2011 ``OD0000001``) -> ``"residence"``: home
  workers are part of the local labour market and work where they live, so they
  count towards the self-containment of their zone;
* no fixed place (2011 ``OD0000003``) -> ``"residence"``: ONS's own convention.
  Census 2011 workday-population statistics count people who "work mainly at or
  from home or do not have a fixed place of work" in their area of usual
  residence, and Census 2021 publishes the two groups as one category that ONS
  codes to the residence area (below), so this is also the only treatment that
  puts 2011 and 2021 on the same footing. It matters: with no-fixed-place workers
  excluded, the 2011 MSOA TTWAs number 128, with them at the residence 152, much
  closer to ONS's 2011 map (see :mod:`lis_analytics.commuting.ttwa`). Many of these
  workers (builders, drivers, agency staff) do travel, but mostly locally, so
  counting them as local workers is closer to the truth than dropping them;
  ``SpecialDestinationPolicy(no_fixed_place="exclude")`` reproduces the old
  treatment;
* mainly at/from home *or* no fixed place (2021 ``111111111``, one category in
  Census 2021) -> ``"residence"``, the way ONS codes it in its LTLA table. Census
  2021 was taken during a lockdown (12.6 million, 45% of workers, in this
  category), so self-containment from 2021 flows is overstated for travel-to-work
  purposes: the handling table flags it;
* offshore installation (``OD0000002`` / ``888888888``) and outside the UK
  (``OD0000004`` / ``999999999``) -> ``"exclude"``: not daily commuting to any
  zone;
* Scotland, Northern Ireland and other non-England-and-Wales GSS codes
  (``S92000003``, ``N92000002``, ``S02...``) -> ``"outside"``: real cross-border
  commuting, which lowers the self-containment of border areas.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields

import numpy as np
import pandas as pd
import scipy.sparse as sp

from lis_analytics.geography import bridge_flows

__all__ = [
    "FLOW_INPUT_COLUMNS",
    "HANDLINGS",
    "SPECIAL_CATEGORIES",
    "SPECIAL_DESTINATION_CODES",
    "UNMAPPED_GROUP",
    "ZONE",
    "SpecialDestinationPolicy",
    "ZoneFlows",
    "aggregate_flows",
    "bridge_lad_flows",
    "build_zone_flows",
    "classify_destinations",
    "is_zone_code",
    "validate_flows",
]

FLOW_INPUT_COLUMNS: tuple[str, str, str] = ("origin_code", "destination_code", "persons")
"""Columns every flow table must have."""

ZONE = "zone"
"""Category of an ordinary destination zone."""

SPECIAL_DESTINATION_CODES: dict[str, str] = {
    "OD0000001": "at_home",
    "OD0000002": "offshore",
    "OD0000003": "no_fixed_place",
    "OD0000004": "outside_uk",
    "111111111": "home_or_no_fixed_place",
    "888888888": "offshore",
    "999999999": "outside_uk",
    "S92000003": "outside_england_wales",
    "N92000002": "outside_england_wales",
}
"""Census 2011 (``OD...``) and 2021 (``111111111`` ...) pseudo-destinations and their category."""

SPECIAL_CATEGORIES: tuple[str, ...] = (
    "at_home",
    "no_fixed_place",
    "home_or_no_fixed_place",
    "offshore",
    "outside_uk",
    "outside_england_wales",
)
"""The special destination categories, in reporting order."""

HANDLINGS: dict[str, str] = {
    "residence": "counted as living and working in the residence zone "
    "(adds to residents, jobs and live-and-work)",
    "outside": "counted as residents working outside every zone "
    "(adds to residents and out-commuting, no jobs)",
    "exclude": "excluded (not counted in residents, jobs or flows)",
}
"""Allowed handlings of a special destination and what each does."""

_CATEGORY_LABELS: dict[str, str] = {
    "at_home": "work mainly at or from home",
    "no_fixed_place": "no fixed place of work",
    "home_or_no_fixed_place": "mainly at or from home or no fixed place (Census 2021)",
    "offshore": "offshore installation",
    "outside_uk": "outside the UK",
    "outside_england_wales": "Scotland, Northern Ireland or elsewhere outside England and Wales",
}

_CATEGORY_NOTES: dict[str, str] = {
    "home_or_no_fixed_place": "Census 2021 was taken during a national lockdown and furlough: "
    "45% of workers (12.6 million) were mainly at or from home or no fixed place. "
    "Self-containment from 2021 flows overstates travel-to-work self-containment; "
    "prefer 2011 flows for TTWAs.",
}

# GSS codes of Scotland (S), Northern Ireland (N), Channel Islands (L), Isle of Man (M).
_OUTSIDE_EW_PATTERN = re.compile(r"^[SNLM]\d{8}$")


@dataclass(frozen=True)
class SpecialDestinationPolicy:
    """How each special destination is counted (see the module docstring).

    Each field is one of ``"residence"``, ``"outside"`` or ``"exclude"``.

    Parameters
    ----------
    at_home : str
        Work mainly at or from home (2011 ``OD0000001``). Default ``"residence"``.
    no_fixed_place : str
        No fixed place of work (2011 ``OD0000003``). Default ``"residence"``.
    home_or_no_fixed_place : str
        Census 2021 combined category ``111111111``. Default ``"residence"``.
    offshore : str
        Offshore installation (``OD0000002`` / ``888888888``). Default ``"exclude"``.
    outside_uk : str
        Outside the UK (``OD0000004`` / ``999999999``). Default ``"exclude"``.
    outside_england_wales : str
        Scotland, Northern Ireland (``S92000003``, ``N92000002``, ``S02...``).
        Default ``"outside"``.

    Examples
    --------
    >>> SpecialDestinationPolicy().no_fixed_place
    'residence'
    >>> SpecialDestinationPolicy(no_fixed_place="exclude").handling("no_fixed_place")
    'exclude'
    >>> SpecialDestinationPolicy(offshore="ignore")
    Traceback (most recent call last):
    ...
    ValueError: offshore: handling 'ignore' is not one of ['residence', 'outside', 'exclude']
    """

    at_home: str = "residence"
    no_fixed_place: str = "residence"
    home_or_no_fixed_place: str = "residence"
    offshore: str = "exclude"
    outside_uk: str = "exclude"
    outside_england_wales: str = "outside"

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if value not in HANDLINGS:
                raise ValueError(f"{f.name}: handling {value!r} is not one of {list(HANDLINGS)}")

    def handling(self, category: str) -> str:
        """Return the handling of a special destination category.

        Parameters
        ----------
        category : str
            One of :data:`SPECIAL_CATEGORIES`.

        Returns
        -------
        str
            ``"residence"``, ``"outside"`` or ``"exclude"``.

        Examples
        --------
        >>> SpecialDestinationPolicy().handling("outside_england_wales")
        'outside'
        """
        if category not in SPECIAL_CATEGORIES:
            raise ValueError(f"unknown special destination category {category!r}")
        return getattr(self, category)


def classify_destinations(codes: Iterable[str]) -> pd.Series:
    """Classify destination codes as an ordinary zone or a special destination.

    Parameters
    ----------
    codes : iterable of str
        Destination codes.

    Returns
    -------
    pandas.Series
        One category per code, indexed by position: ``"zone"`` or one of
        :data:`SPECIAL_CATEGORIES`. Known pseudo-codes are listed in
        :data:`SPECIAL_DESTINATION_CODES`; any other GSS code of Scotland,
        Northern Ireland, the Channel Islands or the Isle of Man (``S``, ``N``,
        ``L``, ``M`` and 8 digits) is ``"outside_england_wales"``.

    Examples
    --------
    >>> classify_destinations(["E02000001", "OD0000001", "111111111", "S02001234"]).tolist()
    ['zone', 'at_home', 'home_or_no_fixed_place', 'outside_england_wales']
    """
    values = pd.Series(list(codes), dtype=object).astype(str)
    uniques = pd.unique(values)
    lookup = {code: _classify_one(code) for code in uniques}
    return values.map(lookup).astype(object)


def _classify_one(code: str) -> str:
    category = SPECIAL_DESTINATION_CODES.get(code)
    if category is not None:
        return category
    if _OUTSIDE_EW_PATTERN.match(code):
        return "outside_england_wales"
    return ZONE


def is_zone_code(code: str) -> bool:
    """True when a destination code is an ordinary zone, not a special destination.

    Examples
    --------
    >>> is_zone_code("E08000010"), is_zone_code("OD0000001"), is_zone_code("S92000003")
    (True, False, False)
    """
    return _classify_one(str(code)) == ZONE


def validate_flows(flows: pd.DataFrame) -> pd.DataFrame:
    """Check a flow table and return its three columns with clean types.

    Parameters
    ----------
    flows : pandas.DataFrame
        Must have ``origin_code``, ``destination_code`` and ``persons``.

    Returns
    -------
    pandas.DataFrame
        ``origin_code`` and ``destination_code`` as str, ``persons`` as int64.

    Raises
    ------
    TypeError
        If ``flows`` is not a DataFrame.
    ValueError
        If a column is missing, a code is missing, ``persons`` is missing,
        not a whole number or negative, or an origin is a special destination.

    Examples
    --------
    >>> validate_flows(pd.DataFrame({"origin_code": ["A"], "destination_code": ["B"],
    ...                              "persons": [2.0]})).dtypes["persons"]
    dtype('int64')
    >>> validate_flows(pd.DataFrame({"origin_code": ["A"], "persons": [1]}))
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: flow table is missing column(s) ['destination_code']; it has [...]
    >>> validate_flows(pd.DataFrame({"origin_code": ["A"], "destination_code": ["B"],
    ...                              "persons": [-3]}))
    Traceback (most recent call last):
    ...
    ValueError: persons must be non-negative: 1 negative row(s), e.g. A -> B: -3
    """
    if not isinstance(flows, pd.DataFrame):
        raise TypeError(f"flows must be a pandas DataFrame, not {type(flows).__name__}")
    missing = [c for c in FLOW_INPUT_COLUMNS if c not in flows.columns]
    if missing:
        raise ValueError(
            f"flow table is missing column(s) {missing}; it has {[str(c) for c in flows.columns]}"
        )
    out = pd.DataFrame(
        {
            "origin_code": flows["origin_code"],
            "destination_code": flows["destination_code"],
        }
    )
    for column in ("origin_code", "destination_code"):
        if out[column].isna().any():
            raise ValueError(f"{column} has {int(out[column].isna().sum())} missing value(s)")
        out[column] = out[column].astype(str)
    persons = pd.to_numeric(flows["persons"], errors="coerce")
    if persons.isna().any():
        bad = flows.loc[persons.isna(), "persons"].iloc[0]
        raise ValueError(
            f"persons must be numbers: {int(persons.isna().sum())} missing or "
            f"non-numeric value(s), e.g. {bad!r}"
        )
    values = persons.to_numpy(dtype=float)
    if (values < 0).any():
        where = np.flatnonzero(values < 0)
        i = where[0]
        raise ValueError(
            f"persons must be non-negative: {len(where)} negative row(s), e.g. "
            f"{out['origin_code'].iloc[i]} -> {out['destination_code'].iloc[i]}: "
            f"{values[i]:g}"
        )
    if not np.all(np.equal(np.floor(values), values)):
        i = np.flatnonzero(np.floor(values) != values)[0]
        raise ValueError(f"persons must be whole numbers, e.g. {values[i]!r}")
    out["persons"] = values.astype(np.int64)
    special_origins = sorted({c for c in pd.unique(out["origin_code"]) if _classify_one(c) != ZONE})
    if special_origins:
        raise ValueError(
            f"origin_code contains special destination codes {special_origins[:10]}: "
            "origins must be residence zones"
        )
    return out.reset_index(drop=True)


def _handling_table(
    category_persons: Mapping[str, int],
    category_codes: Mapping[str, list[str]],
    policy: SpecialDestinationPolicy,
) -> pd.DataFrame:
    rows = []
    for category in SPECIAL_CATEGORIES:
        handling = policy.handling(category)
        rows.append(
            {
                "category": category,
                "description": _CATEGORY_LABELS[category],
                "codes": ", ".join(sorted(category_codes.get(category, []))),
                "persons": int(category_persons.get(category, 0)),
                "handling": handling,
                "effect": HANDLINGS[handling],
                "note": _CATEGORY_NOTES.get(category, "")
                if category_persons.get(category, 0)
                else "",
            }
        )
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class ZoneFlows:
    """Commuting flows between zones after special destinations are handled.

    Attributes
    ----------
    zone_codes : pandas.Index
        Sorted zone codes; position ``i`` is row and column ``i`` of ``matrix``.
        Zones are every origin and every destination that is not special.
    matrix : scipy.sparse.csr_matrix
        ``matrix[i, j]`` = persons living in zone ``i`` and working in zone ``j``
        (float64; the diagonal includes flows handled as ``"residence"``).
    residents : numpy.ndarray
        Employed residents per zone: row sums plus ``outside``.
    jobs : numpy.ndarray
        Workplace jobs per zone: column sums of ``matrix``.
    outside : numpy.ndarray
        Residents per zone working at a destination handled as ``"outside"``.
    special_destinations : pandas.DataFrame
        How each special destination was handled, with persons counted.
    total_persons : int
        Persons in the input table before any exclusion.
    """

    zone_codes: pd.Index
    matrix: sp.csr_matrix
    residents: np.ndarray
    jobs: np.ndarray
    outside: np.ndarray
    special_destinations: pd.DataFrame
    total_persons: int

    @property
    def n_zones(self) -> int:
        """Number of zones."""
        return len(self.zone_codes)

    @property
    def excluded_persons(self) -> int:
        """Persons dropped because their destination is handled as ``"exclude"``."""
        table = self.special_destinations
        return int(table.loc[table["handling"] == "exclude", "persons"].sum())


@dataclass(frozen=True)
class _PreparedFlows:
    """Row-level flows with special destinations resolved (internal)."""

    origin: np.ndarray  # int index into zone_codes
    destination: np.ndarray  # int index into zone_codes, -1 for "outside"
    persons: np.ndarray  # int64
    outside_code: np.ndarray  # object: destination code for "outside" rows, "" otherwise
    zone_codes: pd.Index
    handling: pd.DataFrame
    total_persons: int


def _prepare(flows: pd.DataFrame, policy: SpecialDestinationPolicy | None) -> _PreparedFlows:
    policy = policy or SpecialDestinationPolicy()
    clean = validate_flows(flows)
    total = int(clean["persons"].sum())
    dest_idx, dest_uniques = pd.factorize(clean["destination_code"], sort=False)
    dest_uniques = np.asarray(dest_uniques, dtype=object)
    dest_cats = np.array([_classify_one(c) for c in dest_uniques], dtype=object)
    orig_idx, orig_uniques = pd.factorize(clean["origin_code"], sort=False)
    orig_uniques = np.asarray(orig_uniques, dtype=object)
    zone_dest = dest_uniques[dest_cats == ZONE]
    zone_codes = pd.Index(np.union1d(orig_uniques.astype(str), zone_dest.astype(str)), dtype=object)
    orig_pos = zone_codes.get_indexer(orig_uniques)[orig_idx]
    persons = clean["persons"].to_numpy()

    row_cat = dest_cats[dest_idx]
    category_persons: dict[str, int] = {}
    category_codes: dict[str, list[str]] = {}
    for k, code in enumerate(dest_uniques):
        cat = dest_cats[k]
        if cat != ZONE:
            category_codes.setdefault(cat, []).append(str(code))
    for cat in category_codes:
        category_persons[cat] = int(persons[row_cat == cat].sum())

    dest_zone_pos = np.full(len(dest_uniques), -1, dtype=np.int64)
    is_zone_unique = dest_cats == ZONE
    dest_zone_pos[is_zone_unique] = zone_codes.get_indexer(dest_uniques[is_zone_unique])
    dest_pos = dest_zone_pos[dest_idx]

    handling_of = {cat: policy.handling(cat) for cat in SPECIAL_CATEGORIES}
    row_handling = np.full(len(clean), "zone", dtype=object)
    for cat, how in handling_of.items():
        row_handling[row_cat == cat] = how
    residence = row_handling == "residence"
    dest_pos[residence] = orig_pos[residence]
    outside = row_handling == "outside"
    keep = ~(row_handling == "exclude")
    outside_code = np.full(len(clean), "", dtype=object)
    outside_code[outside] = dest_uniques[dest_idx[outside]]
    dest_pos[outside] = -1
    return _PreparedFlows(
        origin=orig_pos[keep].astype(np.int64),
        destination=dest_pos[keep],
        persons=persons[keep].astype(np.int64),
        outside_code=outside_code[keep],
        zone_codes=zone_codes,
        handling=_handling_table(category_persons, category_codes, policy),
        total_persons=total,
    )


def build_zone_flows(
    flows: pd.DataFrame, policy: SpecialDestinationPolicy | None = None
) -> ZoneFlows:
    """Turn a flow table into a sparse zone-by-zone matrix with residents and jobs.

    Parameters
    ----------
    flows : pandas.DataFrame
        Flow table (``origin_code``, ``destination_code``, ``persons``).
    policy : SpecialDestinationPolicy, optional
        How special destinations are counted; defaults to
        ``SpecialDestinationPolicy()`` (see the module docstring).

    Returns
    -------
    ZoneFlows
        Matrix, residents, jobs and the special destination handling table.

    Examples
    --------
    >>> flows = pd.DataFrame({
    ...     "origin_code": ["A", "A", "A", "B", "B"],
    ...     "destination_code": ["A", "B", "OD0000001", "B", "OD0000002"],
    ...     "persons": [10, 5, 3, 7, 4],
    ... })
    >>> zf = build_zone_flows(flows)  # home workers (3) stay in A; offshore (4) are dropped
    >>> list(zf.zone_codes), zf.residents.tolist(), zf.jobs.tolist()
    (['A', 'B'], [18.0, 7.0], [13.0, 12.0])
    >>> zf.excluded_persons
    4
    """
    prepared = _prepare(flows, policy)
    n = len(prepared.zone_codes)
    inside = prepared.destination >= 0
    matrix = sp.csr_matrix(
        (
            prepared.persons[inside].astype(float),
            (prepared.origin[inside], prepared.destination[inside]),
        ),
        shape=(n, n),
    )
    matrix.sum_duplicates()
    outside = np.bincount(
        prepared.origin[~inside], weights=prepared.persons[~inside].astype(float), minlength=n
    )
    residents = np.asarray(matrix.sum(axis=1)).ravel() + outside
    jobs = np.asarray(matrix.sum(axis=0)).ravel()
    return ZoneFlows(
        zone_codes=prepared.zone_codes,
        matrix=matrix,
        residents=residents,
        jobs=jobs,
        outside=outside,
        special_destinations=prepared.handling,
        total_persons=prepared.total_persons,
    )


def _as_mapping_series(mapping: Mapping[str, str] | pd.Series, what: str) -> pd.Series:
    if isinstance(mapping, pd.Series):
        series = mapping.copy()
    elif isinstance(mapping, Mapping):
        series = pd.Series(dict(mapping), dtype=object)
    else:
        raise TypeError(f"{what} must be a dict-like mapping or a pandas Series")
    series.index = series.index.astype(str)
    if series.index.has_duplicates:
        dups = sorted(set(series.index[series.index.duplicated()]))
        raise ValueError(f"{what} maps some codes more than once: {dups[:10]}")
    return series.astype(object)


def aggregate_flows(
    flows: pd.DataFrame,
    zone_to_group: Mapping[str, str] | pd.Series,
    *,
    unmapped: str = "error",
) -> pd.DataFrame:
    """Aggregate a flow table from zones to groups (e.g. MSOA to LAD), keeping totals.

    Origins and ordinary destination zones are replaced by their group; special
    destinations (see :func:`classify_destinations`) pass through unchanged.
    Persons are summed, so the total is preserved exactly.

    Parameters
    ----------
    flows : pandas.DataFrame
        Flow table (``origin_code``, ``destination_code``, ``persons``).
    zone_to_group : mapping or pandas.Series
        Zone code to group code, e.g. MSOA11 to its parent LAD11.
    unmapped : {"error", "keep"}
        What to do with a zone that is not in ``zone_to_group``: raise a
        ``ValueError`` naming it (default) or keep its own code as its group.

    Returns
    -------
    pandas.DataFrame
        ``origin_code``, ``destination_code``, ``persons`` (int64), one row per pair,
        sorted.

    Examples
    --------
    >>> flows = pd.DataFrame({
    ...     "origin_code": ["m1", "m1", "m2", "m3"],
    ...     "destination_code": ["m2", "OD0000001", "m3", "m1"],
    ...     "persons": [5, 2, 4, 1],
    ... })
    >>> aggregate_flows(flows, {"m1": "L1", "m2": "L1", "m3": "L2"})
      origin_code destination_code  persons
    0          L1               L1        5
    1          L1               L2        4
    2          L1        OD0000001        2
    3          L2               L1        1
    >>> aggregate_flows(flows, {"m1": "L1"})
    Traceback (most recent call last):
    ...
    ValueError: 2 zone(s) are not in zone_to_group: ['m2', 'm3']
    """
    if unmapped not in ("error", "keep"):
        raise ValueError(f"unmapped must be 'error' or 'keep', not {unmapped!r}")
    clean = validate_flows(flows)
    mapping = _as_mapping_series(zone_to_group, "zone_to_group")
    dest_idx, dest_uniques = pd.factorize(clean["destination_code"])
    orig_idx, orig_uniques = pd.factorize(clean["origin_code"])
    dest_uniques = np.asarray(dest_uniques, dtype=object)
    orig_uniques = np.asarray(orig_uniques, dtype=object)
    dest_is_zone = np.array([_classify_one(c) == ZONE for c in dest_uniques], dtype=bool)
    zones = pd.Index(np.union1d(orig_uniques.astype(str), dest_uniques[dest_is_zone].astype(str)))
    missing = zones.difference(mapping.index)
    if len(missing) and unmapped == "error":
        raise ValueError(f"{len(missing)} zone(s) are not in zone_to_group: {list(missing[:10])}")
    lookup = mapping.reindex(zones)
    lookup = lookup.where(lookup.notna(), pd.Series(zones, index=zones)).astype(str)
    new_orig = lookup.reindex(orig_uniques).to_numpy(dtype=object)
    new_dest = dest_uniques.copy()
    new_dest[dest_is_zone] = lookup.reindex(dest_uniques[dest_is_zone]).to_numpy(dtype=object)
    out = pd.DataFrame(
        {
            "origin_code": new_orig[orig_idx],
            "destination_code": new_dest[dest_idx],
            "persons": clean["persons"].to_numpy(),
        }
    )
    out = out.groupby(["origin_code", "destination_code"], sort=True)["persons"].sum().reset_index()
    out["origin_code"] = out["origin_code"].astype(str)
    out["destination_code"] = out["destination_code"].astype(str)
    out["persons"] = out["persons"].astype(np.int64)
    return out


def _check_zone_set(area_zones: Iterable[str], known: pd.Index, what: str) -> np.ndarray:
    if isinstance(area_zones, str):
        raise TypeError(f"{what} must be a collection of zone codes, not a single string")
    codes = pd.Index(pd.unique(pd.Series(list(area_zones), dtype=object).astype(str)))
    if len(codes) == 0:
        raise ValueError(f"{what} is empty")
    unknown = codes.difference(known)
    if len(unknown):
        raise ValueError(
            f"{what} has {len(unknown)} zone code(s) not found in the flows: {list(unknown[:10])}"
        )
    return known.get_indexer(codes)


UNMAPPED_GROUP = "(no group)"
"""Group label of zones missing from a ``zone_to_group`` mapping."""


def bridge_lad_flows(flows: pd.DataFrame) -> pd.DataFrame:
    """Re-express a LAD flow table of any vintage on LAD December 2023 codes.

    :func:`lis_analytics.geography.bridge_flows` with this module's special destinations
    (``OD...``, ``111111111``, Scotland, ...), which pass through unchanged. Reorganisations
    since 2011 merged whole districts, so flows are summed and totals are kept.

    Parameters
    ----------
    flows : pandas.DataFrame
        Flow table between LADs of any vintage (e.g. ``census2011_flows_lad``).

    Returns
    -------
    pandas.DataFrame
        ``origin_code``, ``destination_code``, ``persons`` (int64), one row per pair, sorted.

    Raises
    ------
    ValueError
        Naming the codes that are not LADs of any known vintage.

    Examples
    --------
    Special destinations need no look-up, so this runs without the data layer:

    >>> bridge_lad_flows(pd.DataFrame({"origin_code": [], "destination_code": [],
    ...                                "persons": []})).columns.tolist()
    ['origin_code', 'destination_code', 'persons']
    """
    return bridge_flows(validate_flows(flows), is_zone=is_zone_code)
