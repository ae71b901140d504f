"""Words and numbers in sentences: pounds, percentages, possessives, lists and ordinals.

One set of formatters for every chapter, so the same figure reads the same everywhere.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

MISSING = "n/a"
"""What a sentence says for a number that cannot be computed."""


def finite_or_none(value: object) -> float | None:
    """``value`` as a float, or ``None`` when it is missing or not finite.

    Examples
    --------
    >>> finite_or_none(2), finite_or_none(float("nan")), finite_or_none(None)
    (2.0, None, None)
    """
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


def format_gbp(value: float, decimals: int = 2, *, compact: bool = False) -> str:
    """Format pounds, e.g. ``£35.20`` or, with ``compact``, ``£9.8 billion``.

    Parameters
    ----------
    value : float
        Pounds.
    decimals : int, default 2
        Decimals for non-compact values.
    compact : bool, default False
        Use "million"/"billion" for values of a million or more.

    Returns
    -------
    str
        ``"n/a"`` for missing values.

    Examples
    --------
    >>> format_gbp(35.2), format_gbp(57109.3, 0), format_gbp(-9.84e9, compact=True)
    ('£35.20', '£57,109', '-£9.8 billion')
    """
    v = finite_or_none(value)
    if v is None:
        return MISSING
    sign = "-" if v < 0 else ""
    v = abs(v)
    if compact and v >= 1e9:
        return f"{sign}£{v / 1e9:,.1f} billion"
    if compact and v >= 1e6:
        return f"{sign}£{v / 1e6:,.0f} million"
    return f"{sign}£{v:,.{decimals}f}"


def format_pct(value: float, decimals: int = 1, *, signed: bool = False) -> str:
    """Format a percentage, e.g. ``88.6%`` or, with ``signed``, ``+1.2%``.

    Examples
    --------
    >>> format_pct(88.6123), format_pct(1.234, signed=True), format_pct(float("nan"))
    ('88.6%', '+1.2%', 'n/a')
    """
    v = finite_or_none(value)
    if v is None:
        return MISSING
    return f"{v:+,.{decimals}f}%" if signed else f"{v:,.{decimals}f}%"


def possessive(name: str) -> str:
    """English possessive of a place name.

    Examples
    --------
    >>> possessive("Greater Manchester"), possessive("West Midlands")
    ("Greater Manchester's", "West Midlands'")
    """
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def join_words(items: Sequence[str], conjunction: str = "and") -> str:
    """Join phrases as English: ``a``, ``a and b``, ``a, b and c``.

    Examples
    --------
    >>> join_words(["Bolton"]), join_words(["Bolton", "Bury", "Wigan"])
    ('Bolton', 'Bolton, Bury and Wigan')
    >>> join_words(["up", "down"], "or")
    'up or down'
    """
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word is an acronym (``GVA``).

    Examples
    --------
    >>> lower_first("Real GVA"), lower_first("GVA per hour")
    ('real GVA', 'GVA per hour')
    """
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def ordinal(n: object) -> str:
    """``1st``, ``2nd``, ``3rd``, ``11th``; ``unranked`` for anything that is not a number.

    Examples
    --------
    >>> ordinal(1), ordinal(12), ordinal(23), ordinal(None)
    ('1st', '12th', '23rd', 'unranked')
    """
    try:
        k = int(n)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return "unranked"
    suffix = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return f"{k}{suffix}"


# ------------------------------------------------------------------ agreement and joining

PLURAL_HEAD_NOUNS: frozenset[str] = frozenset({
    "districts", "authorities", "boroughs", "counties", "councils", "cities", "towns",
    "areas", "neighbours", "partnerships", "regions", "places", "parishes", "wards",
})
"""Head nouns that make an area's name plural ("Wigan and its neighbouring districts")."""

_SINGULAR_TO_PLURAL = {"is": "are", "was": "were", "has": "have", "does": "do"}


def is_plural(name: str) -> bool:
    """Whether an area's name takes a plural verb: its head (last) noun is a plural noun.

    A place is singular however it is built ("Leicester and Leicestershire", "West
    Midlands", "The Marches"); a name whose head noun is one of :data:`PLURAL_HEAD_NOUNS`
    ("Wigan and its neighbouring districts", "the Tees Valley authorities") is plural. A
    trailing parenthesis ("(custom)") or type label ("LEP", "CA") is the head when present.

    Examples
    --------
    >>> is_plural("Wigan and its neighbouring districts"), is_plural("Leicester and Leicestershire")
    (True, False)
    >>> is_plural("West Midlands"), is_plural("The Marches LEP")
    (False, False)
    >>> is_plural("Coastal councils (custom)")
    True
    """
    words = re.sub(r"\([^)]*\)\s*$", "", str(name)).split()
    return bool(words) and words[-1].lower().strip(".,;:") in PLURAL_HEAD_NOUNS


