"""Assemble an executed pack notebook into ``index.html``, ``workbook.xlsx`` and ``figures.csv``."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import nbformat
import pandas as pd

from lis_analytics.present.record import FIGURE_COLUMNS

TEMPLATE_DIR = Path(__file__).resolve().parents[1] / "templates"


def read_chapters(build_dir: Path) -> list[dict]:
    """Chapter metadata (``chapter.json``) written by :meth:`Chapter.save`, in run order."""
    folder = build_dir / "chapters"
    metas = []
    for path in sorted(folder.glob("*/chapter.json"), key=lambda p: p.stat().st_mtime_ns):
        meta = json.loads(path.read_text())
        meta["folder"] = str(path.parent)
        metas.append(meta)
    return metas


FIGURE_TEXT_COLUMNS = ("area_code", "area_name", "area_type", "chapter", "theme",
                       "indicator_id", "indicator", "breakdown", "breakdown_code", "period",
                       "unit", "price_basis", "peer_group", "source_dataset_id", "release",
                       "note")
"""Columns of ``figures.csv`` read as text (an empty breakdown stays ``""``, a period
``"2023"`` stays a string)."""


def read_figures(path: Path) -> pd.DataFrame:
    r"""A ``figures.csv`` as written (:data:`FIGURE_COLUMNS`): text as text, numbers as floats.

    Examples
    --------
    >>> import io
    >>> f = read_figures(io.StringIO("indicator_id,breakdown,period,value\ngva,,2023,1.5\n"))
    >>> f.loc[0, "breakdown"], f.loc[0, "period"], float(f.loc[0, "value"])
    ('', '2023', 1.5)
    """
    frame = pd.read_csv(path, dtype={c: str for c in FIGURE_TEXT_COLUMNS})
    for column in FIGURE_TEXT_COLUMNS:
        if column in frame.columns:
            frame[column] = frame[column].fillna("")
    return frame


def figures_table(build_dir: Path) -> pd.DataFrame:
    """Every chapter's figures, one table with :data:`FIGURE_COLUMNS`, rounded by unit.

    One record per figure (:func:`~lis_analytics.present.one_record.one_record_per_figure`):
    a figure two chapters state carries the first chapter's numbers and words, and a second
    value for it fails the pack; the figure is then one row, the first chapter's, with every
    chapter's note (:func:`~lis_analytics.present.one_record.one_row_per_figure`). Values,
    intervals and benchmarks are rounded by their unit
    (:func:`~lis_analytics.present.record.round_figures`).
    """
    frames = [read_figures(Path(m["folder"]) / "figures.csv") for m in read_chapters(build_dir)]
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=list(FIGURE_COLUMNS))
    from lis_analytics.present.one_record import one_record_per_figure, one_row_per_figure
    from lis_analytics.present.record import round_figures

    figures = one_record_per_figure(pd.concat(frames, ignore_index=True)[list(FIGURE_COLUMNS)])
    return round_figures(one_row_per_figure(figures))[list(FIGURE_COLUMNS)]


def write_figures_csv(figures: pd.DataFrame, path: Path) -> None:
    """Write ``figures.csv`` with formula-safe text cells (:func:`.record.csv_safe`).

    A text cell beginning with ``=``, ``+``, ``-`` or ``@`` (e.g. a custom area's name) gets
    a leading single quote, the OWASP rule, so a spreadsheet never runs it; numbers are
    left as numbers.
    """
    from lis_analytics.present.record import csv_safe, figure_decimals

    out = csv_safe(figures[list(FIGURE_COLUMNS)])
    whole = out["unit"].map(figure_decimals).eq(0).to_numpy()
    for column in ("value", "lower", "upper", "benchmark_uk", "benchmark_england",
                   "benchmark_region", "rank", "rank_of"):
        values = pd.to_numeric(out[column], errors="coerce").astype(object)
        rows = whole | (column in ("rank", "rank_of"))  # counts and ranks without ".0"
        rows = rows & values.notna().to_numpy()
        values[rows] = [int(round(v)) for v in values[rows]]
        out[column] = values
    out.to_csv(path, index=False)


def combined_figures(out_root: Path, area_codes: list[str]) -> pd.DataFrame:
    """Every listed area's ``figures.csv`` one after another, with the same columns.

    The per-area files are read as written (already formula-safe) and concatenated, so the
    combined file is exactly their concatenation.
    """
    frames = []
    for code in area_codes:
        path = out_root / code / "figures.csv"
        if path.is_file():
            frames.append(pd.read_csv(path, dtype=str, keep_default_na=False))
    if not frames:
        return pd.DataFrame(columns=list(FIGURE_COLUMNS))
    return pd.concat(frames, ignore_index=True)[list(FIGURE_COLUMNS)]


_FOCUSABLE_DIV = re.compile(
    r'<div class="([^"]*\b(?:jp-OutputArea-output|jp-Cell-inputWrapper)\b[^"]*)"(?![^>]*tabindex)')
_IMG_WITHOUT_ALT = re.compile(r"<img(?![^>]*\balt=)")


def focusable_outputs(html: str) -> str:
    """Make cells and outputs focusable (``tabindex="0"``); give images without alt text one.

    What nbconvert's HTML exporter does with a BeautifulSoup pass over the whole page,
    done with two regular expressions (a tenth of the time on a pack with 19 charts).

    Examples
    --------
    >>> focusable_outputs('<div class="jp-RenderedImage jp-OutputArea-output"><img src="x">')
    '<div class="jp-RenderedImage jp-OutputArea-output" tabindex="0"><img alt="No description \
has been provided for this image" src="x">'
    """
    html = _FOCUSABLE_DIV.sub(r'<div class="\1" tabindex="0"', html)
    return _IMG_WITHOUT_ALT.sub('<img alt="No description has been provided for this image"',
                                html)


def _pack_exporter_class():
    from jinja2 import pass_context
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class RawHTMLAsTextRenderer(IPythonRenderer):
        """nbconvert's Markdown renderer with raw HTML shown as text.

        Built with ``escape=True`` (mistune escapes inline and block HTML), but text keeps
        its character references, as with ``escape=False``: ``&lt;`` in Markdown reads
        ``<`` on the page, not ``&lt;``.
        """

        def text(self, text: str) -> str:
            from mistune.util import safe_entity

            return safe_entity(text)

    class PackHTMLExporter(HTMLExporter):
        """``HTMLExporter`` for packs: Markdown with raw HTML escaped, a light output pass.

        The Markdown of a pack (cells and ``text/markdown`` outputs) is written by us and
        never carries HTML, but it quotes text from configuration (area names and
        descriptions): raw HTML in it is shown as text, never run, and links may not use
        harmful protocols (``javascript:``). :func:`focusable_outputs` replaces nbconvert's
        BeautifulSoup pass.
        """

        @pass_context
        def markdown2html(self, context, source):
            """Markdown to HTML as :meth:`HTMLExporter.markdown2html`, raw HTML escaped."""
            cell = context.get("cell", {})
            renderer = RawHTMLAsTextRenderer(
                escape=True, allow_harmful_protocols=False,
                attachments=cell.get("attachments", {}), embed_images=self.embed_images,
                path=context.get("resources", {}).get("metadata", {}).get("path", ""),
                anchor_link_text=self.anchor_link_text,
                exclude_anchor_links=self.exclude_anchor_links, **self.lexer_options)
            return MarkdownWithMath(renderer=renderer).render(source)

        def from_notebook_node(self, nb, resources=None, **kw):
            langinfo = nb.metadata.get("language_info", {})
            lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
            highlight_code = self.filters.get(
                "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
            resources = self._init_resources(resources)
            filter_data_type = WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources)
            self.register_filter("highlight_code", highlight_code)
            self.register_filter("filter_data_type", filter_data_type)
            html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            return focusable_outputs(html), resources

    return PackHTMLExporter


@cache
def _html_exporter():
    """One configured exporter per process (its templates compile once, not per pack)."""
    exporter = _pack_exporter_class()(template_name="lis_pack",
                                      extra_template_basedirs=[str(TEMPLATE_DIR)])
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    return exporter


def export_html(notebook: nbformat.NotebookNode, path: Path) -> None:
    r"""Write the board-ready HTML (no code, no prompts, alt text kept) in-process.

    Markdown is rendered with raw HTML escaped (text from configuration is never markup).

    Examples
    --------
    >>> import tempfile
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
    ...     "# Test <script>alert(1)</script> & Co\n\nR&amp;D")])
    >>> page = Path(tempfile.mkdtemp()) / "index.html"
    >>> export_html(nb, page)
    >>> text = page.read_text()
    >>> "<script>alert(1)" in text, "Test &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in text
    (False, True)
    >>> "<p>R&amp;D</p>" in text  # an escaped character stays escaped once
    True
    """
    exporter = _html_exporter()
    nb = nbformat.from_dict(notebook)
    # hide cells tagged "remove" (e.g. set-up with no output worth showing) and stderr noise
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.get("outputs", [])
                            if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
    title = next((line[2:].strip() for c in nb.cells if c.cell_type == "markdown"
                  for line in c.source.splitlines() if line.startswith("# ")), "Evidence pack")
    # the page's <title>, instead of nbconvert's "Notebook": the heading as a reader sees it
    # (Markdown escapes and character references undone; the template escapes it once)
    title = html.unescape(re.sub(r"\\([\\`*_\[\]#|{}()+.!<>-])", r"\1", title))
    nb.metadata["title"] = title
    body, _ = exporter.from_notebook_node(nb)
    path.write_text(body, encoding="utf-8")


def _excel_safe(frame: pd.DataFrame, units: str = "") -> pd.DataFrame:
    """A table as workbook cells: numbers as numbers, Yes/No, ``[x]`` for missing values.

    Columns of numbers written as text for reading ("1,221,323", a location quotient "2.01")
    become numbers again, so every numeric cell is a number a spreadsheet can sum; floats
    keep 4 decimals. A numeric column whose header names no unit gets the table's unit when
    the table has one (``"Out 2011 (people)"``). Column by column on numpy arrays.

    Examples
    --------
    >>> t = _excel_safe(pd.DataFrame({"Area": ["A", "B"], "Out 2011": ["1,221,323", None],
    ...                               "ok": [True, False]}), units="people")
    >>> t.to_dict("list")
    {'Area': ['A', 'B'], 'Out 2011 (people)': [1221323.0, '[x]'], 'ok': ['Yes', 'No']}
    """
    from lis_analytics.present.table_figures import CODE_COLUMN, number, numeric_columns

    codes = {c for c in frame.columns if CODE_COLUMN.search(str(c))}  # "47" stays a code
    numeric = set(numeric_columns(frame, codes))
    single_unit = units if units and ";" not in units and "own unit" not in units \
        and len(units) <= 40 else ""
    columns = {}
    for col in frame.columns:
        series = frame[col]
        header = str(col)
        if pd.api.types.is_bool_dtype(series):
            series = series.map({True: "Yes", False: "No"})
        elif col in numeric:
            series = pd.to_numeric(series.map(number), errors="coerce").round(4)
            if single_unit and "(" not in header:
                header = f"{header} ({single_unit})"
        values = series.astype(object).to_numpy(copy=True)
        missing = pd.isna(series).to_numpy()
        values[missing] = "[x]"
        if col in numeric:  # numpy floats as Python numbers (xlsxwriter writes them as numbers)
            values[~missing] = [float(v) for v in values[~missing]]
        columns[header] = values
    return pd.DataFrame(columns, index=frame.index)


WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False,
                    "strings_to_numbers": False}
"""xlsxwriter options: a text cell beginning with ``=`` (a custom area's name) is written as
text, never as a formula; text is never turned into a link or a number."""


NO_DATA = ("No figures: none of this table's rows has a value for the pack's period, so "
           "the table is empty.")
"""The cell of a workbook sheet whose table is empty (gptables refuses an empty table)."""


def no_data_table(frame: pd.DataFrame, notes: list[str] | tuple[str, ...] = ()) -> pd.DataFrame:
    """The table, or a one-cell table saying there are no figures and why, if it is empty.

    A table with no rows, or only missing cells, would stop gptables from writing the
    workbook; its sheet says so instead, with the table's notes (the reason) after it.

    Examples
    --------
    >>> no_data_table(pd.DataFrame({"District": [], "Pay": []}), ["No pay in 2019."]).iloc[0, 0]
    ... # doctest: +NORMALIZE_WHITESPACE
    "No figures: none of this table's rows has a value for the pack's period, so the table
    is empty. No pay in 2019."
    >>> len(no_data_table(pd.DataFrame({"A": [1.0]})))
    1
    """
    cells = frame.astype("string").apply(lambda c: c.str.strip()).replace("", pd.NA)
    if len(frame) and len(frame.columns) and cells.notna().any().any():
        return frame
    return pd.DataFrame({"Note": [" ".join([NO_DATA, *map(str, notes)])]})


def write_workbook(build_dir: Path, path: Path, area_name: str, area_code: str,
                   vintages: pd.DataFrame) -> list[str]:
    """Write every chapter table to an accessible workbook with gptables.

    Cover sheet, contents, notes, one table per sheet with its source. Numbers are numeric
    cells, with their unit in the column header where the table has one unit; missing
    values are ``[x]``, explained by a note. Every note a table carries is on the Notes
    sheet, referenced from the table's title with gptables' ``$$ref$$`` markers. Text is
    never written as a formula (:data:`WORKBOOK_OPTIONS`). Returns the sheet names written.
    """
    import gptables as gpt

    sheets: dict[str, gpt.GPTable] = {}
    notes_rows = [("missing", "[x] means the value is not available (not published, "
                              "suppressed or not computable); the pack says why.")]
    refs: dict[str, str] = {}

    def ref(text: str) -> str:
        if text not in refs:
            refs[text] = f"note{len(refs) + 1}"
            notes_rows.append((refs[text], text))
        return f"$${refs[text]}$$"

    def clean(text: object) -> str:  # "$$" would read as a note reference
        return str(text).replace("$$", "$")

    for meta in read_chapters(build_dir):
        for t in meta["tables"]:
            frame = no_data_table(pd.read_parquet(Path(meta["folder"]) / f"{t['name']}.parquet"),
                                  t.get("notes", []))
            sheet = t["name"][:31]
            markers = " ".join(["$$missing$$"] + [ref(clean(n)) for n in t.get("notes", [])])
            subtitles = [clean(f"{area_name} ({area_code})")]
            if t.get("units"):
                subtitles.append(clean(f"Units: {t['units']}"))
            sheets[sheet] = gpt.GPTable(
                table=_excel_safe(frame, t.get("units", "")), table_name=sheet,
                title=f"{clean(t['title'])} {markers}", subtitles=subtitles,
                source=clean(t["source"]), table_notes={},
                instructions="This worksheet contains one table. Some cells may refer to "
                             "notes, listed on the Notes worksheet.",
            )
    sheets["vintages"] = gpt.GPTable(
        table=_excel_safe(vintages), table_name="data_vintages",
        title="Data sources, releases and vintages used in this pack $$missing$$",
        subtitles=[f"{area_name} ({area_code})".replace("$$", "$")],
        source="lis-analytics dataset registry",
        instructions="This worksheet contains one table.",
    )
    area_name = clean(area_name)
    cover = gpt.Cover(
        title=f"Local Industrial Strategy evidence pack: {area_name}",
        intro=[f"Tables behind the evidence pack for {area_name} ({area_code}), produced by "
               f"lis-analytics on {dt.date.today():%d %B %Y}.",
               "Each table is on its own worksheet; the contents sheet links to them."],
        about=["Sources: official statistics from the Office for National Statistics and "
               "others, listed on the 'vintages' worksheet with release dates.",
               "Licence: Open Government Licence v3.0 unless stated otherwise."],
        contact=["lis-analytics: https://github.com/lis-analytics/lis-analytics"],
    )
    notes = pd.DataFrame(notes_rows, columns=["Note number", "Note text"])
    gpt.write_workbook(filename=str(path), sheets=sheets, cover=cover, notes_table=notes,
                       workbook_options=WORKBOOK_OPTIONS)
    return list(sheets)


# ------------------------------------------------------------------ narrative and appendix

APPENDIX_TAG = "appendix"
"""Cell tag of a chapter cell that belongs in the pack's appendix (full tables, methods)."""
APPENDIX_HEADING = "Appendix"
"""Heading of the appendix (``## Appendix``, anchor ``#Appendix``)."""
APPENDIX_SUBSECTION = "{title}: tables, methods and caveats"
"""Heading of a chapter's subsection of the appendix."""

_SECTION_HEADING = re.compile(r"^## +(.+?)\s*#*\s*$", re.MULTILINE)
_ANY_HEADING = re.compile(r"^(#{1,5}) ", re.MULTILINE)


def heading_anchor(text: str) -> str:
    """The anchor nbconvert gives a Markdown heading: its text with spaces as hyphens.

    Examples
    --------
    >>> heading_anchor("Productivity: tables, methods and caveats")
    'Productivity:-tables,-methods-and-caveats'
    """
    return text.strip().replace(" ", "-")


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _source(cell) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _demote_headings(markdown: str) -> str:
    """Headings one level down (``###`` -> ``####``), so moved cells sit under a subsection."""
    return _ANY_HEADING.sub(lambda m: "#" + m.group(1) + " ", markdown)


def _as_appendix_cell(cell):
    """A copy of a moved cell with its headings (source and Markdown outputs) demoted."""
    import copy

    cell = copy.deepcopy(cell)
    if cell.get("cell_type") == "markdown":
        cell["source"] = _demote_headings(_source(cell))
    for output in cell.get("outputs", []) or []:
        data = output.get("data", {})
        if "text/markdown" in data:
            text = data["text/markdown"]
            data["text/markdown"] = _demote_headings(
                "".join(text) if isinstance(text, list) else text)
    return cell


def _markdown_cell(source: str):
    return nbformat.v4.new_markdown_cell(source)


def _appendix_link_text(title: str) -> str:
    return f"Tables, methods and caveats for {title or 'this part'} in the appendix"


def arrange_pack(cells: list, appendix_end: list | tuple = (),
                 link_text: Callable[[str], str] = _appendix_link_text) -> list:
    """Put the narrative first and the detail in an appendix at the end of the pack.

    Sections start at Markdown cells with a level-2 heading (``## Productivity``); a cell
    belongs to the section of the last such heading before it. Cells tagged
    :data:`APPENDIX_TAG` leave their section for a ``## Appendix`` section at the end, one
    ``### <section title>: tables, methods and caveats`` subsection per section, in pack
    order, with their own headings one level down. Each section that lost cells ends with a
    one-line link to its subsection. ``appendix_end`` cells (e.g. data sources) close the
    appendix. The input cells are not changed; with nothing tagged and no ``appendix_end``
    the cells come back as they are.

    Parameters
    ----------
    cells
        Notebook cells (``nbformat`` nodes or dicts) in pack order.
    appendix_end
        Cells for the end of the appendix, after every section's subsection.
    link_text
        The words of a section's link to its subsection, from the section's title
        (default "Tables, methods and caveats for <title> in the appendix"); a frame with
        numbered parts says "part 1" (:func:`lis_analytics.report.frames.part_link_text`).

    Returns
    -------
    list
        The arranged cells.

    Examples
    --------
    >>> import nbformat
    >>> md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    >>> cells = [md("## Productivity"), code("chart()"),
    ...          code("table()", metadata={"tags": ["appendix"]}), md("## Sectors")]
    >>> for cell in arrange_pack(cells):
    ...     print(cell.source.splitlines()[0])
    ## Productivity
    chart()
    [Tables, methods and caveats for Productivity in the appendix](#Productivity:-tables,-...)
    ## Sectors
    ## Appendix
    ### Productivity: tables, methods and caveats
    table()
    """
    sections: list[tuple[str, list, list]] = []  # (title, main cells, appendix cells)
    title, main, moved = "", [], []
    for cell in cells:
        if cell.get("cell_type") == "markdown" and APPENDIX_TAG not in _tags(cell):
            headings = _SECTION_HEADING.findall(_source(cell))
            if headings:
                sections.append((title, main, moved))
                title, main, moved = headings[-1], [], []
        (moved if APPENDIX_TAG in _tags(cell) else main).append(cell)
    sections.append((title, main, moved))
    if not any(moved for _, _, moved in sections) and not appendix_end:
        return list(cells)
    arranged, appendix = [], [_markdown_cell(f"## {APPENDIX_HEADING}\n\nThe full tables, "
                                             "methods and caveats behind each chapter, and "
                                             "the data sources.")]
    for title, main, moved in sections:
        arranged += main
        if not moved:
            continue
        subsection = APPENDIX_SUBSECTION.format(title=title) if title else "Other tables"
        arranged.append(_markdown_cell(f"[{link_text(title)}](#{heading_anchor(subsection)})"))
        appendix.append(_markdown_cell(f"### {subsection}"))
        appendix += [_as_appendix_cell(c) for c in moved]
    return arranged + appendix + list(appendix_end)


_VOID_ELEMENTS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                            "meta", "source", "track", "wbr"})
_UNREAD_ELEMENTS = frozenset({"head", "script", "style", "template", "nav", "svg"})
_WORD = re.compile(r"\S*[^\W_]\S*")


