"""Areas (named sets of local authority districts) and bridging LAD codes across vintages.

An :class:`Area` is a named set of LADs at one boundary vintage (LAD December 2023, the
vintage of the ONS productivity and regional GVA releases), with a type: ``LEP`` (the 38
LEPs of 2021; the seven LADs that sat in two LEPs belong to both), ``CA`` (Combined
Authorities in the latest lookup), ``RGN`` (English regions), ``CTRY`` (England), ``LAD``
and ``CUSTOM`` (declared in YAML).

Data of any vintage (LAD 2011, 2021, 2024, 2025) is mapped onto LAD 2023 building blocks
with :func:`bridge_codes`: reorganisations since 2011 merged whole districts, so older
codes map many-to-one onto newer ones and counts can simply be summed.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import pandas as pd
import yaml

from lis_analytics.errors import AreaDefinitionError, UnknownAreaError

CANONICAL_VINTAGE = "LAD23"
AREA_TYPES = ("LEP", "CA", "RGN", "CTRY", "LAD", "CUSTOM")
AREAS_FILE_ENV = "LIS_AREAS_FILE"


@dataclass(frozen=True)
class Area:
    """A named set of local authority districts.

    Parameters
    ----------
    code
        GSS code (``E37000015``) or, for custom areas, a lower-case slug.
    name
        Name as published.
    type
        One of ``LEP``, ``CA``, ``RGN``, ``CTRY``, ``LAD``, ``CUSTOM``.
    lad_codes
        LAD codes (vintage ``vintage``), sorted.
    vintage
        Boundary vintage of ``lad_codes``.
    region_code
        The English region holding most of the area's LADs (for benchmarks).
    shared_lads
        LADs that also belong to another area of the same type (LEP overlaps).
    description
        Free text, e.g. how a custom area was defined.

    Examples
    --------
    >>> a = Area("X1", "Example", "CUSTOM", ("E08000001", "E08000002"))
    >>> len(a)
    2
    >>> "E08000001" in a
    True
    """

    code: str
    name: str
    type: str
    lad_codes: tuple[str, ...]
    vintage: str = CANONICAL_VINTAGE
    region_code: str = ""
    shared_lads: tuple[str, ...] = ()
    description: str = ""
    source: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)

    def __len__(self) -> int:
        return len(self.lad_codes)

    def __contains__(self, lad_code: object) -> bool:
        return lad_code in self.lad_codes

    @property
    def label(self) -> str:
        """Name with type, e.g. ``'Greater Manchester LEP'``."""
        suffix = {"LEP": " LEP", "CA": " Combined Authority"}.get(self.type, "")
        return f"{self.name}{suffix}"


# ------------------------------------------------------------------ code bridging


@cache
def _successors() -> dict[str, str]:
    """Old LAD code -> next code, from ONS LAD11->LAD21, mySociety history and our YAML."""
    from lis_analytics.data import load_table

    succ: dict[str, str] = {}
    lu = load_table("lookup_lad11_lad21")
    for old, new in zip(lu["LAD11CD"], lu["LAD21CD"], strict=True):
        if old != new:
            succ[old] = new
    hist = load_table("lad_code_history")
    for old, new in zip(hist["old_code"], hist["new_code"], strict=True):
        succ.setdefault(old, new)
    return succ


@cache
def _extra_changes() -> list[dict]:
    text = resources.files("lis_analytics.config").joinpath("lad_code_changes.yaml").read_text()
    return yaml.safe_load(text)["changes"]


_canonical_cache: dict[str, pd.DataFrame] = {}


def canonical_lads() -> pd.DataFrame:
    """The LAD December 2023 building blocks: ``lad_code, lad_name, region_code, region_name``.

    Covers the whole UK (361 LADs, from the ONS productivity release); English LADs carry
    their region.
    """
    if "lads" not in _canonical_cache:
        _canonical_cache["lads"] = _build_canonical_lads()
    return _canonical_cache["lads"]


def _build_canonical_lads() -> pd.DataFrame:
    from lis_analytics.data import load_table

    prod = load_table("productivity_lad")
    lads = (prod.loc[prod["geography"] == "LAD", ["area_code", "area_name"]]
            .drop_duplicates("area_code").rename(columns={"area_code": "lad_code",
                                                          "area_name": "lad_name"}))
    rgn = load_table("lookup_lad23_rgn23").rename(
        columns={"LAD23CD": "lad_code", "RGN23CD": "region_code", "RGN23NM": "region_name"})
    out = lads.merge(rgn[["lad_code", "region_code", "region_name"]], on="lad_code", how="left")
    country = out["lad_code"].str[0].map({"E": "England", "W": "Wales", "S": "Scotland",
                                          "N": "Northern Ireland"})
    out["region_name"] = out["region_name"].fillna(country)
    out["region_code"] = out["region_code"].fillna(
        out["lad_code"].str[0].map({"W": "W92000004", "S": "S92000003", "N": "N92000002"}))
    return out.sort_values("lad_code").reset_index(drop=True)


def bridge_code(code: str, canonical: Iterable[str] | None = None) -> str | None:
    """Map a LAD code of any vintage onto its LAD 2023 building block.

    Older codes follow their successors (2011-2023 reorganisations merged whole districts);
    newer 1:1 recodes (e.g. Barnsley and Sheffield in 2024) map back. Returns ``None`` for a
    code that is not a LAD of any known vintage.

    Examples
    --------
    >>> bridge_code("E07000026")   # Allerdale (to 2023) -> Cumberland
    'E06000063'
    >>> bridge_code("E08000038")   # Barnsley (2024 code) -> Barnsley (2023 code)
    'E08000016'
    >>> bridge_code("E06000001")
    'E06000001'
    >>> bridge_code("E99999999") is None
    True
    """
    current = set(canonical) if canonical is not None else _canonical_set()
    if code in current:
        return code
    recode_back = {c["new_code"]: c["old_code"] for c in _extra_changes()}
    succ = _successors()
    seen = set()
    while code not in current:
        if code in seen:
            return None
        seen.add(code)
        if code in recode_back:
            code = recode_back[code]
        elif code in succ:
            code = succ[code]
        else:
            return None
    return code


@cache
def _canonical_set() -> frozenset[str]:
    return frozenset(canonical_lads()["lad_code"])


def bridge_codes(codes: Iterable[str]) -> pd.Series:
    """Vectorised :func:`bridge_code`: a Series of LAD 2023 codes (``None`` if unknown).

    Examples
    --------
    >>> bridge_codes(["E07000026", "E07000028", "E06000001"]).tolist()
    ['E06000063', 'E06000063', 'E06000001']
    """
    codes = list(codes)
    mapping = {c: bridge_code(c) for c in set(codes)}
    return pd.Series([mapping[c] for c in codes], dtype="object")


def bridge_counts(table: pd.DataFrame, code_col: str = "area_code",
                  value_cols: Iterable[str] = ("value",),
                  by: Iterable[str] = ()) -> pd.DataFrame:
    """Re-express an additive LAD table of any vintage on LAD 2023 codes by summing.

    Only valid for counts (people, jobs, £m in current prices): never use it for ratios,
    indices or medians. Rows whose code is not a LAD of any vintage are dropped and listed
    in ``DataFrame.attrs['unmapped_codes']``.

    Examples
    --------
    >>> t = pd.DataFrame({"area_code": ["E07000026", "E07000028", "E06000001"],
    ...                   "value": [10.0, 5.0, 7.0]})
    >>> bridge_counts(t).to_dict("list")
    {'area_code': ['E06000001', 'E06000063'], 'value': [7.0, 15.0]}
    """
    value_cols = list(value_cols)
    by = list(by)
    mapped = table.assign(**{code_col: bridge_codes(table[code_col]).to_numpy()})
    unmapped = sorted(set(table.loc[mapped[code_col].isna(), code_col]))
    mapped = mapped[mapped[code_col].notna()]
    out = mapped.groupby([code_col, *by], as_index=False)[value_cols].sum(min_count=1)
    out.attrs["unmapped_codes"] = unmapped
    return out


# ------------------------------------------------------------------ the catalogue


REGION_SHARE_FOR_BENCHMARK = 0.75
"""An area gets a regional benchmark only if at least this share of its LADs is in one region."""


def _region_of(lads: Iterable[str]) -> str:
    """The region holding most of the area's LADs, or ``""`` when no region holds 75% of them.

    An area spread over several regions (e.g. the Oxford-Cambridge Arc) has no honest
    single regional benchmark, so it gets none rather than a misleading one.
    """
    lads = list(lads)
    lookup = canonical_lads().set_index("lad_code")["region_code"]
    regions = lookup.reindex(lads).dropna()
    if not len(regions):
        return ""
    counts = regions.value_counts()
    return counts.index[0] if counts.iloc[0] >= REGION_SHARE_FOR_BENCHMARK * len(lads) else ""


def _bridge_set(codes: Iterable[str], context: str) -> tuple[str, ...]:
    out = set()
    for code in codes:
        bridged = bridge_code(code)
        if bridged is None:
            raise AreaDefinitionError(f"{context}: {code!r} is not a LAD code of any known vintage")
        out.add(bridged)
    return tuple(sorted(out))


_CATALOGUE_DATASETS = ("productivity_lad", "lookup_lad21_lep21", "lookup_lad25_cauth25",
                       "lookup_lad23_rgn23", "lookup_lad11_lad21", "lad_code_history")


def _catalogue_cache_key() -> str | None:
    """Key of the on-disk catalogue cache: the tables' builds and this module's code."""
    import hashlib
    import json

    from lis_analytics.data.store import table_build

    entries = [table_build(ds) for ds in _CATALOGUE_DATASETS]
    if not all(entries):
        return None
    digest = hashlib.sha256(json.dumps(entries, sort_keys=True).encode())
    digest.update(Path(__file__).read_bytes())
    digest.update(resources.files("lis_analytics.config").joinpath("lad_code_changes.yaml")
                  .read_bytes())
    return digest.hexdigest()


@cache
def _official_areas() -> dict[str, Area]:
    """Official areas, read from a pickle cache when the lookups and code are unchanged.

    Building the catalogue reads six tables; every pack needs it, so the batch keeps a copy
    (``data/processed/derived/areas_catalogue.pkl``) instead of rebuilding it per area.
    """
    import pickle

    from lis_analytics.data.store import processed_dir

    key = _catalogue_cache_key()
    path = processed_dir() / "derived" / "areas_catalogue.pkl"
    if key and path.is_file():
        try:
            stored_key, areas, lads = pickle.loads(path.read_bytes())
            if stored_key == key:
                _canonical_cache["lads"] = lads
                return areas
        except (pickle.UnpicklingError, ValueError, EOFError, AttributeError):
            pass
    areas = _build_official_areas()
    key = _catalogue_cache_key()
    if key:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps((key, areas, canonical_lads())))
        tmp.replace(path)
    return areas


def _build_official_areas() -> dict[str, Area]:
    from lis_analytics.data import get_dataset, load_table

    areas: dict[str, Area] = {}
    lads = canonical_lads()
    # LEPs (2021): LAD21 -> LAD23; a LAD in two LEPs belongs to both
    lep = load_table("lookup_lad21_lep21")
    pairs = pd.concat([
        lep[["LAD21CD", "LEP21CD1", "LEP21NM1"]].set_axis(["lad", "code", "name"], axis=1),
        lep[["LAD21CD", "LEP21CD2", "LEP21NM2"]].set_axis(["lad", "code", "name"], axis=1),
    ])
    pairs = pairs[pairs["code"] != ""]
    shared = set(lep.loc[lep["LEP21CD2"] != "", "LAD21CD"])
    src = get_dataset("lookup_lad21_lep21").source_in_words
    for (code, name), grp in pairs.groupby(["code", "name"]):
        members = _bridge_set(grp["lad"], f"LEP {code}")
        shared23 = _bridge_set(set(grp["lad"]) & shared, f"LEP {code}")
        areas[code] = Area(code, name, "LEP", members, region_code=_region_of(members),
                           shared_lads=shared23, source=src)
    # Combined Authorities (latest lookup)
    ca = load_table("lookup_lad25_cauth25")
    src = get_dataset("lookup_lad25_cauth25").source_in_words
    for (code, name), grp in ca.groupby(["CAUTH25CD", "CAUTH25NM"]):
        members = _bridge_set(grp["LAD25CD"], f"CA {code}")
        areas[code] = Area(code, name, "CA", members, region_code=_region_of(members), source=src)
    # Regions and England
    eng = lads[lads["lad_code"].str.startswith("E")]
    src = get_dataset("lookup_lad23_rgn23").source_in_words
    for (code, name), grp in eng.groupby(["region_code", "region_name"]):
        areas[code] = Area(code, name, "RGN", tuple(sorted(grp["lad_code"])), region_code=code,
                           source=src)
    areas["E92000001"] = Area("E92000001", "England", "CTRY", tuple(sorted(eng["lad_code"])),
                              source=src)
    for row in lads.itertuples():
        areas.setdefault(row.lad_code, Area(row.lad_code, row.lad_name, "LAD", (row.lad_code,),
                                            region_code=row.region_code))
    return areas


def load_custom_areas(path: str | Path | None = None,
                      known: Mapping[str, Area] | None = None) -> dict[str, Area]:
    """Read custom areas from YAML (the packaged file, ``LIS_AREAS_FILE``, or ``path``).

    Each entry has ``name`` and either ``lads`` (LAD codes of any vintage) or ``areas``
    (codes of other areas, e.g. four LEPs), or both.

    Raises
    ------
    AreaDefinitionError
        When an entry names a LAD or area code that does not exist.
    """
    if path is None:
        path = os.environ.get(AREAS_FILE_ENV) or None
    if path is None:
        text = resources.files("lis_analytics.config").joinpath("areas.yaml").read_text()
        origin = "lis_analytics/config/areas.yaml"
    else:
        text = Path(path).read_text()
        origin = str(path)
    spec = (yaml.safe_load(text) or {}).get("areas", {}) or {}
    known = dict(known if known is not None else _official_areas())
    out: dict[str, Area] = {}
    for code, entry in spec.items():
        context = f"custom area {code!r} in {Path(origin).name}"
        if "name" not in entry or not (entry.get("lads") or entry.get("areas")):
            raise AreaDefinitionError(f"{context}: needs a 'name' and 'lads' and/or 'areas'")
        lad_set: set[str] = set()
        for lad in entry.get("lads", []) or []:
            bridged = bridge_code(str(lad))
            if bridged is None:
                close = difflib.get_close_matches(str(lad), list(_canonical_set()), n=3)
                hint = f" Close matches: {', '.join(close)}." if close else ""
                raise AreaDefinitionError(
                    f"{context}: {lad!r} is not a LAD code of any known vintage.{hint}")
            lad_set.add(bridged)
        for sub in entry.get("areas", []) or []:
            if sub not in known:
                close = difflib.get_close_matches(str(sub), list(known), n=3)
                hint = f" Close matches: {', '.join(close)}." if close else ""
                raise AreaDefinitionError(f"{context}: unknown area code {sub!r}.{hint}")
            lad_set.update(known[sub].lad_codes)
        members = tuple(sorted(lad_set))
        out[code] = Area(str(code), entry["name"], "CUSTOM", members,
                         region_code=_region_of(members),
                         description=" ".join(str(entry.get("description", "")).split()),
                         source=origin)
    return out


@cache
def _catalogue() -> dict[str, Area]:
    areas = dict(_official_areas())
    areas.update(load_custom_areas(known=areas))
    return areas


def all_areas(types: Iterable[str] | None = None) -> list[Area]:
    """Every area in the catalogue, optionally only of the given types.

    Examples
    --------
    >>> leps = all_areas(["LEP"])   # doctest: +SKIP
    >>> len(leps)                   # doctest: +SKIP
    38
    """
    wanted = set(types) if types is not None else set(AREA_TYPES)
    return [a for a in _catalogue().values() if a.type in wanted]


def areas_table(types: Iterable[str] | None = ("LEP", "CA", "RGN", "CTRY", "CUSTOM")
                ) -> pd.DataFrame:
    """The catalogue as a table: ``code, name, type, n_lads, region_code``."""
    rows = [{"code": a.code, "name": a.name, "type": a.type, "n_lads": len(a),
             "region_code": a.region_code} for a in all_areas(types)]
    order = {t: i for i, t in enumerate(AREA_TYPES)}
    return (pd.DataFrame(rows).assign(_o=lambda d: d["type"].map(order))
            .sort_values(["_o", "code"]).drop(columns="_o").reset_index(drop=True))


def get_area(code_or_name: str) -> Area:
    """Look an area up by code or (case-insensitive) name.

    Parameters
    ----------
    code_or_name
        e.g. ``"E37000015"``, ``"Greater Manchester"`` or ``"oxford_cambridge_arc"``.
        A name shared by several areas (Greater Manchester is a LEP and a CA) returns the
        LEP; use the code to be explicit.

    Raises
    ------
    UnknownAreaError
        With close matches among codes and names.

    Examples
    --------
    >>> get_area("E37000015").name          # doctest: +SKIP
    'Greater Manchester'
    """
    cat = _catalogue()
    key = str(code_or_name).strip()
    if key in cat:
        return cat[key]
    by_name: dict[str, list[Area]] = {}
    for area in cat.values():
        by_name.setdefault(area.name.lower(), []).append(area)
    if key.lower() in by_name:
        order = {t: i for i, t in enumerate(AREA_TYPES)}
        return sorted(by_name[key.lower()], key=lambda a: order[a.type])[0]
    candidates = list(cat) + [a.name for a in cat.values()]
    close = difflib.get_close_matches(key, candidates, n=5, cutoff=0.6)
    close += [a.name for a in cat.values() if key.lower() in a.name.lower() and a.name not in close]
    labels: list[str] = []
    for c in close:
        matches = [cat[c]] if c in cat else [a for a in cat.values() if a.name == c]
        for area in matches:
            label = f"{area.code} ({area.name}, {area.type})"
            if label not in labels:
                labels.append(label)
    labels = labels[:5]
    hint = f" Did you mean: {'; '.join(labels)}?" if labels else " Run `lis areas` to list them."
    raise UnknownAreaError(f"Unknown area {key!r}.{hint}")


def lad_to_area_lookup(types: Iterable[str] = ("LEP",)) -> pd.DataFrame:
    """Long lookup ``lad_code, area_code, area_name, area_type`` (a LAD may appear twice)."""
    rows = [{"lad_code": lad, "area_code": a.code, "area_name": a.name, "area_type": a.type}
            for a in all_areas(types) for lad in a.lad_codes]
    return pd.DataFrame(rows)


# ------------------------------------------------------------------ aggregation


@dataclass(frozen=True)
class AreaSum:
    """Sum of a count over an area's LADs, with what was missing."""

    value: float
    n_lads: int
    missing_lads: tuple[str, ...]

    @property
    def complete(self) -> bool:
        """True when every LAD of the area had a value."""
        return not self.missing_lads


