"""Static SVG charts for /stats/, drawn at build time with leather.

Why leather: pure Python with no dependencies (356 kB installed, 0.08 s to import, about
3 ms a chart), and it draws with SVG presentation attributes only, so a chart can sit inline
in a page whose Content-Security-Policy forbids inline styles and scripts. pygal (1.3 MB)
emits ``<style>`` and ``<script>`` that the policy blocks inline; matplotlib (35 MB with
numpy, 1.3 s to import) writes ``style=`` attributes and 18 kB for one small bar chart.

Each chart is an ``<svg role="img">`` named by its ``<title>`` and ``<desc>``; the page puts
a table of the same numbers beside it. Labels are the board's own words, and ElementTree
escapes whatever text reaches it.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence

import leather
from markupsafe import Markup

# The site's colours and fonts, set once: leather reads its theme module when drawing.
for _name in ("title", "legend", "axis_title", "tick"):
    setattr(leather.theme, f"{_name}_font_family", "system-ui, sans-serif")
leather.theme.background_color = "#ffffff"
leather.theme.tick_color = "#d9ddd5"
leather.theme.label_color = "#1b2330"
leather.theme.tick_font_size = 14
leather.theme.tick_font_char_width = 8
BAR_COLOUR = "#0b5d4b"
WIDTH = 420  # user units: at phone width the labels stay near their set size


def bars(chart_id: str, title: str, description: str, rows: Sequence[tuple[str, float]], unit: str = "") -> Markup:
    """Horizontal bars, one a label: counts by field, shares, pay."""
    chart = leather.Chart()
    top = _top(value for _, value in rows)
    chart.add_x_scale(0, top)
    chart.add_x_axis(ticks=_ticks(top), tick_formatter=lambda value, index, count: f"{value:g}{unit}")
    chart.add_bars([(value, label) for label, value in rows], fill_color=BAR_COLOUR)
    return _svg(chart, chart_id, title, description, WIDTH, 60 + 26 * len(rows))


def columns(
    chart_id: str, title: str, description: str, rows: Sequence[tuple[str, float]], label_every: int = 1, height: int = 240
) -> Markup:
    """Vertical columns in order: weeks, bands of days. ``label_every``: label only every n-th column, so labels never overlap."""
    chart = leather.Chart()
    top = _top(value for _, value in rows)
    chart.add_y_scale(0, top)
    chart.add_y_axis(ticks=_ticks(top), tick_formatter=lambda value, index, count: f"{value:g}")
    chart.add_x_axis(tick_formatter=lambda value, index, count: value if index % label_every == 0 else "")
    chart.add_columns(list(rows), fill_color=BAR_COLOUR)
    return _svg(chart, chart_id, title, description, WIDTH, height)


def _top(values: Iterable[float]) -> float:
    """The scale's end: a whole number, at least 1, so an empty board still draws an axis."""
    return float(math.ceil(max([1.0, *values])))


def _ticks(top: float) -> list[float]:
    """Whole-number ticks, at most six: counts have no halves."""
    step = max(1, math.ceil(top / 5))
    return [float(value) for value in range(0, int(top) + step, step)]


def _svg(chart: leather.Chart, chart_id: str, title: str, description: str, width: int, height: int) -> Markup:
    root = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {width} {height}",
            "role": "img",
            "aria-labelledby": f"{chart_id}-title {chart_id}-desc",
            "class": "chart-svg",
        },
    )
    ET.SubElement(root, "title", id=f"{chart_id}-title").text = title
    ET.SubElement(root, "desc", id=f"{chart_id}-desc").text = description
    root.append(chart.to_svg_group(width, height))
    return Markup(ET.tostring(root, encoding="unicode"))
