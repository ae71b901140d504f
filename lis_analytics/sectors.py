"""Sector structure: shares, location quotients, specialisation, shift-share and productivity mix.

Every function here is pure: it takes pandas objects and returns new ones. The working
shape is an **industry matrix** of additive quantities (jobs, hours, current-price GVA):

* index: one row per area (``area_code``), optionally including a benchmark row such as
  England or the UK;
* columns: one column per industry (``industry_code``) forming a *non-overlapping*
  partition, e.g. SIC 2007 sections, 2-digit divisions, or one level of the ONS regional
  GVA hierarchy;
* values: non-negative numbers; ``NaN`` means suppressed / not available (never zero).

:func:`industry_matrix` builds that matrix from a tidy long table of the data layer
(columns ``area_code, period, measure, value, industry_code, ...``), and
:func:`select_industry_level` picks one level (``"section"`` or ``"finest"``) out of
hierarchical code lists such as the ONS LAD GVA workbook, where ``Total``, ``A-E``,
``C (10-33)`` and ``CA-CB (10-15)`` all appear together. Overlapping columns, a
``Total`` column, negative values and zero totals are rejected with an error that
names the offending cells.

**Chained-volume (CVM) values are not additive** across industries or areas, and
indices and deflators are not quantities at all: shares, location quotients,
shift-share and grouping totals need current prices or counts of jobs/hours. A matrix
built by :func:`industry_matrix` remembers its measure and price basis in
``DataFrame.attrs`` and is refused by those functions if it is a CVM, index or
deflator. Growth of current-price GVA mixes price and volume change; prefer jobs or
hours for shift-share, or read current-price results as nominal.

Imputed rent: section L in ONS GVA (``L (68)``) includes owner-occupiers' imputed
rental (``68IMP``), output with no jobs attached. Many LIS analyses exclude it; use
``exclude_imputed_rent=True`` in :func:`select_industry_level` / :func:`industry_matrix`.

Main entry points
-----------------
Shares and benchmarks: :func:`sector_shares`, :func:`location_quotients`,
:func:`krugman_index`, :func:`hoover_index`, :func:`herfindahl_index`.
Change: :func:`shift_share`, :func:`dynamic_shift_share`.
Productivity: :func:`productivity_gap_decomposition`.
Profiles: :func:`classify_industries`, :func:`label_industries`, :func:`grouping_summary`,
:func:`load_sector_groupings`, :func:`map_industries_to_groupings`.
Data preparation: :func:`fill_suppressed` (estimate suppressed cells from published
parents), :func:`industry_concordance` and :func:`harmonise_matrices` (bring two sources
to common industries).
SIC 2007: :func:`sic_division_to_section`, :func:`sic_section_name`,
:func:`sic2007_sections`, :func:`industry_code_divisions`, :func:`industry_code_mapping`,
:func:`aggregate_to_sections`, :func:`aggregate_industries`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
import yaml

__all__ = [
    "IMPUTED_RENT",
    "SIC2007_SECTIONS",
    "IndustryConcordance",
    "ProductivityGapResult",
    "SectorGrouping",
    "ShiftShareResult",
    "aggregate_industries",
    "aggregate_to_sections",
    "classify_industries",
    "describe_industry_level",
    "dynamic_shift_share",
    "fill_suppressed",
    "grouping_summary",
    "harmonise_matrices",
    "herfindahl_index",
    "hoover_index",
    "industry_code_divisions",
    "industry_code_mapping",
    "industry_concordance",
    "industry_matrix",
    "industry_panel",
    "krugman_index",
    "label_industries",
    "load_sector_groupings",
    "location_quotients",
    "map_industries_to_groupings",
    "productivity_gap_decomposition",
    "sector_shares",
    "select_industry_level",
    "shift_share",
    "sic2007_sections",
    "sic_division_to_section",
    "sic_section_name",
]

# --------------------------------------------------------------------------- SIC 2007

SIC2007_SECTIONS: dict[str, str] = {
    "A": "Agriculture, forestry and fishing",
    "B": "Mining and quarrying",
    "C": "Manufacturing",
    "D": "Electricity, gas, steam and air conditioning supply",
    "E": "Water supply; sewerage, waste management and remediation activities",
    "F": "Construction",
    "G": "Wholesale and retail trade; repair of motor vehicles and motorcycles",
    "H": "Transportation and storage",
    "I": "Accommodation and food service activities",
    "J": "Information and communication",
    "K": "Financial and insurance activities",
    "L": "Real estate activities",
    "M": "Professional, scientific and technical activities",
    "N": "Administrative and support service activities",
    "O": "Public administration and defence; compulsory social security",
    "P": "Education",
    "Q": "Human health and social work activities",
    "R": "Arts, entertainment and recreation",
    "S": "Other service activities",
    "T": (
        "Activities of households as employers; undifferentiated goods- and "
        "services-producing activities of households for own use"
    ),
    "U": "Activities of extraterritorial organisations and bodies",
}
"""SIC 2007 section letters and their official titles."""

_SECTION_RANGES: dict[str, tuple[int, int]] = {
    "A": (1, 3),
    "B": (5, 9),
    "C": (10, 33),
    "D": (35, 35),
    "E": (36, 39),
    "F": (41, 43),
    "G": (45, 47),
    "H": (49, 53),
    "I": (55, 56),
    "J": (58, 63),
    "K": (64, 66),
    "L": (68, 68),
    "M": (69, 75),
    "N": (77, 82),
    "O": (84, 84),
    "P": (85, 85),
    "Q": (86, 88),
    "R": (90, 93),
    "S": (94, 96),
    "T": (97, 98),
    "U": (99, 99),
}
_DIVISION_SECTION: dict[int, str] = {
    d: s for s, (lo, hi) in _SECTION_RANGES.items() for d in range(lo, hi + 1)
}
_CENSUS_PSEUDO_DIVISIONS: dict[int, str] = {48: "G"}

IMPUTED_RENT = "68IMP"
"""Code ONS uses for owner-occupiers' imputed rental (part of division 68, section L)."""

_TOTAL_LABELS = frozenset({"TOTAL", "ALL INDUSTRIES", "ALL"})
_VALID_RANGES_TEXT = (
    "01-03, 05-09, 10-33, 35-39, 41-43, 45-47, 49-53, 55-56, 58-66, 68-75, 77-82, 84-88, 90-99"
)


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


def sic_division_to_section(division: int | str) -> str:
    """Return the SIC 2007 section letter of a 2-digit division.

    Parameters
    ----------
    division
        Division number as an int (``1``), a string with or without leading zero
        (``"01"``, ``"1"``), or a dotted group/class code whose first part is the
        division (``"47.11"``). The Census 2021 pseudo-division ``48`` ("wholesale and
        retail not otherwise specified") is accepted and placed in section G.

    Returns
    -------
    str
        Section letter ``"A"`` to ``"U"``.

    Raises
    ------
    ValueError
        If the value is not a SIC 2007 division (e.g. ``4``, ``34``, ``40``).
    TypeError
        If ``division`` is neither an int nor a string.

    Examples
    --------
    >>> sic_division_to_section("01"), sic_division_to_section(47), sic_division_to_section("86.10")
    ('A', 'G', 'Q')
    >>> sic_division_to_section(34)
    Traceback (most recent call last):
    ...
    ValueError: 34 is not a SIC 2007 division; valid divisions are 01-03, 05-09, 10-33, ...
    """
    if isinstance(division, bool) or not isinstance(division, int | np.integer | str):
        raise TypeError(f"division must be an int or a string, got {type(division).__name__}")
    if isinstance(division, str):
        head = division.strip().split(".")[0]
        if not head.isdigit() or len(head) > 2:
            raise ValueError(
                f"{division!r} is not a SIC 2007 division: expected a 2-digit number such as "
                "'01' or '47' (or a dotted code such as '47.11')"
            )
        number = int(head)
    else:
        number = int(division)
    if number in _CENSUS_PSEUDO_DIVISIONS:
        return _CENSUS_PSEUDO_DIVISIONS[number]
    try:
        return _DIVISION_SECTION[number]
    except KeyError:
        raise ValueError(
            f"{division!r} is not a SIC 2007 division; valid divisions are 01-03, 05-09, "
            f"10-33, ... (in full: {_VALID_RANGES_TEXT}; 48 is accepted as the Census 2021 "
            "pseudo-division)"
        ) from None


def sic_section_name(section: str) -> str:
    """Return the official title of a SIC 2007 section.

    Parameters
    ----------
    section
        Section letter, ``"A"`` to ``"U"`` (case-insensitive).

    Returns
    -------
    str
        The section title.

    Examples
    --------
    >>> sic_section_name("q")
    'Human health and social work activities'
    """
    key = str(section).strip().upper()
    if key not in SIC2007_SECTIONS:
        raise ValueError(f"{section!r} is not a SIC 2007 section letter (A-U)")
    return SIC2007_SECTIONS[key]


def sic2007_sections() -> pd.DataFrame:
    """Return the SIC 2007 sections with their titles and division ranges.

    Returns
    -------
    DataFrame
        Columns ``section``, ``section_name``, ``divisions`` (text, e.g. ``"10-33"``),
        ``first_division`` and ``last_division`` (ints); one row per section A-U.

    Examples
    --------
    >>> table = sic2007_sections()
    >>> table.loc[table["section"] == "C", ["section", "divisions"]].to_numpy().tolist()
    [['C', '10-33']]
    >>> len(table)
    21
    """
    rows = []
    for section, (lo, hi) in _SECTION_RANGES.items():
        rows.append(
            {
                "section": section,
                "section_name": SIC2007_SECTIONS[section],
                "divisions": f"{lo:02d}" if lo == hi else f"{lo:02d}-{hi:02d}",
                "first_division": lo,
                "last_division": hi,
            }
        )
    return pd.DataFrame(rows)


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
                    f"(valid: {_VALID_RANGES_TEXT})"
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


# --------------------------------------------------------------------------- validation


def _describe_cells(mask: pd.DataFrame, values: pd.DataFrame | None = None, limit: int = 5) -> str:
    rows, cols = np.nonzero(mask.to_numpy())
    parts = []
    for r, c in zip(rows[:limit], cols[:limit], strict=True):
        label = f"{mask.index[r]}/{mask.columns[c]}"
        if values is not None:
            label += f"={values.iat[r, c]:g}"
        parts.append(label)
    more = len(rows) - limit
    return ", ".join(parts) + (f" and {more} more" if more > 0 else "")


def _describe_labels(labels: Iterable[object], limit: int = 8) -> str:
    items = [str(x) for x in labels]
    text = ", ".join(items[:limit])
    return text + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _guard_additive(frame: pd.DataFrame | pd.Series, name: str) -> None:
    measure = str(frame.attrs.get("measure", "")).lower()
    basis = str(frame.attrs.get("price_basis", "")).lower()
    if "chained volume" in basis or "cvm" in measure or "index" in measure or "deflator" in measure:
        raise ValueError(
            f"{name} holds {frame.attrs.get('measure') or basis!r} ({basis or 'no price basis'}): "
            "chained-volume measures, indices and deflators do not add up across industries "
            "or areas. Use current prices (e.g. gva_current_prices) or counts of jobs/hours."
        )


def _check_columns_partition(columns: pd.Index, name: str) -> None:
    totals = [c for c in columns if _is_total(c)]
    if totals:
        raise ValueError(
            f"{name} has a total column {totals[0]!r}: keep only industries (pass published "
            "totals separately as area_totals=)"
        )
    seen: dict[str, object] = {}
    for col in columns:
        try:
            atoms = industry_code_divisions(str(col))
        except ValueError:
            continue  # not a SIC code: nothing to check
        for atom in sorted(atoms):
            if atom in seen:
                raise ValueError(
                    f"{name}: industry columns {seen[atom]!r} and {col!r} overlap (both cover "
                    f"division {atom}), so totals would double count; keep one level with "
                    "select_industry_level()"
                )
            seen[atom] = col


def _as_matrix(
    frame: pd.DataFrame,
    name: str,
    *,
    allow_negative: bool = False,
    allow_missing: bool = True,
    additive: bool = True,
) -> pd.DataFrame:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(
            f"{name} must be a DataFrame with areas as rows and industries as columns, got "
            f"{type(frame).__name__}"
        )
    if frame.shape[0] == 0 or frame.shape[1] == 0:
        raise ValueError(f"{name} is empty (shape {frame.shape})")
    if not frame.index.is_unique:
        dup = frame.index[frame.index.duplicated()].unique()
        raise ValueError(f"{name} has duplicate area rows: {_describe_labels(dup)}")
    if not frame.columns.is_unique:
        dup = frame.columns[frame.columns.duplicated()].unique()
        raise ValueError(f"{name} has duplicate industry columns: {_describe_labels(dup)}")
    if additive:
        _guard_additive(frame, name)
    try:
        values = frame.to_numpy(dtype="float64", na_value=np.nan)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must hold numbers only: {exc}") from exc
    out = pd.DataFrame(values, index=frame.index.copy(), columns=frame.columns.copy())
    out.index.name = frame.index.name or "area_code"
    out.columns.name = frame.columns.name or "industry_code"
    out.attrs = dict(frame.attrs)
    _check_columns_partition(out.columns, name)
    if np.isinf(values).any():
        raise ValueError(f"{name} has infinite values at {_describe_cells(np.isinf(out))}")
    if not allow_negative and (values < 0).any():
        raise ValueError(
            f"{name} has negative values ({_describe_cells(out < 0, out)}); these methods need "
            "non-negative quantities (GVA can be slightly negative, e.g. in agriculture: set "
            "such cells to 0 or drop the industry if that is acceptable for your purpose)"
        )
    if not allow_missing and np.isnan(values).any():
        raise ValueError(
            f"{name} has missing (suppressed) cells: {_describe_cells(out.isna())}; fill or drop "
            "them first (missing is never treated as zero)"
        )
    return out


