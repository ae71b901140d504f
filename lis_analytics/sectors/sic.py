"""SIC 2007 and the industry codes of ONS and Census tables: divisions, sections, levels.

Industry codes as published (``"C (10-33)"``, ``"CA-CB (10-15)"``, ``"49-51"``, ``"R,S"``,
``"68IMP"``, ``"Total"``) are read as sets of SIC 2007 divisions, so that one level of a
hierarchical code list can be picked (:func:`select_industry_level`) and described
(:func:`describe_industry_level`). The SIC 2007 sections themselves come from the data
layer (:mod:`lis_analytics.data.sic`) and are re-exported here.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from functools import lru_cache
from typing import Literal

from lis_analytics.data.sic import (
    CENSUS_PSEUDO_DIVISIONS as _CENSUS_PSEUDO_DIVISIONS,
)
from lis_analytics.data.sic import (
    DIVISION_SECTION as _DIVISION_SECTION,
)
from lis_analytics.data.sic import (
    SECTION_RANGES as _SECTION_RANGES,
)
from lis_analytics.data.sic import (
    SIC2007_SECTIONS,
    VALID_RANGES_TEXT,
    sic2007_sections,
    sic_division_to_section,
    sic_section_name,
)

__all__ = [
    "IMPUTED_RENT",
    "SIC2007_SECTIONS",
    "describe_industry_level",
    "industry_code_divisions",
    "select_industry_level",
    "sic2007_sections",
    "sic_division_to_section",
    "sic_section_name",
]


IMPUTED_RENT = "68IMP"
"""Code ONS uses for owner-occupiers' imputed rental (part of division 68, section L)."""


_TOTAL_LABELS = frozenset({"TOTAL", "ALL INDUSTRIES", "ALL"})


def _section_atoms(section: str) -> frozenset[str]:
    lo, hi = _SECTION_RANGES[section]
    atoms = {f"{d:02d}" for d in range(lo, hi + 1)}
    if section == "L":
        atoms.add(IMPUTED_RENT)
    return frozenset(atoms)


def _atom_section(atom: str) -> str:
    if atom == IMPUTED_RENT:
        return "L"
    number = int(atom)
    return _CENSUS_PSEUDO_DIVISIONS.get(number) or _DIVISION_SECTION[number]


def _parse_division_spec(spec: str, *, bare: bool, code: str) -> frozenset[str]:
    atoms: set[str] = set()
    items = [item.strip() for item in spec.split(",") if item.strip()]
    if not items:
        raise ValueError(f"industry code {code!r} has an empty division list")
    for item in items:
        parts = [p.strip() for p in item.split("-")]
        if len(parts) > 2 or not all(p.isdigit() for p in parts):
            raise ValueError(f"industry code {code!r}: cannot read division range {item!r}")
        numbers = [int(p) for p in parts]
        for number in numbers:
            if number not in _DIVISION_SECTION and number not in _CENSUS_PSEUDO_DIVISIONS:
                raise ValueError(
                    f"industry code {code!r}: {number:02d} is not a SIC 2007 division "
                    f"(valid: {VALID_RANGES_TEXT})"
                )
        lo, hi = numbers[0], numbers[-1]
        if lo > hi:
            raise ValueError(f"industry code {code!r}: range {item!r} runs backwards")
        atoms.update(
            f"{d:02d}"
            for d in range(lo, hi + 1)
            if d in _DIVISION_SECTION or d in _CENSUS_PSEUDO_DIVISIONS
        )
    # Division 68 in a section-style or wider code includes imputed rent; the bare code
    # "68" is what ONS GVA publishes as "real estate activities, excluding imputed rental"
    # (and, for jobs data, all of division 68, since imputed rent has no jobs).
    if "68" in atoms and not (bare and atoms == {"68"}):
        atoms.add(IMPUTED_RENT)
    return frozenset(atoms)


