"""Strategic authorities no official lookup lists: the Devolution Priority Programme areas.

The six areas that joined the Devolution Priority Programme (MHCLG, announced 5 February
2025) have no GSS codes and no ONS lookup. They are declared in
``lis_analytics/config/strategic_authorities.yaml`` by their upper-tier councils and the LAD
December 2023 districts those councils cover, with lower-case slug codes
(``sa_cheshire_warrington``). The same file says which combined authorities of the ONS May
2025 lookup are combined *county* authorities.

Examples
--------
>>> spec = strategic_spec()
>>> sorted(spec["programme_areas"])[:2]
['sa_cheshire_warrington', 'sa_cumbria']
>>> sorted(combined_county_codes())
['E47000013', 'E47000015', 'E47000017', 'E47000018']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache
from importlib import resources

import yaml

from lis_analytics.errors import AreaDefinitionError
from lis_analytics.geography.area import Area

__all__ = ["combined_county_codes", "programme_area_councils", "strategic_authority_areas",
           "strategic_spec"]

_FILE = "strategic_authorities.yaml"


@cache
def strategic_spec() -> dict:
    """The parsed ``strategic_authorities.yaml`` (packaged with the code)."""
    text = resources.files("lis_analytics.config").joinpath(_FILE).read_text(encoding="utf-8")
    spec = yaml.safe_load(text)
    if not isinstance(spec, dict) or not isinstance(spec.get("programme_areas"), dict):
        raise AreaDefinitionError(f"lis_analytics/config/{_FILE}: needs 'programme_areas'")
    return spec


def combined_county_codes() -> frozenset[str]:
    """GSS codes of the combined authorities that are combined *county* authorities."""
    return frozenset(strategic_spec().get("combined_county_authorities") or {})


def programme_area_councils(code: str) -> dict[str, dict[str, str]]:
    """Council -> {LAD code: LAD name} of one programme area, as declared.

    Examples
    --------
    >>> list(programme_area_councils("sa_cumbria"))
    ['Cumberland Council', 'Westmorland and Furness Council']
    """
    councils = strategic_spec()["programme_areas"][code]["councils"]
    return {str(k): {str(c): str(n) for c, n in v.items()} for k, v in councils.items()}


def _date_words(value: object) -> str:
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    return f"{day.day} {day:%B %Y}"


def strategic_authority_areas(known_lads: Mapping[str, str]) -> dict[str, Area]:
    """The Devolution Priority Programme areas as :class:`Area` objects of type ``SA``.

    Parameters
    ----------
    known_lads
        LAD December 2023 code -> name (the canonical LAD list); every declared code must
        be one of them.

    Raises
    ------
    AreaDefinitionError
        When a declared code is not a LAD 2023 code, or a district sits in two areas.

    Examples
    --------
    >>> lads = {c: n for k in strategic_spec()["programme_areas"]
    ...         for v in programme_area_councils(k).values() for c, n in v.items()}
    >>> sa = strategic_authority_areas(lads)["sa_cheshire_warrington"]
    >>> sa.type, len(sa), sa.label
    ('SA', 3, 'Cheshire and Warrington (proposed strategic authority)')
    """
    spec = strategic_spec()
    prog = spec.get("programme") or {}
    when = _date_words(prog.get("announced"))
    source = (f"{prog.get('publisher')}, {prog.get('name')}, announced {when} "
              f"({prog.get('url')}); no official lookup of these areas exists, so their "
              "districts are declared by hand from the councils named")
    out: dict[str, Area] = {}
    seen: dict[str, str] = {}
    for code, entry in spec["programme_areas"].items():
        lads: list[str] = []
        councils = programme_area_councils(code)
        for council, members in councils.items():
            for lad in members:
                if lad not in known_lads:
                    raise AreaDefinitionError(
                        f"lis_analytics/config/{_FILE}: {code} ({council}) lists {lad}, "
                        "which is not a LAD December 2023 code")
                if lad in seen:
                    raise AreaDefinitionError(f"lis_analytics/config/{_FILE}: {lad} is in "
                                              f"both {seen[lad]} and {code}")
                seen[lad] = code
                lads.append(lad)
        description = (f"{entry['name']}: a {prog.get('status', 'proposed strategic authority')}"
                       f" of the {prog.get('name')} as defined on {when}, made up of "
                       f"{_join(list(councils))}. It has no GSS code and no official lookup.")
        out[code] = Area(code, str(entry["name"]), "SA", tuple(sorted(lads)),
                         description=description, source=source)
    return out


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
