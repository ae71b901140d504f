"""The area catalogue: LEPs (2021), combined (county) and strategic authorities, and more.

Also regions, England, LADs and custom areas.
"""

from __future__ import annotations

import difflib
import os
import re
import warnings
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path

import pandas as pd

from lis_analytics.data import get_dataset, load_table, processed_dir, table_build
from lis_analytics.errors import AreaDefinitionError, UnknownAreaError
from lis_analytics.geography.area import AREA_TYPES, AREAS_FILE_ENV, Area
from lis_analytics.geography.areas_file import parse_areas_yaml, read_areas_file
from lis_analytics.geography.bridge import (
    _canonical_cache,
    _canonical_set,
    bridge_code,
    canonical_lads,
)
from lis_analytics.geography.kinds import Kind, resolve_kind
from lis_analytics.geography.strategic import combined_county_codes, strategic_authority_areas

# ------------------------------------------------------------------ the catalogue


SAFE_AREA_CODE = re.compile(r"[EWSNK]\d{8}|[a-z][a-z0-9_]*")
"""Area codes a pack folder may be named after: a GSS code or a lower-case slug.

Both are single path components with no dot, slash or upper-case letter, so a code can never
name a folder outside ``reports/``, a hidden folder (``.tmp-*``, ``.logs``) or a file.
"""

SAFE_AREA_CODE_WORDS = ("a GSS code (a letter E, W, S, N or K then 8 digits, e.g. E37000015) "
                        "or a lower-case slug (a letter a-z then letters a-z, digits or _, "
                        "e.g. oxford_cambridge_arc)")


def is_safe_area_code(code: object) -> bool:
    """True when ``code`` is a GSS code or a lower-case slug (:data:`SAFE_AREA_CODE`).

    Examples
    --------
    >>> [is_safe_area_code(c) for c in ("E37000019", "oxford_cambridge_arc", "../victim",
    ...                                  "Arc", "e37000019", "E3700001")]
    [True, True, False, False, True, False]
    """
    return isinstance(code, str) and SAFE_AREA_CODE.fullmatch(code) is not None


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

    entries = [table_build(ds) for ds in _CATALOGUE_DATASETS]
    if not all(entries):
        return None
    digest = hashlib.sha256(json.dumps(entries, sort_keys=True).encode())
    for module in sorted(Path(__file__).parent.glob("*.py")):  # the whole geography package
        digest.update(module.read_bytes())
    for name in ("lad_code_changes.yaml", "strategic_authorities.yaml"):
        digest.update(resources.files("lis_analytics.config").joinpath(name).read_bytes())
    return digest.hexdigest()


