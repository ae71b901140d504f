"""Generated English: names not codes, verbs that agree, no doubled punctuation (issue #13).

Two kinds of test:

* unit tests of the sentence helpers in ``lis_analytics.present.text.words`` and of chapter text
  functions on hand-made inputs;
* a scan of every default pack's ``index.html`` (``test_every_default_pack_reads_as_english``, which
  uses the session fixture ``default_packs``) for government codes in prose and known bad patterns.

The scanner is :func:`prose_problems_in_pack`. It can be run by hand over packs already built::

    python tests/test_generated_english.py reports/*/index.html reports/index.html

What counts as prose
--------------------
Visible text of the page and the ``alt`` text of images. Left out:

* ``<code>`` and ``<pre>`` (an inline ``<code>`` reads as the word ``CODE``, so "see
  <code>lis data status</code>." is still one sentence), ``<script>``, ``<style>``, ``<svg>``,
  ``<head>`` and ``<title>``;
* ``<table>`` cells of fewer than six words: codes may stay in table cells and code columns. A cell
  of six words or more is a sentence (a note, a caveat, a source list) and is prose.

The pack's identification line (the first paragraph after the page's ``<h1>``: "Local Enterprise
Partnership (2021 boundaries), E37000015; 10 local authority districts ...") names the area's code
on purpose: it is checked for every pattern except GSS codes.

Everything else (findings, paragraphs, notes shown as text, chart alt text, headings, captions) is
prose and is checked for every pattern in :data:`BAD_PATTERNS`.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from lis_analytics.present.text import words

# ---------------------------------------------------------------------------------------------
# The scanner
# ---------------------------------------------------------------------------------------------

EXCLUDED_ELEMENTS = frozenset({"table", "code", "pre", "script", "style", "svg", "head", "title"})
"""Elements whose text is not prose: tables, code, and what a browser does not show as text."""

BLOCK_ELEMENTS = frozenset(
    {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "figcaption", "caption", "dt", "dd",
     "blockquote", "section", "header", "footer", "summary", "details", "br", "ul", "ol", "body"}
)
"""Elements that end a run of text: a sentence never spans two of them."""

INLINE_PLACEHOLDER = {"code": "CODE"}
"""Inline excluded elements read as one word: "see <code>lis data status</code>." is a sentence."""

SENTENCE_CELL_WORDS = 6
"""A table cell with this many words or more is a sentence (a note or caveat) and is prose."""

VOID_ELEMENTS = frozenset({"img", "br", "hr", "meta", "link", "input", "source", "wbr", "col"})

GSS_CODE = re.compile(r"\b[EWSNK]\d{8}\b")
"""A GSS (Government Statistical Service) code, e.g. E37000015 or E11000001."""

_PLURAL_HEADS = (
    r"(?:districts|authorities|boroughs|counties|councils|neighbours|areas|partnerships)"
)
_SINGULAR_VERBS = (
    r"(?:does|has|is|was|lags|leads|trails|performs|sits|ranks|stands|outperforms|falls)"
)

BAD_PATTERNS: dict[str, re.Pattern[str]] = {
    "GSS code in prose": GSS_CODE,
    "doubled punctuation": re.compile(
        r"(?<![.])[.,;:!?]\s*[,;:!?]|[,;:!?]\s*\.(?!\.)|(?<![.])\.\.(?!\.)"
    ),
    "space before punctuation": re.compile(r"\S [,.;:!?](?!\d)"),
    "space inside brackets": re.compile(r"\( | \)"),
    "empty brackets": re.compile(r"\(\s*\)"),
    "double space": re.compile(r"\S {2,}\S"),
    "missing value word": re.compile(r"\b(?:nan|NaN|None|NaT|inf|<NA>)\b"),
    "[x] in a sentence": re.compile(r"\w[^.;:]*\[x\][^.;:]*\w"),
    "plural name with singular verb": re.compile(rf"\b{_PLURAL_HEADS} {_SINGULAR_VERBS}\b"),
    "1 with a plural noun": re.compile(
        r"(?<![\d.,£])\b1 (?:local authority )?"
        r"(?:districts|areas|industries|sectors|sources|years)\b"
    ),
    "a before a vowel sound number": re.compile(r"\b[Aa] (?:8|11\b|18\b)"),
    "repeated word": re.compile(r"\b(\w{2,}) \1\b", re.IGNORECASE),
    "unfilled placeholder": re.compile(r"\{[a-z_]*\}"),
    "more LEPs than exist (38)": re.compile(r"\b(?:39|[4-9]\d|\d{3,}) LEPs\b"),
    "visible HTML entity": re.compile(r"&(?:#x?[0-9a-fA-F]+|[a-zA-Z]+);"),
    "n/a in a sentence": re.compile(r"\w[^.;:]* n/a\b[^.;:]*\w"),
    "sign slip": re.compile(r"\+-|-\+|--|£-|%%|\+\+"),
    "lower case after a full stop": re.compile(
        r"(?<!\be\.g)(?<!\bi\.e)(?<!\betc)(?<!\bvs)(?<!\bc)(?<!\bexcl)(?<!\bno)\. [a-z]"
    ),
}
"""Patterns that should never appear in prose, by name."""

_CLAUSE_PREPOSITIONS = re.compile(
    r"\b(?:in|of|for|across|between|among|within|to|from|by|with|than|outside|inside|at|on)\b",
    re.IGNORECASE,
)
_LEADING_ADVERBIAL = re.compile(r"^\s*(?:In|By|From|Over|Since|Between|Across|For)\b[^,]*,")


def _subject_is_the_name(text: str, start: int) -> bool:
    """Whether the plural noun ending before ``start`` heads the clause's subject.

    "Wigan and its neighbouring districts does better" is wrong; "GVA per hour in the ten districts
    is 95" is right: a preposition earlier in the clause makes the plural noun its object.
    """
    clause = re.split(r"[.;:!?]\s", text[:start])[-1]
    clause = _LEADING_ADVERBIAL.sub("", clause)
    return not _CLAUSE_PREPOSITIONS.search(clause)


@dataclass(frozen=True)
class Problem:
    """One bad pattern found in prose: which pattern, the match and its surrounding text."""

    pattern: str
    match: str
    context: str


@dataclass(frozen=True)
class Run:
    """The text of one block of prose; ``codes_allowed`` for the pack's identification line."""

    text: str
    codes_allowed: bool = False