def verb(subject: str, singular: str, plural: str | None = None) -> str:
    """The form of a verb that agrees with an area's name (see :func:`is_plural`).

    ``plural`` defaults to the plural of ``is``, ``was``, ``has`` and ``does``, or to
    ``singular`` less its final ``s`` ("stands" -> "stand") or ``es`` ("reaches" -> "reach").

    Examples
    --------
    >>> verb("Wigan and its neighbouring districts", "does", "do"), verb("Cumbria", "does", "do")
    ('do', 'does')
    >>> verb("Wigan and its neighbouring districts", "stands"), verb("Solent", "is")
    ('stand', 'is')
    >>> verb("Tees Valley authorities", "reaches"), verb("Tees Valley authorities", "passes")
    ('reach', 'pass')
    """
    if not is_plural(subject):
        return singular
    if plural is not None:
        return plural
    if singular in _SINGULAR_TO_PLURAL:
        return _SINGULAR_TO_PLURAL[singular]
    if singular.endswith(("sses", "shes", "ches", "xes", "zes")):
        return singular[:-2]
    return singular[:-1] if singular.endswith("s") else singular


def subject_verb(subject: str, singular: str, plural: str | None = None) -> str:
    """An area's name with its verb, e.g. ``"Cumbria does"``, ``"... districts do"``.

    Examples
    --------
    >>> subject_verb("Wigan and its neighbouring districts", "is")
    'Wigan and its neighbouring districts are'
    """
    return f"{subject} {verb(subject, singular, plural)}"


def its(name: str) -> str:
    """The possessive pronoun for an area: ``its``, or ``their`` for a plural name.

    Examples
    --------
    >>> its("Cumbria"), its("Wigan and its neighbouring districts")
    ('its', 'their')
    """
    return "their" if is_plural(name) else "its"


def it(name: str) -> str:
    """The subject pronoun for an area: ``it``, or ``they`` for a plural name.

    Examples
    --------
    >>> it("Cumbria"), it("Wigan and its neighbouring districts")
    ('it', 'they')
    """
    return "they" if is_plural(name) else "it"


_TRAILING_PUNCTUATION = ".,;: \t\n"


def join_parts(parts: Sequence[str | None], separator: str = "; ", end: str = "") -> str:
    """Join clauses or phrases with one separator and no doubled punctuation.

    Each part loses its own trailing punctuation and spaces (``".,;:"``) before it is
    joined, empty parts are dropped, and ``end`` (e.g. ``"."``) is added once. A part that
    ends in a closing bracket keeps it: ``"(a cross-boundary area)."`` joins as
    ``"(a cross-boundary area); ..."``, never ``").;"``.

    Examples
    --------
    >>> join_parts(["Custom area (a cross-boundary area).", "6 local authority districts"])
    'Custom area (a cross-boundary area); 6 local authority districts'
    >>> join_parts(["GVA rose.", "", None, "jobs fell;"], end=".")
    'GVA rose; jobs fell.'
    >>> join_parts(["One sentence.", "Another one"], separator=" ", end=".")
    'One sentence. Another one.'
    """
    cleaned = [str(p).strip() for p in parts
               if p is not None and str(p).strip(_TRAILING_PUNCTUATION)]
    if separator.strip() == "":
        # sentences joined by a space keep their own full stops, and get one if they lack it
        cleaned = [as_sentence(p) for p in cleaned[:-1]] + cleaned[-1:]
    else:
        cleaned = [p.rstrip(_TRAILING_PUNCTUATION) for p in cleaned]
    text = separator.join(cleaned)
    if end and text:
        text = text.rstrip(_TRAILING_PUNCTUATION) + end
    return text


def as_sentence(text: str) -> str:
    """One sentence: a capital first letter, single spaces and exactly one final full stop.

    A sentence that ends in ``?`` or ``!`` keeps it; trailing ``;``, ``,`` or ``:`` are
    dropped first. An acronym or number at the start is left as it is.

    Examples
    --------
    >>> as_sentence("output rose  by 2%;"), as_sentence("GVA grew."), as_sentence("")
    ('Output rose by 2%.', 'GVA grew.', '')
    >>> as_sentence("employment rose in Bolton (2023).")
    'Employment rose in Bolton (2023).'
    """
    text = re.sub(r"[ \t]{2,}", " ", str(text)).strip()
    text = text.rstrip(",;: ")
    if not text:
        return ""
    if text.endswith("..") and not text.endswith("..."):
        text = text.rstrip(".") + "."
    if text[-1] not in ".?!":
        text += "."
    if text[0].islower() and not (len(text) > 1 and text[1].isupper()):
        text = text[0].upper() + text[1:]
    return text