@cache
def _official_areas() -> dict[str, Area]:
    """Official areas, read from a pickle cache when the lookups and code are unchanged.

    Building the catalogue reads six tables; every pack needs it, so the batch keeps a copy
    (``data/processed/derived/areas_catalogue.pkl``) instead of rebuilding it per area.
    """
    import pickle

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
    # Combined authorities and combined county authorities (latest lookup)
    ca = load_table("lookup_lad25_cauth25")
    src = get_dataset("lookup_lad25_cauth25").source_in_words
    ccas = combined_county_codes()
    for (code, name), grp in ca.groupby(["CAUTH25CD", "CAUTH25NM"]):
        members = _bridge_set(grp["LAD25CD"], f"CA {code}")
        areas[code] = Area(code, name, "CA", members, region_code=_region_of(members), source=src,
                           subtype="CCA" if code in ccas else "")
    # Proposed strategic authorities (Devolution Priority Programme; no official lookup)
    names = dict(zip(lads["lad_code"], lads["lad_name"], strict=True))
    for code, sa in strategic_authority_areas(names).items():
        areas[code] = Area(sa.code, sa.name, "SA", sa.lad_codes,
                           region_code=_region_of(sa.lad_codes), description=sa.description,
                           source=sa.source)
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
    r"""Read custom areas from YAML (the packaged file, ``LIS_AREAS_FILE``, or ``path``).

    Each entry has ``name`` and either ``lads`` (LAD codes of any vintage) or ``areas``
    (codes of other areas, e.g. four LEPs), or both.

    Each code must be a GSS code or a lower-case slug (:data:`SAFE_AREA_CODE`): the code
    names the pack's folder under ``reports/``, so a code such as ``../../victim`` is refused
    here, before anything is built.

    Raises
    ------
    AreaDefinitionError
        When an entry's code is not a GSS code or a lower-case slug, when it has no name or
        its name is not text, or when it names a LAD or area code that does not exist.

    Examples
    --------
    >>> import tempfile
    >>> bad = Path(tempfile.mkdtemp()) / "areas.yaml"
    >>> _ = bad.write_text("areas:\n  ../../victim:\n    name: V\n    lads: [E08000010]\n")
    >>> load_custom_areas(bad, known={})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    lis_analytics.errors.AreaDefinitionError: .../areas.yaml, line 2: custom area code ...
    """
    if path is None:
        path = os.environ.get(AREAS_FILE_ENV) or None
    if path is None:
        text = resources.files("lis_analytics.config").joinpath("areas.yaml").read_text()
        entries = parse_areas_yaml(text, "lis_analytics/config/areas.yaml")
        origin = "lis_analytics/config/areas.yaml"
    else:
        entries = read_areas_file(path)
        origin = str(path)
    known = dict(known if known is not None else _official_areas())
    out: dict[str, Area] = {}
    for entry in entries:
        context = f"custom area {entry.code!r} in {origin}, line {entry.line}"
        lad_set: set[str] = set()
        for lad in entry.lads:
            if re.fullmatch(r"[SWN]\d{8}", lad):
                raise AreaDefinitionError(
                    f"{context}: {lad!r} is not an English district; the packs' data cover "
                    "English local authority districts only (LAD December 2023)")
            bridged = bridge_code(lad)
            if bridged is None:
                close = difflib.get_close_matches(lad, list(_canonical_set()), n=3)
                hint = f" Close matches: {', '.join(close)}." if close else ""
                raise AreaDefinitionError(
                    f"{context}: {lad!r} is not a LAD code of any known vintage.{hint}")
            if bridged != lad:
                names = canonical_lads().set_index("lad_code")["lad_name"]
                warnings.warn(f"{context}: {lad} is an old district code; its successor "
                              f"{names.get(bridged, bridged)} ({bridged}) is used instead",
                              OldAreaCodeWarning, stacklevel=2)
            lad_set.add(bridged)
        for sub in entry.areas:
            if sub not in known:
                close = difflib.get_close_matches(sub, list(known), n=3)
                hint = f" Close matches: {', '.join(close)}." if close else ""
                raise AreaDefinitionError(f"{context}: unknown area code {sub!r}.{hint}")
            lad_set.update(known[sub].lad_codes)
        members = tuple(sorted(lad_set))
        out[entry.code] = Area(entry.code, entry.name, "CUSTOM", members,
                               region_code=_region_of(members), description=entry.description,
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


def areas_table(types: Iterable[str] | None = ("LEP", "CA", "SA", "RGN", "CTRY", "CUSTOM"),
                cca_only: bool = False) -> pd.DataFrame:
    """The catalogue as a table: ``code, name, type, label, n_lads, region_code``.

    ``cca_only`` keeps, of the ``CA`` areas, only the combined county authorities.

    Raises
    ------
    UnknownAreaError
        For a type that is not one of :data:`~lis_analytics.geography.AREA_TYPES`.
    """
    unknown = sorted(set(types or ()) - set(AREA_TYPES))
    if unknown:
        raise UnknownAreaError(f"Unknown area type(s) {', '.join(unknown)}: use "
                               f"{', '.join(AREA_TYPES)}")
    rows = [{"code": a.code, "name": a.name, "type": a.type, "label": a.label, "n_lads": len(a),
             "region_code": a.region_code} for a in all_areas(types)
            if not cca_only or a.subtype == "CCA"]
    order = {t: i for i, t in enumerate(AREA_TYPES)}
    if not rows:
        return pd.DataFrame(columns=["code", "name", "type", "label", "n_lads", "region_code"])
    return (pd.DataFrame(rows).assign(_o=lambda d: d["type"].map(order))
            .sort_values(["_o", "code"]).drop(columns="_o").reset_index(drop=True))


class OldAreaCodeWarning(UserWarning):
    """An old district code was looked up and resolved to the district that replaced it."""


def _split_kind(key: str, kind: str | None) -> tuple[str, Kind | None]:
    """``"CA:Greater Manchester"`` -> ``("Greater Manchester", Kind(... "CA" ...))``.

    ``kind`` is any word of :mod:`lis_analytics.geography.kinds` (``"sa"``,
    ``"strategic-authority"``, ``"CA"``, ...); a prefix must agree with it.
    """
    wanted = resolve_kind(kind) if kind is not None and str(kind).strip() else None
    prefix, sep, rest = key.partition(":")
    if sep and prefix.strip().upper() in AREA_TYPES and rest.strip():
        given = resolve_kind(prefix.strip())
        if wanted and wanted.type != given.type:
            raise UnknownAreaError(f"{key!r} names a {given.type}, but the kind asked for is "
                                   f"{wanted.name} ({wanted.type})")
        return rest.strip(), wanted or given
    return key, wanted


def _is_kind(area: Area, kind: Kind | None) -> bool:
    return kind is None or (area.type == kind.type
                            and (not kind.cca_only or area.subtype == "CCA"))


def _label(area: Area) -> str:
    return f"{area.code} ({area.name}, {area.type})"


def get_area(code_or_name: str, kind: str | None = None) -> Area:
    """Look an area up by code or (case-insensitive) name.

    Parameters
    ----------
    code_or_name
        e.g. ``"E37000015"``, ``"Greater Manchester"`` or ``"oxford_cambridge_arc"``.
        A type prefix settles a name several areas share: ``"CA:Greater Manchester"``,
        ``"RGN:South East"``. An old district code (e.g. ``"E07000026"``, Allerdale until
        2023) resolves to the district that replaced it, with an :class:`OldAreaCodeWarning`.
    kind
        Only areas of this kind: a type (``LEP``, ``CA``, ``SA``, ``RGN``, ``CTRY``, ``LAD``,
        ``CUSTOM``) or a kind word (``strategic-authority``, ``cca``, ``region``, ...; see
        :mod:`lis_analytics.geography.kinds`), any case. ``"SA:Cumbria"`` also works.

    Raises
    ------
    UnknownAreaError
        With close matches among codes and names; or, for a name several areas share
        (Greater Manchester is a LEP and a CA; South East a LEP and a region), the
        candidates with their types.

    Examples
    --------
    >>> get_area("E37000015").name          # doctest: +SKIP
    'Greater Manchester'
    >>> get_area("CA:Greater Manchester").code   # doctest: +SKIP
    'E47000001'
    """
    cat = _catalogue()
    key, kind = _split_kind(str(code_or_name).strip(), kind)
    if key in cat and _is_kind(cat[key], kind):
        return cat[key]
    if key in cat:
        raise UnknownAreaError(f"{_label(cat[key])} is a {cat[key].type}, not a {kind.type}")
    by_name: dict[str, list[Area]] = {}
    for area in cat.values():
        by_name.setdefault(area.name.lower(), []).append(area)
    named = [a for a in by_name.get(key.lower(), []) if _is_kind(a, kind)]
    if len(named) == 1:
        return named[0]
    if len(named) > 1:
        raise UnknownAreaError(
            f"{key!r} names {len(named)} areas: {'; '.join(_label(a) for a in named)}. Give "
            f"the code, or the type before the name (e.g. '{named[-1].type}:{key}'; "
            f"--kind {named[-1].type} on the command line).")
    if _is_lad_shaped(key):
        successor = bridge_code(key)
        if successor is not None and successor in cat and (kind is None or kind.type == "LAD"):
            area = cat[successor]
            warnings.warn(f"{key} is an old district code: its area is now part of "
                          f"{area.name} ({area.code}), used instead; the figures cover the "
                          f"whole of {area.name}.", OldAreaCodeWarning, stacklevel=2)
            return area
    pool = {c: a for c, a in cat.items() if _is_kind(a, kind)}
    candidates = list(pool) + [a.name for a in pool.values()]
    close = difflib.get_close_matches(key, candidates, n=5, cutoff=0.6)
    close += [a.name for a in pool.values()
              if key.lower() in a.name.lower() and a.name not in close]
    labels: list[str] = []
    for c in close:
        matches = [pool[c]] if c in pool else [a for a in pool.values() if a.name == c]
        for area in matches:
            if _label(area) not in labels:
                labels.append(_label(area))
    labels = labels[:5]
    hint = f" Did you mean: {'; '.join(labels)}?" if labels else " Run `lis areas` to list them."
    what = f"{kind.name} area" if kind else "area"
    raise UnknownAreaError(f"Unknown {what} {key!r}.{hint}")


def _is_lad_shaped(code: str) -> bool:
    return len(code) == 9 and code[0] in "EWSN" and code[1:3] in {"06", "07", "08", "09"} \
        and code[1:].isdigit()


def lad_to_area_lookup(types: Iterable[str] = ("LEP",)) -> pd.DataFrame:
    """Long lookup ``lad_code, area_code, area_name, area_type`` (a LAD may appear twice)."""
    rows = [{"lad_code": lad, "area_code": a.code, "area_name": a.name, "area_type": a.type}
            for a in all_areas(types) for lad in a.lad_codes]
    return pd.DataFrame(rows)
