"""Assemble an executed pack notebook into ``index.html``, ``workbook.xlsx`` and ``figures.csv``."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
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


def figures_table(build_dir: Path) -> pd.DataFrame:
    """Every chapter's headline figures, one table with :data:`FIGURE_COLUMNS`.

    One record per figure (:func:`~lis_analytics.present.one_record.one_record_per_figure`):
    a figure two chapters state carries the first chapter's numbers and words, and a second
    value for it fails the pack.
    """
    frames = [pd.read_csv(Path(m["folder"]) / "figures.csv", dtype={"period": str})
              for m in read_chapters(build_dir)]
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=list(FIGURE_COLUMNS))
    from lis_analytics.present.one_record import one_record_per_figure

    return one_record_per_figure(pd.concat(frames, ignore_index=True)[list(FIGURE_COLUMNS)])


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


def _excel_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A table as workbook cells: floats to 4 decimals, Yes/No, and ``[x]`` for missing values.

    Column by column on numpy arrays (the workbook is written for every pack).
    """
    columns = {}
    for col in frame.columns:
        series = frame[col]
        if pd.api.types.is_bool_dtype(series):
            series = series.map({True: "Yes", False: "No"})
        elif pd.api.types.is_float_dtype(series):  # keep precision that means something
            series = series.round(4)
        values = series.astype(object).to_numpy(copy=True)
        values[pd.isna(series).to_numpy()] = "[x]"
        columns[str(col)] = values
    return pd.DataFrame(columns, index=frame.index)


def write_workbook(build_dir: Path, path: Path, area_name: str, area_code: str,
                   vintages: pd.DataFrame) -> list[str]:
    """Write every chapter table to an accessible workbook with gptables.

    Cover sheet, contents, notes, one table per sheet with its source; missing values are
    shown as ``[x]``. Returns the sheet names written.
    """
    import gptables as gpt

    sheets: dict[str, gpt.GPTable] = {}
    notes_rows = [("missing", "[x] means the value is not available (not published, "
                              "suppressed or not computable); the pack says why.")]
    for meta in read_chapters(build_dir):
        for t in meta["tables"]:
            frame = pd.read_parquet(Path(meta["folder"]) / f"{t['name']}.parquet")
            sheet = t["name"][:31]
            table_notes = {}
            subtitles = [f"{area_name} ({area_code})"]
            if t.get("units"):
                subtitles.append(f"Units: {t['units']}")
            for note in t.get("notes", []):
                subtitles.append(note)
            sheets[sheet] = gpt.GPTable(
                table=_excel_safe(frame), table_name=sheet, title=f"{t['title']} $$missing$$",
                subtitles=subtitles, source=t["source"], table_notes=table_notes,
                instructions="This worksheet contains one table. Some cells may refer to notes.",
            )
    sheets["vintages"] = gpt.GPTable(
        table=_excel_safe(vintages), table_name="data_vintages",
        title="Data sources, releases and vintages used in this pack",
        subtitles=[f"{area_name} ({area_code})"],
        source="lis-analytics dataset registry",
        instructions="This worksheet contains one table.",
    )
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
    gpt.write_workbook(filename=str(path), sheets=sheets, cover=cover, notes_table=notes)
    return list(sheets)