class _ProseCollector(HTMLParser):
    """Collect runs of visible prose from an HTML page (the module docstring says what counts)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.runs: list[Run] = []
        self._current: list[str] = []
        self._stack: list[str] = []
        self._excluded = 0  # open excluded elements outside the current table cell
        self._cell: list[str] | None = None  # text of the open table cell
        self._cell_depth: int | None = None
        self._cell_excluded = 0  # open excluded elements inside the current table cell
        self._seen_h1 = False
        self._identification_depth: int | None = None
        self._identification_done = False

    def _flush(self) -> None:
        text = "".join(self._current)
        self._current = []
        if text.strip():
            self.runs.append(Run(text, codes_allowed=self._identification_depth is not None))

    def _write(self, text: str) -> None:
        if self._cell is not None:
            if not self._cell_excluded:
                self._cell.append(text)
        elif not self._excluded:
            self._current.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_ELEMENTS:
            if self._cell is None:
                self._flush()
            else:
                self._cell.append(" ")  # a line break inside a cell separates words
        if tag == "img":
            alt = dict(attrs).get("alt") or ""
            if alt.strip() and not self._excluded and not self._cell_excluded:
                self._flush()
                self.runs.append(Run(alt))
            return
        if tag in VOID_ELEMENTS:
            return
        self._stack.append(tag)
        if tag in {"td", "th"} and self._cell is None and "table" in self._stack:
            self._cell, self._cell_depth = [], len(self._stack)
        elif tag in EXCLUDED_ELEMENTS:
            if self._cell is not None:
                self._cell_excluded += 1
            else:
                self._excluded += 1
        if tag == "h1":
            self._seen_h1 = True
        elif tag == "p" and self._seen_h1 and not self._identification_done:
            self._identification_done = True
            self._flush()
            self._identification_depth = len(self._stack)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_ELEMENTS or tag not in self._stack:
            return
        while self._stack:
            depth = len(self._stack)
            open_tag = self._stack.pop()
            if depth == self._cell_depth:
                text = " ".join("".join(self._cell or []).split())
                if len(re.findall(r"[A-Za-z]{2,}", text)) >= SENTENCE_CELL_WORDS:
                    self.runs.append(Run(text))
                self._cell, self._cell_depth, self._cell_excluded = None, None, 0
            elif open_tag in EXCLUDED_ELEMENTS:
                if self._cell is not None:
                    self._cell_excluded -= 1
                else:
                    self._excluded -= 1
                if open_tag in INLINE_PLACEHOLDER:
                    self._write(INLINE_PLACEHOLDER[open_tag])
            if open_tag in BLOCK_ELEMENTS and self._cell is None:
                self._flush()
            if depth == self._identification_depth:
                self._identification_depth = None
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        self._write(data)


def prose_runs(html: str) -> list[Run]:
    """The runs of prose in an HTML page, each the text of one block with newlines as spaces.

    Examples
    --------
    >>> runs = prose_runs("<h1>T</h1><p><em>LEP, E37000015</em></p><p>GVA is up.</p>"
    ...                   "<table><tr><td>E37000015</td></tr></table><img alt='A chart.'>")
    >>> [(r.text, r.codes_allowed) for r in runs]
    [('T', False), ('LEP, E37000015', True), ('GVA is up.', False), ('A chart.', False)]
    """
    collector = _ProseCollector()
    collector.feed(html)
    collector.close()
    collector._flush()
    return [
        Run(re.sub(r"[ \t]*\n[ \t]*", " ", run.text).strip(), run.codes_allowed)
        for run in collector.runs
    ]


def prose_problems(text: str, *, codes_allowed: bool = False) -> list[Problem]:
    """Every bad pattern in one run of prose.

    Examples
    --------
    >>> [p.pattern for p in prose_problems("The metropolitan county E11000001 grew.")]
    ['GSS code in prose']
    >>> [p.pattern for p in prose_problems("Wigan and its neighbouring districts does better.")]
    ['plural name with singular verb']
    >>> prose_problems("GVA per hour in the ten districts is 95.2 (UK = 100).")
    []
    """
    found = []
    for name, pattern in BAD_PATTERNS.items():
        if codes_allowed and name == "GSS code in prose":
            continue
        for match in pattern.finditer(text):
            if name == "plural name with singular verb" and not _subject_is_the_name(
                text, match.start()
            ):
                continue
            context = text[max(0, match.start() - 60) : match.end() + 60]
            found.append(Problem(name, match.group(0), context))
    return found


def prose_problems_in_pack(path: Path) -> list[Problem]:
    """Every bad pattern in the prose of one HTML page (a pack's ``index.html``, the front page)."""
    html = Path(path).read_text(encoding="utf-8")
    return [
        problem
        for run in prose_runs(html)
        for problem in prose_problems(run.text, codes_allowed=run.codes_allowed)
    ]


def count_problems(
    paths: list[Path],
) -> tuple[Counter[str], Counter[str], dict[str, list[Problem]]]:
    """Problems by pattern over several pages: (occurrences, pages affected, problems per page)."""
    occurrences: Counter[str] = Counter()
    pages: Counter[str] = Counter()
    per_page: dict[str, list[Problem]] = {}
    for path in paths:
        problems = prose_problems_in_pack(path)
        per_page[str(path)] = problems
        occurrences.update(p.pattern for p in problems)
        pages.update({p.pattern for p in problems})
    return occurrences, pages, per_page


# ---------------------------------------------------------------------------------------------
# The sentence helpers
# ---------------------------------------------------------------------------------------------

PLURAL = "Wigan and its neighbouring districts"


@pytest.mark.parametrize(
    ("name", "plural"),
    [
        (PLURAL, True),
        ("Tees Valley authorities", True),
        ("Coastal councils (custom)", True),
        ("Three counties", True),
        ("Leicester and Leicestershire", False),
        ("West Midlands", False),
        ("The Marches", False),
        ("Cornwall and Isles of Scilly", False),
        ("Derby, Derbyshire, Nottingham and Nottinghamshire", False),
        ("Greater Manchester LEP", False),
        ("", False),
    ],
)
def test_is_plural_follows_the_head_noun(name, plural):
    assert words.is_plural(name) is plural


def test_verbs_and_pronouns_agree_with_the_name():
    assert words.subject_verb(PLURAL, "does", "do") == f"{PLURAL} do"
    assert words.subject_verb("Cumbria", "does", "do") == "Cumbria does"
    assert [words.verb(PLURAL, v) for v in ("is", "was", "has", "does", "stands")] == [
        "are", "were", "have", "do", "stand"]
    assert (words.its(PLURAL), words.it(PLURAL)) == ("their", "they")
    assert (words.its("Solent"), words.it("Solent")) == ("its", "it")


@pytest.mark.parametrize(
    ("parts", "kwargs", "expected"),
    [
        (["Custom area (a functional, cross-boundary area).", "6 local authority districts"], {},
         "Custom area (a functional, cross-boundary area); 6 local authority districts"),
        (["a;", " b, ", "", None, "c."], {"end": "."}, "a; b; c."),
        (["GVA rose", "jobs fell."], {"separator": ", ", "end": "."}, "GVA rose, jobs fell."),
        (["One.", "Two"], {"separator": " ", "end": "."}, "One. Two."),
        ([], {"end": "."}, ""),
    ],
)
def test_join_parts_never_doubles_punctuation(parts, kwargs, expected):
    joined = words.join_parts(parts, **kwargs)
    assert joined == expected
    assert prose_problems(joined) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("output rose  by 2%;", "Output rose by 2%."),
        ("It grew..", "It grew."),
        ("Is it higher?", "Is it higher?"),
        ("GVA fell.", "GVA fell."),
        ("and so on...", "And so on..."),
    ],
)
def test_as_sentence(text, expected):
    assert words.as_sentence(text) == expected


