"""Frames: the orders in which one pack's executed chapters are read.

A pack's chapter notebooks run once per area. A *frame* arranges those same executed cells
into a page: the Local Industrial Strategy view (``lis``, the pack's ``index.html``, in the
order the chapters run) or the Local Growth Plan view (``lgp``, ``growth_plan.html`` beside
it), which orders them as a Local Growth Plan evidence annex reads (economic overview; the
Industrial Strategy growth sectors and local sector strengths; people and skills; places and
infrastructure; the baseline for monitoring). A frame only moves cells and renames headings:
every chart, table and number on both pages comes from the same executed cells, so the
views never disagree. Nothing here runs a notebook or computes a figure.

A frame is declared as :class:`Frame` data (:data:`LGP_FRAME`): its parts, which chapter
sections each holds and under which heading, and which subsections (found by heading, e.g.
"Industrial Strategy growth sectors") lead their chapter. A chapter a frame does not place
is kept, after the frame's parts, under its own title, and a missing chapter or subsection
is skipped (or, for a lead subsection, said to be missing), so a frame never drops a cell.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lis_analytics.errors import LisError

# nbformat and the assembly module are imported where a page is arranged, not here: a batch
# that rebuilds nothing checks its frame (:func:`frame_pages`) without paying for them.
APPENDIX_TAG = "appendix"
"""Cell tag of a chapter cell for the appendix (as :data:`.assemble.APPENDIX_TAG`)."""

__all__ = ["FRAMES", "GROWTH_PLAN_AREA_TYPES", "LGP_FRAME", "LIS_FRAME", "Frame", "FrameError",
           "FramePart", "FrameSection", "arrange_frame", "frame_pages", "split_chapters",
           "write_pages"]


class FrameError(LisError):
    """An unknown frame name."""


@dataclass(frozen=True)
class FrameSection:
    """One chapter's place in a frame part.

    Parameters
    ----------
    chapter : str
        The chapter's id (``Chapter("sectors", ...)`` in its notebook).
    heading : str
        Its heading in a part of several sections (``### <heading>``); a part of one section
        takes the part's heading instead.
    lead : tuple of str
        Subsection headings (level 3, matched at their start, case-insensitively) moved, with
        their cells, to the front of the chapter, in this order, when the chapter has them.
    lead_missing : str
        A note shown where the ``lead`` subsections would be when the chapter has none.
    intro : str
        The chapter's introduction in this frame (Markdown, replacing the paragraphs under
        its heading); empty keeps the chapter's own.
    """

    chapter: str
    heading: str = ""
    lead: tuple[str, ...] = ()
    lead_missing: str = ""
    intro: str = ""


@dataclass(frozen=True)
class FramePart:
    """A numbered part of a frame: a level-2 heading and its chapter sections.

    ``intro`` says what a part of several sections holds, under its heading (a part of one
    chapter takes the chapter's introduction). ``summary`` puts the pack's summary (five
    messages, headline indicators, data as at) at the start of the part.
    """

    title: str
    sections: tuple[FrameSection, ...]
    intro: str = ""
    summary: bool = False


@dataclass(frozen=True)
class Frame:
    """How a page of a pack is ordered and titled.

    A frame without parts is the order the chapters run in (the LIS view).

    Parameters
    ----------
    name : str
        What ``--frame`` calls it.
    page : str
        The file it is written to in the pack folder.
    title : str
        The page's title after the area's name (``"<area>: <title>"``).
    label : str
        What a link from another view calls it.
    about : str
        The page's short introduction (Markdown; ``{other}`` is replaced by a link to the
        LIS view).
    link_sentence : str
        What the LIS view says of this view, at its top (``{link}`` is the link to it).
    parts : tuple of FramePart
        Its parts, in order.
    """

    name: str
    page: str
    title: str
    label: str
    about: str = ""
    link_sentence: str = ""
    parts: tuple[FramePart, ...] = field(default=())


LIS_TITLE = "Local Industrial Strategy evidence pack"

LIS_FRAME = Frame("lis", "index.html", LIS_TITLE, "the Local Industrial Strategy evidence pack")
"""The pack as its chapters run: the default view, ``index.html``."""

LGP_FRAME = Frame(
    "lgp", "growth_plan.html", "evidence for a Local Growth Plan",
    "Evidence for a Local Growth Plan",
    about=("Evidence for a Local Growth Plan: the same figures as {other}, ordered as a "
           "Local Growth Plan evidence annex reads. Every chart, table and number is that "
           "pack's; only the order and the headings differ."),
    link_sentence=("The same figures, ordered as a Local Growth Plan evidence annex reads: "
                   "{link}."),
    parts=(
        FramePart("Economic overview", (FrameSection("productivity", "Productivity"),),
                  intro="The headline messages and indicators, then productivity: its level "
                        "against the UK, its growth, and why output per head differs.",
                  summary=True),
        FramePart("Industrial Strategy growth sectors and local sector strengths",
                  (FrameSection("sectors", "Sectors",
                                lead=("Industrial Strategy growth sectors",),
                                lead_missing=("This pack has no section on the Modern "
                                              "Industrial Strategy's eight growth-driving "
                                              "sectors yet: the local sector strengths below "
                                              "are by industry only.")),)),
        FramePart("People and skills", (FrameSection("people", "People and inclusive growth"),)),
        FramePart("Places and infrastructure",
                  (FrameSection("foundations", "The five foundations of productivity"),
                   FrameSection("fema", "Functional economic area and commuting")),
                  intro="The foundations of productivity, infrastructure and places among "
                        "them, then the functional economic area: how far the area works as "
                        "one labour market."),
        FramePart("The baseline for monitoring",
                  (FrameSection("baseline", "Monitoring baseline", intro=(
                      "A Local Growth Plan needs a small set of headline indicators to track "
                      "over its ten years. Here each stands at the Local Industrial Strategy "
                      "**baseline** (the year most strategies were agreed; the monitoring "
                      "table in the appendix gives each indicator's period), where it is now, "
                      "and whether the area is improving, worsening or showing no significant "
                      "change since. The latest values are where a Local Growth Plan's own "
                      "monitoring would start.")),)),
    ),
)
"""The Local Growth Plan view, ``growth_plan.html`` (issue #15)."""

FRAMES: dict[str, Frame] = {f.name: f for f in (LIS_FRAME, LGP_FRAME)}
"""Every frame by name."""

FRAME_CHOICES = {"lis": "index.html, the Local Industrial Strategy view, only",
                 "lgp": "index.html and growth_plan.html, the Local Growth Plan view",
                 "auto": "index.html, and growth_plan.html too for combined and proposed "
                         "strategic authorities (the places that write Local Growth Plans)"}
"""What ``--frame`` accepts, and what each choice writes."""

GROWTH_PLAN_AREA_TYPES: frozenset[str] = frozenset({"CA", "SA"})
"""Area types that write a Local Growth Plan: ``auto`` gives them the LGP view too."""


def frame_pages(frame: str = "lis", area_type: str | None = None) -> tuple[Frame, ...]:
    """The frames a ``--frame`` choice writes: the LIS view always, other views beside it.

    ``index.html`` (the LIS view) is always written: it is the page the front page links
    to and the one a failed rebuild keeps. ``auto`` adds the Local Growth Plan view for the
    area types that write Local Growth Plans (:data:`GROWTH_PLAN_AREA_TYPES`).

    Parameters
    ----------
    frame : str
        ``"lis"``, ``"lgp"`` or ``"auto"`` (:data:`FRAME_CHOICES`).
    area_type : str, optional
        The area's type (``"CA"``, ``"LEP"``...), which ``auto`` reads; without it ``auto``
        is checked only.

    Returns
    -------
    tuple of Frame

    Raises
    ------
    FrameError
        For any other name, listing the choices.

    Examples
    --------
    >>> [f.page for f in frame_pages("lgp")]
    ['index.html', 'growth_plan.html']
    >>> [f.page for f in frame_pages("auto", "CA")], [f.page for f in frame_pages("auto", "LEP")]
    (['index.html', 'growth_plan.html'], ['index.html'])
    >>> frame_pages("lep")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    lis_analytics.report.frames.FrameError: unknown frame 'lep'; choose one of: lis (index.html, ...
    """
    key = str(frame).strip().lower()
    if key not in FRAME_CHOICES:
        choices = "; ".join(f"{name} ({what})" for name, what in FRAME_CHOICES.items())
        raise FrameError(f"unknown frame {frame!r}; choose one of: {choices}")
    if key == "auto":
        key = "lgp" if str(area_type or "").upper() in GROWTH_PLAN_AREA_TYPES else "lis"
    return (LIS_FRAME,) if key == "lis" else (LIS_FRAME, FRAMES[key])


# ------------------------------------------------------------------ cells

_LEVEL2 = re.compile(r"^## +(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)
_LEVEL3 = re.compile(r"^### +(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)
_ANY_HEADING = re.compile(r"^(#{1,5}) ", re.MULTILINE)


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value or "")


def _markdown_texts(cell) -> list[str]:
    """The Markdown a cell shows: its source, or its ``text/markdown`` outputs."""
    if cell.get("cell_type") == "markdown":
        return [_text(cell.get("source", ""))]
    return [_text(o.get("data", {}).get("text/markdown", ""))
            for o in cell.get("outputs", []) or [] if "text/markdown" in o.get("data", {})]


def _chapter_title(cell) -> str | None:
    """The level-2 heading a Markdown cell opens a chapter with (the last one), if any."""
    if cell.get("cell_type") != "markdown" or APPENDIX_TAG in _tags(cell):
        return None
    found = _LEVEL2.findall(_text(cell.get("source", "")))
    return found[-1] if found else None


def _subsection(cell) -> str | None:
    """The first level-3 heading a cell shows (source or Markdown output), if any."""
    for text in _markdown_texts(cell):
        found = _LEVEL3.search(text)
        if found:
            return found.group(1)
    return None


def _demoted(cell):
    """A copy of a cell with every heading it shows one level down (``###`` -> ``####``)."""
    cell = copy.deepcopy(cell)
    demote = lambda text: _ANY_HEADING.sub(lambda m: "#" + m.group(1) + " ", text)  # noqa: E731
    if cell.get("cell_type") == "markdown":
        cell["source"] = demote(_text(cell.get("source", "")))
    for output in cell.get("outputs", []) or []:
        data = output.get("data", {})
        if "text/markdown" in data:
            data["text/markdown"] = demote(_text(data["text/markdown"]))
    return cell


def _retitled(cell, old: str, new_line: str):
    """A copy of a chapter's heading cell with its ``## <old>`` line replaced by ``new_line``."""
    cell = copy.deepcopy(cell)
    pattern = re.compile(r"^## +" + re.escape(old) + r"[ \t]*#*[ \t]*$", re.MULTILINE)
    cell["source"] = pattern.sub(lambda _: new_line, _text(cell["source"]), count=1)
    return cell


def _md(source: str):
    import nbformat

    return nbformat.v4.new_markdown_cell(source)


def split_chapters(cells: Sequence, titles: Mapping[str, str]) -> tuple[list, list[dict]]:
    """Split a pack's chapter cells into the cells before any chapter and one block per chapter.

    A chapter starts at a Markdown cell (not tagged appendix) with a level-2 heading and holds
    every cell up to the next, as :func:`~lis_analytics.report.assemble.arrange_pack` reads
    sections; its id is looked up by its title in ``titles``.

    Parameters
    ----------
    cells
        The executed chapter cells, in run order (no parameters cells).
    titles
        Chapter title -> chapter id (from each chapter's ``chapter.json``).

    Returns
    -------
    tuple
        The cells before the first chapter, and per chapter a dict with ``id`` (``None``
        for a title not in ``titles``), ``title`` and ``cells``.

    Examples
    --------
    >>> import nbformat
    >>> md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    >>> before, chapters = split_chapters([code("setup()"), md("## Sectors"), code("lq()")],
    ...                                   {"Sectors": "sectors"})
    >>> len(before), [(c["id"], len(c["cells"])) for c in chapters]
    (1, [('sectors', 2)])
    """
    before: list = []
    chapters: list[dict] = []
    for cell in cells:
        title = _chapter_title(cell)
        if title is not None:
            chapters.append({"id": titles.get(title), "title": title, "cells": []})
        (chapters[-1]["cells"] if chapters else before).append(cell)
    return before, chapters


def lead_first(cells: Sequence, leads: Sequence[str], missing: str = ""
               ) -> tuple[list, list[str]]:
    """A chapter's cells with the subsections named in ``leads`` moved to its front.

    A subsection starts at a cell showing a level-3 heading that begins with a lead
    (case-insensitively) and runs to the next cell showing another level-3 heading; every
    such run of a lead (main text or appendix) moves, in order, to just before the chapter's
    first subsection (after its heading, introduction and key findings). When no lead is
    found, a ``missing`` note (Markdown, in italics) goes there instead.

    Returns
    -------
    tuple
        The cells, and the headings of the subsections moved (empty when none was found).

    Examples
    --------
    >>> import nbformat
    >>> md = nbformat.v4.new_markdown_cell
    >>> cells = [md("## Sectors"), md("### Strengths"), md("### Growth sectors"), md("x"),
    ...          md("### Where residents work")]
    >>> out, found = lead_first(cells, ["growth sectors"])
    >>> [c.source for c in out], found
    (['## Sectors', '### Growth sectors', 'x', '### Strengths', '### Where residents work'], \
['Growth sectors'])
    """
    keys = [lead.casefold() for lead in leads]
    runs: dict[int, list] = {i: [] for i in range(len(keys))}
    rest: list = []
    found: list[str] = []
    current: int | None = None
    first_subsection: int | None = None
    for cell in cells:
        heading = _subsection(cell)
        if heading is not None:
            match = [i for i, k in enumerate(keys) if heading.casefold().startswith(k)]
            current = match[0] if match else None
            if current is not None and heading not in found:
                found.append(heading)
            if current is None and first_subsection is None:
                first_subsection = len(rest)
        if current is None:
            rest.append(cell)
        else:
            runs[current].append(cell)
    moved = [cell for i in range(len(keys)) for cell in runs[i]]
    if not found and leads and missing:
        moved = [_md(f"*{missing}*")]
    at = len(rest) if first_subsection is None else first_subsection
    return rest[:at] + moved + rest[at:], found


# ------------------------------------------------------------------ arranging a page


def _head_parts(head: Sequence) -> tuple[object, list, object | None]:
    """The head's title cell, its summary cells and its Contents cell."""
    title = head[0]
    contents = next((c for c in head if c.get("cell_type") == "markdown"
                     and _text(c.get("source", "")).startswith("## Contents")), None)
    summary = [c for c in head[1:] if c is not contents]
    return title, summary, contents


def _page_title_cell(cell, frame: Frame):
    """The head's title cell with the page's title after the area's name."""
    cell = copy.deepcopy(cell)
    cell["source"] = re.sub(r"^(# .+): " + re.escape(LIS_TITLE) + r"[ \t]*$",
                            lambda m: f"{m.group(1)}: {frame.title}", _text(cell["source"]),
                            count=1, flags=re.MULTILINE)
    return cell


def _view_link(to: Frame) -> str:
    return f"[{to.label}]({to.page})"


_SUMMARY_HEADING = re.compile(r"(</?|\.lis-summary )h([2-5])\b")


def _summary_heading_down(cell):
    """A copy of a summary cell with its headings a level lower: it sits inside a part.

    Its ``<h2>`` becomes ``<h3>``, its ``<h3>`` ``<h4>`` and so on, with the summary's own
    style rules (``.lis-summary h3``) moved with them, so it looks as it does on the LIS
    page but nests under the part's heading.

    Examples
    --------
    >>> import nbformat
    >>> cell = nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output("display_data",
    ...     data={"text/html": "<style>.lis-summary h3 {}</style><h2>S</h2><h3>M</h3>"})])
    >>> _summary_heading_down(cell).outputs[0]["data"]["text/html"]
    '<style>.lis-summary h4 {}</style><h3>S</h3><h4>M</h4>'
    """
    cell = copy.deepcopy(cell)
    for output in cell.get("outputs", []) or []:
        data = output.get("data", {})
        if "text/html" in data:
            data["text/html"] = _SUMMARY_HEADING.sub(
                lambda m: f"{m.group(1)}h{int(m.group(2)) + 1}", _text(data["text/html"]))
    return cell


def part_link_text(title: str) -> str:
    """Words of a part's link to its appendix subsection: ``"1. Economic overview"`` -> part 1.

    Examples
    --------
    >>> part_link_text("3. People and skills")
    'Tables, methods and caveats for part 3 in the appendix'
    >>> part_link_text("Ideas")
    'Tables, methods and caveats for Ideas in the appendix'
    """
    numbered = re.match(r"^(\d+)\. ", title)
    name = f"part {numbered.group(1)}" if numbered else title
    return f"Tables, methods and caveats for {name} in the appendix"


def arrange_frame(frame: Frame, head: Sequence, cells: Sequence, tail: Sequence,
                  titles: Mapping[str, str], others: Sequence[Frame] = ()) -> list:
    """A page's cells in a frame's order, its detail in the appendix.

    For a frame without parts (the LIS view) the head, then the chapters as they ran; for
    another frame its parts in order: a numbered level-2 heading per part with a sentence
    saying what it holds, the summary where the frame puts it, and each chapter's cells with
    its heading renamed (and, in a part of several chapters, every heading it shows one
    level down). The lead subsections of a chapter come first. Chapters the frame does not
    place follow its parts, under their own titles. Then
    :func:`~lis_analytics.report.assemble.arrange_pack` moves each part's appendix cells to
    the appendix. Cells are copied, never changed, and every executed cell is on every page.

    Parameters
    ----------
    frame : Frame
        The page's frame.
    head : sequence
        The pack's head: the title cell, the summary cells and the Contents cell
        (:func:`~lis_analytics.report.front_matter._front_matter`).
    cells : sequence
        The executed chapter cells, in run order, without the parameters cells.
    tail : sequence
        Cells that close the appendix (data sources).
    titles : mapping
        Chapter title -> chapter id.
    others : sequence of Frame
        The pack's other views, linked from the top of the page.

    Returns
    -------
    list
        The page's cells.

    Examples
    --------
    >>> import nbformat
    >>> md = nbformat.v4.new_markdown_cell
    >>> head = [md("# Wigan: Local Industrial Strategy evidence pack"), md("## Contents")]
    >>> cells = [md("## People and inclusive growth"), md("### Skills"),
    ...          md("## Sectors"), md("### Distinctive strengths")]
    >>> page = arrange_frame(LGP_FRAME, head, cells, [], {"Sectors": "sectors",
    ...                      "People and inclusive growth": "people"}, [LIS_FRAME])
    >>> for cell in page:
    ...     if cell.source.startswith("#"):
    ...         print(cell.source.splitlines()[0])
    # Wigan: evidence for a Local Growth Plan
    ## Contents
    ## 1. Industrial Strategy growth sectors and local sector strengths
    ### Distinctive strengths
    ## 2. People and skills
    ### Skills
    """
    from lis_analytics.report.assemble import APPENDIX_HEADING, arrange_pack, heading_anchor

    title_cell, summary, contents = _head_parts(head)
    if not frame.parts:
        links = [_md(f"*{o.link_sentence.format(link=_view_link(o))}*")
                 for o in others if o.parts]
        return arrange_pack([title_cell, *links, *summary,
                             *([contents] if contents is not None else []), *cells],
                            appendix_end=tail)
    lis = next((o for o in others if not o.parts), LIS_FRAME)
    before, chapters = split_chapters(cells, titles)
    by_id = {c["id"]: c for c in chapters if c["id"] is not None}
    body: list = list(before)
    toc: list[str] = []
    for part in frame.parts:
        present = [(s, by_id.pop(s.chapter)) for s in part.sections if s.chapter in by_id]
        if not present and not (part.summary and summary):
            continue
        heading = f"{len(toc_parts(toc)) + 1}. {part.title}"
        toc.append(f"- [{heading}](#{heading_anchor(heading)})")
        single = len(present) == 1 and not part.summary
        if not single:
            body.append(_md(f"## {heading}\n\n{part.intro}".strip()))
        if part.summary:
            body += [_summary_heading_down(c) for c in summary]
            toc.append("    - [Summary](#Summary)")
        for section, chapter in present:
            section_cells, links = _section_cells(
                section, chapter, heading if single else section.heading, nested=not single)
            body += section_cells
            toc += ["    " + link for link in links]
    for chapter in chapters:  # chapters the frame does not place: after its parts, as they are
        if chapter["id"] in by_id or chapter["id"] is None:
            heading = f"{len(toc_parts(toc)) + 1}. {chapter['title']}"
            toc.append(f"- [{heading}](#{heading_anchor(heading)})")
            body.append(_retitled(chapter["cells"][0], chapter["title"], f"## {heading}"))
            body += chapter["cells"][1:]
    about = frame.about.format(other=_view_link(lis))
    toc += [f"- [{APPENDIX_HEADING}: tables, methods and caveats](#{APPENDIX_HEADING})",
            "- [Data sources and vintages](#Data-sources-and-vintages)"]
    head_cells = [_page_title_cell(title_cell, frame), _md(f"*{about}*"),
                  _md("## Contents\n\n" + "\n".join(toc) + "\n")]
    arranged = arrange_pack(head_cells + body, appendix_end=tail, link_text=part_link_text)
    return [_md(c.source.replace("behind each chapter,", "behind each part,", 1))
            if c.cell_type == "markdown" and c.source.startswith(f"## {APPENDIX_HEADING}\n")
            else c for c in arranged]


def toc_parts(toc: Sequence[str]) -> list[str]:
    """The top-level items of a Contents list (its parts)."""
    return [line for line in toc if line.startswith("- ")]


def _section_cells(section: FrameSection, chapter: dict, heading: str, nested: bool
                   ) -> tuple[list, list[str]]:
    """A chapter's cells as a frame section, and its Contents items under the part's item.

    The chapter's level-2 heading becomes ``heading`` (with the section's own
    introduction, if any) and its lead subsections come first. ``nested`` (a part of
    several sections) puts every heading its main text shows one level down, so the
    chapter is a level-3 section of the part; appendix cells are left to
    :func:`~lis_analytics.report.assemble.arrange_pack`.
    """
    from lis_analytics.report.assemble import heading_anchor

    cells, found = lead_first(chapter["cells"], section.lead, section.lead_missing)
    first, rest = cells[0], cells[1:]
    if section.intro:
        first = copy.deepcopy(first)
        first["source"] = f"## {chapter['title']}\n\n{section.intro}"
    first = _retitled(first, chapter["title"], f"## {heading}")
    links = [f"- [{heading}](#{heading_anchor(heading)})"] if nested else []
    for lead in found:  # a lead subsection in the main text: a Contents item of its own
        if any(_subsection(c) == lead and APPENDIX_TAG not in _tags(c) for c in rest):
            links.append(("    " if nested else "") + f"- [{lead}](#{heading_anchor(lead)})")
    if nested:
        first = _demoted(first)
        rest = [c if APPENDIX_TAG in _tags(c) else _demoted(c) for c in rest]
    return [first, *rest], links


def write_pages(notebook, head: Sequence, tail: Sequence, build_dir: Path,
                chapters_meta: Sequence[Mapping], frames: Sequence[Frame] = (LIS_FRAME,)
                ) -> list[Path]:
    """Write one page per frame of an executed pack notebook into ``build_dir``.

    Every page is arranged from the same executed cells (:func:`arrange_frame`) and
    exported in-process (:func:`~lis_analytics.report.assemble.export_html`); nothing is
    executed again. The notebook itself is not changed.

    Parameters
    ----------
    notebook : NotebookNode
        The executed pack notebook (chapters joined, parameters cells included).
    head, tail : sequence
        The pack's head and appendix tail
        (:func:`~lis_analytics.report.front_matter._front_matter`).
    build_dir : Path
        The pack's (temporary) build folder.
    chapters_meta : sequence of mapping
        Each chapter's ``chapter.json`` (``chapter_id`` and ``title``).
    frames : sequence of Frame
        The views to write (:func:`frame_pages`).

    Returns
    -------
    list of Path
        The pages written.
    """
    import nbformat

    from lis_analytics.report.assemble import export_html

    cells = [c for c in notebook.cells
             if not {"parameters", "injected-parameters"} & set(_tags(c))]
    titles = {m["title"]: m.get("chapter_id") for m in chapters_meta}
    written = []
    for frame in frames:
        page = nbformat.NotebookNode({**notebook, "cells": arrange_frame(
            frame, head, cells, tail, titles, [f for f in frames if f is not frame])})
        export_html(page, build_dir / frame.page)
        written.append(build_dir / frame.page)
    return written