def _check_same_shape(a: pd.DataFrame, b: pd.DataFrame, name_a: str, name_b: str) -> None:
    for axis, things, problem in (("index", "areas", "different areas"),
                                  ("columns", "industries", "misaligned industries")):
        labels_a, labels_b = getattr(a, axis), getattr(b, axis)
        if labels_a.equals(labels_b):
            continue
        only_a = labels_a.difference(labels_b)
        only_b = labels_b.difference(labels_a)
        detail = (
            f"only in {name_a}: [{_describe_labels(only_a)}]; only in {name_b}: "
            f"[{_describe_labels(only_b)}]"
            if len(only_a) or len(only_b)
            else f"same {things} in a different order; reindex one to the other"
        )
        raise ValueError(f"{name_a} and {name_b} have {problem} ({detail})")


def _as_industry_series(series: pd.Series, columns: pd.Index, name: str) -> pd.Series:
    if not isinstance(series, pd.Series):
        raise TypeError(f"{name} must be a Series indexed by industry, got {type(series).__name__}")
    _guard_additive(series, name)
    missing = columns.difference(series.index)
    extra = series.index.difference(columns)
    if len(missing) or len(extra):
        raise ValueError(
            f"{name} is misaligned with the matrix industries (missing: "
            f"[{_describe_labels(missing)}]; extra: [{_describe_labels(extra)}])"
        )
    out = pd.Series(
        series.reindex(columns).to_numpy(dtype="float64", na_value=np.nan), index=columns
    )
    if out.isna().any():
        raise ValueError(f"{name} has missing values for {_describe_labels(out.index[out.isna()])}")
    if (out < 0).any():
        raise ValueError(f"{name} has negative values for {_describe_labels(out.index[out < 0])}")
    return out


def _benchmark_series(
    counts: pd.DataFrame, benchmark: Hashable | pd.Series | None, name: str
) -> pd.Series:
    """Industry totals of the benchmark: column sums, a row of ``counts`` or a Series."""
    if benchmark is None:
        if counts.isna().to_numpy().any():
            raise ValueError(
                f"cannot build the benchmark by adding up the areas of {name}: cells are "
                f"missing ({_describe_cells(counts.isna())}); pass benchmark= (a row label "
                "such as the England code, or a Series of industry totals)"
            )
        out = counts.sum(axis=0)
    elif isinstance(benchmark, pd.Series):
        out = _as_industry_series(benchmark, counts.columns, f"benchmark for {name}")
    elif isinstance(benchmark, pd.DataFrame):
        raise TypeError("benchmark must be None, a row label or a Series, not a DataFrame")
    else:
        if benchmark not in counts.index:
            raise ValueError(
                f"benchmark {benchmark!r} is not a row of {name}; rows include "
                f"{_describe_labels(counts.index[:5])}"
            )
        out = counts.loc[benchmark]
        if out.isna().any():
            raise ValueError(
                f"benchmark row {benchmark!r} has missing values for "
                f"{_describe_labels(out.index[out.isna()])}"
            )
        if (out < 0).any():
            raise ValueError(f"benchmark row {benchmark!r} has negative values")
    out = out.astype("float64")
    out.name = "benchmark"
    return out


def _area_totals(counts: pd.DataFrame, area_totals: pd.Series | None, name: str) -> pd.Series:
    if area_totals is None:
        if counts.isna().to_numpy().any():
            raise ValueError(
                f"{name} has missing (suppressed) cells ({_describe_cells(counts.isna())}), so "
                "area totals cannot be summed; pass area_totals= (e.g. the published 'Total') "
                "or fill/drop those cells"
            )
        totals = counts.sum(axis=1)
    else:
        if not isinstance(area_totals, pd.Series):
            raise TypeError("area_totals must be a Series indexed by area")
        _guard_additive(area_totals, "area_totals")
        missing = counts.index.difference(area_totals.index)
        if len(missing):
            raise ValueError(f"area_totals has no value for {_describe_labels(missing)}")
        totals = pd.Series(
            area_totals.reindex(counts.index).to_numpy(dtype="float64", na_value=np.nan),
            index=counts.index,
        )
        if totals.isna().any():
            raise ValueError(
                f"area_totals is missing for {_describe_labels(totals.index[totals.isna()])}"
            )
        known = counts.sum(axis=1, skipna=True)
        too_small = known > totals * (1 + 1e-6) + 1e-9 + 0.5 * counts.shape[1]
        if too_small.any():
            raise ValueError(
                "area_totals is smaller than the sum of the industries for "
                f"{_describe_labels(totals.index[too_small])}: are they the same measure?"
            )
    zero = totals <= 0
    if zero.any():
        raise ValueError(
            f"{name} has a zero total for area(s) {_describe_labels(totals.index[zero])}; "
            "shares are undefined there (drop those areas)"
        )
    totals.name = "total"
    return totals


def _positive_total(value: float, what: str) -> float:
    if not value > 0:
        raise ValueError(f"{what} is zero (or not positive: {value!r}); shares are undefined")
    return float(value)


def _nonzero_benchmark(bench: pd.Series, what: str) -> None:
    zero = bench == 0
    if zero.any():
        raise ValueError(
            f"{what} is zero for industries {_describe_labels(bench.index[zero])}; location "
            "quotients and growth rates are undefined there (drop or merge those industries)"
        )