def test_notes_name_published_geographies_never_codes():
    from lis_analytics.indicators import join_notes
    from lis_analytics.indicators.aggregate import geography_label
    from lis_analytics.indicators.tables import published_geography_name

    names = {"E11000001": published_geography_name("Greater Manchester Met County")}
    label = geography_label("E11000001", "metropolitan county", names)
    assert label == "Greater Manchester (metropolitan county)"
    note = join_notes(f"published for {label}, which has the same districts.", "rank 3rd of 38")
    assert note == ("published for Greater Manchester (metropolitan county), which has the same "
                    "districts; rank 3rd of 38")
    assert prose_problems(note) == []


def _scorecard(values: list[float], england: list[float]) -> pd.DataFrame:
    n = len(values)
    return pd.DataFrame({
        "name": [f"indicator {i}" for i in range(n)], "theme": ["People"] * n,
        "direction": ["higher_is_better"] * n, "value": values, "England": england,
        "status": ["ok"] * n, "rank": [f"{i + 1}st of 38 LEPs" for i in range(n)],
        "rank_value": list(range(1, n + 1)), "rank_of": [38] * n,
        "trend": ["improving"] * n,
    })


@pytest.mark.parametrize(
    ("name", "expected"),
    [(PLURAL, f"{PLURAL} do better than England on 1 of the 2 indicators"),
     ("Cumbria", "Cumbria does better than England on 1 of the 2 indicators")],
)
def test_scorecard_findings_agree_with_the_area_name(name, expected):
    from lis_analytics.geography import Area
    from lis_analytics.present.findings.foundations import scorecard_findings

    area = Area("x", name, "CUSTOM", ("E08000010",))
    out = scorecard_findings(_scorecard([2.0, 1.0], [1.5, 1.5]), area)
    assert out[0].startswith(expected)
    assert [p for sentence in out for p in prose_problems(sentence)] == []


