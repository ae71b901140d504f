"""The Local Growth Plan view of a pack: the same executed cells, in another order (#15)."""

from __future__ import annotations

import copy
import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from lis_analytics.report import assemble, batch, frames, safety
from lis_analytics.report.frames import (
    LGP_FRAME,
    LIS_FRAME,
    FrameError,
    arrange_frame,
    frame_pages,
    lead_first,
    split_chapters,
    write_pages,
)
from tests.test_pack_layout import broken_internal_links

md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
GM_CA = "E47000001"
IS8 = "### Industrial Strategy growth sectors"
TITLES = {"Productivity": "productivity", "Sectors": "sectors",
          "Functional economic area": "fema", "People and inclusive growth": "people",
          "The five foundations of productivity and the Grand Challenges": "foundations",
          "Monitoring baseline": "baseline"}


def appendix(cell):
    cell.metadata["tags"] = [assemble.APPENDIX_TAG]
    return cell


def shown(source: str, text: str = ""):
    """A code cell that shows ``text`` (an executed chart or table)."""
    return code(source, outputs=[nbformat.v4.new_output(
        "display_data", data={"text/plain": text or source})])


def chapter(title: str, *sections: str, is8: bool = False) -> list:
    """A chapter as it runs: set-up, heading, key findings, then (main, appendix) subsections."""
    name = TITLES[title]
    cells = [code(f"{name} = setup()"), md(f"## {title}\n\nWhat {name} asks."),
             shown(f"{name}.key_findings()")]
    for section in sections:
        cells += [md(f"### {section}"), shown(f"{name}.chart({section!r})"),
                  appendix(md(f"### {section}: method")), appendix(shown(f"{name}.table()"))]
        if is8 and section == "Foundational economy":
            cells += [md(f"{IS8}\n\nThe IS-8."), shown("is8.chart()", "IS-8 LQ 1.4"),
                      appendix(md(f"{IS8}: coverage")), appendix(shown("is8.coverage()"))]
    return cells + [code(f"{name}.save()")]


def pack_cells(is8: bool = True) -> list:
    return (chapter("Productivity", "Level", "Growth")
            + chapter("Sectors", "Distinctive strengths", "Foundational economy",
                      "Where residents work", is8=is8)
            + chapter("Functional economic area", "Self-containment")
            + chapter("People and inclusive growth", "Skills")
            + chapter("The five foundations of productivity and the Grand Challenges",
                      "Scorecard")
            + chapter("Monitoring baseline", "Direction of travel"))


def head() -> list:
    summary = code("", outputs=[nbformat.v4.new_output("display_data", data={
        "text/html": "<section id=\"Summary\"><style>.lis-summary h3 {}</style>"
                     "<h2>Summary: Greater Manchester</h2><h3>Five messages</h3>"
                     "<p>GVA per hour £39.88</p></section>"})])
    return [md("[← All areas](../index.html)\n\n# Greater Manchester: Local Industrial "
               "Strategy evidence pack\n\n*Combined Authority.*"), summary,
            md("## Contents\n\n- [Summary](#Summary)\n- [Productivity](#Productivity)")]


TAIL = [md("### Data sources and vintages\n\n| Dataset |\n|---|\n| GVA |")]


def lgp(cells=None, others=(LIS_FRAME,)) -> list:
    return arrange_frame(LGP_FRAME, head(), pack_cells() if cells is None else cells, TAIL,
                         TITLES, others)


def sources(cells) -> list[str]:
    return [c.source for c in cells]


def level2(cells) -> list[str]:
    return [m for c in cells if c.cell_type == "markdown"
            for m in re.findall(r"^## (.+)$", c.source, re.M)]


def appendix_at(text: list[str]) -> int:
    return next(i for i, s in enumerate(text) if s.startswith("## Appendix"))


def outputs(cells) -> Counter:
    """The executed outputs a page shows, one entry per code cell (JSON)."""
    return Counter(json.dumps(c.outputs, sort_keys=True) for c in cells
                   if c.cell_type == "code" and c.outputs)


# ------------------------------------------------------------------ choosing a frame


