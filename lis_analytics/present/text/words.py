"""Words and numbers in sentences: pounds, percentages, possessives, lists and ordinals.

One set of formatters for every chapter, so the same figure reads the same everywhere.
"""

from __future__ import annotations

import math
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