def sum_over_area(values: pd.Series, area: Area | Iterable[str]) -> AreaSum:
    """Sum a LAD-indexed Series of counts over an area, reporting LADs with no value.

    A LAD without a value is never silently dropped: it is listed in ``missing_lads`` and
    the sum is marked incomplete.

    Examples
    --------
    >>> s = pd.Series({"A": 1.0, "B": 2.0, "C": float("nan")})
    >>> r = sum_over_area(s, ["A", "B", "C", "D"])
    >>> r.value, r.missing_lads, r.complete
    (3.0, ('C', 'D'), False)
    """
    lads = list(area.lad_codes if isinstance(area, Area) else area)
    sub = values.reindex(lads)
    missing = tuple(sub.index[sub.isna()])
    return AreaSum(float(sub.sum(min_count=1)) if sub.notna().any() else float("nan"),
                   len(lads), missing)


def ratio_of_sums(numerator: pd.Series, denominator: pd.Series,
                  area: Area | Iterable[str]) -> tuple[float, tuple[str, ...]]:
    """Area ratio as sum of numerators over sum of denominators (never a mean of ratios).

    LADs lacking either value are excluded from both sums and returned as missing.

    Examples
    --------
    >>> num = pd.Series({"A": 10.0, "B": 90.0})
    >>> den = pd.Series({"A": 1.0, "B": 9.0})
    >>> ratio_of_sums(num, den, ["A", "B"])
    (10.0, ())
    """
    lads = list(area.lad_codes if isinstance(area, Area) else area)
    n = numerator.reindex(lads)
    d = denominator.reindex(lads)
    ok = n.notna() & d.notna()
    missing = tuple(n.index[~ok])
    if not ok.any() or d[ok].sum() == 0:
        return float("nan"), missing
    return float(n[ok].sum() / d[ok].sum()), missing
