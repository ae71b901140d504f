"""The board narrative, its appendix, the main-text length and table width of packs (#13)."""

from __future__ import annotations

import ast
import json
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from lis_analytics.report.assemble import (
    APPENDIX_TAG,
    arrange_pack,
    export_html,
    pack_word_counts,
)
from lis_analytics.report.batch import CHAPTER_NOTEBOOKS, notebooks_dir

MAIN_WORDS_TARGET = 4000
md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell


def appendix(cell):
    cell.metadata["tags"] = [APPENDIX_TAG]
    return cell


def two_chapters():
    return [md("# Pack\n\n## Contents\n\n- [Sectors](#Sectors)"),
            md("## Productivity\n\nFindings."), code("chart()"),
            appendix(md("### Method\n\nLong prose.")), appendix(code("table()")),
            code("chapter.save()"),
            md("## Sectors"), code("lq_chart()"), appendix(code("screens()"))]


# ------------------------------------------------------------------ arrange_pack


def test_appendix_cells_move_to_one_appendix_in_chapter_order():
    cells = two_chapters()
    out = arrange_pack(cells)
    sources = [c.source for c in out]
    start = sources.index("## Appendix\n\nThe full tables, methods and caveats behind each "
                          "chapter, and the data sources.")
    assert sources[start + 1:] == ["### Productivity: tables, methods and caveats",
                                   "#### Method\n\nLong prose.", "table()",
                                   "### Sectors: tables, methods and caveats", "screens()"]
    main = sources[:start]
    assert "table()" not in main and "screens()" not in main
    assert main.index("chart()") < main.index("chapter.save()") < main.index("## Sectors")


def test_each_chapter_links_to_its_appendix_subsection_at_its_end():
    out = [c.source for c in arrange_pack(two_chapters())]
    link = ("[Tables, methods and caveats for Productivity in the appendix]"
            "(#Productivity:-tables,-methods-and-caveats)")
    assert out[out.index("chapter.save()") + 1] == link
    assert out[out.index("lq_chart()") + 1].endswith("(#Sectors:-tables,-methods-and-caveats)")
    assert sum("in the appendix](#" in s for s in out) == 2  # not for Contents


def test_arrange_pack_is_pure_and_leaves_untagged_notebooks_alone():
    cells = two_chapters()
    before = json.dumps(cells, sort_keys=True)
    arrange_pack(cells, appendix_end=[md("### Data sources and vintages")])
    assert json.dumps(cells, sort_keys=True) == before  # inputs untouched (headings too)
    plain = [md("## Productivity"), code("chart()")]
    assert arrange_pack(plain) == plain


def test_appendix_end_closes_the_appendix():
    out = arrange_pack(two_chapters(), appendix_end=[md("### Data sources and vintages")])
    assert out[-1].source == "### Data sources and vintages"
    assert sum(c.source.startswith("## Appendix") for c in out) == 1
    only_tail = arrange_pack([md("## Productivity")], appendix_end=[md("### Data sources")])
    assert [c.source.splitlines()[0] for c in only_tail] == [
        "## Productivity", "## Appendix", "### Data sources"]


def test_markdown_outputs_moved_to_the_appendix_are_demoted():
    cell = appendix(code("show()"))
    cell.outputs = [nbformat.v4.new_output("display_data",
                                           data={"text/markdown": "### Compared"})]
    out = arrange_pack([md("## Sectors"), cell])
    assert out[-1].outputs[0]["data"]["text/markdown"] == "#### Compared"
    assert cell.outputs[0]["data"]["text/markdown"] == "### Compared"


# ------------------------------------------------------------------ the chapter notebooks


def _main_table_calls(notebook: dict) -> int:
    """Displayed ``chapter.table`` calls in cells not tagged appendix."""
    count = 0
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code" or APPENDIX_TAG in cell["metadata"].get("tags", []):
            continue
        for node in ast.walk(ast.parse("".join(cell["source"]))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "table" and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "chapter"):
                hidden = any(k.arg == "display" and isinstance(k.value, ast.Constant)
                             and k.value.value is False for k in node.keywords)
                count += not hidden
    return count


@pytest.mark.parametrize("name", CHAPTER_NOTEBOOKS)
def test_each_chapter_keeps_at_most_one_table_and_has_an_appendix(name):
    notebook = json.loads((notebooks_dir() / name).read_text())
    assert _main_table_calls(notebook) <= 1, f"{name}: more than one table in the main text"
    tags = [cell["metadata"].get("tags", []) for cell in notebook["cells"]]
    assert any(APPENDIX_TAG in t for t in tags), f"{name}: nothing moved to the appendix"


# ------------------------------------------------------------------ word counts


SAMPLE = """<html><head><title>Pack title words</title><style>p { color: red }</style></head>
<body><p><a href="../index.html">← All areas</a></p>
<h1 id="GM">Greater Manchester pack<a class="anchor-link" href="#GM">¶</a></h1>
<section class="lis-data-as-at"><p><strong>Data as at.</strong> Produced 28 November 2026.</p>
<details><summary>4 sources</summary><ul><li>Subregional productivity, June 2025</li></ul>
</details></section>
<h2 id="Contents">Contents</h2><ul><li><a href="#P">Productivity</a></li></ul>
<h2 id="P">Productivity</h2><p>GVA per hour was £39.88 in 2023, 95.2% of the UK.</p>
<img alt="A chart of GVA per hour with many words of description" src="data:image/svg+xml,A">
<table><tr><th>Area</th><th>GVA per hour (£)</th></tr><tr><td>GM</td><td>39.9</td></tr></table>
<p><a href="#P-appendix">Tables, methods and caveats for Productivity in the appendix</a></p>
<h2 id="Appendix">Appendix</h2><h3 id="P-appendix">Productivity: tables</h3>
<p>The gap is <em>(UK − area) × hours</em>.</p></body></html>"""


