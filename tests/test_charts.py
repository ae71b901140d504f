"""Chart rendering: SVG cropped like matplotlib's tight bounding box, alt text required."""

from __future__ import annotations

import io
import re

import matplotlib
import pytest

from lis_analytics.present import charts


def _chart():
    fig, ax = charts.new_chart("Long labels stick out of the axes on the left",
                               "Measure, area, 2022")
    names = ["A district with a very long name indeed, longer than the margin", "Short"]
    ax.barh(names, [3.0, 5.0], label="2022")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))  # outside, on the right
    charts.add_source(fig, "Source: a test")
    return fig


def _size(svg: str) -> tuple[float, float, list[float]]:
    m = re.search(r'width="([\d.]+)pt" height="([\d.]+)pt" viewBox="([^"]+)"', svg)
    return float(m.group(1)), float(m.group(2)), [float(v) for v in m.group(3).split()]


def test_svg_is_cropped_like_a_tight_bounding_box():
    fig = _chart()
    buffer = io.BytesIO()
    with matplotlib.rc_context(charts.SVG_RC):
        fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    tight_w, tight_h, _ = _size(buffer.getvalue().decode())
    width, height, box = _size(charts.figure_svg(fig))
    assert width == pytest.approx(tight_w, abs=0.5)
    assert height == pytest.approx(tight_h, abs=0.5)
    assert box[0] < 0  # the long label sticks out of the figure and is kept
    assert width > fig.get_size_inches()[0] * 72  # so is the legend on the right


def test_svg_has_background_text_as_text_and_is_reproducible():
    first, second = charts.figure_svg(_chart()), charts.figure_svg(_chart())
    assert first == second  # no date, fixed ids: re-running a pack gives the same bytes
    assert "Long labels stick out of the axes on the left</text>" in first
    x0, y0 = _size(first)[2][:2]
    assert f'<rect x="{x0:.2f}" y="{y0:.2f}"' in first


def test_show_requires_alt_text():
    with pytest.raises(ValueError, match="alt text"):
        charts.show(_chart(), alt_text="  ")
