"""Server-rendered SVG charts of participation, shared by the overview page and the status report.

The functions are pure: they take plain Python data (labels and numbers, already translated) and
return SVG markup as a safe string, so the same chart appears in the browser and in a PDF
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

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

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

FONT = 'font-family="system-ui, sans-serif" font-size="12"'


def _svg(width: int, height: int, title: str, desc: str, body: list[str], uid: str) -> SafeString:
    # Every label and the title are escaped above; numbers and colours come from this module.
    return mark_safe(  # noqa: S308
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{uid}-title {uid}-desc" class="chart">'
        f'<title id="{uid}-title">{escape(title)}</title>'
        f'<desc id="{uid}-desc">{escape(desc)}</desc>' + "".join(body) + "</svg>"
    )


def _uid(title: str) -> str:
    return f"chart-{zlib.crc32(title.encode()):08x}"


def bar_chart(
    rows: list[tuple[str, int]], *, title: str, desc: str, width: int = 640, uid: str = ""
) -> SafeString:
    """Horizontal bars, one per ``(label, value)`` row, value written at the end of each bar."""
    uid = uid or _uid(title)
    label_width, bar_height, gap, top = 230, 22, 8, 8
    height = top + max(len(rows), 1) * (bar_height + gap) + 8
    maximum = max((value for _label, value in rows), default=0) or 1
    scale = (width - label_width - 60) / maximum
    body = []
    for index, (label, value) in enumerate(rows):
        y = top + index * (bar_height + gap)
        bar = max(value * scale, 1 if value else 0)
        colour = PALETTE[index % len(PALETTE)]
        body.append(
            f'<text x="{label_width - 8}" y="{y + bar_height * 0.7:.1f}" text-anchor="end" '
            f'{FONT} fill="#1a1a1a">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{bar:.1f}" height="{bar_height}" '
            f'fill="{colour}"/>'
            f'<text x="{label_width + bar + 6:.1f}" y="{y + bar_height * 0.7:.1f}" {FONT} '
            f'fill="#1a1a1a">{value}</text>'
        )
    return _svg(width, height, title, desc, body, uid)


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
    uid = uid or _uid(title)
    left, top, plot_height, legend_row = 40, 10, 200, 18
    totals = [sum(data.get(period, {}).values()) for period in periods]
    maximum = max(totals, default=0) or 1
    plot_width = width - left - 10
    column = plot_width / max(len(periods), 1)
    bar_width = max(min(column * 0.7, 60), 4)
    legend_top = top + plot_height + 30
    height = legend_top + ((len(series) + 1) // 2) * legend_row + 10
    body = [
        f'<line x1="{left}" y1="{top + plot_height}" x2="{width - 10}" '
        f'y2="{top + plot_height}" stroke="#1a1a1a"/>',
        f'<text x="{left - 6}" y="{top + 10}" text-anchor="end" {FONT} fill="#1a1a1a">'
        f"{maximum}</text>",
        f'<text x="{left - 6}" y="{top + plot_height}" text-anchor="end" {FONT} '
        f'fill="#1a1a1a">0</text>',
    ]
    for index, period in enumerate(periods):
        x = left + index * column + (column - bar_width) / 2
        y = top + plot_height
        for series_index, (key, _label) in enumerate(series):
            value = data.get(period, {}).get(key, 0)
            if not value:
                continue
            segment = value / maximum * plot_height
            y -= segment
            body.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_width:.1f}" height="{segment:.1f}" '
                f'fill="{PALETTE[series_index % len(PALETTE)]}"/>'
            )
        body.append(
            f'<text x="{x + bar_width / 2:.1f}" y="{top + plot_height + 16}" '
            f'text-anchor="middle" {FONT} fill="#1a1a1a">{escape(period)}</text>'
        )
    for series_index, (_key, label) in enumerate(series):
        x = left + (series_index % 2) * (plot_width / 2)
        y = legend_top + (series_index // 2) * legend_row
        body.append(
            f'<rect x="{x:.1f}" y="{y}" width="12" height="12" '
            f'fill="{PALETTE[series_index % len(PALETTE)]}"/>'
            f'<text x="{x + 18:.1f}" y="{y + 10}" {FONT} fill="#1a1a1a">{escape(label)}</text>'
        )
    return _svg(width, height, title, desc, body, uid)