@lru_cache(maxsize=4096)
def _industry_atoms(code: str) -> frozenset[str]:
    text = code.strip()
    upper = text.upper()
    if not text:
        raise ValueError("empty industry code")
    if upper in _TOTAL_LABELS:
        return frozenset().union(*(_section_atoms(s) for s in _SECTION_RANGES))
    if upper == IMPUTED_RENT:
        return frozenset({IMPUTED_RENT})
    match = re.fullmatch(r"[A-Z]{1,2}(?:\s*-\s*[A-Z]{1,2})?\s*\(([\d\s,\-]+)\)", upper)
    if match:
        return _parse_division_spec(match.group(1), bare=False, code=text)
    if re.fullmatch(r"[\d\s,\-]+", upper):
        return _parse_division_spec(upper, bare=True, code=text)
    if re.fullmatch(r"[A-U]", upper):
        return _section_atoms(upper)
    match = re.fullmatch(r"([A-U])\s*-\s*([A-U])", upper)
    if match:
        lo, hi = match.groups()
        if lo > hi:
            raise ValueError(f"industry code {text!r}: section range runs backwards")
        letters = [s for s in _SECTION_RANGES if lo <= s <= hi]
        return frozenset().union(*(_section_atoms(s) for s in letters))
    if re.fullmatch(r"[A-U](?:\s*[,+&]\s*[A-U])+", upper):
        letters = re.findall(r"[A-U]", upper)
        return frozenset().union(*(_section_atoms(s) for s in letters))
    raise ValueError(
        f"cannot read industry code {text!r}: expected a SIC 2007 section ('C'), a section "
        "range ('A-E', 'R,S'), a division or division range ('01', '49-51'), an ONS code "
        "with divisions in brackets ('C (10-33)', 'CA-CB (10-15)'), '68IMP' or 'Total'"
    )


def industry_code_divisions(code: str | int) -> frozenset[str]:
    """Return the SIC 2007 divisions an industry code covers.

    Understands the codes used by ONS regional GVA, BRES/Nomis and the Census:
    section letters (``"C"``), section ranges and lists (``"A-E"``, ``"G-T"``,
    ``"R,S"``), divisions and division ranges (``"01"``, ``"5-8"``, ``"49-51"``), ONS
    codes with the divisions in brackets (``"C (10-33)"``, ``"CA-CB (10-15)"``,
    ``"AB (1-9)"``), ``"68IMP"`` and ``"Total"``.

    Parameters
    ----------
    code
        The industry code.

    Returns
    -------
    frozenset of str
        Two-digit division strings. Owner-occupiers' imputed rental is the extra member
        ``"68IMP"``: codes for section L (``"L"``, ``"L (68)"``) and any wider code cover
        it, while the bare code ``"68"`` means real estate *excluding* imputed rental (as
        ONS GVA publishes it; for jobs data the two are the same).

    Raises
    ------
    ValueError
        If the code cannot be read or names a division that does not exist.

    Examples
    --------
    >>> sorted(industry_code_divisions("CA-CB (10-15)"))
    ['10', '11', '12', '13', '14', '15']
    >>> sorted(industry_code_divisions("AB (1-9)"))
    ['01', '02', '03', '05', '06', '07', '08', '09']
    >>> sorted(industry_code_divisions("L (68)")), sorted(industry_code_divisions("68"))
    (['68', '68IMP'], ['68'])
    """
    return _industry_atoms(str(code))


def _is_total(code: object) -> bool:
    return str(code).strip().upper() in _TOTAL_LABELS


def _is_section_complete(atoms: frozenset[str], drop: frozenset[str]) -> bool:
    sections = {_atom_section(a) for a in atoms}
    return all((_section_atoms(s) - drop) <= atoms for s in sections)


