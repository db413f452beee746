"""The KuF bar chart of the reports (no other app draws one); other charts come from the apps.

Each function returns an accessible SVG string (``role="img"``, ``<title>``, ``<desc>``); the
report templates always print the same data as a table next to it.
"""

from decimal import Decimal

from django.utils.html import escape

from .formatting import format_eur

COLOURS = ["#1f5f8b", "#c26b00", "#2e7d32", "#6a1b9a", "#b71c1c", "#455a64"]


def _svg_open(width, height, title, desc):
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="DejaVu Sans, sans-serif" font-size="10">'
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>"
    )


def grouped_bar_svg(groups, series, *, title: str, desc: str, money: bool = False) -> str:
    """Vertical grouped bars: ``groups`` = [(label, [value per series])], ``series`` = labels."""
    values = [Decimal(v) for _label, vals in groups for v in vals]
    if not values or max(values) <= 0:
        return ""
    peak = max(values)
    chart_h, top, left, bottom = 160, 24, 10, 36
    group_w = max(40, min(110, 620 // max(len(groups), 1)))
    bar_w = (group_w - 12) / max(len(series), 1)
    width = left + group_w * len(groups) + 10
    height = top + chart_h + bottom
    parts = [_svg_open(width, height, title, desc)]
    for s, name in enumerate(series):
        parts.append(
            f'<rect x="{left + s * 150}" y="2" width="10" height="10" '
            f'fill="{COLOURS[s % len(COLOURS)]}"/>'
            f'<text x="{left + s * 150 + 14}" y="11" fill="#222">{escape(name)}</text>'
        )
    base = top + chart_h
    parts.append(
        f'<line x1="{left}" y1="{base}" x2="{width - 10}" y2="{base}" stroke="#333" '
        'stroke-width="0.7"/>'
    )
    for g, (label, vals) in enumerate(groups):
        gx = left + g * group_w + 6
        for s, value in enumerate(vals):
            h = float(Decimal(value) / peak) * chart_h
            parts.append(
                f'<rect x="{gx + s * bar_w:.1f}" y="{base - h:.1f}" width="{bar_w - 1:.1f}" '
                f'height="{h:.1f}" fill="{COLOURS[s % len(COLOURS)]}">'
                f"<title>{escape(label)} – {escape(series[s])}: "
                f"{escape(format_eur(value) if money else str(value))}</title></rect>"
            )
        parts.append(
            f'<text x="{gx + (group_w - 12) / 2:.1f}" y="{base + 14}" text-anchor="middle" '
            f'fill="#222">{escape(str(label))[:16]}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
