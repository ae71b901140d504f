"""Generated English: shared formatters, and one module of prose per chapter.

Examples
--------
>>> from lis_analytics.present.text import format_gbp, possessive
>>> format_gbp(1234.6, 0), possessive("Cumbria")
('£1,235', "Cumbria's")
"""

from lis_analytics.present.text.words import (
    MISSING,
    as_sentence,
    finite_or_none,
    format_gbp,
    format_pct,
    is_plural,
    it,
    its,
    join_parts,
    join_words,
    lower_first,
    ordinal,
    possessive,
    subject_verb,
    verb,
)

__all__ = [
    "MISSING",
    "as_sentence",
    "finite_or_none",
    "format_gbp",
    "format_pct",
    "is_plural",
    "it",
    "its",
    "join_parts",
    "join_words",
    "lower_first",
    "ordinal",
    "possessive",
    "subject_verb",
    "verb",
]
