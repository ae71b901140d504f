"""Indicator values in words: values with their units, changes, ranges, sources, sentences.

Shared by the people, foundations and baseline chapters (one module of prose per chapter
builds on these).

Examples
--------
>>> from lis_analytics.indicators import load_framework
>>> fw = load_framework()
>>> format_value(74.26, fw.get("employment_rate")), format_change(-1.23, fw.get("employment_rate"))
('74.3%', '-1.2 percentage points')
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable

import pandas as pd

from lis_analytics.data.registry import get_dataset
from lis_analytics.geography import Area
from lis_analytics.indicators import (
    Framework,
    Indicator,
    latest_row,
    significant_difference,
    tolerance,
    value_at,
)

ENGLAND_CODE = "E92000001"


def format_value(value: float, ind: Indicator) -> str:
    """A value in words with its unit (``"74.3%"``, ``"£612 per week"``, ``"7.2 ratio"``).

    Examples
    --------
    >>> from lis_analytics.indicators import load_framework
    >>> fw = load_framework()
    >>> format_value(74.26, fw.get("employment_rate")), format_value(612.4, fw.get("pay_residence"))
    ('74.3%', '£612 per week')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "[x]"
    text = f"{rounded(value, ind.decimals):,.{ind.decimals}f}"
    unit = ind.unit
    if unit.startswith("%"):
        return f"{text}{unit}"
    if unit.startswith("£"):
        rest = unit[1:].strip()
        return f"£{text} {rest}".strip()
    if unit.startswith("score "):
        unit = unit[len("score "):]
    return f"{text} {unit}"


def rounded(value: float, decimals: int) -> float:
    """Round, turning -0.0 into 0.0."""
    return round(float(value), decimals) + 0.0


def format_change(change: float, ind: Indicator) -> str:
    """A signed change in words: ``+£3.60 per hour``, ``-1.2 percentage points``.

    Examples
    --------
    >>> from lis_analytics.indicators import load_framework
    >>> fw = load_framework()
    >>> format_change(3.6, fw.get("gva_per_hour")), format_change(-1.23, fw.get("employment_rate"))
    ('+£3.60 per hour', '-1.2 percentage points')
    """
    if change is None or pd.isna(change):
        return "[x]"
    d = ind.decimals
    v = rounded(change, d)
    sign = "+" if v > 0 else "-" if v < 0 else ""
    unit = ind.unit
    if unit.startswith("%"):
        return f"{sign}{abs(v):,.{d}f} percentage points"
    if unit.startswith("£"):
        dec = 2 if unit.strip().endswith("per hour") else d
        return f"{sign}£{abs(round(float(change), dec)):,.{dec}f} {unit[1:].strip()}".strip()
    return sign + format_value(abs(v), ind)


def format_range(low: float, high: float, ind: Indicator) -> str:
    """A range with the unit once: ``2.8% to 5.3%``, ``£540 to £610 per week``.

    Examples
    --------
    >>> from lis_analytics.indicators import load_framework
    >>> fw = load_framework()
    >>> format_range(540, 610, fw.get("pay_residence"))
    '£540 to £610 per week'
    """
    if pd.isna(low) or pd.isna(high):
        return "[x]"
    d = ind.decimals
    unit = ind.unit
    if unit.startswith("%"):
        return f"{low:,.{d}f}% to {high:,.{d}f}%"
    if unit.startswith("£"):
        return f"£{low:,.{d}f} to {format_value(high, ind)}"
    return f"{low:,.{d}f} to {format_value(high, ind)}"


def source_words(indicator: Indicator) -> str:
    """The indicator's sources in words (registry ``source_in_words``), without weights."""
    ids = list(indicator.part_datasets)
    for term in (indicator.value, indicator.numerator):
        ids += [d for d in (term.datasets if term else ()) if d not in ids]
    names = []
    for ds in ids:
        text = get_dataset(ds).source_in_words or get_dataset(ds).title
        if text not in names:
            names.append(text)
    return "; ".join(names)


def source_line(framework: Framework, indicator_ids: Iterable[str]) -> str:
    """One chart/table source line for several indicators."""
    names: list[str] = []
    for iid in indicator_ids:
        for part in source_words(framework.get(iid)).split("; "):
            if part not in names:
                names.append(part)
    return "Source: " + "; ".join(names)


