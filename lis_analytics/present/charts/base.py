"""Charts in the Government Analysis Function style, with titles, source lines and alt text.

Every chart states its finding in the title, gives measure, geography and period in the
subtitle, names its source in words, and carries alt text into the HTML export (see the
``lis_pack`` nbconvert template, which reads it from the output metadata).
"""

from __future__ import annotations

import io
import re
import textwrap
from importlib import resources

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.colors import to_hex, to_rgba  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from lis_analytics.present.text.words import possessive  # noqa: E402,F401  (chart titles)

#: Analysis Function categorical palette (accessible, in order of use).
AF_COLOURS: tuple[str, ...] = ("#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1")
AF_DARK_BLUE, AF_TURQUOISE, AF_PLUM, AF_ORANGE, AF_GREY, AF_LILAC = AF_COLOURS
AF_LIGHT_GREY = "#BFBFBF"


def use_style() -> None:
    """Apply the afcharts matplotlib style (falls back to matplotlib defaults if missing)."""
    try:
        style = resources.files("afcharts").joinpath("afcharts.mplstyle")
        plt.style.use(str(style))
    except (ModuleNotFoundError, FileNotFoundError, OSError):  # pragma: no cover
        pass
    plt.rcParams.update({"font.size": 11, "figure.dpi": 100, "savefig.dpi": 96,
                         "axes.titlesize": 12})


def new_chart(title: str, subtitle: str, *, figsize: tuple[float, float] = (9.0, 5.0),
              nrows: int = 1, ncols: int = 1):
    """Create a figure with a left-aligned finding title and a subtitle.

    Parameters
    ----------
    title
        The main finding, in a sentence ("Productivity is 12% below the UK average").
    subtitle
        Measure, geography and period ("GVA per hour worked, £, current prices, 2022").

    Returns
    -------
    (Figure, Axes or array of Axes)

    Examples
    --------
    >>> fig, ax = new_chart("A finding", "Measure, area, 2022")
    >>> fig.texts[0].get_text()
    'A finding'
    """
    use_style()
    fig, ax = plt.subplots(nrows, ncols, figsize=figsize)
    width_chars = int(figsize[0] * 7.4)  # 14pt bold: about 7.4 characters per inch
    title_lines = textwrap.wrap(title, width_chars) or [""]
    subtitle_lines = textwrap.wrap(subtitle, int(width_chars * 1.25)) or [""]
    line = 0.26 / figsize[1]  # height of a 14pt line as a fraction of the figure
    fig.text(0.01, 0.985, "\n".join(title_lines), ha="left", va="top", fontsize=14,
             fontweight="bold")
    sub_top = 0.985 - line * len(title_lines) - 0.01
    fig.text(0.01, sub_top, "\n".join(subtitle_lines), ha="left", va="top", fontsize=11,
             color="#3D3D3D")
    top = sub_top - line * 0.85 * len(subtitle_lines) - 0.05
    fig.subplots_adjust(top=top, bottom=0.16, left=0.1, right=0.97)
    return fig, ax


def add_source(fig: Figure, source: str) -> None:
    """Write the source line in words at the foot of the figure."""
    text = source if source.lower().startswith("source") else f"Source: {source}"
    width_chars = int(fig.get_figwidth() * 12.5)  # 9pt: about 12.5 characters per inch
    fig.text(0.01, 0.01, "\n".join(textwrap.wrap(text, width_chars)), ha="left", va="bottom",
             fontsize=9, color="#3D3D3D")


#: SVG settings: text stays text (sharp at any zoom, searchable, and about twice as fast to
#: render as a PNG) and element ids are fixed, so re-running a pack gives the same bytes.
SVG_RC = {"svg.fonttype": "none", "svg.hashsalt": "lis-analytics"}

_SVG_SIZE = re.compile(r'width="[^"]*" height="[^"]*" viewBox="[^"]*"')
_SVG_OPEN = re.compile(r"(<svg [^>]*>)")


