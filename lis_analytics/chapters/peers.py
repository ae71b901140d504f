"""The one peer and benchmark policy every chapter uses.

- **Benchmarks**: the UK (productivity, where ONS publishes it), England, and the English region
  holding most of the area's districts, unless the region is the area itself.
- **Comparators**: the user's list when one is given, otherwise the area's statistical nearest
  neighbours (:mod:`lis_analytics.comparators`) among areas of its peer group.
- **Peer group**: the kind of area an area is ranked and compared against: LEPs against the
  LEPs of 2021, CAs against CAs, the proposed strategic authorities of the Devolution
  Priority Programme against each other ("of 6 proposed strategic authorities"), regions
  against regions, districts against districts of the same nation, custom areas against LEPs.
  Every rank names this group and its size.

Examples
--------
>>> from lis_analytics.geography import Area
>>> peer_group_type(Area("x", "X", "CUSTOM", ("E08000001",)))
'LEP'
>>> peer_group_label("LEP", 38)
'38 LEPs'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from lis_analytics.data import load_table
from lis_analytics.errors import UnknownAreaError
from lis_analytics.geography import Area, all_areas

ENGLAND_CODE = "E92000001"
"""GSS code of England."""

PEER_GROUP_OF_TYPE: dict[str, str] = {"LEP": "LEP", "CA": "CA", "SA": "SA", "LAD": "LAD",
                                      "RGN": "RGN", "CUSTOM": "LEP"}
"""Kind of area each kind of area is compared and ranked with."""

_GROUP_WORDS = {"LEP": ("LEP", "LEPs"), "CA": ("combined authority", "combined authorities"),
                "SA": ("proposed strategic authority", "proposed strategic authorities"),
                "RGN": ("English region", "English regions"),
                "LAD": ("local authority district", "local authority districts")}


def peer_group_type(area: Area) -> str:
    """The kind of area ``area`` is ranked and compared against (see the module docstring)."""
    return PEER_GROUP_OF_TYPE.get(area.type, "LEP")


def peer_group_label(group_type: str, size: int) -> str:
    """Words for a peer group of a given size, e.g. ``'38 LEPs'``, ``'1 combined authority'``.

    Examples
    --------
    >>> peer_group_label("CA", 12), peer_group_label("RGN", 1)
    ('12 combined authorities', '1 English region')
    """
    one, many = _GROUP_WORDS.get(group_type, (group_type, f"{group_type}s"))
    return f"{size} {one if size == 1 else many}"


def _ordinal(k: int) -> str:
    suffix = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return f"{k}{suffix}"


def rank_in_group(rank: object, n_ranked: object, peers: Peers) -> str:
    """A rank in words naming its peer group and size, e.g. ``'3rd of 38 LEPs'``.

    ``rank`` and ``n_ranked`` are as :func:`lis_analytics.indicators.add_ranks` gives them
    (:func:`lis_analytics.indicators.rank_values`, 1 = best). A LEP is ranked among LEPs, a
    combined authority among combined authorities, an English district among English
    districts; a custom area among the LEPs and itself. When fewer areas of the group have
    a figure than the group holds, the words say so. ``''`` when not ranked.

    Examples
    --------
    >>> lep = Area("L", "L", "LEP", ("A",))
    >>> p = Peers(lep, None, {}, (), "user", "LEP", 38)
    >>> rank_in_group(3, 38, p), rank_in_group(8, 14, p)
    ('3rd of 38 LEPs', '8th of the 14 LEPs with a figure (of 38 LEPs)')
    >>> arc = Area("arc", "Arc", "CUSTOM", ("A", "B"))
    >>> rank_in_group(5, 39, Peers(arc, None, {}, (), "user", "LEP", 38))
    '5th of 38 LEPs and this area'
    >>> wigan = Area("E08000010", "Wigan", "LAD", ("E08000010",))
    >>> rank_in_group(66, 296, Peers(wigan, None, {}, (), "user", "LAD", 296))
    '66th of 296 English districts'
    >>> rank_in_group(None, None, p)
    ''
    """
    if rank is None or n_ranked is None or pd.isna(rank) or pd.isna(n_ranked):
        return ""
    r, n = int(rank), int(n_ranked)
    custom = peers.area.type == "CUSTOM"
    members = n - 1 if custom else n
    kind = peers.group_type
    if kind == "LAD" and peers.area.code.startswith("E"):
        label = f"{members} English district{'s' if members != 1 else ''}"
        full = f"{peers.group_size} English districts"
    else:
        label = peer_group_label(kind, members)
        full = peer_group_label(kind, peers.group_size)
    if members < peers.group_size:
        words = f"{_ordinal(r)} of the {label} with a figure (of {full})"
    else:
        words = f"{_ordinal(r)} of {label}"
    if custom:
        words = words.replace(" with a figure", " with a figure and this area") \
            if members < peers.group_size else f"{words} and this area"
    return words


def comparator_position_words(position: int, n: int) -> str:
    """Position among the comparator set in words, counting the area itself.

    Examples
    --------
    >>> comparator_position_words(2, 6)
    '2nd of 6: this area and its 5 comparator areas'
    """
    return (f"{_ordinal(int(position))} of {int(n)}: this area and its {int(n) - 1} comparator "
            f"area{'s' if int(n) - 1 != 1 else ''}")


def peer_group(area: Area, areas: Sequence[Area]) -> list[Area]:
    """The areas of ``area``'s peer group (itself included when it is one of them).

    Districts are compared with districts of the same nation only.
    """
    kind = peer_group_type(area)
    group = [a for a in areas if a.type == kind]
    if kind == "LAD":
        group = [a for a in group if a.code[0] == area.code[0]]
    return group


def benchmark_codes(area: Area, region: Area | None) -> dict[str, str]:
    """Benchmark label -> code: England, and the area's region when it is a different area.

    A region sharing the area's name is labelled ``"<name> region"`` so that it is never
    confused with the area.

    Examples
    --------
    >>> nw = Area("E12000002", "North West", "RGN", ("E08000001", "E08000010"))
    >>> benchmark_codes(Area("E37000015", "Greater Manchester", "LEP", ("E08000001",)), nw)
    {'England': 'E92000001', 'North West': 'E12000002'}
    >>> benchmark_codes(nw, nw)
    {'England': 'E92000001'}
    """
    out = {"England": ENGLAND_CODE}
    if region is not None and region.code != area.code and \
            set(region.lad_codes) != set(area.lad_codes):
        out[f"{region.name} region" if region.name == area.name else region.name] = region.code
    return out


def nearest_comparators(area: Area, neighbours: pd.DataFrame, k: int = 5) -> list[str]:
    """Codes of an area's ``k`` nearest neighbours from the all-area comparator table.

    ``neighbours`` has one row per area and neighbour (``area_code``, ``rank``,
    ``comparator_code``), as the ``comparator_neighbours`` derived table holds it.

    Examples
    --------
    >>> nn = pd.DataFrame({"area_code": ["A", "A", "B"], "rank": [2, 1, 1],
    ...                    "comparator_code": ["C", "D", "A"]})
    >>> nearest_comparators(Area("A", "A", "LEP", ("E1",)), nn)
    ['D', 'C']
    """
    sub = neighbours[neighbours["area_code"] == area.code].sort_values("rank")
    return list(sub["comparator_code"].head(k))


@dataclass(frozen=True)
class Peers:
    """An area's benchmarks, comparators and peer group, as every chapter uses them.

    Attributes
    ----------
    area : Area
    region : Area or None
        The English region holding most of the area's districts.
    benchmarks : dict of str to str
        Benchmark label -> area code (England, the region).
    comparators : tuple of Area
        The comparator set: the user's list, or the nearest neighbours.
    comparators_chosen_by : str
        ``"user"`` or ``"nearest neighbours"``.
    group_type : str
        Kind of area of the peer group (``LEP``, ``CA``, ``RGN``, ``LAD``).
    group_size : int
        Number of areas in the peer group.
    """

    area: Area
    region: Area | None
    benchmarks: dict[str, str]
    comparators: tuple[Area, ...]
    comparators_chosen_by: str
    group_type: str
    group_size: int

    @property
    def group_label(self) -> str:
        """The peer group in words, e.g. ``'38 LEPs'``."""
        return peer_group_label(self.group_type, self.group_size)


def peers_for(area: Area, areas: Sequence[Area], neighbours: pd.DataFrame,
              comparator_codes: Sequence[str] | None = None, k: int = 5) -> Peers:
    """Benchmarks, comparators and peer group of an area.

    Parameters
    ----------
    area : Area
        The area of the pack.
    areas : sequence of Area
        Every area of the catalogue (:func:`lis_analytics.geography.all_areas`).
    neighbours : DataFrame
        The all-area nearest-neighbour table (``comparator_neighbours``).
    comparator_codes : sequence of str, optional
        The user's comparators; each must be a code in ``areas``.
    k : int, default 5
        Number of nearest neighbours when no comparators are given.

    Returns
    -------
    Peers
    """
    by_code = {a.code: a for a in areas}
    region = by_code.get(area.region_code) if area.region_code.startswith("E12") else None
    if comparator_codes:
        missing = [c for c in comparator_codes if c not in by_code]
        if missing:
            raise UnknownAreaError(f"unknown comparator area code(s): {', '.join(missing)}")
        chosen = [by_code[c] for c in comparator_codes]
        how = "user"
    else:
        chosen = [by_code[c] for c in nearest_comparators(area, neighbours, k) if c in by_code]
        how = "nearest neighbours"
    group = peer_group(area, areas)
    return Peers(area, region, benchmark_codes(area, region), tuple(chosen), how,
                 peer_group_type(area), len(group))


def load_peers(area: Area, comparator_codes: Sequence[str] | None = None, k: int = 5) -> Peers:
    """:func:`peers_for` with the catalogue and the ``comparator_neighbours`` table loaded.

    The one place a chapter gets its comparators and benchmarks from (it reads the
    all-area neighbour table through the data layer).
    """
    return peers_for(area, all_areas(), load_table("comparator_neighbours"), comparator_codes, k)