def select_industry_level(
    codes: Iterable[str],
    level: Literal["section", "finest"] = "section",
    *,
    exclude_imputed_rent: bool = False,
) -> list[str]:
    """Pick the codes that form one non-overlapping level of an industry hierarchy.

    ONS publishes totals, sector aggregates, sections and finer groups side by side
    (the LAD GVA workbook has ``Total``, ``A-E``, ``C (10-33)``, ``CA-CB (10-15)``,
    ``41`` ...). Summing them all would count output several times. This function keeps
    a partition of the divisions the codes cover.

    Parameters
    ----------
    codes
        Industry codes as found in the data (see :func:`industry_code_divisions`).
    level
        ``"section"``: the smallest codes that are whole SIC sections or unions of
        sections (``AB (1-9)`` and ``DE (35-39)`` count when ONS does not split them).
        ``"finest"``: the smallest codes available (e.g. ``41``, ``42``, ``43`` rather
        than ``F (41-43)``; ``68IMP`` and ``68`` rather than ``L (68)``).
    exclude_imputed_rent
        Drop owner-occupiers' imputed rental (ONS GVA codes only): ``68IMP`` and every
        code that includes it (``L (68)``) are left out, and at section level the bare
        ``68`` (real estate excluding imputed rental) stands for section L. Not needed
        for jobs data, which has no imputed rent.

    Returns
    -------
    list of str
        The selected codes, in their input order.

    Raises
    ------
    ValueError
        If a code cannot be read, two selected codes overlap or are duplicates, or some
        divisions covered by the input have no code at the requested level (e.g. asking
        for sections from a list of 2-digit divisions: aggregate them with
        :func:`aggregate_to_sections` instead).

    Examples
    --------
    >>> codes = ["Total", "A-E", "AB (1-9)", "C (10-33)", "CA-CB (10-15)", "CC (16-33)",
    ...          "DE (35-39)", "F (41-43)", "41", "42-43", "G-U"]
    >>> select_industry_level(codes, "section")
    ['AB (1-9)', 'C (10-33)', 'DE (35-39)', 'F (41-43)', 'G-U']
    >>> select_industry_level(codes, "finest")
    ['AB (1-9)', 'CA-CB (10-15)', 'CC (16-33)', 'DE (35-39)', '41', '42-43', 'G-U']
    >>> select_industry_level(["L (68)", "68IMP", "68"], "section", exclude_imputed_rent=True)
    ['68']
    """
    if level not in ("section", "finest"):
        raise ValueError(f"level must be 'section' or 'finest', got {level!r}")
    ordered = list(dict.fromkeys(str(c) for c in codes))
    parsed = {c: industry_code_divisions(c) for c in ordered if not _is_total(c)}
    if not parsed:
        raise ValueError("no industry codes to select from (only totals, or none at all)")
    drop = frozenset({IMPUTED_RENT}) if exclude_imputed_rent else frozenset()
    universe = frozenset().union(*parsed.values()) - drop
    allowed = {c: a for c, a in parsed.items() if not (a & drop)}
    if level == "section":
        candidates = {c: a for c, a in allowed.items() if _is_section_complete(a, drop)}
    else:
        candidates = allowed
    minimal = {
        c: a
        for c, a in candidates.items()
        if not any(other < a for o, other in candidates.items() if o != c)
    }
    seen: dict[str, str] = {}
    for code, atoms in minimal.items():
        for atom in sorted(atoms):
            if atom in seen:
                other = seen[atom]
                kind = "duplicate" if minimal[other] == atoms else "overlapping"
                raise ValueError(
                    f"industry codes {other!r} and {code!r} are {kind} at {level} level (both "
                    f"cover division {atom}); drop one of them before selecting"
                )
            seen[atom] = code
    missing = universe - frozenset(seen)
    if missing:
        hint = (
            " (aggregate divisions to sections with aggregate_to_sections())"
            if level == "section"
            else ""
        )
        raise ValueError(f"no {level}-level code covers division(s) {sorted(missing)}{hint}")
    return [c for c in ordered if c in minimal]


def describe_industry_level(codes: Iterable[Hashable]) -> str:
    """Name the industry level a set of codes is at.

    Parameters
    ----------
    codes
        Industry codes (e.g. the columns of an industry matrix).

    Returns
    -------
    str
        ``"section"`` if every code is one or more whole SIC sections, ``"division"`` if
        every code is a single 2-digit division (or ``68IMP``), ``"mixed"`` for any other
        readable mixture (e.g. the ONS LAD ``"finest"`` level), ``"custom"`` if some code
        is not a SIC code at all.

    Examples
    --------
    >>> describe_industry_level(["A", "C (10-33)", "DE (35-39)"])
    'section'
    >>> describe_industry_level(["01", "02", "68IMP"]), describe_industry_level(["41", "G"])
    ('division', 'mixed')
    """
    parsed = []
    for code in codes:
        try:
            parsed.append(industry_code_divisions(str(code)))
        except ValueError:
            return "custom"
    if not parsed:
        return "custom"
    if all(_is_section_complete(a, frozenset({IMPUTED_RENT})) for a in parsed):
        return "section"
    if all(len(a) == 1 or a == frozenset({"68", IMPUTED_RENT}) for a in parsed):
        return "division"
    return "mixed"