def test_pay_gap_sentence_uses_their_for_a_plural_area():
    from lis_analytics.geography import Area
    from lis_analytics.present.text import people

    results = pd.DataFrame({
        "indicator_id": ["pay_workplace", "pay_residence"], "area_code": ["x", "x"],
        "period": ["2024", "2024"], "period_label": ["April 2024", "April 2024"],
        "value": [610.0, 600.0],
    })
    framework = SimpleNamespace(get=lambda _id: SimpleNamespace(unit="£ per week", decimals=0))
    sentence = people.pay_gap_sentence(results, framework, Area("x", PLURAL, "CUSTOM", ("A",)),
                                       "2024")
    assert sentence.startswith(f"Jobs in {PLURAL} paid £10 a week more than their residents")
    assert prose_problems(sentence) == []


# ---------------------------------------------------------------------------------------------
# Tests of the scanner itself
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("the metropolitan county E11000001 is larger.", "GSS code in prose"),
        ("cross-boundary area).; 6 local authority districts", "doubled punctuation"),
        ("It grew.. Then it fell.", "doubled punctuation"),
        ("It grew ,then fell.", "space before punctuation"),
        ("It grew (by 2% ) in 2023.", "space inside brackets"),
        ("It grew by nan%.", "missing value word"),
        (f"{PLURAL} does better than England.", "plural name with singular verb"),
        (f"In 2023, {PLURAL} has 4 industries.", "plural name with singular verb"),
        (f"Where {PLURAL} stands (rank 1 = highest)", "plural name with singular verb"),
        ("There is 1 local authority districts.", "1 with a plural noun"),
        ("It rose by a 8.1% margin.", "a before a vowel sound number"),
        ("It rose in in 2023.", "repeated word"),
        ("GVA per hour in {area} rose.", "unfilled placeholder"),
        ("GVA per hour  rose.", "double space"),
        ("GVA per hour: 25th of 39 LEPs (2023).", "more LEPs than exist (38)"),
        ("the Arc&#x27;s joint evidence work", "visible HTML entity"),
    ],
)
def test_scanner_finds_each_bad_pattern(text, pattern):
    assert pattern in [p.pattern for p in prose_problems(text)]