def test_lis_is_the_default_and_lgp_adds_growth_plan_html_beside_it():
    assert [f.page for f in frame_pages()] == ["index.html"]
    assert [f.page for f in frame_pages("LGP")] == ["index.html", "growth_plan.html"]


def test_auto_gives_the_growth_plan_view_to_the_places_that_write_growth_plans():
    both, lis_only = ["index.html", "growth_plan.html"], ["index.html"]
    for kind, pages in [("CA", both), ("SA", both), ("LEP", lis_only), ("LAD", lis_only),
                        ("CUSTOM", lis_only), ("RGN", lis_only), (None, lis_only)]:
        assert [f.page for f in frame_pages("auto", kind)] == pages, kind


def test_the_command_line_writes_the_growth_plan_view_for_combined_authorities_by_default():
    import inspect

    from lis_analytics import cli

    for command in (cli.reports_command, cli.report_command):
        assert inspect.signature(command).parameters["frame"].default == "auto"


def test_an_unknown_frame_is_refused_with_the_choices():
    with pytest.raises(FrameError, match=r"unknown frame 'lep'; choose one of: lis \(.*\); "
                                         r"lgp \(.*growth_plan.html"):
        frame_pages("lep")


def test_an_unknown_frame_is_refused_before_any_area_or_kernel(tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "get_area", lambda *a: pytest.fail("area resolved"))
    with pytest.raises(FrameError):
        batch.run_reports(["E47000001"], out_root=tmp_path, frame="both", progress=False)
    assert not list(tmp_path.iterdir())


def test_run_area_refuses_an_unknown_frame_before_it_writes_anything(tmp_path):
    with pytest.raises(FrameError):
        batch.run_area(GM_CA, out_root=tmp_path, frame="growth")
    assert not list(tmp_path.iterdir())