class _PackText:
    """Visible words of a pack, as main or appendix text (see :func:`pack_word_counts`)."""

    def __init__(self) -> None:
        from html.parser import HTMLParser

        self.counts = {"main": 0, "appendix": 0}
        self.part = "main"
        self.stack: list[tuple[str, bool]] = []  # (tag, unread) of open elements
        self.blocks: list[list[tuple[str, bool]]] = []  # per open <p>/<li>: (text, in link)
        parser = HTMLParser(convert_charrefs=True)
        parser.handle_starttag = self._start
        parser.handle_startendtag = lambda tag, attrs: None
        parser.handle_endtag = self._end
        parser.handle_data = self._data
        self.parser = parser

    def _unread(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def _start(self, tag: str, attrs: list) -> None:
        if tag in _VOID_ELEMENTS:
            return
        attr = dict(attrs)
        classes = (attr.get("class") or "").split()
        if tag == "h2" and attr.get("id") == APPENDIX_HEADING:
            self.part = "appendix"
        in_details = any(t == "details" for t, _ in self.stack)
        unread = (self._unread() or tag in _UNREAD_ELEMENTS or "anchor-link" in classes
                  or (tag == "h2" and attr.get("id") == "Contents")
                  or (in_details and tag != "summary" and self.stack[-1][0] == "details"))
        self.stack.append((tag, unread))
        if tag in ("p", "li"):
            self.blocks.append([])

    def _end(self, tag: str) -> None:
        if tag in _VOID_ELEMENTS or all(t != tag for t, _ in self.stack):
            return
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag in ("p", "li"):
                self._close_block()
            if open_tag == tag:
                break

    def _close_block(self) -> None:
        chunks = self.blocks.pop()
        words = [(len(_WORD.findall(text)), in_link) for text, in_link in chunks]
        if any(n and not in_link for n, in_link in words):  # not a line of links only
            self._count(sum(n for n, _ in words), in_link=False)

    def _count(self, words: int, in_link: bool) -> None:
        if self.blocks:
            self.blocks[-1].append(("w " * words, in_link))
        else:
            self.counts[self.part] += words

    def _data(self, text: str) -> None:
        if self._unread():
            return
        in_link = any(t == "a" for t, _ in self.stack)
        self._count(len(_WORD.findall(text)), in_link)


def pack_word_counts(html: str) -> dict[str, int]:
    """Words a reader sees in a pack's main text and in its appendix.

    The rule: words are runs of non-space characters holding a letter or digit (so a number
    in a table is a word), in text the page shows. Everything after the ``## Appendix``
    heading (``<h2 id="Appendix">``) is appendix; the rest is main. Not counted: image alt
    text and other attributes, the page head, styles and scripts; navigation (``<nav>``,
    the Contents heading, heading anchor marks and any paragraph or list item that is only
    links, such as the Contents list, "← All areas" and each chapter's link to its
    appendix); and the collapsed content of ``<details>`` elements (the Data-as-at panel's
    source lists), whose ``<summary>`` is counted.

    Parameters
    ----------
    html
        A pack's ``index.html``.

    Returns
    -------
    dict
        ``{"main": words, "appendix": words}``.

    Examples
    --------
    >>> pack_word_counts('<p><a href="#x">Contents link</a></p><p>Output rose 5%.</p>'
    ...                  '<img alt="not counted"><details><summary>2 sources</summary>'
    ...                  '<ul><li>ONS</li></ul></details>'
    ...                  '<h2 id="Appendix">Appendix</h2><table><td>1.5</td></table>')
    {'main': 5, 'appendix': 2}
    """
    reader = _PackText()
    reader.parser.feed(re.sub(r'src="data:[^"]*"', 'src=""', html))  # images: skip, quickly
    reader.parser.close()
    while reader.stack:
        reader._end(reader.stack[-1][0])
    return reader.counts
