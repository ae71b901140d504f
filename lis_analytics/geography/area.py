"""The :class:`Area`: a named set of local authority districts at one boundary vintage."""

from __future__ import annotations

from dataclasses import dataclass, field

CANONICAL_VINTAGE = "LAD23"
AREA_TYPES = ("LEP", "CA", "SA", "RGN", "CTRY", "LAD", "CUSTOM")
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
        One of ``LEP`` (2021), ``CA`` (combined and combined county authorities), ``SA``
        (proposed strategic authorities of the Devolution Priority Programme), ``RGN``,
        ``CTRY``, ``LAD``, ``CUSTOM``.
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
    source
        Where the definition comes from, in words.
    notes
        Extra notes.
    subtype
        ``"CCA"`` for a combined county authority (type ``CA``), otherwise ``""``.

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
    subtype: str = ""

    def __len__(self) -> int:
        return len(self.lad_codes)

    def __contains__(self, lad_code: object) -> bool:
        return lad_code in self.lad_codes

    @property
    def label(self) -> str:
        """Name with type, e.g. ``'Greater Manchester LEP'``.

        Examples
        --------
        >>> Area("E47000013", "East Midlands", "CA", ("A",), subtype="CCA").label
        'East Midlands Combined County Authority'
        >>> Area("sa_cumbria", "Cumbria", "SA", ("A",)).label
        'Cumbria (proposed strategic authority)'
        """
        if self.type == "CA" and self.subtype == "CCA":
            return f"{self.name} Combined County Authority"
        suffix = {"LEP": " LEP", "CA": " Combined Authority",
                  "SA": " (proposed strategic authority)"}.get(self.type, "")
        return f"{self.name}{suffix}"
