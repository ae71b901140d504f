"""Bridging LAD codes of any vintage (2011, 2021, 2023, 2024/25) onto LAD 2023 building blocks.

Reorganisations since 2011 merged whole districts, so older codes map many-to-one onto newer
ones and counts can simply be summed; 1:1 recodes (e.g. Barnsley in 2024) map back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from importlib import resources

import pandas as pd
import yaml

from lis_analytics.data import load_table


@cache
def _successors() -> dict[str, str]:
    """Old LAD code -> next code, from ONS LAD11->LAD21, mySociety history and our YAML."""
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
    their region. Each call returns a new (copy-on-write) frame the caller may change.
    """
    if "lads" not in _canonical_cache:
        _canonical_cache["lads"] = _build_canonical_lads()
    return _canonical_cache["lads"].copy(deep=False)


def _build_canonical_lads() -> pd.DataFrame:
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
    >>> # needs the data: the lookups behind the bridge are processed tables
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
    >>> # needs the data
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
    >>> # needs the data
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


def _is_lad_shaped(code: str) -> bool:
    """True for a GSS code of England or Wales (``E`` or ``W`` and 8 digits)."""
    return len(code) == 9 and code[0] in "EW" and code[1:].isdigit()


def bridge_flows(flows: pd.DataFrame, *, is_zone: Callable[[str], bool] | None = None,
                 origin: str = "origin_code", destination: str = "destination_code",
                 value: str = "persons") -> pd.DataFrame:
    """Re-express an origin-destination flow table of LADs of any vintage on LAD 2023 codes.

    Reorganisations since 2011 merged whole districts, so flows are summed and totals are
    kept. Codes that are not zones (special destinations such as ``OD0000001`` or
    ``S92000003``) pass through unchanged; every zone must be a LAD of a known vintage.

    Parameters
    ----------
    flows : pandas.DataFrame
        Flow table with origin, destination and value columns.
    is_zone : callable, optional
        Says which codes are zones to bridge; default: GSS codes of England and Wales
        (:func:`lis_analytics.commuting.bridge_lad_flows` passes its special-destination
        rule).
    origin, destination, value : str
        Column names.

    Returns
    -------
    pandas.DataFrame
        The three columns, one row per origin-destination pair, sorted by origin and
        destination; ``value`` summed.

    Raises
    ------
    ValueError
        Naming the zone codes that are not LADs of any known vintage.

    Examples
    --------
    >>> # needs the data
    >>> f = pd.DataFrame({"origin_code": ["E07000026", "E07000028", "E07000026"],
    ...                   "destination_code": ["E07000028", "E07000028", "OD0000001"],
    ...                   "persons": [5, 7, 2]})
    >>> bridge_flows(f)   # Allerdale and Carlisle -> Cumberland
      origin_code destination_code  persons
    0   E06000063        E06000063       12
    1   E06000063        OD0000001        2
    """
    is_zone = is_zone or _is_lad_shaped
    orig = flows[origin].astype(str)
    dest = flows[destination].astype(str)
    codes = pd.unique(pd.concat([orig, dest], ignore_index=True))
    zones = [c for c in codes if is_zone(c)]
    bridged = bridge_codes(zones)
    unknown = [c for c, b in zip(zones, bridged, strict=True) if b is None]
    if unknown:
        raise ValueError(f"{len(unknown)} flow code(s) are not LADs of any known vintage: "
                         f"{unknown[:10]}")
    mapping = dict(zip(zones, bridged, strict=True))
    out = pd.DataFrame({origin: orig.map(mapping).fillna(orig).to_numpy(),
                        destination: dest.map(mapping).fillna(dest).to_numpy(),
                        value: flows[value].to_numpy()})
    out = out.groupby([origin, destination], sort=True)[value].sum().reset_index()
    out[origin] = out[origin].astype(str)
    out[destination] = out[destination].astype(str)
    return out