@pytest.mark.parametrize(
    "text",
    [
        "GVA per hour in Wigan and its neighbouring districts is 88.1 (UK = 100).",
        "Leicester and Leicestershire does better than England.",
        "Wigan and its neighbouring districts do better than England.",
        "It rose by £1.2 billion, i.e. 3.4%, over 2013-2023...",
        "Produced by lis-analytics 0.1.0.",
        "An 8.1% rise; 11.2% of jobs.",
    ],
)
def test_scanner_passes_good_english(text):
    assert prose_problems(text) == []


def test_scanner_reads_alt_text_and_skips_tables_code_and_identification_line():
    html = (
        "<h1>Wigan: pack</h1><p><em>Custom area, E08000010; 5 districts.</em></p>"
        "<p>Wigan is in E11000001.</p><table><tr><td>E08000010</td></tr></table>"
        "<p>See <code>E08000010</code>.</p><img src='x.svg' alt='Map of E08000001.'>"
    )
    problems = [
        p.match
        for run in prose_runs(html)
        for p in prose_problems(run.text, codes_allowed=run.codes_allowed)
    ]
    assert problems == ["E11000001", "E08000001"]


def test_scanner_reads_sentences_in_table_cells_but_not_codes():
    html = (
        "<table><tr><th>Code</th><th>Note</th></tr><tr><td>E08000010</td>"
        "<td>published for the metropolitan county E11000001, which has the same districts</td>"
        "</tr></table>"
    )
    assert [p.match for run in prose_runs(html) for p in prose_problems(run.text)] == ["E11000001"]


# ---------------------------------------------------------------------------------------------
# Every default pack
# ---------------------------------------------------------------------------------------------


@pytest.mark.integration
@pytest.mark.slow
def test_every_default_pack_reads_as_english(default_packs):
    out_root, _ = default_packs
    pages = sorted(Path(out_root).glob("*/index.html"))
    assert len(pages) >= 55
    pages.append(Path(out_root) / "index.html")  # the front page
    _, _, per_page = count_problems(pages)
    bad = {page: problems for page, problems in per_page.items() if problems}
    summary = [
        f"{Path(page).parent.name}: {p.pattern}: {p.match!r} in ...{p.context}..."
        for page, problems in bad.items()
        for p in problems[:5]
    ]
    assert not bad, "\n".join(summary)


def main(argv: list[str]) -> int:
    """Print counts per pattern (occurrences and pages) and the first examples of each."""
    paths = [Path(a) for a in argv]
    occurrences, pages, per_page = count_problems(paths)
    print(f"{len(paths)} pages scanned")
    for name in BAD_PATTERNS:
        print(f"{name:40s} {occurrences[name]:6d} occurrences in {pages[name]:3d} pages")
    examples: dict[str, list[str]] = {}
    for page, problems in per_page.items():
        for p in problems:
            examples.setdefault(p.pattern, [])
            if len(examples[p.pattern]) < 8:
                where = Path(page).parent.name
                examples[p.pattern].append(f"  [{where}] {p.match!r}: ...{p.context}...")
    for name, lines in examples.items():
        print(f"\n{name}:")
        print("\n".join(lines))
    return 1 if sum(occurrences.values()) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