def _to_long(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    first = next(iter(frames.values()))
    index = pd.MultiIndex.from_product(
        [first.index, first.columns], names=["area_code", "industry_code"]
    )
    data = {key: np.asarray(frame.to_numpy()).ravel() for key, frame in frames.items()}
    return pd.DataFrame(data, index=index).reset_index()


# --------------------------------------------------------------------------- tidy -> matrix


def industry_matrix(
    tidy: pd.DataFrame,
    measure: str,
    period: str | int,
    *,
    industries: Literal["section", "finest"] | Sequence[str] | None = None,
    exclude_imputed_rent: bool = False,
    area_codes: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Turn a tidy industry table into an area x industry matrix for one measure and period.

    Parameters
    ----------
    tidy
        Long table with at least ``area_code``, ``industry_code``, ``period``, ``measure``
        and ``value`` (the data layer's tidy layout, e.g. ``load_table("gva_lad_industry")``).
        Optional ``unit``, ``price_basis`` and ``dataset_id`` are recorded in ``attrs``.
    measure
        Measure id to keep, e.g. ``"gva_current_prices"`` or ``"employment"``.
    period
        Period to keep, compared as text (``2022`` and ``"2022"`` are the same).
    industries
        ``None`` keeps every code (including totals and overlapping aggregates);
        ``"section"`` or ``"finest"`` keeps one level via :func:`select_industry_level`;
        a list keeps exactly those codes, in that order.
    exclude_imputed_rent
        Passed to :func:`select_industry_level` when ``industries`` is a level name.
    area_codes
        Keep only these areas (all must be present), in this order.

    Returns
    -------
    DataFrame
        Index ``area_code``, columns ``industry_code``, float values; missing or
        suppressed cells are ``NaN``. ``attrs`` records ``measure``, ``period``,
        ``unit``, ``price_basis`` and ``dataset_id`` so that non-additive measures (CVM,
        indices, deflators) are refused by the additive methods.

    Raises
    ------
    ValueError
        If columns are missing, the measure or period is absent (the message lists what
        is available), an area or industry asked for is absent, or an area/industry pair
        appears twice (filter by ``dataset_id`` or ``code_vintage`` first).

    Examples
    --------
    >>> tidy = pd.DataFrame({
    ...     "area_code": ["E1", "E1", "E1", "E2", "E2", "E2"],
    ...     "industry_code": ["Total", "A", "C"] * 2,
    ...     "period": "2022", "measure": "jobs",
    ...     "value": [30.0, 10.0, 20.0, 50.0, 20.0, 30.0],
    ... })
    >>> industry_matrix(tidy, "jobs", 2022, industries="section")  # doctest: +NORMALIZE_WHITESPACE
    industry_code     A     C
    area_code
    E1             10.0  20.0
    E2             20.0  30.0
    """
    if not isinstance(tidy, pd.DataFrame):
        raise TypeError(f"tidy must be a DataFrame, got {type(tidy).__name__}")
    required = ["area_code", "industry_code", "period", "measure", "value"]
    absent = [c for c in required if c not in tidy.columns]
    if absent:
        raise ValueError(f"tidy table lacks column(s) {absent}; it needs {required}")
    rows = tidy[tidy["measure"].astype(str) == measure]
    if rows.empty:
        available = sorted(tidy["measure"].astype(str).unique())
        raise ValueError(f"measure {measure!r} not in the table; available: {available}")
    rows = rows[rows["period"].astype(str) == str(period)]
    if rows.empty:
        available = sorted(
            tidy.loc[tidy["measure"].astype(str) == measure, "period"].astype(str).unique()
        )
        raise ValueError(
            f"period {str(period)!r} not in the table for {measure!r}; available: "
            f"{_describe_labels(available, limit=40)}"
        )
    if area_codes is not None:
        wanted = [str(a) for a in area_codes]
        present = set(rows["area_code"].astype(str))
        missing_areas = [a for a in wanted if a not in present]
        if missing_areas:
            raise ValueError(
                f"area(s) {_describe_labels(missing_areas)} have no {measure!r} rows for {period}"
            )
        rows = rows[rows["area_code"].astype(str).isin(wanted)]
    keys = rows[["area_code", "industry_code"]].astype(str)
    dup = keys.duplicated(keep=False)
    if dup.any():
        examples = keys[dup].drop_duplicates().head(3).itertuples(index=False)
        raise ValueError(
            f"{int(dup.sum())} rows share an area_code/industry_code pair for {measure!r} "
            f"{period} (e.g. {[tuple(e) for e in examples]}); filter by dataset_id, geography "
            "or code_vintage first"
        )
    area_order = list(dict.fromkeys(keys["area_code"]))
    code_order = list(dict.fromkeys(keys["industry_code"]))
    matrix = (
        pd.DataFrame(
            {
                "area_code": keys["area_code"].to_numpy(),
                "industry_code": keys["industry_code"].to_numpy(),
                "value": pd.to_numeric(rows["value"]).to_numpy(dtype="float64"),
            }
        )
        .pivot(index="area_code", columns="industry_code", values="value")
        .reindex(index=area_order, columns=code_order)
    )
    if area_codes is not None:
        matrix = matrix.reindex(index=[str(a) for a in area_codes])
    if industries is not None:
        if isinstance(industries, str):
            chosen = select_industry_level(
                code_order, industries, exclude_imputed_rent=exclude_imputed_rent
            )
        else:
            chosen = [str(c) for c in industries]
            missing_codes = [c for c in chosen if c not in matrix.columns]
            if missing_codes:
                raise ValueError(
                    f"industry code(s) {_describe_labels(missing_codes)} not in the table; "
                    f"available: {_describe_labels(code_order, limit=60)}"
                )
        matrix = matrix[chosen]
    matrix.index.name = "area_code"
    matrix.columns.name = "industry_code"
    attrs: dict[str, object] = {"measure": measure, "period": str(period)}
    for col in ("unit", "price_basis", "dataset_id"):
        if col in rows.columns:
            attrs[col] = "; ".join(sorted(rows[col].astype(str).unique()))
    matrix.attrs = attrs
    return matrix


def industry_panel(
    tidy: pd.DataFrame,
    measure: str,
    periods: Sequence[str | int] | None = None,
    **kwargs: object,
) -> dict[str, pd.DataFrame]:
    """Build one industry matrix per period, with the same areas and industries in each.

    Parameters
    ----------
    tidy, measure
        As for :func:`industry_matrix`.
    periods
        Periods to include; default every period of ``measure``, in sorted order.
    **kwargs
        Passed to :func:`industry_matrix` (``industries``, ``exclude_imputed_rent``,
        ``area_codes``).

    Returns
    -------
    dict of str to DataFrame
        ``{period: matrix}`` in period order, every matrix reindexed to the union of
        areas (an area absent in a year gets ``NaN``, which the change methods reject).

    Examples
    --------
    >>> tidy = pd.DataFrame({
    ...     "area_code": ["E1", "E1", "E1", "E1"], "industry_code": ["A", "C", "A", "C"],
    ...     "period": ["2021", "2021", "2022", "2022"], "measure": "jobs",
    ...     "value": [1.0, 2.0, 3.0, 4.0]})
    >>> panel = industry_panel(tidy, "jobs")
    >>> list(panel), panel["2022"].loc["E1", "C"]
    (['2021', '2022'], np.float64(4.0))
    """
    if not isinstance(tidy, pd.DataFrame) or "measure" not in tidy.columns:
        raise ValueError("tidy must be a DataFrame with a 'measure' column")
    rows = tidy[tidy["measure"].astype(str) == measure]
    if periods is None:
        periods = sorted(rows["period"].astype(str).unique(), key=_period_key)
    source = rows if not rows.empty else tidy  # let industry_matrix report a missing measure
    matrices = {str(p): industry_matrix(source, measure, p, **kwargs) for p in periods}  # type: ignore[arg-type]
    if not matrices:
        raise ValueError(f"no periods for measure {measure!r}")
    areas = list(dict.fromkeys(a for m in matrices.values() for a in m.index))
    columns = next(iter(matrices.values())).columns
    out = {}
    for period, matrix in matrices.items():
        if not matrix.columns.equals(columns):
            raise ValueError(
                f"period {period} has different industry codes from the first period; pass "
                "industries= explicitly"
            )
        reindexed = matrix.reindex(index=areas)
        reindexed.attrs = dict(matrix.attrs)
        out[period] = reindexed
    return out


def _period_key(period: str) -> tuple[int, float | str]:
    try:
        return (0, float(period))
    except ValueError:
        return (1, period)


# --------------------------------------------------------------------------- aggregation


def aggregate_industries(
    counts: pd.DataFrame, mapping: Mapping[str, str] | Callable[[str], str]
) -> pd.DataFrame:
    """Add up industry columns into broader groups.

    Parameters
    ----------
    counts
        Area x industry matrix of an additive quantity.
    mapping
        Target label for each column: a dict (every column must be mapped) or a function
        of the column label.

    Returns
    -------
    DataFrame
        Area x group matrix, groups in order of first appearance. A group is ``NaN`` for
        an area if any of its members is missing there (suppressed cells are never
        counted as zero).

    Examples
    --------
    >>> counts = pd.DataFrame({"01": [1.0, 2.0], "03": [3.0, None], "10": [5.0, 6.0]},
    ...                       index=["E1", "E2"])
    >>> aggregate_industries(counts, {"01": "A", "03": "A", "10": "C"})
    ... # doctest: +NORMALIZE_WHITESPACE
    industry_code    A    C
    area_code
    E1             4.0  5.0
    E2             NaN  6.0
    """
    matrix = _as_matrix(counts, "counts")
    if callable(mapping):
        targets = {col: str(mapping(str(col))) for col in matrix.columns}
    else:
        unmapped = [c for c in matrix.columns if c not in mapping]
        if unmapped:
            raise ValueError(f"mapping has no group for column(s) {_describe_labels(unmapped)}")
        targets = {col: str(mapping[col]) for col in matrix.columns}
    groups = list(dict.fromkeys(targets.values()))
    values = matrix.to_numpy(dtype="float64")
    position = {g: i for i, g in enumerate(groups)}
    member = np.array([position[targets[c]] for c in matrix.columns])
    summed = np.column_stack(
        [values[:, member == i].sum(axis=1) for i in range(len(groups))]
    )  # a NaN member makes its group NaN: suppressed cells are never counted as zero
    out = pd.DataFrame(summed, index=matrix.index, columns=pd.Index(groups, name="industry_code"))
    out.attrs = dict(matrix.attrs)
    return out


def industry_code_mapping(
    source_codes: Iterable[Hashable], target_codes: Iterable[Hashable]
) -> dict[str, str]:
    """Map each fine industry code to the coarser target code that contains it.

    Use it to bring two sources to common industries, e.g. BRES jobs by 2-digit
    division onto the ONS GVA groups (``"CA-CB (10-15)"``, ``"49-51"`` ...) before a
    productivity decomposition: ``aggregate_industries(jobs, industry_code_mapping(
    jobs.columns, gva.columns))``.

    Parameters
    ----------
    source_codes
        Codes to map (e.g. divisions).
    target_codes
        Non-overlapping codes to map onto (e.g. one level of the ONS GVA hierarchy).

    Returns
    -------
    dict of str to str
        ``{source: target}``.

    Raises
    ------
    ValueError
        If a source code is not inside any target code, straddles two, or the targets
        overlap.

    Examples
    --------
    >>> industry_code_mapping(["10", "13", "41", "68"], ["CA-CB (10-15)", "F (41-43)", "L (68)"])
    {'10': 'CA-CB (10-15)', '13': 'CA-CB (10-15)', '41': 'F (41-43)', '68': 'L (68)'}
    """
    targets = [str(t) for t in target_codes if not _is_total(t)]
    _check_columns_partition(pd.Index(targets), "target_codes")
    target_atoms = {t: industry_code_divisions(t) for t in targets}
    mapping: dict[str, str] = {}
    problems = []
    for source in (str(s) for s in source_codes):
        atoms = industry_code_divisions(source)
        inside = [t for t, a in target_atoms.items() if atoms <= a]
        if len(inside) == 1:
            mapping[source] = inside[0]
            continue
        touching = [t for t, a in target_atoms.items() if atoms & a]
        problems.append(
            f"{source} ({'straddles ' + ' and '.join(touching) if touching else 'not covered'})"
        )
    if problems:
        raise ValueError(f"cannot map industry codes: {_describe_labels(problems)}")
    return mapping


def aggregate_to_sections(counts: pd.DataFrame) -> pd.DataFrame:
    """Add up division-level (or finer-than-section) columns into SIC 2007 sections.

    Parameters
    ----------
    counts
        Area x industry matrix whose columns are SIC codes that each fall within one
        section (``"01"``, ``"49-51"``, ``"68IMP"``, Census ``"48"`` ...).

    Returns
    -------
    DataFrame
        Area x section matrix (columns ``"A"`` ... ``"U"``, only those present, in
        alphabetical order). Missing members make the section ``NaN``.

    Raises
    ------
    ValueError
        If a column spans several sections (e.g. ``"AB (1-9)"``, Census 2011 ``"R,S"``),
        or columns overlap.

    Examples
    --------
    >>> counts = pd.DataFrame({"01": [1.0], "02": [2.0], "47": [4.0], "48": [1.0]},
    ...                       index=["W06000001"])
    >>> aggregate_to_sections(counts)  # doctest: +NORMALIZE_WHITESPACE
    industry_code    A    G
    area_code
    W06000001      3.0  5.0
    """
    matrix = _as_matrix(counts, "counts")
    mapping: dict[str, str] = {}
    spanning = []
    for col in matrix.columns:
        sections = {_atom_section(a) for a in industry_code_divisions(str(col))}
        if len(sections) > 1:
            spanning.append(f"{col} ({'+'.join(sorted(sections))})")
        else:
            mapping[col] = sections.pop()
    if spanning:
        raise ValueError(
            f"column(s) {_describe_labels(spanning)} span more than one section; keep them as "
            "they are or combine sections yourself with aggregate_industries()"
        )
    out = aggregate_industries(matrix, mapping)
    return out[sorted(out.columns)]


# --------------------------------------------------------------------------- shares, LQ


def sector_shares(counts: pd.DataFrame, *, area_totals: pd.Series | None = None) -> pd.DataFrame:
    """Return each industry's share of its area's total: ``s_ir = E_ir / E_r``.

    Parameters
    ----------
    counts
        Area x industry matrix of an additive, non-negative quantity (jobs, hours,
        current-price GVA). Columns must not overlap (see :func:`select_industry_level`).
    area_totals
        Denominators ``E_r`` (a Series indexed by area). Default: the row sums, which
        requires every cell to be present. Pass the published totals when cells are
        suppressed; those cells then stay ``NaN`` and the row sums to less than 1.
        Totals smaller than the sum of the known cells (allowing 0.5 per cell for
        rounding in published tables) are rejected as a likely measure mix-up.

    Returns
    -------
    DataFrame
        Shares with the shape of ``counts``.

    Raises
    ------
    ValueError
        On negative values, missing cells without ``area_totals``, or a zero total (the
        message names the areas).

    Examples
    --------
    >>> counts = pd.DataFrame({"A": [20.0, 10.0], "C": [60.0, 10.0], "G": [20.0, 30.0]},
    ...                       index=["E1", "E2"])
    >>> sector_shares(counts)  # doctest: +NORMALIZE_WHITESPACE
    industry_code    A    C    G
    area_code
    E1             0.2  0.6  0.2
    E2             0.2  0.2  0.6
    """
    matrix = _as_matrix(counts, "counts")
    totals = _area_totals(matrix, area_totals, "counts")
    out = matrix.div(totals, axis=0)
    out.attrs = {}
    return out


def location_quotients(
    counts: pd.DataFrame,
    benchmark: Hashable | pd.Series | None = None,
    *,
    kind: Literal[
        "simple", "log", "difference", "additive", "symmetric", "standardised"
    ] = "simple",
    area_totals: pd.Series | None = None,
    benchmark_total: float | None = None,
) -> pd.DataFrame:
    r"""Compute location quotients of each area's industries against a benchmark.

    ``LQ_ir = (E_ir / E_r) / (E_iN / E_N)``: above 1 the area is more specialised in
    industry *i* than the benchmark.

    Parameters
    ----------
    counts
        Area x industry matrix of an additive, non-negative quantity.
    benchmark
        ``None`` (default): the sum of all rows of ``counts`` (so the areas make up the
        benchmark, e.g. all English LADs). A row label of ``counts`` (e.g. the England
        code). Or a Series of benchmark industry totals indexed like the columns.
    kind
        ``"simple"``: the LQ. ``"log"``: natural log of the LQ (``-inf`` where the area
        has none of the industry), symmetric around 0. ``"difference"`` (additive
        variant, alias ``"additive"``): ``s_ir - s_iN``, in share points, which weights
        big industries more.
        ``"symmetric"``: ``(LQ - 1) / (LQ + 1)`` in ``[-1, 1)`` (Dalum, Laursen and
        Villumsen 1998). ``"standardised"``: for each industry, the LQ's z-score across
        the areas in ``counts`` (mean and sample standard deviation; O'Donoghue and
        Gleave 2004 treat values above 1.96 as significant concentrations); the
        benchmark row, if one is named, is left out of the mean and standard deviation.
    area_totals
        Area denominators ``E_r``; see :func:`sector_shares`.
    benchmark_total
        Benchmark denominator ``E_N``. Default: the sum of the benchmark industries; when
        ``area_totals`` is given, ``area_totals[benchmark]`` for a row benchmark or the
        sum of ``area_totals`` for ``benchmark=None``, so that area and benchmark shares
        use the same kind of denominator.

    Returns
    -------
    DataFrame
        Values with the shape of ``counts``.

    Raises
    ------
    ValueError
        On negative values, missing cells that make a total unknowable, zero totals, or
        industries absent from the benchmark (LQ undefined; the message names them).

    Notes
    -----
    With ``benchmark=None`` and no suppressed cells, the LQs of each industry averaged
    over areas with weights ``E_r / E_N`` equal 1, and within each area
    ``sum_i s_iN LQ_ir = 1``.

    References
    ----------
    Dalum, B., Laursen, K. and Villumsen, G. (1998) 'Structural change in OECD export
    specialisation patterns', *International Review of Applied Economics* 12(3), 423-443.
    O'Donoghue, D. and Gleave, B. (2004) 'A note on methods for measuring industrial
    agglomeration', *Regional Studies* 38(4), 419-427.

    Examples
    --------
    >>> counts = pd.DataFrame({"A": [20.0, 10.0], "C": [60.0, 10.0], "G": [20.0, 30.0]},
    ...                       index=["E1", "E2"])
    >>> location_quotients(counts).round(3)  # doctest: +NORMALIZE_WHITESPACE
    industry_code    A      C    G
    area_code
    E1             1.0  1.286  0.6
    E2             1.0  0.429  1.8
    >>> location_quotients(counts, kind="difference").round(3)  # doctest: +NORMALIZE_WHITESPACE
    industry_code    A      C      G
    area_code
    E1             0.0  0.133 -0.133
    E2             0.0 -0.267  0.267
    """
    kinds = ("simple", "log", "difference", "additive", "symmetric", "standardised")
    if kind not in kinds:
        raise ValueError(f"kind must be one of {kinds}, got {kind!r}")
    matrix = _as_matrix(counts, "counts")
    totals = _area_totals(matrix, area_totals, "counts")
    bench = _benchmark_series(matrix, benchmark, "counts")
    if benchmark_total is not None:
        b_total = _positive_total(float(benchmark_total), "benchmark_total")
    elif area_totals is not None and benchmark is None:
        b_total = _positive_total(float(totals.sum()), "sum of area_totals")
    elif area_totals is not None and not isinstance(benchmark, pd.Series):
        b_total = _positive_total(float(totals.loc[benchmark]), f"total of benchmark {benchmark!r}")
    else:
        b_total = _positive_total(float(bench.sum()), "benchmark total")
    bench_share = bench / b_total
    shares = matrix.div(totals, axis=0)
    if kind in ("difference", "additive"):
        out = shares - bench_share
    else:
        _nonzero_benchmark(bench, "the benchmark")
        lq = shares / bench_share
        if kind == "simple":
            out = lq
        elif kind == "log":
            with np.errstate(divide="ignore"):
                out = np.log(lq)
        elif kind == "symmetric":
            out = (lq - 1) / (lq + 1)
        else:
            sample = lq
            if benchmark is not None and not isinstance(benchmark, pd.Series):
                sample = lq.drop(index=benchmark)
            if len(sample) < 2:
                raise ValueError(
                    "kind='standardised' needs at least two areas besides the benchmark"
                )
            out = (lq - sample.mean(axis=0)) / sample.std(axis=0, ddof=1)
    out = pd.DataFrame(out, index=matrix.index, columns=matrix.columns)
    out.attrs = {}
    return out


def krugman_index(
    counts: pd.DataFrame,
    benchmark: Hashable | pd.Series | None = None,
    *,
    area_totals: pd.Series | None = None,
    benchmark_total: float | None = None,
) -> pd.Series:
    """Compute the Krugman specialisation index of each area against a benchmark.

    ``K_r = sum_i |s_ir - s_iN|``, from 0 (same structure as the benchmark) to 2 (no
    industry in common). It is twice the Hoover/dissimilarity index of the two
    industry distributions.

    Parameters
    ----------
    counts, benchmark, area_totals, benchmark_total
        As for :func:`location_quotients`.

    Returns
    -------
    Series
        ``krugman_index`` by area; ``NaN`` for an area with a suppressed cell (the
        index is not computed from partial structure).

    References
    ----------
    Krugman, P. (1991) *Geography and Trade*. MIT Press.

    Examples
    --------
    >>> counts = pd.DataFrame({"A": [20.0, 10.0], "C": [60.0, 10.0], "G": [20.0, 30.0]},
    ...                       index=["E1", "E2"])
    >>> krugman_index(counts).round(4)
    area_code
    E1    0.2667
    E2    0.5333
    Name: krugman_index, dtype: float64
    """
    diff = location_quotients(
        counts,
        benchmark,
        kind="difference",
        area_totals=area_totals,
        benchmark_total=benchmark_total,
    )
    out = diff.abs().sum(axis=1, skipna=False)
    out.name = "krugman_index"
    return out


def hoover_index(counts: pd.DataFrame, reference: pd.Series | None = None) -> pd.Series:
    """Compute the Hoover concentration index of each industry across areas.

    ``H_i = 1/2 sum_r |E_ir / E_i - R_r / R|``: 0 when the industry is spread over the
    areas exactly like the reference, approaching 1 when it sits in one small area.

    Parameters
    ----------
    counts
        Area x industry matrix (no missing cells).
    reference
        Distribution to compare with, a Series indexed by area (e.g. population or land
        area). Default: each area's total over all industries in ``counts``.

    Returns
    -------
    Series
        ``hoover_index`` by industry.

    References
    ----------
    Hoover, E.M. (1936) 'The measurement of industrial localization', *Review of
    Economics and Statistics* 18(4), 162-171.

    Examples
    --------
    >>> counts = pd.DataFrame({"A": [20.0, 10.0], "C": [60.0, 10.0], "G": [20.0, 30.0]},
    ...                       index=["E1", "E2"])
    >>> hoover_index(counts).round(4)
    industry_code
    A    0.0000
    C    0.1905
    G    0.2667
    Name: hoover_index, dtype: float64
    """
    matrix = _as_matrix(counts, "counts", allow_missing=False)
    if reference is None:
        ref = matrix.sum(axis=1)
    else:
        if not isinstance(reference, pd.Series):
            raise TypeError("reference must be a Series indexed by area")
        missing = matrix.index.difference(reference.index)
        extra = reference.index.difference(matrix.index)
        if len(missing) or len(extra):
            raise ValueError(
                f"reference is misaligned with the areas (missing: [{_describe_labels(missing)}]; "
                f"extra: [{_describe_labels(extra)}])"
            )
        ref = reference.reindex(matrix.index).astype("float64")
        if ref.isna().any() or (ref < 0).any():
            raise ValueError("reference has missing or negative values")
    ref_share = ref / _positive_total(float(ref.sum()), "reference total")
    col_totals = matrix.sum(axis=0)
    _nonzero_benchmark(col_totals, "the total over areas")
    ind_share = matrix / col_totals
    out = 0.5 * ind_share.sub(ref_share, axis=0).abs().sum(axis=0)
    out.name = "hoover_index"
    return out


def herfindahl_index(
    counts: pd.DataFrame,
    *,
    normalised: bool = False,
    across: Literal["industries", "areas"] = "industries",
    area_totals: pd.Series | None = None,
) -> pd.Series:
    """Compute the Herfindahl(-Hirschman) concentration index.

    ``H = sum s^2`` with shares that sum to 1; normalised
    ``H* = (H - 1/n) / (1 - 1/n)`` runs from 0 (even spread over the ``n`` units) to 1
    (all in one).

    Parameters
    ----------
    counts
        Area x industry matrix of an additive quantity.
    normalised
        Return ``H*`` instead of ``H``.
    across
        ``"industries"`` (default): for each area, concentration of its activity across
        industries (a diversity measure, ``n`` = number of industries).
        ``"areas"``: for each industry, concentration of it across the areas (``n`` =
        number of areas; no missing cells allowed).
    area_totals
        With ``across="industries"``, published area totals; see :func:`sector_shares`.
        An area with a suppressed cell gets ``NaN``.

    Returns
    -------
    Series
        ``herfindahl_index`` (or ``herfindahl_index_normalised``) by area or industry.

    Examples
    --------
    >>> counts = pd.DataFrame({"A": [20.0, 10.0], "C": [60.0, 10.0], "G": [20.0, 30.0]},
    ...                       index=["E1", "E2"])
    >>> herfindahl_index(counts).round(3).tolist()
    [0.44, 0.44]
    >>> herfindahl_index(counts, normalised=True).round(3).tolist()
    [0.16, 0.16]
    """
    if across == "industries":
        shares = sector_shares(counts, area_totals=area_totals)
        h = (shares**2).sum(axis=1, skipna=False)
        n = shares.shape[1]
    elif across == "areas":
        matrix = _as_matrix(counts, "counts", allow_missing=False)
        col_totals = matrix.sum(axis=0)
        _nonzero_benchmark(col_totals, "the total over areas")
        h = ((matrix / col_totals) ** 2).sum(axis=0)
        n = matrix.shape[0]
    else:
        raise ValueError(f"across must be 'industries' or 'areas', got {across!r}")
    if normalised:
        if n < 2:
            raise ValueError("the normalised Herfindahl index needs at least two units")
        h = (h - 1 / n) / (1 - 1 / n)
        h.name = "herfindahl_index_normalised"
    else:
        h.name = "herfindahl_index"
    return h


# --------------------------------------------------------------------------- shift-share


@dataclass(frozen=True, eq=False)
class ShiftShareResult:
    """Result of a shift-share decomposition.

    Attributes
    ----------
    method
        ``"classic"``, ``"esteban_marquillas"``, ``"dynamic classic"`` or
        ``"dynamic esteban_marquillas"``.
    periods
        Periods spanned, first to last (``("start", "end")`` when the matrices carry
        no period).
    by_industry
        One row per area and industry: ``area_code``, ``industry_code``, ``start``,
        ``end``, ``actual_change``, ``national_share``, ``industry_mix``,
        ``competitive`` and, for Esteban-Marquillas, ``homothetic_start``,
        ``homothetic_competitive`` and ``allocation``. Static results also carry
        ``area_industry_growth``, ``benchmark_industry_growth`` and
        ``benchmark_growth``.
    totals
        The same components summed over industries, one row per area.
    by_step
        Dynamic only: the ``by_industry`` rows of every year-on-year step, with
        ``period_start`` and ``period_end``.
    """

    method: str
    periods: tuple[str, ...]
    by_industry: pd.DataFrame
    totals: pd.DataFrame
    by_step: pd.DataFrame | None = None

    @property
    def components(self) -> tuple[str, ...]:
        """Names of the component columns, which add up to ``actual_change``."""
        if "allocation" in self.by_industry.columns:
            return ("national_share", "industry_mix", "homothetic_competitive", "allocation")
        return ("national_share", "industry_mix", "competitive")


_SHIFT_SHARE_METHODS = ("classic", "esteban_marquillas")


def _two_period_benchmark(
    start: pd.DataFrame,
    end: pd.DataFrame,
    benchmark: Hashable | tuple[pd.Series, pd.Series] | None,
) -> tuple[pd.Series, pd.Series]:
    if isinstance(benchmark, tuple):
        if len(benchmark) != 2:
            raise ValueError("a benchmark tuple must be (benchmark_start, benchmark_end)")
        return (
            _benchmark_series(start, benchmark[0], "start"),
            _benchmark_series(end, benchmark[1], "end"),
        )
    if isinstance(benchmark, pd.Series):
        raise TypeError(
            "for a change between two periods pass the benchmark as a tuple "
            "(benchmark_start, benchmark_end) of Series, or a row label"
        )
    return _benchmark_series(start, benchmark, "start"), _benchmark_series(end, benchmark, "end")


def _shift_share_step(
    start: pd.DataFrame,
    end: pd.DataFrame,
    bench_start: pd.Series,
    bench_end: pd.Series,
    method: str,
) -> dict[str, pd.DataFrame]:
    n_start = _positive_total(float(bench_start.sum()), "benchmark total in the start period")
    n_end = float(bench_end.sum())
    _nonzero_benchmark(bench_start, "the benchmark in the start period")
    g_n = n_end / n_start - 1.0
    g_in = bench_end / bench_start - 1.0
    actual = end - start
    national = start * g_n
    mix = start.mul(g_in - g_n, axis=1)
    competitive = actual - national - mix  # = E_ir0 (g_ir - g_iN), exact by construction
    with np.errstate(divide="ignore", invalid="ignore"):
        g_ir = end / start - 1.0
    comps = {
        "start": start,
        "end": end,
        "actual_change": actual,
        "national_share": national,
        "industry_mix": mix,
        "competitive": competitive,
    }
    if method == "esteban_marquillas":
        new = (start == 0) & (end != 0)
        if new.to_numpy().any():
            raise ValueError(
                "Esteban-Marquillas needs each area-industry present in the start period to "
                f"define its growth rate; these start from zero: {_describe_cells(new)} "
                "(use method='classic', or merge those industries)"
            )
        homothetic = pd.DataFrame(
            np.outer(start.sum(axis=1), bench_start / n_start),
            index=start.index,
            columns=start.columns,
        )
        rate_gap = (g_ir - g_in).where(start != 0, 0.0)
        comps["homothetic_start"] = homothetic
        comps["homothetic_competitive"] = homothetic * rate_gap
        comps["allocation"] = (start - homothetic) * rate_gap
    comps["area_industry_growth"] = g_ir
    comps["benchmark_industry_growth"] = pd.DataFrame(
        np.broadcast_to(g_in.to_numpy(), start.shape), index=start.index, columns=start.columns
    )
    comps["benchmark_growth"] = pd.DataFrame(
        np.full(start.shape, g_n), index=start.index, columns=start.columns
    )
    return comps


_SUM_COLUMNS = (
    "start",
    "end",
    "actual_change",
    "national_share",
    "industry_mix",
    "competitive",
    "homothetic_start",
    "homothetic_competitive",
    "allocation",
)


def _totals(by_industry: pd.DataFrame) -> pd.DataFrame:
    cols = [c for c in _SUM_COLUMNS if c in by_industry.columns]
    return by_industry.groupby("area_code", sort=False)[cols].sum().reset_index()


def shift_share(
    start: pd.DataFrame,
    end: pd.DataFrame,
    *,
    benchmark: Hashable | tuple[pd.Series, pd.Series] | None = None,
    method: Literal["classic", "esteban_marquillas"] = "classic",
) -> ShiftShareResult:
    """Decompose each area's change between two periods by shift-share.

    Classic (Dunn 1960), with growth rates ``g = E1 / E0 - 1`` of the benchmark total
    (``g_N``), the benchmark industry (``g_iN``) and the area industry (``g_ir``):

    * national share ``NS_ir = E_ir0 g_N``;
    * industry mix ``IM_ir = E_ir0 (g_iN - g_N)``;
    * competitive (regional shift) ``RS_ir = E_ir0 (g_ir - g_iN)``;

    and ``NS + IM + RS = E_ir1 - E_ir0`` exactly, for each industry and in total.
    Esteban-Marquillas (1972) splits the competitive effect using homothetic
    employment ``Ê_ir = E_r0 E_iN0 / E_N0`` (what the area would have with the
    benchmark's structure) into a homothetic competitive effect ``Ê_ir (g_ir - g_iN)``
    and an allocation effect ``(E_ir0 - Ê_ir)(g_ir - g_iN)``, positive where the area
    is specialised in industries where it outgrows the benchmark.

    Parameters
    ----------
    start, end
        Area x industry matrices of an additive quantity for the two periods, with the
        same areas and industries in the same order and no missing cells. Jobs or hours
        are the usual input; current-price GVA works but its growth is nominal;
        chained-volume GVA is refused because it does not add up across industries.
    benchmark
        ``None``: the sum of all rows in each period. A row label present in both (e.g.
        England). Or a tuple ``(benchmark_start, benchmark_end)`` of industry Series.
    method
        ``"classic"`` or ``"esteban_marquillas"`` (which also reports the classic terms).

    Returns
    -------
    ShiftShareResult
        Tidy per-industry components (``by_industry``) and per-area totals (``totals``).

    Raises
    ------
    ValueError
        On misaligned matrices, missing or negative cells, a zero benchmark total, a
        benchmark industry that is zero in the start period (its growth is undefined),
        or, for Esteban-Marquillas, an area-industry that starts from zero.

    References
    ----------
    Dunn, E.S. (1960) 'A statistical and analytical technique for regional analysis',
    *Papers in Regional Science* 6(1), 97-112.
    Esteban-Marquillas, J.M. (1972) 'A reinterpretation of shift-share analysis',
    *Regional and Urban Economics* 2(3), 249-255.

    Examples
    --------
    Area R and the rest of the country; the benchmark is their sum (the nation):

    >>> start = pd.DataFrame({"X": [200.0, 800.0], "Y": [100.0, 1900.0], "Z": [100.0, 900.0]},
    ...                      index=["R", "rest"])
    >>> end = pd.DataFrame({"X": [240.0, 860.0], "Y": [100.0, 1700.0], "Z": [130.0, 1370.0]},
    ...                    index=["R", "rest"])
    >>> result = shift_share(start, end, method="esteban_marquillas")
    >>> cols = ["actual_change", "national_share", "industry_mix", "competitive",
    ...         "homothetic_competitive", "allocation"]
    >>> (result.totals.set_index("area_code").loc["R", cols].round(6) + 0.0).tolist()
    [70.0, 40.0, 20.0, 10.0, 10.0, 0.0]
    """
    if method not in _SHIFT_SHARE_METHODS:
        raise ValueError(f"method must be one of {_SHIFT_SHARE_METHODS}, got {method!r}")
    s = _as_matrix(start, "start", allow_missing=False)
    e = _as_matrix(end, "end", allow_missing=False)
    _check_same_shape(s, e, "start", "end")
    b0, b1 = _two_period_benchmark(s, e, benchmark)
    comps = _shift_share_step(s, e, b0, b1, method)
    by_industry = _to_long(comps)
    periods = (str(start.attrs.get("period", "start")), str(end.attrs.get("period", "end")))
    totals = _totals(by_industry)
    totals["area_growth"] = totals["end"] / totals["start"] - 1.0
    totals["benchmark_growth"] = float(b1.sum() / b0.sum() - 1.0)
    return ShiftShareResult(method, periods, by_industry, totals)


def dynamic_shift_share(
    panel: Mapping[str, pd.DataFrame],
    *,
    benchmark: Hashable | Mapping[str, pd.Series] | None = None,
    method: Literal["classic", "esteban_marquillas"] = "classic",
) -> ShiftShareResult:
    """Dynamic shift-share (Barff and Knight 1988): year-on-year steps, summed.

    The decomposition of :func:`shift_share` is applied to each consecutive pair of
    periods with the earlier one as base, and the components are added up over the
    steps. Because the base is updated every year, the industry-mix and competitive
    effects follow the changing structure instead of the first year's; the sum of
    steps still adds up exactly to the change between the first and last period.

    Parameters
    ----------
    panel
        ``{period: matrix}`` for at least two periods (sorted by period, numerically
        where possible), every matrix with the same areas and industries and no missing
        cells; e.g. from :func:`industry_panel`.
    benchmark
        ``None`` (sum of rows), a row label present in every period, or
        ``{period: Series}`` of benchmark industry totals.
    method
        ``"classic"`` or ``"esteban_marquillas"`` (applied in each step).

    Returns
    -------
    ShiftShareResult
        ``by_industry`` and ``totals`` summed over the steps (``start`` is the first
        period, ``end`` the last), and ``by_step`` with every step.

    References
    ----------
    Barff, R.A. and Knight, P.L. (1988) 'Dynamic shift-share analysis', *Growth and
    Change* 19(2), 1-10.

    Examples
    --------
    >>> panel = {
    ...     "2019": pd.DataFrame({"X": [10.0, 90.0], "Y": [30.0, 70.0]}, index=["R", "rest"]),
    ...     "2020": pd.DataFrame({"X": [15.0, 105.0], "Y": [30.0, 70.0]}, index=["R", "rest"]),
    ...     "2021": pd.DataFrame({"X": [15.0, 105.0], "Y": [36.0, 74.0]}, index=["R", "rest"]),
    ... }
    >>> res = dynamic_shift_share(panel)
    >>> res.totals.set_index("area_code").loc["R", ["actual_change", "national_share",
    ...     "industry_mix", "competitive"]].round(4).tolist()
    [11.0, 6.0455, -1.0455, 6.0]
    """
    if method not in _SHIFT_SHARE_METHODS:
        raise ValueError(f"method must be one of {_SHIFT_SHARE_METHODS}, got {method!r}")
    if not isinstance(panel, Mapping) or len(panel) < 2:
        raise ValueError("panel must be a mapping {period: matrix} with at least two periods")
    periods = sorted((str(p) for p in panel), key=_period_key)
    by_label = {str(k): v for k, v in panel.items()}
    matrices = {p: _as_matrix(by_label[p], f"panel[{p!r}]", allow_missing=False) for p in periods}
    first = matrices[periods[0]]
    for p in periods[1:]:
        _check_same_shape(first, matrices[p], f"panel[{periods[0]!r}]", f"panel[{p!r}]")
    if isinstance(benchmark, Mapping):
        missing = [p for p in periods if p not in {str(k) for k in benchmark}]
        if missing:
            raise ValueError(f"benchmark has no Series for period(s) {missing}")
        bench_by = {str(k): v for k, v in benchmark.items()}
        benches = {p: _benchmark_series(matrices[p], bench_by[p], f"panel[{p!r}]") for p in periods}
    else:
        benches = {p: _benchmark_series(matrices[p], benchmark, f"panel[{p!r}]") for p in periods}
    steps = []
    for p0, p1 in zip(periods[:-1], periods[1:], strict=True):
        comps = _shift_share_step(matrices[p0], matrices[p1], benches[p0], benches[p1], method)
        step = _to_long(comps)
        step.insert(0, "period_end", p1)
        step.insert(0, "period_start", p0)
        steps.append(step)
    by_step = pd.concat(steps, ignore_index=True)
    sum_cols = [
        c
        for c in _SUM_COLUMNS
        if c in by_step.columns and c not in ("start", "end", "homothetic_start")
    ]
    summed = by_step.groupby(["area_code", "industry_code"], sort=False)[sum_cols].sum()
    first_step = steps[0].set_index(["area_code", "industry_code"])
    last_step = steps[-1].set_index(["area_code", "industry_code"])
    summed.insert(0, "end", last_step["end"])
    summed.insert(0, "start", first_step["start"])
    by_industry = summed.reset_index()
    totals = _totals(by_industry)
    totals["area_growth"] = totals["end"] / totals["start"] - 1.0
    totals["benchmark_growth"] = float(benches[periods[-1]].sum() / benches[periods[0]].sum() - 1.0)
    return ShiftShareResult(
        f"dynamic {method}", (periods[0], periods[-1]), by_industry, totals, by_step
    )


# --------------------------------------------------------------------------- productivity


@dataclass(frozen=True, eq=False)
class ProductivityGapResult:
    """Result of :func:`productivity_gap_decomposition`.

    Attributes
    ----------
    by_industry
        One row per area and industry: ``area_code``, ``industry_code``, ``status``
        (``"included"``, ``"absent in area"``, ``"no activity"`` or the reason it was
        excluded), ``labour_share_area``, ``labour_share_benchmark``,
        ``productivity_area``, ``productivity_benchmark``, ``mix`` and ``within``.
    totals
        One row per area: ``productivity_area``, ``productivity_benchmark`` (both over
        the industries used for that area), ``gap``, ``mix``, ``within`` (``mix +
        within == gap``), ``n_industries``, ``n_excluded``, ``excluded_industries``,
        ``labour_coverage`` (share of the area's known labour in the industries used),
        ``benchmark_labour_coverage`` and ``benchmark_productivity_all_industries``.
    excluded
        Rows of ``by_industry`` left out of the decomposition, with the reason in
        ``status``; empty when nothing was excluded.
    industry_level
        Industry level of the columns used (given, or from
        :func:`describe_industry_level`).
    labour_measure
        What the labour input was (e.g. ``"hours"`` or ``"jobs"``).
    """

    by_industry: pd.DataFrame
    totals: pd.DataFrame
    excluded: pd.DataFrame
    industry_level: str
    labour_measure: str


_STATUS_INCLUDED = "included"
_STATUS_ABSENT = "absent in area"
_STATUS_NONE = "no activity"
_STATUS_SUPPRESSED = "excluded: output or labour suppressed/missing in area"
_STATUS_ZERO_LABOUR = "excluded: area labour is zero but output is not"
_STATUS_BENCH_ZERO = "excluded: benchmark labour is zero but its output or area labour is not"


def productivity_gap_decomposition(
    output: pd.DataFrame,
    labour: pd.DataFrame,
    benchmark: Hashable | tuple[pd.Series, pd.Series] | None = None,
    *,
    labour_measure: str = "hours",
    industry_level: str | None = None,
    missing: Literal["exclude", "raise"] = "exclude",
) -> ProductivityGapResult:
    """Split each area's productivity gap with a benchmark into sector mix and within-sector.

    With labour shares ``s_i = L_i / L`` and sector productivity ``P_i = Y_i / L_i``::

        P_r - P_N = sum_i (s_ir - s_iN) P_iN     [mix: the area's industry structure]
                  + sum_i s_ir (P_ir - P_iN)      [within: productivity inside industries]

    The two terms add up exactly to the gap. Mix is positive when the area has more
    of its hours (or jobs) in industries that are productive in the benchmark;
    within is positive when its industries are more productive than the same
    industries in the benchmark.

    Parameters
    ----------
    output
        Area x industry matrix of current-price GVA (negative values allowed).
        Chained-volume GVA is refused: it is neither additive nor comparable in level
        across areas.
    labour
        Matching area x industry matrix of hours worked or jobs (non-negative).
    benchmark
        ``None`` (sum of all rows), a row label present in both matrices (e.g. the
        England code), or a tuple ``(benchmark_output, benchmark_labour)`` of Series.
        The benchmark must have no missing industries.
    labour_measure
        Label for the labour input, returned in the result (``"hours"``, ``"jobs"``).
    industry_level
        Label for the industry level used, returned in the result; default inferred
        from the column codes (``"section"``, ``"division"``, ``"mixed"``,
        ``"custom"``).
    missing
        What to do with an industry that cannot enter an area's decomposition (output
        or labour suppressed, labour zero with output non-zero, benchmark labour zero):
        ``"exclude"`` (default) leaves it out of *both* the area and the benchmark for
        that area, so the comparison is like for like, and reports it in ``excluded``,
        ``status`` and the ``excluded_industries``/``labour_coverage`` columns;
        ``"raise"`` stops with an error naming the cells.

    Returns
    -------
    ProductivityGapResult
        Per-industry and per-area terms, exclusions, the industry level and labour
        measure used.

    Notes
    -----
    Units follow the inputs: GVA in GBP million over annual hours gives GBP million per
    hour; rescale yourself. When industries are excluded for an area, its
    ``productivity_benchmark`` is the benchmark's productivity over the same industries
    and so can differ between areas; ``benchmark_productivity_all_industries`` gives the
    headline figure. An industry the area does not have at all (zero output and labour)
    stays in: its mix term is ``-s_iN P_iN`` and its within term 0.

    Examples
    --------
    >>> output = pd.DataFrame({"X": [100.0, 500.0], "Y": [64.0, 336.0]}, index=["R", "rest"])
    >>> hours = pd.DataFrame({"X": [2.0, 8.0], "Y": [2.0, 18.0]}, index=["R", "rest"])
    >>> res = productivity_gap_decomposition(output, hours)
    >>> res.totals.set_index("area_code").loc["R", ["productivity_area",
    ...     "productivity_benchmark", "gap", "mix", "within"]].round(4).tolist()
    [41.0, 33.3333, 7.6667, 6.6667, 1.0]
    >>> res.industry_level, res.labour_measure
    ('custom', 'hours')
    """
    if missing not in ("exclude", "raise"):
        raise ValueError(f"missing must be 'exclude' or 'raise', got {missing!r}")
    y = _as_matrix(output, "output", allow_negative=True)
    lab = _as_matrix(labour, "labour")
    _check_same_shape(y, lab, "output", "labour")
    if isinstance(benchmark, tuple):
        if len(benchmark) != 2:
            raise ValueError("a benchmark tuple must be (benchmark_output, benchmark_labour)")
        by_ = benchmark[0]
        if not isinstance(by_, pd.Series):
            raise TypeError("benchmark_output must be a Series indexed by industry")
        _guard_additive(by_, "benchmark_output")
        missing_ind = y.columns.difference(by_.index)
        if len(missing_ind) or len(by_.index.difference(y.columns)):
            raise ValueError("benchmark_output is misaligned with the matrix industries")
        bench_y = by_.reindex(y.columns).astype("float64")
        if bench_y.isna().any():
            raise ValueError("benchmark_output has missing values")
        bench_l = _as_industry_series(benchmark[1], lab.columns, "benchmark_labour")
    elif isinstance(benchmark, pd.Series):
        raise TypeError("pass the benchmark as a row label or a tuple (output, labour) of Series")
    else:
        if benchmark is None:
            if y.isna().to_numpy().any() or lab.isna().to_numpy().any():
                raise ValueError(
                    "cannot build the benchmark by adding up the areas: cells are missing; "
                    "pass benchmark= (a row label such as the England code, or a tuple of "
                    "Series)"
                )
            bench_y, bench_l = y.sum(axis=0), lab.sum(axis=0)
        else:
            if benchmark not in y.index:
                raise ValueError(f"benchmark {benchmark!r} is not a row of output/labour")
            bench_y, bench_l = y.loc[benchmark], lab.loc[benchmark]
            if bench_y.isna().any() or bench_l.isna().any():
                bad = bench_y.index[bench_y.isna() | bench_l.isna()]
                raise ValueError(
                    f"benchmark row {benchmark!r} has missing values for {_describe_labels(bad)}"
                )
    bench_y = bench_y.astype("float64")
    bench_l = bench_l.astype("float64")

    shape = y.shape
    b_lab = pd.DataFrame(
        np.broadcast_to(bench_l.to_numpy(), shape), index=y.index, columns=y.columns
    )
    b_out = pd.DataFrame(
        np.broadcast_to(bench_y.to_numpy(), shape), index=y.index, columns=y.columns
    )
    present = y.notna() & lab.notna()
    suppressed = ~present
    zero_labour = present & (lab == 0) & (y != 0)
    bench_zero = present & (b_lab == 0) & ((lab > 0) | (b_out != 0)) & ~zero_labour
    no_activity = present & (lab == 0) & (y == 0) & (b_lab == 0) & (b_out == 0)
    absent = present & (lab == 0) & (y == 0) & (b_lab > 0)
    excluded = suppressed | zero_labour | bench_zero
    status = pd.DataFrame(_STATUS_INCLUDED, index=y.index, columns=y.columns, dtype=object)
    status = status.mask(absent, _STATUS_ABSENT).mask(no_activity, _STATUS_NONE)
    status = status.mask(bench_zero, _STATUS_BENCH_ZERO).mask(zero_labour, _STATUS_ZERO_LABOUR)
    status = status.mask(suppressed, _STATUS_SUPPRESSED)
    if missing == "raise" and excluded.to_numpy().any():
        raise ValueError(
            f"industries cannot enter the decomposition at {_describe_cells(excluded)} "
            "(suppressed, or zero labour against non-zero output); pass missing='exclude' to "
            "leave them out and report them"
        )
    used = ~excluded
    lab_used = lab.where(used, 0.0)
    out_used = y.where(used, 0.0)
    lab_total = lab_used.sum(axis=1)
    empty = lab_total <= 0
    if empty.any():
        raise ValueError(
            f"no labour left in the industries used for area(s) "
            f"{_describe_labels(lab_total.index[empty])}; check the inputs"
        )
    b_lab_used = b_lab.where(used, 0.0)
    b_out_used = b_out.where(used, 0.0)
    b_lab_total = b_lab_used.sum(axis=1)
    s_area = lab_used.div(lab_total, axis=0)
    s_bench = b_lab_used.div(b_lab_total, axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        p_bench = b_out / b_lab
        p_area = y / lab
    mix = ((s_area - s_bench) * p_bench).where(used & ~no_activity, 0.0)
    within = (s_area * (p_area - p_bench)).where(used & (lab > 0), 0.0)
    mix = mix.where(used)
    within = within.where(used)
    prod_area = out_used.sum(axis=1) / lab_total
    prod_bench = b_out_used.sum(axis=1) / b_lab_total

    by_industry = _to_long(
        {
            "status": status,
            "labour_share_area": s_area.where(used),
            "labour_share_benchmark": s_bench.where(used),
            "productivity_area": p_area.where(lab > 0),
            "productivity_benchmark": p_bench.where(b_lab > 0),
            "mix": mix,
            "within": within,
        }
    )
    by_industry["status"] = by_industry["status"].astype(str)
    excluded_rows = by_industry[by_industry["status"].str.startswith("excluded")].reset_index(
        drop=True
    )
    excluded_names = {
        area: "; ".join(str(c) for c in y.columns[excluded.loc[area].to_numpy()])
        for area in y.index
    }
    known_lab = lab.sum(axis=1, skipna=True)
    totals = pd.DataFrame(
        {
            "area_code": y.index,
            "productivity_area": prod_area.to_numpy(),
            "productivity_benchmark": prod_bench.to_numpy(),
            "gap": (prod_area - prod_bench).to_numpy(),
            "mix": mix.sum(axis=1).to_numpy(),
            "within": within.sum(axis=1).to_numpy(),
            "n_industries": used.sum(axis=1).to_numpy(),
            "n_excluded": excluded.sum(axis=1).to_numpy(),
            "excluded_industries": [excluded_names[a] for a in y.index],
            "labour_coverage": (lab_total / known_lab).to_numpy(),
            "benchmark_labour_coverage": (b_lab_total / bench_l.sum()).to_numpy(),
            "benchmark_productivity_all_industries": float(bench_y.sum() / bench_l.sum()),
        }
    )
    level = industry_level or describe_industry_level(y.columns)
    return ProductivityGapResult(by_industry, totals, excluded_rows, level, labour_measure)


# --------------------------------------------------------------------------- classification


def classify_industries(
    start: pd.DataFrame,
    end: pd.DataFrame,
    *,
    benchmark: Hashable | tuple[pd.Series, pd.Series] | None = None,
    output: pd.DataFrame | None = None,
    benchmark_output: pd.Series | None = None,
    lq_threshold: float = 1.25,
    min_growth: float = 0.0,
    share_threshold: float = 0.05,
    productivity_basis: Literal["whole_economy", "same_industry"] = "whole_economy",
    productivity_ratio: float = 1.0,
    decline_margin: float = 0.0,
) -> pd.DataFrame:
    """Label each area's industries as strengths, large employers, high productivity or at risk.

    Labels (an industry can carry several, or none):

    * **distinctive strength**: ``LQ >= lq_threshold`` in the end period *and* growth
      between the periods above ``min_growth``;
    * **large employer**: share of the area's total in the end period
      ``>= share_threshold``;
    * **high productivity**: output per unit of ``end`` (e.g. GVA per job) above
      ``productivity_ratio`` times the benchmark (needs ``output``);
    * **at risk**: declining (growth below ``-decline_margin``) *and* growing less than
      the same industry in the benchmark by more than ``decline_margin``.

    Parameters
    ----------
    start, end
        Area x industry matrices (usually jobs) for the earlier and later period, same
        areas and industries, no missing cells.
    benchmark
        ``None`` (sum of rows), a row label (e.g. England), or a tuple
        ``(benchmark_start, benchmark_end)`` of Series.
    output
        Optional area x industry matrix of current-price GVA for the end period,
        aligned with ``end``; missing cells give ``<NA>`` for high productivity.
    benchmark_output
        Benchmark GVA by industry; needed only when ``benchmark`` is a tuple.
    lq_threshold
        Default 1.25: a quarter above the benchmark share, a common cut-off in cluster
        and LEP evidence work that leaves a margin for sampling noise and rounding in
        BRES/APS counts (1.0 would flag every industry just above average).
    min_growth
        Default 0.0: a strength must at least be growing (proportional change over
        the whole period, e.g. 0.05 for 5%).
    share_threshold
        Default 0.05 (5% of the area's total). With ~20 sections the average share is
        5%, so this picks the above-average employers; with 2-digit divisions (~88) a
        lower threshold such as 0.02 is more telling.
    productivity_basis
        ``"whole_economy"`` (default): compare with the benchmark's all-industry output
        per unit, i.e. industries that raise the area's average. ``"same_industry"``:
        compare with the same industry in the benchmark, i.e. where the area
        outperforms.
    productivity_ratio
        Default 1.0 (simply above the benchmark); e.g. 1.1 for 10% above.
    decline_margin
        Default 0.0: any decline faster than the benchmark's counts. Raise it (e.g.
        0.05) to flag only declines more than 5 points worse than the benchmark.

    Returns
    -------
    DataFrame
        One row per area and industry: ``area_code``, ``industry_code``, ``start``,
        ``end``, ``share``, ``benchmark_share``, ``lq``, ``growth``,
        ``benchmark_growth``, ``productivity``, ``benchmark_productivity``, the boolean
        columns ``distinctive_strength``, ``large_employer``, ``high_productivity``
        and ``at_risk``, and ``labels`` (the true labels joined with ``"; "``).
        Growth from zero is ``inf`` (counts as growing); zero to zero is ``NaN``.

    Examples
    --------
    >>> start = pd.DataFrame({"A": [10.0, 90.0], "C": [50.0, 450.0], "G": [40.0, 360.0]},
    ...                      index=["R", "rest"])
    >>> end = pd.DataFrame({"A": [20.0, 80.0], "C": [40.0, 460.0], "G": [40.0, 360.0]},
    ...                    index=["R", "rest"])
    >>> table = classify_industries(start, end)
    >>> for row in table[table["area_code"] == "R"].itertuples():
    ...     print(row.industry_code, round(row.lq, 2), round(row.growth, 2), "|", row.labels)
    A 2.0 1.0 | distinctive strength; large employer
    C 0.8 -0.2 | large employer; at risk
    G 1.0 0.0 | large employer
    """
    s = _as_matrix(start, "start", allow_missing=False)
    e = _as_matrix(end, "end", allow_missing=False)
    _check_same_shape(s, e, "start", "end")
    b0, b1 = _two_period_benchmark(s, e, benchmark)
    shares = e.div(_area_totals(e, None, "end"), axis=0)
    b_share = b1 / _positive_total(float(b1.sum()), "benchmark total in the end period")
    _nonzero_benchmark(b1, "the benchmark in the end period")
    lq = shares / b_share
    with np.errstate(divide="ignore", invalid="ignore"):
        growth = e / s - 1.0
        b_growth = b1 / b0 - 1.0
    b_growth_frame = pd.DataFrame(
        np.broadcast_to(b_growth.to_numpy(), e.shape), index=e.index, columns=e.columns
    )
    strength = (lq >= lq_threshold) & (growth > min_growth)
    large = shares >= share_threshold
    at_risk = (growth < -decline_margin) & (growth < b_growth_frame - decline_margin)

    nan_frame = pd.DataFrame(np.nan, index=e.index, columns=e.columns)
    productivity = nan_frame
    bench_prod = nan_frame
    high = pd.DataFrame(pd.NA, index=e.index, columns=e.columns, dtype="boolean")
    if output is not None:
        y = _as_matrix(output, "output", allow_negative=True)
        _check_same_shape(e, y, "end", "output")
        if benchmark is None:
            if y.isna().to_numpy().any():
                raise ValueError(
                    "cannot sum the benchmark output over areas with missing cells; pass a "
                    "benchmark row label or benchmark_output="
                )
            b_y = y.sum(axis=0)
        elif isinstance(benchmark, tuple):
            if benchmark_output is None:
                raise ValueError("benchmark_output= is needed when benchmark is a tuple of Series")
            b_y = benchmark_output.reindex(y.columns).astype("float64")
            if b_y.isna().any():
                raise ValueError("benchmark_output is missing some industries")
        else:
            b_y = y.loc[benchmark]
            if b_y.isna().any():
                raise ValueError(f"benchmark row {benchmark!r} has missing output values")
        with np.errstate(divide="ignore", invalid="ignore"):
            productivity = (y / e).where(e > 0)
            if productivity_basis == "whole_economy":
                bench_value = float(b_y.sum() / b1.sum())
                bench_prod = pd.DataFrame(bench_value, index=e.index, columns=e.columns)
            elif productivity_basis == "same_industry":
                per_industry = (b_y / b1).where(b1 > 0)
                bench_prod = pd.DataFrame(
                    np.broadcast_to(per_industry.to_numpy(), e.shape),
                    index=e.index,
                    columns=e.columns,
                )
            else:
                raise ValueError(
                    "productivity_basis must be 'whole_economy' or 'same_industry', got "
                    f"{productivity_basis!r}"
                )
        known = productivity.notna() & bench_prod.notna()
        high = (productivity > productivity_ratio * bench_prod).astype("boolean").where(known)

    table = _to_long(
        {
            "start": s,
            "end": e,
            "share": shares,
            "benchmark_share": pd.DataFrame(
                np.broadcast_to(b_share.to_numpy(), e.shape), index=e.index, columns=e.columns
            ),
            "lq": lq,
            "growth": growth,
            "benchmark_growth": b_growth_frame,
            "productivity": productivity,
            "benchmark_productivity": bench_prod,
        }
    )
    for name, frame in (
        ("distinctive_strength", strength),
        ("large_employer", large),
        ("high_productivity", high),
        ("at_risk", at_risk),
    ):
        table[name] = pd.array(np.asarray(frame.to_numpy(dtype=object)).ravel(), dtype="boolean")
    label_names = {
        "distinctive_strength": "distinctive strength",
        "large_employer": "large employer",
        "high_productivity": "high productivity",
        "at_risk": "at risk",
    }
    flags = table[list(label_names)].fillna(False).to_numpy(dtype=bool)
    names = list(label_names.values())
    table["labels"] = ["; ".join(n for n, f in zip(names, row, strict=True) if f) for row in flags]
    return table


# --------------------------------------------------------------------------- groupings


@dataclass(frozen=True)
class SectorGrouping:
    """A named set of SIC 2007 divisions, loaded from ``config/sector_groupings.yaml``.

    Attributes
    ----------
    id
        Identifier, e.g. ``"foundational_economy"``.
    title
        Short title for tables and charts.
    description
        What the grouping covers and how the SIC list approximates it.
    divisions
        Two-digit SIC 2007 divisions covered (``"68IMP"`` included if section L is).
    proxy
        ``True`` when the SIC list is only a proxy for a concept not defined by
        industry (e.g. the Grand Challenges).
    references
        ``(citation, url)`` pairs for who defined the concept and the SIC choice.
    notes
        Caveats of the division-level approximation.
    """

    id: str
    title: str
    description: str
    divisions: frozenset[str]
    proxy: bool
    references: tuple[tuple[str, str], ...]
    notes: str = ""


def _grouping_from_entry(entry: Mapping[str, object], where: str) -> SectorGrouping:
    if not isinstance(entry, Mapping):
        raise ValueError(f"{where}: each grouping must be a mapping")
    for key in ("id", "title", "description", "sic2007", "references", "proxy"):
        if key not in entry:
            raise ValueError(f"{where}: grouping {entry.get('id', '?')!r} lacks {key!r}")
    gid = str(entry["id"])
    sic = entry["sic2007"]
    if not isinstance(sic, Mapping):
        raise ValueError(f"{where}: {gid}: sic2007 must map 'sections'/'divisions' to lists")
    atoms: set[str] = set()
    for section in sic.get("sections", []) or []:
        letter = str(section).strip().upper()
        if letter not in _SECTION_RANGES:
            raise ValueError(f"{where}: {gid}: {section!r} is not a SIC 2007 section")
        atoms |= _section_atoms(letter)
    for division in sic.get("divisions", []) or []:
        text = f"{int(division):02d}" if isinstance(division, int) else str(division).strip()
        try:
            parsed = industry_code_divisions(text)
        except ValueError as exc:
            raise ValueError(f"{where}: {gid}: {exc}") from None
        atoms |= parsed
        if text == "68":
            atoms.add(IMPUTED_RENT)
    if not atoms:
        raise ValueError(f"{where}: {gid}: no SIC sections or divisions")
    refs = []
    for ref in entry["references"] or []:
        if not isinstance(ref, Mapping) or not ref.get("citation") or not ref.get("url"):
            raise ValueError(f"{where}: {gid}: every reference needs a citation and a url")
        refs.append((str(ref["citation"]).strip(), str(ref["url"]).strip()))
    if not refs:
        raise ValueError(f"{where}: {gid}: at least one reference is required")
    return SectorGrouping(
        id=gid,
        title=str(entry["title"]).strip(),
        description=" ".join(str(entry["description"]).split()),
        divisions=frozenset(atoms),
        proxy=bool(entry["proxy"]),
        references=tuple(refs),
        notes=" ".join(str(entry.get("notes", "") or "").split()),
    )


@lru_cache(maxsize=8)
def _load_groupings_text(text: str, where: str) -> tuple[SectorGrouping, ...]:
    data = yaml.safe_load(text)
    if not isinstance(data, Mapping) or "groupings" not in data:
        raise ValueError(f"{where}: expected a mapping with a 'groupings' list")
    groupings = tuple(_grouping_from_entry(e, where) for e in data["groupings"])
    ids = [g.id for g in groupings]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        raise ValueError(f"{where}: duplicate grouping ids {dup}")
    return groupings


def load_sector_groupings(source: str | PathLike[str] | None = None) -> dict[str, SectorGrouping]:
    """Load sector groupings (foundational economy, Grand Challenge proxies ...).

    Parameters
    ----------
    source
        A YAML file with the same layout; default the packaged
        ``lis_analytics/config/sector_groupings.yaml``.

    Returns
    -------
    dict of str to SectorGrouping
        Groupings by id, in file order.

    Raises
    ------
    ValueError
        If an entry lacks a field, names a non-existent section/division, has no
        reference with citation and URL, or ids repeat.

    Examples
    --------
    >>> groupings = load_sector_groupings()
    >>> "foundational_economy" in groupings, groupings["gc_ageing_society"].proxy
    (True, True)
    >>> sorted(groupings["foundational_economy_providential"].divisions)
    ['85', '86', '87', '88']
    """
    if source is None:
        resource = resources.files("lis_analytics").joinpath("config", "sector_groupings.yaml")
        text = resource.read_text(encoding="utf-8")
        where = "lis_analytics/config/sector_groupings.yaml"
    else:
        path = Path(source)
        text = path.read_text(encoding="utf-8")
        where = str(path)
    return {g.id: g for g in _load_groupings_text(text, where)}


def _resolve_groupings(
    groupings: Mapping[str, SectorGrouping] | Iterable[str] | None,
) -> list[SectorGrouping]:
    if groupings is None:
        return list(load_sector_groupings().values())
    if isinstance(groupings, Mapping):
        return list(groupings.values())
    available = load_sector_groupings()
    chosen = []
    for gid in groupings:
        if isinstance(gid, SectorGrouping):
            chosen.append(gid)
        elif gid in available:
            chosen.append(available[gid])
        else:
            raise ValueError(f"unknown grouping {gid!r}; available: {sorted(available)}")
    return chosen


def map_industries_to_groupings(
    codes: Iterable[str],
    groupings: Mapping[str, SectorGrouping] | Iterable[str] | None = None,
) -> pd.DataFrame:
    """Match industry codes (sections, divisions, ONS groups) to sector groupings.

    Parameters
    ----------
    codes
        Industry codes, e.g. the columns of an industry matrix.
    groupings
        Groupings (as from :func:`load_sector_groupings`) or their ids; default all.

    Returns
    -------
    DataFrame
        One row per overlapping (grouping, industry) pair: ``grouping_id``,
        ``industry_code``, ``match`` (``"full"`` if every division of the code is in
        the grouping, ``"partial"`` otherwise), ``divisions_in_grouping`` and
        ``divisions_in_code`` (counts of divisions, not of activity).

    Raises
    ------
    ValueError
        If a code is not a SIC code.

    Examples
    --------
    >>> table = map_industries_to_groupings(["Q (86-88)", "CI-CL (26-30)", "F (41-43)"],
    ...                                     ["gc_ageing_society", "gc_future_of_mobility"])
    >>> print(table[["grouping_id", "industry_code", "match"]].to_string(index=False))
    ... # doctest: +NORMALIZE_WHITESPACE
              grouping_id industry_code   match
        gc_ageing_society     Q (86-88)    full
    gc_future_of_mobility CI-CL (26-30) partial
    """
    chosen = _resolve_groupings(groupings)
    parsed = {str(c): industry_code_divisions(str(c)) for c in codes if not _is_total(c)}
    rows = []
    for grouping in chosen:
        for code, atoms in parsed.items():
            common = atoms & grouping.divisions
            if not common:
                continue
            rows.append(
                {
                    "grouping_id": grouping.id,
                    "industry_code": code,
                    "match": "full" if atoms <= grouping.divisions else "partial",
                    "divisions_in_grouping": len(common - {IMPUTED_RENT}) or len(common),
                    "divisions_in_code": len(atoms - {IMPUTED_RENT}) or len(atoms),
                }
            )
    columns = [
        "grouping_id",
        "industry_code",
        "match",
        "divisions_in_grouping",
        "divisions_in_code",
    ]
    return pd.DataFrame(rows, columns=columns)


def grouping_summary(
    counts: pd.DataFrame,
    *,
    start: pd.DataFrame | None = None,
    groupings: Mapping[str, SectorGrouping] | Iterable[str] | None = None,
    benchmark: Hashable | pd.Series | tuple[pd.Series, pd.Series] | None = None,
    partial: Literal["exclude", "include", "raise"] = "exclude",
) -> pd.DataFrame:
    """Size, share, location quotient and growth of each sector grouping in each area.

    Parameters
    ----------
    counts
        Area x industry matrix (jobs, hours or current-price GVA) for the period of
        interest, columns SIC codes at one level, no missing cells.
    start
        Optional matrix for an earlier period (same shape) to compute growth.
    groupings
        Groupings or their ids; default all of :func:`load_sector_groupings`.
    benchmark
        ``None`` (sum of rows), a row label, a Series of industry totals for ``counts``,
        or with ``start`` a tuple ``(benchmark_start, benchmark_counts)``.
    partial
        Industry codes only partly inside a grouping (e.g. LAD GVA's ``CI-CL (26-30)``
        for a grouping with 29-30): ``"exclude"`` (default) leaves them out,
        ``"include"`` counts them whole, ``"raise"`` stops. Either way they are listed
        in ``partial_industries`` and ``coverage`` says ``"approximate"``.

    Returns
    -------
    DataFrame
        One row per area and grouping: ``area_code``, ``grouping_id``, ``title``,
        ``proxy``, ``size``, ``share`` (of the area total over all columns),
        ``benchmark_share``, ``lq``, ``size_start``, ``growth``, ``benchmark_growth``
        (these three ``NaN`` without ``start``), ``industries`` (codes counted),
        ``partial_industries``, ``missing_divisions`` (divisions of the grouping that no
        column covers at all, e.g. because the data lacks them) and ``coverage``:
        ``"exact"`` when whole columns cover every division of the grouping,
        ``"approximate"`` when some column is partial or some division is missing, and
        ``"none"`` when no column falls in the grouping.

    Examples
    --------
    >>> counts = pd.DataFrame({"85": [10.0, 90.0], "86-88": [30.0, 170.0], "62": [10.0, 190.0],
    ...                        "47": [50.0, 450.0]}, index=["R", "rest"])
    >>> table = grouping_summary(counts, groupings=["foundational_economy_providential"])
    >>> print(table[["area_code", "size", "share", "lq", "coverage"]].round(4).to_string())
    ... # doctest: +NORMALIZE_WHITESPACE
      area_code   size   share      lq coverage
    0         R   40.0  0.4000  1.3333    exact
    1      rest  260.0  0.2889  0.9630    exact
    """
    if partial not in ("exclude", "include", "raise"):
        raise ValueError(f"partial must be 'exclude', 'include' or 'raise', got {partial!r}")
    e = _as_matrix(counts, "counts", allow_missing=False)
    totals = e.sum(axis=1)
    zero = totals <= 0
    if zero.any():
        raise ValueError(f"counts has a zero total for {_describe_labels(totals.index[zero])}")
    if start is not None:
        s = _as_matrix(start, "start", allow_missing=False)
        _check_same_shape(s, e, "start", "counts")
        b0, b1 = _two_period_benchmark(s, e, benchmark)
    else:
        s = None
        if isinstance(benchmark, tuple):
            raise TypeError("a benchmark tuple needs start=")
        b0, b1 = None, _benchmark_series(e, benchmark, "counts")
    b_total = _positive_total(float(b1.sum()), "benchmark total")
    mapping = map_industries_to_groupings(e.columns, groupings)
    rows = []
    for grouping in _resolve_groupings(groupings):
        matched = mapping[mapping["grouping_id"] == grouping.id]
        full = matched.loc[matched["match"] == "full", "industry_code"].tolist()
        part = matched.loc[matched["match"] == "partial", "industry_code"].tolist()
        if part and partial == "raise":
            raise ValueError(
                f"grouping {grouping.id!r} only partly covers {_describe_labels(part)}; use "
                "finer industries or partial='exclude'/'include'"
            )
        members = full + (part if partial == "include" else [])
        keep = [c for c in e.columns if str(c) in members]
        seen_atoms = frozenset().union(
            *(industry_code_divisions(str(c)) for c in matched["industry_code"])
        )
        missing_div = sorted(grouping.divisions - {IMPUTED_RENT} - seen_atoms)
        size = e[keep].sum(axis=1)
        b_size = float(b1[keep].sum())
        b_share = b_size / b_total
        share = size / totals
        with np.errstate(divide="ignore", invalid="ignore"):
            lq = share / b_share if b_share > 0 else share * np.nan
        if s is not None and b0 is not None:
            size_start = s[keep].sum(axis=1)
            with np.errstate(divide="ignore", invalid="ignore"):
                growth = size / size_start - 1.0
            b_start = float(b0[keep].sum())
            b_growth = b_size / b_start - 1.0 if b_start > 0 else np.nan
        else:
            size_start = pd.Series(np.nan, index=e.index)
            growth = pd.Series(np.nan, index=e.index)
            b_growth = np.nan
        coverage = "none" if not keep else ("approximate" if part or missing_div else "exact")
        rows.append(
            pd.DataFrame(
                {
                    "area_code": e.index,
                    "grouping_id": grouping.id,
                    "title": grouping.title,
                    "proxy": grouping.proxy,
                    "size": size.to_numpy(),
                    "share": share.to_numpy(),
                    "benchmark_share": b_share,
                    "lq": np.asarray(lq, dtype="float64"),
                    "size_start": size_start.to_numpy(),
                    "growth": growth.to_numpy(),
                    "benchmark_growth": b_growth,
                    "industries": "; ".join(str(c) for c in keep),
                    "partial_industries": "; ".join(part),
                    "missing_divisions": "; ".join(missing_div),
                    "coverage": coverage,
                }
            )
        )
    return pd.concat(rows, ignore_index=True)


# --------------------------------------------------------------------------- suppressed cells


def fill_suppressed(
    table: pd.DataFrame,
    level_codes: Sequence[str],
    *,
    weights: pd.Series | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Estimate suppressed cells of one industry level from the published totals above them.

    ONS suppresses some district x industry cells of regional GVA (``[c]``) but publishes
    the totals above them (``Total``, ``A-E``, ``C (10-33)`` ...). For each area, working
    from the smallest published parent upwards, the part of the parent not accounted for by
    its known children is shared among its missing children in proportion to ``weights``
    (by default the benchmark size of each industry). The result adds up to every
    published parent; the split inside a parent is an estimate and is marked as such.

    Parameters
    ----------
    table
        Area x industry matrix for one period holding *every* published code (totals and
        aggregates as well as the level wanted); ``NaN`` marks a suppressed cell.
    level_codes
        Non-overlapping codes (columns of ``table``) to return, e.g. from
        :func:`select_industry_level`.
    weights
        Industry sizes used to split a residual, indexed by ``level_codes``. Default: the
        column sums over the areas with no missing level cell.

    Returns
    -------
    (DataFrame, DataFrame)
        The level matrix with estimates in place of suppressed cells (cells no published
        parent can pin down stay ``NaN``), and a boolean matrix, True where a value was
        estimated. A negative residual (published parts exceed the parent by rounding) is
        set to zero.

    Examples
    --------
    >>> table = pd.DataFrame(
    ...     {"Total": [100.0, 210.0], "A-E": [40.0, 90.0], "AB (1-9)": [None, 30.0],
    ...      "C (10-33)": [30.0, 50.0], "DE (35-39)": [None, 10.0], "G-T": [60.0, 120.0]},
    ...     index=["E1", "E2"])
    >>> filled, estimated = fill_suppressed(table, ["AB (1-9)", "C (10-33)", "DE (35-39)", "G-T"])
    >>> filled.loc["E1"].tolist(), estimated.loc["E1"].tolist()
    ([7.5, 30.0, 2.5, 60.0], [True, False, True, False])

    The 10 left of ``A-E`` after manufacturing is shared 3:1, as in the other area.
    """
    codes = [str(c) for c in level_codes]
    missing_cols = [c for c in codes if c not in table.columns]
    if missing_cols:
        raise ValueError(f"level code(s) {_describe_labels(missing_cols)} are not columns of table")
    _check_columns_partition(pd.Index(codes), "level_codes")
    values = table.apply(pd.to_numeric, errors="coerce").astype("float64")
    out = values[codes].copy()
    out.columns.name = "industry_code"
    estimated = pd.DataFrame(False, index=out.index, columns=out.columns)
    level_atoms = {c: industry_code_divisions(c) for c in codes}
    universe = frozenset().union(*level_atoms.values())
    parents = []
    for col in values.columns:
        if str(col) in codes:
            continue
        try:
            atoms = industry_code_divisions(str(col)) & universe
        except ValueError:
            continue
        inside = [c for c in codes if level_atoms[c] <= atoms]
        straddle = [c for c in codes if level_atoms[c] & atoms and not level_atoms[c] <= atoms]
        if inside and not straddle:
            parents.append((len(atoms), str(col), inside))
    parents.sort(key=lambda p: p[0])
    if weights is None:
        complete = out.notna().all(axis=1)
        w = out[complete].sum(axis=0) if complete.any() else pd.Series(1.0, index=codes)
    else:
        w = pd.Series(weights, dtype="float64").reindex(codes).fillna(0.0)
    for area in out.index[out.isna().any(axis=1)]:
        row = out.loc[area].copy()
        for _, parent, inside in parents:
            total = values.at[area, parent]
            gaps = [c for c in inside if np.isnan(row[c])]
            if np.isnan(total) or not gaps:
                continue
            residual = max(float(total - row[inside].sum(skipna=True)), 0.0)
            ww = w[gaps].clip(lower=0)
            share = ww / ww.sum() if ww.sum() > 0 else pd.Series(1.0 / len(gaps), index=gaps)
            row[gaps] = residual * share
            estimated.loc[area, gaps] = True
        out.loc[area] = row
    return out, estimated


# --------------------------------------------------------------------------- concordance


@dataclass(frozen=True)
class IndustryConcordance:
    """Common industries of two code lists (see :func:`industry_concordance`).

    Attributes
    ----------
    codes
        The common industry codes, in order of first appearance (first list, then second).
    map_a, map_b
        ``{code: common code}`` for the codes of each list that have a counterpart.
    only_a, only_b
        Codes with no counterpart in the other list (e.g. Census ``"99"`` when GVA has no
        section U); drop or report them.
    """

    codes: tuple[str, ...]
    map_a: dict[str, str]
    map_b: dict[str, str]
    only_a: tuple[str, ...]
    only_b: tuple[str, ...]


def _common_label(atoms: frozenset[str], members_a: list[str], members_b: list[str]) -> str:
    def exact(members: list[str]) -> list[str]:
        return [c for c in members if industry_code_divisions(c) - {IMPUTED_RENT} == atoms]

    if exact(members_a):
        return exact(members_a)[0]
    sections = sorted({_atom_section(a) for a in atoms})
    whole = all(_section_atoms(s) - {IMPUTED_RENT} <= atoms for s in sections)
    numbers = sorted(int(a) for a in atoms if a != IMPUTED_RENT)
    span = f"{numbers[0]:02d}-{numbers[-1]:02d}" if len(numbers) > 1 else f"{numbers[0]:02d}"
    letters = list(_SECTION_RANGES)
    contiguous = [letters.index(s) for s in sections] == list(
        range(letters.index(sections[0]), letters.index(sections[-1]) + 1))
    if whole and contiguous:
        head = sections[0] if len(sections) == 1 else f"{sections[0]}-{sections[-1]}"
        return f"{head} ({span})"
    if exact(members_b):
        return exact(members_b)[0]
    return ",".join(f"{n:02d}" for n in numbers) if len(numbers) != numbers[-1] - numbers[0] + 1 \
        else span


def industry_concordance(
    codes_a: Iterable[Hashable], codes_b: Iterable[Hashable], *, ignore_imputed_rent: bool = True
) -> IndustryConcordance:
    """Find the finest industries on which two non-overlapping code lists agree.

    Two sources rarely share an industry breakdown: ONS LAD GVA publishes ``41``, ``42``
    and ``43`` where Census 2021 has one category ``41-43``; Census 2011 has ``R,S`` where
    GVA has ``R (90-93)`` and ``S (94-96)``. Codes that share any division are joined
    (transitively) into one common industry, so both sources can be added up to the same
    columns with :func:`aggregate_industries` (or :func:`harmonise_matrices`).

    Parameters
    ----------
    codes_a, codes_b
        Industry codes of the two sources, each a non-overlapping list (no totals).
    ignore_imputed_rent
        Treat ``"L"``/``"L (68)"`` and ``"68"`` as the same industry (jobs data has no
        imputed rent); default True.

    Returns
    -------
    IndustryConcordance
        Common codes (an existing code when one covers exactly the common industry, else
        a label such as ``"F (41-43)"`` or ``"R-S (90-96)"``), the mappings and the codes
        with no counterpart.

    Examples
    --------
    >>> c = industry_concordance(["C (10-33)", "41", "42", "43", "R (90-93)", "S (94-96)"],
    ...                          ["C", "41-43", "R,S", "99"])
    >>> c.codes
    ('C (10-33)', 'F (41-43)', 'R-S (90-96)')
    >>> c.map_a["42"], c.map_b["R,S"], c.only_b
    ('F (41-43)', 'R-S (90-96)', ('99',))
    """
    list_a = [str(c) for c in codes_a]
    list_b = [str(c) for c in codes_b]
    _check_columns_partition(pd.Index(list_a), "codes_a")
    _check_columns_partition(pd.Index(list_b), "codes_b")
    drop = frozenset({IMPUTED_RENT}) if ignore_imputed_rent else frozenset()
    nodes = [("a", c) for c in list_a] + [("b", c) for c in list_b]
    atoms = {n: industry_code_divisions(n[1]) - drop for n in nodes}
    parent = {n: n for n in nodes}

    def find(n: tuple[str, str]) -> tuple[str, str]:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    owner: dict[str, tuple[str, str]] = {}
    for n in nodes:
        for atom in atoms[n]:
            if atom in owner:
                parent[find(n)] = find(owner[atom])
            else:
                owner[atom] = n
    groups: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for n in nodes:
        groups.setdefault(find(n), []).append(n)
    codes: list[str] = []
    map_a: dict[str, str] = {}
    map_b: dict[str, str] = {}
    only_a: list[str] = []
    only_b: list[str] = []
    for members in sorted(groups.values(), key=lambda m: nodes.index(m[0])):
        in_a = [c for side, c in members if side == "a"]
        in_b = [c for side, c in members if side == "b"]
        if not in_a or not in_b:
            (only_a if in_a else only_b).extend(in_a or in_b)
            continue
        union = frozenset().union(*(atoms[n] for n in members))
        label = _common_label(union, in_a, in_b)
        codes.append(label)
        map_a.update({c: label for c in in_a})
        map_b.update({c: label for c in in_b})
    return IndustryConcordance(tuple(codes), map_a, map_b, tuple(only_a), tuple(only_b))


def harmonise_matrices(
    a: pd.DataFrame, b: pd.DataFrame, *, ignore_imputed_rent: bool = True
) -> tuple[pd.DataFrame, pd.DataFrame, IndustryConcordance]:
    """Add up two area x industry matrices to their common industries.

    Columns with no counterpart in the other matrix are dropped (they are listed in the
    returned concordance's ``only_a``/``only_b`` so that you can report them).

    Examples
    --------
    >>> a = pd.DataFrame({"41": [1.0], "42": [2.0], "43": [3.0], "45": [4.0]}, index=["E1"])
    >>> b = pd.DataFrame({"41-43": [10.0], "45": [5.0], "48": [1.0]}, index=["E1"])
    >>> ha, hb, conc = harmonise_matrices(a, b)
    >>> ha.to_dict("records"), hb.to_dict("records"), conc.only_b
    ([{'F (41-43)': 6.0, '45': 4.0}], [{'F (41-43)': 10.0, '45': 5.0}], ('48',))
    """
    conc = industry_concordance(a.columns, b.columns, ignore_imputed_rent=ignore_imputed_rent)
    out_a = aggregate_industries(a[[c for c in a.columns if str(c) in conc.map_a]], conc.map_a)
    out_b = aggregate_industries(b[[c for c in b.columns if str(c) in conc.map_b]], conc.map_b)
    return out_a[list(conc.codes)], out_b[list(conc.codes)], conc


# --------------------------------------------------------------------------- labels


def label_industries(
    indicators: pd.DataFrame,
    *,
    lq_threshold: float = 1.25,
    min_growth: float = 0.0,
    share_threshold: float = 0.05,
    productivity_ratio: float = 1.0,
    decline_margin: float = 0.0,
) -> pd.DataFrame:
    """Label industries from indicators that may come from different sources.

    The rules of :func:`classify_industries`, applied to indicators you have already
    computed, so that each label can use the best source for it (e.g. location quotient
    and growth from GVA, employment share from the Census, productivity from a year
    where output and jobs are both known):

    * **distinctive strength**: ``lq >= lq_threshold`` and ``growth > min_growth``;
    * **large employer**: ``share >= share_threshold``;
    * **high productivity**: ``productivity > productivity_ratio * benchmark_productivity``;
    * **at risk**: ``growth < -decline_margin`` and
      ``growth < benchmark_growth - decline_margin``.

    Parameters
    ----------
    indicators
        One row per (area and) industry with any of the columns ``lq``, ``growth``,
        ``benchmark_growth``, ``share``, ``productivity``, ``benchmark_productivity``. A
        label whose inputs are absent or missing is ``<NA>``.
    lq_threshold, min_growth, share_threshold, productivity_ratio, decline_margin
        As in :func:`classify_industries`.

    Returns
    -------
    DataFrame
        ``indicators`` with boolean (nullable) columns ``distinctive_strength``,
        ``large_employer``, ``high_productivity``, ``at_risk`` and ``labels`` (true labels
        joined with ``"; "``).

    Examples
    --------
    >>> table = pd.DataFrame({"industry_code": ["A", "C"], "lq": [2.0, 0.8],
    ...                       "growth": [0.1, -0.2], "benchmark_growth": [0.0, 0.05],
    ...                       "share": [0.02, 0.12]})
    >>> label_industries(table)["labels"].tolist()
    ['distinctive strength', 'large employer; at risk']
    """
    out = indicators.copy()

    def col(name: str) -> pd.Series:
        if name in out.columns:
            return pd.to_numeric(out[name], errors="coerce").astype("float64")
        return pd.Series(np.nan, index=out.index)

    def rule(mask: pd.Series, *inputs: pd.Series) -> pd.Series:
        known = pd.concat(inputs, axis=1).notna().all(axis=1)
        return mask.astype("boolean").where(known, pd.NA)

    lq, growth, b_growth = col("lq"), col("growth"), col("benchmark_growth")
    share, prod, b_prod = col("share"), col("productivity"), col("benchmark_productivity")
    out["distinctive_strength"] = rule((lq >= lq_threshold) & (growth > min_growth), lq, growth)
    out["large_employer"] = rule(share >= share_threshold, share)
    out["high_productivity"] = rule(prod > productivity_ratio * b_prod, prod, b_prod)
    out["at_risk"] = rule((growth < -decline_margin) & (growth < b_growth - decline_margin),
                          growth, b_growth)
    names = {"distinctive_strength": "distinctive strength", "large_employer": "large employer",
             "high_productivity": "high productivity", "at_risk": "at risk"}
    flags = out[list(names)].fillna(False).to_numpy(dtype=bool)
    out["labels"] = ["; ".join(n for n, f in zip(names.values(), row, strict=True) if f)
                     for row in flags]
    return out


def all_industry_rows(gva_lad_industry: pd.DataFrame) -> pd.DataFrame:
    """All-industry rows of the LAD GVA-by-industry table (the ``gva_lad_total`` derived table).

    Examples
    --------
    >>> t = pd.DataFrame({"industry_code": ["Total", "A", "Total"], "value": [3.0, 1.0, 5.0]})
    >>> all_industry_rows(t)["value"].tolist()
    [3.0, 5.0]
    """
    rows = gva_lad_industry["industry_code"] == "Total"
    return gva_lad_industry[rows].reset_index(drop=True)