def test_the_cli_exits_with_the_frame_error(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from lis_analytics.cli import app

    monkeypatch.setenv("LIS_REPORTS_DIR", str(tmp_path))
    out = CliRunner().invoke(app, ["report", GM_CA, "--frame", "growth"])
    assert out.exit_code == 2 and "unknown frame 'growth'" in out.output
    assert not list(tmp_path.iterdir())


def test_the_frames_appendix_tag_is_the_packs():
    assert frames.APPENDIX_TAG == assemble.APPENDIX_TAG


# ------------------------------------------------------------------ the order


def test_the_lgp_view_reads_as_a_growth_plan_annex():
    cells = lgp()
    assert level2(cells) == [
        "Contents", "1. Economic overview", "2. Industrial Strategy growth sectors and local "
        "sector strengths", "3. People and skills", "4. Places and infrastructure",
        "5. The baseline for monitoring", "Appendix"]
    text = sources(cells)
    first = text[0]
    assert "# Greater Manchester: evidence for a Local Growth Plan" in first
    assert "Local Industrial Strategy evidence pack" not in first
    # part 1: the summary, then productivity as a level-3 section with its subsections below
    part1 = text.index("## 1. Economic overview\n\n" + LGP_FRAME.parts[0].intro)
    summary = next(i for i, c in enumerate(cells) if "Summary" in json.dumps(c.get("outputs")))
    assert part1 < summary < text.index("### Productivity\n\nWhat productivity asks.")
    assert "#### Level" in text and "### Level" not in text[:appendix_at(text)]
    # part 4: foundations, then the functional economic area
    assert (text.index("## 4. Places and infrastructure\n\n" + LGP_FRAME.parts[3].intro)
            < text.index("### The five foundations of productivity\n\nWhat foundations asks.")
            < text.index("### Functional economic area and commuting\n\nWhat fema asks."))
    # a part of one chapter takes the part's heading, its subsections stay at level 3
    assert "## 3. People and skills\n\nWhat people asks." in text and "### Skills" in text


def test_the_is8_section_leads_the_sectors_part_after_its_key_findings():
    text = sources(lgp())
    part2 = next(i for i, s in enumerate(text) if s.startswith("## 2. "))
    after = text[part2 + 1:]
    assert after[0] == "sectors.key_findings()"
    assert after[1] == f"{IS8}\n\nThe IS-8." and after[2] == "is8.chart()"
    assert after.index("is8.chart()") < after.index("### Distinctive strengths")
    part2_appendix = text.index("### 2. Industrial Strategy growth sectors and local sector "
                                "strengths: tables, methods and caveats")
    assert appendix_at(text) < part2_appendix
    assert text[part2_appendix + 1] == "#### Industrial Strategy growth sectors: coverage"
    assert "No section" not in " ".join(text)
    contents = text[2]
    assert ("    - [Industrial Strategy growth sectors]"
            "(#Industrial-Strategy-growth-sectors)") in contents


def test_without_an_is8_section_the_part_says_so_where_it_would_be():
    text = sources(lgp(pack_cells(is8=False)))
    note = next(s for s in text if s.startswith("*This pack has no section on the Modern "
                                                "Industrial Strategy"))
    assert text.index(note) == text.index("sectors.key_findings()") + 1
    assert text[text.index(note) + 1] == "### Distinctive strengths"
    assert "Industrial-Strategy-growth-sectors)" not in text[2]


def test_lead_first_moves_every_run_of_the_lead_and_nothing_else():
    cells = [md("## Sectors"), md("### A"), md("a"), md("### Growth sectors: method"),
             md("m"), md("### B"), md("### Growth sectors"), md("g")]
    out, found = lead_first(cells, ["growth sectors"])
    assert sources(out) == ["## Sectors", "### Growth sectors: method", "m",
                            "### Growth sectors", "g", "### A", "a", "### B"]
    assert found == ["Growth sectors: method", "Growth sectors"]
    assert lead_first(cells, []) == (cells, [])


def test_every_executed_cell_is_on_both_pages_once_with_the_same_outputs():
    cells = pack_cells()
    lis = arrange_frame(LIS_FRAME, head(), cells, TAIL, TITLES, [LGP_FRAME])
    growth = lgp(cells)
    assert outputs(lis) - outputs(growth) == Counter({json.dumps(head()[1].outputs,
                                                                 sort_keys=True): 1})
    assert sum((outputs(growth) - outputs(lis)).values()) == 1  # the summary, headings down
    summary = next(c for c in growth if "Summary" in json.dumps(c.get("outputs")))
    page = summary.outputs[0]["data"]["text/html"]
    assert "<h3>Summary: Greater Manchester</h3><h4>Five messages</h4>" in page
    assert ".lis-summary h4 {}" in page and "<p>GVA per hour £39.88</p>" in page
    code_sources = Counter(c.source for c in cells if c.cell_type == "code")
    for page_cells in (lis, growth):
        assert Counter(c.source for c in page_cells
                       if c.cell_type == "code" and c.source) == code_sources


def test_arranging_changes_no_input_cell():
    cells, top = pack_cells(), head()
    before = json.dumps([cells, top], sort_keys=True)
    arrange_frame(LGP_FRAME, top, cells, TAIL, TITLES, [LIS_FRAME])
    arrange_frame(LIS_FRAME, top, cells, TAIL, TITLES, [LGP_FRAME])
    assert json.dumps([cells, top], sort_keys=True) == before


def test_each_part_links_to_its_appendix_subsection():
    text = sources(lgp())
    links = [s for s in text if "in the appendix](#" in s]
    assert links == [f"[Tables, methods and caveats for part {n} in the appendix]"
                     f"(#{assemble.heading_anchor(h + ': tables, methods and caveats')})"
                     for n, h in enumerate(["1. Economic overview", "2. Industrial Strategy "
                                            "growth sectors and local sector strengths",
                                            "3. People and skills",
                                            "4. Places and infrastructure",
                                            "5. The baseline for monitoring"], start=1)]
    assert text[-1] == TAIL[0].source
    assert text[appendix_at(text)].startswith("## Appendix\n\nThe full tables, methods and "
                                              "caveats behind each part, and the data")


def test_a_chapter_the_frame_does_not_place_follows_its_parts():
    extra = [md("## Ideas and innovation\n\nPatents."), shown("ideas.chart()")]
    text = sources(lgp(pack_cells() + extra))
    assert "## 6. Ideas and innovation\n\nPatents." in text
    assert text.index("ideas.chart()") < appendix_at(text)
    assert "- [6. Ideas and innovation](#6.-Ideas-and-innovation)" in text[2]


def test_a_pack_of_some_chapters_numbers_only_the_parts_it_has():
    cells = (chapter("People and inclusive growth", "Skills")
             + chapter("Monitoring baseline", "Direction of travel"))
    assert level2(lgp(cells))[1:4] == ["1. Economic overview", "2. People and skills",
                                       "3. The baseline for monitoring"]


def test_the_two_views_link_to_each_other():
    cells = pack_cells()
    lis = sources(arrange_frame(LIS_FRAME, head(), cells, TAIL, TITLES, [LGP_FRAME]))
    assert lis[1] == ("*The same figures, ordered as a Local Growth Plan evidence annex "
                      "reads: [Evidence for a Local Growth Plan](growth_plan.html).*")
    alone = sources(arrange_frame(LIS_FRAME, head(), cells, TAIL, TITLES))
    assert not any("growth_plan.html" in s for s in alone)
    assert alone[:1] == [head()[0].source]
    growth = sources(lgp(cells))
    assert growth[1].startswith("*Evidence for a Local Growth Plan: the same figures as "
                                "[the Local Industrial Strategy evidence pack](index.html)")


def test_split_chapters_names_chapters_by_their_title():
    before, chapters = split_chapters(pack_cells(), TITLES)
    assert sources(before) == ["productivity = setup()"]
    assert [c["id"] for c in chapters] == ["productivity", "sectors", "fema", "people",
                                           "foundations", "baseline"]


# ------------------------------------------------------------------ pages


def _notebook(cells):
    params = code("area_code = 'x'", metadata={"tags": ["parameters"]})
    return nbformat.v4.new_notebook(cells=[params, *cells])


META = [{"title": t, "chapter_id": i} for t, i in TITLES.items()]


def test_write_pages_exports_both_views_with_working_contents(tmp_path):
    notebook = _notebook(pack_cells())
    before = json.dumps(notebook, sort_keys=True)
    pages = write_pages(notebook, head(), TAIL, tmp_path, META, frame_pages("lgp"))
    assert [p.name for p in pages] == ["index.html", "growth_plan.html"]
    assert json.dumps(notebook, sort_keys=True) == before
    growth = (tmp_path / "growth_plan.html").read_text()
    assert "<title>Greater Manchester: evidence for a Local Growth Plan</title>" in growth
    assert "area_code" not in growth  # no parameters cell
    for page in pages:
        assert broken_internal_links(page.read_text()) == []
    assert 'href="growth_plan.html"' in (tmp_path / "index.html").read_text()
    assert 'href="index.html"' in growth


def test_a_failed_rebuild_puts_its_banner_on_every_view(tmp_path):
    folder = tmp_path / GM_CA
    folder.mkdir()
    for page in ("index.html", "growth_plan.html"):
        (folder / page).write_text("<html><body><main><h1>Pack</h1></main></body></html>")
    (folder / safety.STATUS_FILE).write_text(json.dumps({"status": "succeeded",
                                                         "pack_built": "2026-11-20"}))
    kept = safety.kept_pack(folder)
    status = {"status": "failed", "error": "ValueError: bad", "run_at": "2026-11-28T18:00:00",
              "pack_available": True, "pack_built": "2026-11-20"}
    safety.record_failure_beside_pack(folder, None, status, kept)
    for page in ("index.html", "growth_plan.html"):
        text = (folder / page).read_text()
        assert text.count(safety.BANNER_START) == 1 and "20 November 2026" in text


# ------------------------------------------------------------------ a real pack


class _Outputs(HTMLParser):
    """The text of each executed output and the images of a page, outside headings."""

    VOID = {"img", "br", "meta", "link", "input", "hr", "col", "source", "wbr", "area", "base"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.depth = 0  # inside an output area
        self.outputs: list[list[str]] = []
        self.images: list[str] = []

    def handle_starttag(self, tag, attrs):
        attr = dict(attrs)
        if tag == "img":
            self.images.append(attr.get("src", ""))
        if tag in self.VOID:
            return
        output = "jp-OutputArea-output" in (attr.get("class") or "").split()
        if output and not self.depth:
            self.outputs.append([])
        self.stack.append(tag)
        if output or self.depth:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in self.VOID or tag not in self.stack:
            return
        while self.stack:
            open_tag = self.stack.pop()
            if self.depth:
                self.depth -= 1
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self.depth and data.strip():
            self.outputs[-1].append(data.strip())


def page_outputs(html: str) -> tuple[Counter, Counter]:
    """Every executed output's text (a multiset) and every image of a page."""
    parser = _Outputs()
    parser.feed(re.sub(r"<style.*?</style>", "", html, flags=re.S))
    return Counter(" ".join(o) for o in parser.outputs), Counter(parser.images)


@pytest.fixture(scope="module")
def gm_both(tmp_path_factory):
    """Greater Manchester Combined Authority's pack with both views, built once."""
    out = tmp_path_factory.mktemp("frames")
    results = batch.run_reports([GM_CA], jobs=1, progress=False, out_root=out, frame="lgp")
    assert results[0].status == "succeeded", results[0].error
    return out / GM_CA


@pytest.mark.integration
def test_the_lgp_page_shows_exactly_the_lis_pages_executed_outputs(gm_both):
    lis = (gm_both / "index.html").read_text(encoding="utf-8")
    growth = (gm_both / "growth_plan.html").read_text(encoding="utf-8")
    lis_outputs, lis_images = page_outputs(lis)
    lgp_outputs, lgp_images = page_outputs(growth)
    assert len(lis_outputs) > 50 and len(lis_images) > 15
    assert lgp_outputs == lis_outputs  # every number, table and message, as often
    assert lgp_images == lis_images  # every chart and the map
    numbers = re.compile(r"£?-?\d[\d,.]*%?")
    assert Counter(numbers.findall(" ".join(lgp_outputs.elements()))) == Counter(
        numbers.findall(" ".join(lis_outputs.elements())))


@pytest.mark.integration
def test_the_lgp_page_reads_as_an_annex_with_working_links(gm_both):
    growth = (gm_both / "growth_plan.html").read_text(encoding="utf-8")
    lis = (gm_both / "index.html").read_text(encoding="utf-8")
    parts = re.findall(r'<h2 id="(\d\.[^"]+)"', growth)
    assert parts == ["1.-Economic-overview",
                     "2.-Industrial-Strategy-growth-sectors-and-local-sector-strengths",
                     "3.-People-and-skills", "4.-Places-and-infrastructure",
                     "5.-The-baseline-for-monitoring"]
    assert broken_internal_links(growth) == [] and broken_internal_links(lis) == []
    assert 'href="index.html"' in growth and 'href="growth_plan.html"' in lis
    assert "<h2>Summary" not in growth and "<h3>Summary: Greater Manchester" in growth
    lis_words = assemble.pack_word_counts(lis)
    lgp_words = assemble.pack_word_counts(growth)
    print(f"words: LIS {lis_words}, LGP {lgp_words}")
    assert abs(lgp_words["main"] - lis_words["main"]) < 0.1 * lis_words["main"]
    assert abs(lgp_words["appendix"] - lis_words["appendix"]) < 20


@pytest.mark.integration
def test_a_pack_without_its_lgp_page_is_rebuilt_for_it_and_then_skipped(gm_both):
    out = gm_both.parent
    again = batch.run_reports([GM_CA], jobs=1, progress=False, out_root=out, frame="lgp")
    assert again[0].status == "skipped"
    assert batch.run_reports([GM_CA], jobs=1, progress=False, out_root=out)[0].status == \
        "skipped"  # the LIS view alone is there too
    saved = copy.copy((gm_both / "growth_plan.html").read_bytes())
    (gm_both / "growth_plan.html").unlink()
    try:
        rebuilt = batch.run_reports([GM_CA], jobs=1, progress=False, out_root=out,
                                    frame="lgp")
        assert rebuilt[0].status == "succeeded"
        assert (gm_both / "growth_plan.html").is_file()
    finally:
        if not (gm_both / "growth_plan.html").is_file():
            Path(gm_both / "growth_plan.html").write_bytes(saved)