def test_word_counts_follow_the_stated_rule():
    counts = pack_word_counts(SAMPLE)
    # main: "Greater Manchester pack" 3, "4 sources" 2, "Data as at. Produced 28 November
    # 2026." 7, "Productivity" 1, the sentence 11, table 6 ("(£)" has no letter or digit)
    assert counts == {"main": 3 + 7 + 2 + 1 + 11 + 6, "appendix": 1 + 2 + 6}


def test_word_counts_do_not_count_links_only_lines_but_count_prose_with_links():
    assert pack_word_counts('<p><a href="#a">one two</a> <a href="#b">three</a></p>') == {
        "main": 0, "appendix": 0}
    assert pack_word_counts('<li>See <a href="#a">the table</a> below</li>') == {
        "main": 4, "appendix": 0}


# ------------------------------------------------------------------ tables and print


class _TableContainers(HTMLParser):
    """Tables in a page, and those not inside a ``lis-table-scroll`` container."""

    VOID = {"img", "br", "meta", "link", "input", "hr", "col", "source", "wbr", "area", "base"}

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, bool]] = []
        self.tables = self.unwrapped = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        scroll = "lis-table-scroll" in (dict(attrs).get("class") or "").split()
        inside = scroll or any(s for _, s in self.stack)
        if tag == "table":
            self.tables += 1
            self.unwrapped += not inside
        self.stack.append((tag, inside))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass


def tables_outside_scroll(html: str) -> tuple[int, int]:
    """``(tables, tables not inside a scrolling container)`` of a page."""
    parser = _TableContainers()
    parser.feed(html)
    return parser.tables, parser.unwrapped


def test_every_table_of_an_exported_pack_sits_in_the_scrolling_container(tmp_path):
    wide = "<table class='lis-table'><thead><tr>" + "".join(
        f"<th>Column {i}</th>" for i in range(19)) + "</tr></thead></table>"
    html_table = ("<figure class='lis-table-figure'><figcaption>T</figcaption><table "
                  "class='lis-table'><thead><tr><th>A</th></tr></thead><tbody><tr><td>1</td>"
                  "</tr></tbody></table></figure>")
    notebook = nbformat.v4.new_notebook(cells=[
        md("# Pack\n\n| Dataset | Release |\n|---|---|\n| GVA | 2025 |"),
        code("", outputs=[nbformat.v4.new_output("display_data",
                                                 data={"text/html": html_table}),
                          nbformat.v4.new_output("display_data", data={"text/html": wide}),
                          nbformat.v4.new_output("display_data", data={
                              "text/markdown": "| a | b |\n|---|---|\n| 1 | 2 |"})])])
    export_html(notebook, tmp_path / "index.html")
    page = (tmp_path / "index.html").read_text()
    assert tables_outside_scroll(page) == (4, 0)
    assert page.count('class="lis-table-scroll lis-wide"') == 1  # the 19-column table
    assert ".lis-table-scroll { max-width: 100%; overflow-x: auto;" in page


def test_the_print_stylesheet_gives_a4_pages_with_chapter_breaks(tmp_path):
    export_html(nbformat.v4.new_notebook(cells=[md("# Pack")]), tmp_path / "index.html")
    page = (tmp_path / "index.html").read_text()
    assert "@page { size: A4;" in page and "@page lis-landscape { size: A4 landscape;" in page
    print_css = page[page.index("@media print {\n    html, body"):]
    assert "h2 { break-before: page;" in print_css
    assert "break-inside: avoid" in print_css


@pytest.mark.integration
def test_default_packs_main_text_is_under_target_and_no_table_is_unwrapped(default_packs):
    out_root, results = default_packs
    lengths, unwrapped = {}, {}
    for r in results:
        if r.status != "succeeded":
            continue
        html = (Path(out_root) / r.area_code / "index.html").read_text(encoding="utf-8")
        counts = pack_word_counts(html)
        assert counts["appendix"] > 0, f"{r.area_code}: no appendix"
        lengths[r.area_code] = counts["main"]
        tables, outside = tables_outside_scroll(html)
        if outside:
            unwrapped[r.area_code] = f"{outside} of {tables}"
    assert lengths, "no pack was built"
    longest = max(lengths, key=lengths.get)
    print(f"longest main text: {longest} ({lengths[longest]} words)")
    assert lengths[longest] < MAIN_WORDS_TARGET, (
        f"main text over {MAIN_WORDS_TARGET} words; longest {longest} "
        f"({lengths[longest]}): {sorted(lengths.items(), key=lambda kv: -kv[1])[:5]}")
    assert not unwrapped, f"tables outside the scrolling container: {unwrapped}"


def broken_internal_links(html: str) -> list[str]:
    """Targets of ``href="#..."`` links with no element of that id in the page.

    Examples
    --------
    >>> broken_internal_links('<a href="#A">a</a><h2 id="A">A</h2><a href="#B">b</a>')
    ['B']
    """
    import html as html_module
    import re

    ids = {html_module.unescape(i) for i in re.findall(r'\sid="([^"]+)"', html)}
    targets = {html_module.unescape(t) for t in re.findall(r'href="#([^"]+)"', html)}
    return sorted(targets - ids)


@pytest.mark.integration
def test_every_contents_and_appendix_link_has_its_target(default_packs):
    out_root, results = default_packs
    broken = {}
    for r in results:
        if r.status == "succeeded":
            html = (Path(out_root) / r.area_code / "index.html").read_text(encoding="utf-8")
            if missing := broken_internal_links(html):
                broken[r.area_code] = missing
    assert not broken, broken