def figure_svg(fig: Figure) -> str:
    """Render a figure to SVG text (and close it).

    Text is kept as text in the AF font list (Arial first), the picture is cropped to
    everything drawn (long axis labels and outside legends stay in, as with
    ``bbox_inches="tight"``) and no date is written.

    matplotlib's tight bounding box draws the figure twice, and the text layout is the
    costly part of a chart; here the figure is drawn once and measured with the same
    renderer, and the SVG's ``viewBox`` is set to the padded bounding box (with the
    figure's background colour behind it), which gives the same picture in half the time.

    Examples
    --------
    >>> fig, ax = new_chart("A finding", "Measure, area, 2022")
    >>> svg = figure_svg(fig)
    >>> svg.lstrip().startswith("<?xml") and "A finding</text>" in svg
    True
    """
    measured = {}
    draw = fig.draw

    def draw_and_measure(renderer):
        result = draw(renderer)
        measured["bbox"] = fig.get_tightbbox(renderer)
        return result

    fig.draw = draw_and_measure  # the SVG backend calls figure.draw(renderer) once
    buffer = io.BytesIO()
    try:
        with matplotlib.rc_context(SVG_RC):
            fig.savefig(buffer, format="svg", metadata={"Date": None})
            pad = matplotlib.rcParams["savefig.pad_inches"]
    finally:
        del fig.draw
    svg = buffer.getvalue().decode("utf-8")
    if "bbox" not in measured or not _SVG_SIZE.search(svg):  # pragma: no cover - mpl changed
        buffer = io.BytesIO()
        with matplotlib.rc_context(SVG_RC):
            fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
        plt.close(fig)
        return buffer.getvalue().decode("utf-8")
    bbox = measured["bbox"].padded(pad)
    x0, y0 = bbox.x0 * 72, (fig.get_size_inches()[1] - bbox.y1) * 72  # SVG y runs down
    width, height = bbox.width * 72, bbox.height * 72
    box = f"{x0:.2f} {y0:.2f} {width:.2f} {height:.2f}"
    svg = _SVG_SIZE.sub(f'width="{width:.2f}pt" height="{height:.2f}pt" viewBox="{box}"', svg,
                        count=1)
    face = to_rgba(fig.get_facecolor())
    if face[3] > 0:  # the figure's background, extended to labels outside the figure
        background = (f'<rect x="{x0:.2f}" y="{y0:.2f}" width="{width:.2f}" '
                      f'height="{height:.2f}" fill="{to_hex(face)}"/>')
        svg = _SVG_OPEN.sub(lambda m: f"{m.group(1)}\n {background}", svg, count=1)
    plt.close(fig)
    return svg


def show(fig: Figure, alt_text: str) -> None:
    """Display a figure in a notebook as SVG with its alt text in the output metadata.

    The ``lis_pack`` HTML template writes the metadata's ``alt`` into the ``<img>`` tag,
    which nbconvert's default templates drop.
    """
    from IPython.display import display

    if not alt_text or not alt_text.strip():
        raise ValueError("every chart needs alt text describing what it shows")
    display({"image/svg+xml": figure_svg(fig), "text/plain": f"[Chart: {alt_text}]"},
            raw=True, metadata={"image/svg+xml": {"alt": alt_text}})


def spread_labels(values: list[float], min_gap: float) -> list[float]:
    """Nudge label positions apart so that no two are closer than ``min_gap``.

    Keeps the order of the values and moves labels as little as possible (a simple
    one-dimensional repel used for direct labels at the end of lines).

    Examples
    --------
    >>> spread_labels([10.0, 10.2, 20.0], min_gap=1.0)
    [9.6, 10.6, 20.0]
    """
    order = sorted(range(len(values)), key=lambda i: values[i])
    placed = [values[i] for i in order]
    for _ in range(50):
        moved = False
        for j in range(1, len(placed)):
            overlap = min_gap - (placed[j] - placed[j - 1])
            if overlap > 1e-12:
                placed[j - 1] -= overlap / 2
                placed[j] += overlap / 2
                moved = True
        if not moved:
            break
    out = [0.0] * len(values)
    for rank, i in enumerate(order):
        out[i] = round(placed[rank], 10)
    return out


def label_line_ends(ax, x: float, ends: dict[str, tuple[float, str]],
                    min_gap_fraction: float = 0.045) -> None:
    """Label lines directly at their right-hand end, nudging labels apart to avoid overlaps.

    Parameters
    ----------
    ax
        Matplotlib axes.
    x
        x position of the line ends.
    ends
        ``{label: (y value at the end, colour)}``.
    """
    low, high = ax.get_ylim()
    names = list(ends)
    ys = spread_labels([ends[n][0] for n in names], (high - low) * min_gap_fraction)
    for name, y in zip(names, ys, strict=True):
        ax.annotate(name, (x, ends[name][0]), xytext=(x, y), textcoords="data",
                    color=ends[name][1], va="center", fontsize=10,
                    xycoords="data", annotation_clip=False)