def capitalise(text: str) -> str:
    """The text with its first letter in upper case (the rest untouched).

    Examples
    --------
    >>> capitalise("iPhone sales"), capitalise("gVA per hour")
    ('IPhone sales', 'GVA per hour')
    """
    return text[:1].upper() + text[1:]


def value_in_sentence(value: float, ind: Indicator) -> str:
    """The value with its unit, without repeating a ``per ...`` already in the name."""
    text = format_value(value, ind)
    at = ind.unit.find("per ")
    if at >= 0 and ind.unit[at:] in ind.name and text.endswith(ind.unit[at:]):
        text = text[: -len(ind.unit[at:])].strip()
    return text


def verb(ind: Indicator) -> str:
    """``"were"`` for an indicator named by a plural noun, else ``"was"``."""
    head = ind.name.split(" per ")[0].split(" of ")[0].split()[-1]
    return "were" if head.endswith("s") and not head.endswith(("ss", "us", "is")) else "was"


def describe_against(results: pd.DataFrame, framework: Framework, area: Area, iid: str,
                     benchmark_code: str = ENGLAND_CODE, benchmark_label: str = "England",
                     ) -> str:
    """One sentence: the area's latest value against a benchmark, with significance for surveys.

    For example "Employment rate in Greater Manchester was 72.4% in 2022, significantly below
    England (75.8%)." Survey differences are tested with :func:`significant_difference`
    (a z-test on the standard errors implied by the 95% intervals); a survey figure without
    an interval says the difference was not tested.
    """
    ind = framework.get(iid)
    own = latest_row(results, area.code, iid)
    if pd.isna(own["value"]):
        return (f"{capitalise(ind.name)}: not available for {area.name} "
                f"({own.get('reason') or 'no data'}).")
    text = (f"{capitalise(ind.name)} in {area.name} {verb(ind)} "
            f"{value_in_sentence(own['value'], ind)} in "
            f"{own.get('period_label') or own['period']}")
    if own["status"] == "regional":
        return text + f" ({own['reason']})."
    b = value_at(results, benchmark_code, iid, own["period"])
    if b is None:
        return text + "."
    diff = own["value"] - b["value"]
    where = "above" if diff > 0 else "below"
    if abs(diff) <= tolerance(ind):
        return text + f", the same as {benchmark_label}."
    qualifier = ""
    if ind.ci:
        sig = significant_difference(own["value"], own["lci_95"], own["uci_95"], b["value"],
                                     b["lci_95"], b["uci_95"])
        if sig.significant is False:
            return text + (f", {where} {benchmark_label} ({value_in_sentence(b['value'], ind)}) "
                           "but not significantly so.")
        if sig.significant is None:
            return text + (f", {where} {benchmark_label} ({value_in_sentence(b['value'], ind)}; "
                           "difference not tested: no interval).")
        qualifier = "significantly " if sig.significant else ""
    return text + (f", {qualifier}{where} {benchmark_label} "
                   f"({value_in_sentence(b['value'], ind)}).")


def escape_text(text: str) -> str:
    r"""Text from configuration or data made safe for Markdown and HTML cells.

    HTML special characters are escaped and Markdown's emphasis, link and table characters
    backslashed, so an indicator title can never inject markup.

    Examples
    --------
    >>> print(escape_text("House <b>prices</b> *ratio* [x]"))
    House &lt;b&gt;prices&lt;/b&gt; \*ratio\* \[x\]
    """
    out = html.escape(str(text), quote=False)
    for ch in "\\`*_[]|#":
        out = out.replace(ch, "\\" + ch)
    return out


def table_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """A table safe for the accessible workbook: no empty or symbol-only text cells.

    Empty text becomes ``[x]`` (not available) and a unit of ``%`` alone becomes
    ``per cent`` (gptables refuses cells made only of symbols).

    Examples
    --------
    >>> t = table_ready(pd.DataFrame({"unit": ["%", "£ per head"], "note": ["", "ok"]}))
    >>> t.to_dict("list")
    {'unit': ['per cent', '£ per head'], 'note': ['[x]', 'ok']}
    """
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or str(out[col].dtype).startswith(("string", "str")):
            text = out[col].astype(object)
            text = text.where(~text.isin(["", None]), "[x]")
            text = text.map(lambda v: "per cent" if v == "%" else v)
            out[col] = text
    return out

