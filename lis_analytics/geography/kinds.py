"""The user-facing vocabulary of area kinds (``lis areas --kind``, ``get_area(kind=...)``).

Each kind maps onto one :data:`~lis_analytics.geography.AREA_TYPES` type, and ``cca`` also
narrows combined authorities to combined *county* authorities:

============================================  =========  ===================================
kind (case-insensitive aliases)               type       what
============================================  =========  ===================================
``lep``                                       ``LEP``    the 38 LEPs of 2021 (historical)
``ca``, ``combined-authority``                ``CA``     combined and combined county
                                                         authorities (ONS, May 2025)
``cca``, ``combined-county-authority``        ``CA``     combined county authorities only
``sa``, ``strategic-authority``               ``SA``     Devolution Priority Programme areas
``region``, ``rgn``                           ``RGN``    English regions
``country``, ``ctry``                         ``CTRY``   England
``district``, ``lad``                         ``LAD``    local authority districts
``custom``                                    ``CUSTOM`` areas declared in an areas file
============================================  =========  ===================================

Examples
--------
>>> resolve_kind("Strategic-Authority"), resolve_kind("CCA"), resolve_kind("LEP")
(Kind(name='strategic-authority', type='SA', cca_only=False), Kind(name='cca', type='CA', \
cca_only=True), Kind(name='lep', type='LEP', cca_only=False))
"""

from __future__ import annotations

from typing import NamedTuple

from lis_analytics.errors import UnknownAreaError

__all__ = ["KIND_CHOICES", "Kind", "resolve_kind"]


class Kind(NamedTuple):
    """A resolved kind: its canonical name, the area type and whether only CCAs count."""

    name: str
    type: str
    cca_only: bool


_KINDS: dict[str, Kind] = {
    "lep": Kind("lep", "LEP", False),
    "ca": Kind("combined-authority", "CA", False),
    "combined-authority": Kind("combined-authority", "CA", False),
    "cca": Kind("cca", "CA", True),
    "combined-county-authority": Kind("cca", "CA", True),
    "sa": Kind("strategic-authority", "SA", False),
    "strategic-authority": Kind("strategic-authority", "SA", False),
    "region": Kind("region", "RGN", False),
    "rgn": Kind("region", "RGN", False),
    "country": Kind("country", "CTRY", False),
    "ctry": Kind("country", "CTRY", False),
    "district": Kind("district", "LAD", False),
    "lad": Kind("district", "LAD", False),
    "custom": Kind("custom", "CUSTOM", False),
}

KIND_CHOICES: tuple[str, ...] = tuple(_KINDS)
"""Every accepted kind word (any case; ``_`` is read as ``-``)."""


def resolve_kind(kind: str) -> Kind:
    """Resolve a kind word (or an area type such as ``"CA"``) to a :class:`Kind`.

    Raises
    ------
    UnknownAreaError
        For a word that is not a kind, listing the choices.

    Examples
    --------
    >>> resolve_kind("combined_authority").type
    'CA'
    >>> resolve_kind("county")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    lis_analytics.errors.UnknownAreaError: Unknown kind 'county': use one of lep, ca, ...
    """
    key = str(kind).strip().lower().replace("_", "-").replace(" ", "-")
    if key not in _KINDS:
        raise UnknownAreaError(f"Unknown kind {kind!r}: use one of {', '.join(KIND_CHOICES)} "
                               "(any case)")
    return _KINDS[key]
