"""Server-rendered SVG charts of participation, shared by the overview page and the status report.

The functions are pure: they take plain Python data (labels and numbers, already translated) and
return SVG markup as a safe string, drawn by one auto-escaping template
(``participation/charts/_svg.html``), so the same chart appears in the browser and in a PDF
(WeasyPrint renders inline SVG). Every chart has ``role="img"``, a ``<title>`` and a ``<desc>``;
pages show a table with the same numbers next to it for screen readers and printing.

API::

    bar_chart([("Workshop", 4), ("Infostand", 2)], title="Veranstaltungen je Format",
              desc="…")  -> SafeString
    stacked_bar_chart(["2024", "2025"], [("school", "Schule"), ("association", "Verein")],
                      {"2024": {"school": 3}, "2025": {"school": 1, "association": 5}},
                      title="…", desc="…")  -> SafeString
"""

import zlib

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

# Colour-blind safe palette (Okabe–Ito), dark enough for 3:1 contrast against white.
PALETTE = [
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#8A6D00",
    "#56449E",
    "#A0522D",
    "#1F5F5F",
    "#B03060",
    "#4D4D4D",
    "#2E7D32",
]


def _n(value) -> str:
    """A coordinate as SVG wants it: a dot as decimal mark in every language, one decimal."""
    return f"{value:.1f}"


def _text(x, y, label, anchor="") -> dict:
    return {"x": _n(x), "y": _n(y), "label": label, "anchor": anchor}


def _rect(x, y, width, height, colour) -> dict:
    return {"x": _n(x), "y": _n(y), "width": _n(width), "height": _n(height), "colour": colour}


def _svg(width, height, *, title, desc, uid, texts=(), rects=(), lines=()) -> SafeString:
    return render_to_string(
        "participation/charts/_svg.html",
        {
            "uid": uid,
            "width": str(int(width)),
            "height": str(int(height)),
            "title": title,
            "desc": desc,
            "texts": texts,
            "rects": rects,
            "lines": lines,
        },
    )


def _uid(title: str) -> str:
    return f"chart-{zlib.crc32(str(title).encode()):08x}"


def bar_chart(
    items: list[tuple[str, int]], *, title: str, desc: str, width: int = 640, uid: str = ""
) -> SafeString:
    """Horizontal bars, one per ``(label, value)`` item, value written at the end of each bar."""
    label_width, bar_height, gap, top = 230, 22, 8, 8
    height = top + max(len(items), 1) * (bar_height + gap) + 8
    maximum = max((value for _label, value in items), default=0) or 1
    scale = (width - label_width - 60) / maximum
    texts, rects = [], []
    for index, (label, value) in enumerate(items):
        y = top + index * (bar_height + gap)
        bar = max(value * scale, 1 if value else 0)
        baseline = y + bar_height * 0.7
        texts.append(_text(label_width - 8, baseline, label, "end"))
        rects.append(_rect(label_width, y, bar, bar_height, PALETTE[index % len(PALETTE)]))
        texts.append(_text(label_width + bar + 6, baseline, str(value)))
    return _svg(
        width, height, title=title, desc=desc, uid=uid or _uid(title), texts=texts, rects=rects
    )


def _legend(series, *, left, top, width, row, into) -> None:
    """Two columns of coloured squares with the series' labels, below the plot."""
    rects, texts = into
    for index, (_key, label) in enumerate(series):
        x = left + (index % 2) * (width / 2)
        y = top + (index // 2) * row
        rects.append(_rect(x, y, 12, 12, PALETTE[index % len(PALETTE)]))
        texts.append(_text(x + 18, y + 10, label))


def _segments(values, x, axis, width, maximum, plot_height) -> list[dict]:
    """One column: a coloured segment per non-zero value, stacked up from the axis in order."""
    rects, y = [], axis
    for series_index, value in enumerate(values):
        if value:
            segment = value / maximum * plot_height
            y -= segment
            rects.append(_rect(x, y, width, segment, PALETTE[series_index % len(PALETTE)]))
    return rects


def stacked_bar_chart(
    periods: list[str],
    series: list[tuple[str, str]],
    data: dict[str, dict[str, int]],
    *,
    title: str,
    desc: str,
    width: int = 640,
    uid: str = "",
) -> SafeString:
    """Vertical stacked columns: one column per period, one coloured segment per series key.

    ``series`` is a list of ``(key, label)``; ``data[period][key]`` the value (missing = 0).
    A legend below the columns names every series.
    """
    left, top, plot_height, legend_row = 40, 10, 200, 18
    totals = [sum(data.get(period, {}).values()) for period in periods]
    maximum = max(totals, default=0) or 1
    plot_width = width - left - 10
    column = plot_width / max(len(periods), 1)
    bar_width = max(min(column * 0.7, 60), 4)
    legend_top = top + plot_height + 30
    height = legend_top + ((len(series) + 1) // 2) * legend_row + 10
    axis = top + plot_height
    lines = [{"x1": _n(left), "y1": _n(axis), "x2": _n(width - 10), "y2": _n(axis)}]
    texts = [_text(left - 6, top + 10, str(maximum), "end"), _text(left - 6, axis, "0", "end")]
    rects = []
    for index, period in enumerate(periods):
        x = left + index * column + (column - bar_width) / 2
        values = [data.get(period, {}).get(key, 0) for key, _label in series]
        rects += _segments(values, x, axis, bar_width, maximum, plot_height)
        texts.append(_text(x + bar_width / 2, axis + 16, period, "middle"))
    _legend(
        series, left=left, top=legend_top, width=plot_width, row=legend_row, into=(rects, texts)
    )
    return _svg(
        width,
        height,
        title=title,
        desc=desc,
        uid=uid or _uid(title),
        texts=texts,
        rects=rects,
        lines=lines,
    )
