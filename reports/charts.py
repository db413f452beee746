"""Small server-side SVG charts for reports, used where no shared chart of another app exists.

Each function returns an accessible SVG string (``role="img"``, ``<title>``, ``<desc>``); the
report templates always print the same data as a table next to it.
"""

import datetime
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


def gantt_svg(rows, *, today: datetime.date, title: str, desc: str) -> str:
    """Planned (outlined) against actual (filled) bars, one row per measure.

    ``rows`` are dicts with ``title``, ``planned_start``, ``planned_end``, ``actual_start``,
    ``actual_end`` as ``date`` or ``None``.
    """
    dates = [
        d
        for row in rows
        for d in (row["planned_start"], row["planned_end"], row["actual_start"], row["actual_end"])
        if d
    ]
    if not dates:
        return ""
    first_year = min(min(dates).year, today.year)
    last_year = max(max(dates).year, today.year)
    start = datetime.date(first_year, 1, 1)
    end = datetime.date(last_year + 1, 1, 1)
    total_days = (end - start).days
    label_w, chart_w, row_h, top = 190, 460, 16, 22
    width = label_w + chart_w + 10
    height = top + row_h * len(rows) + 10

    def x(day):
        return label_w + chart_w * (day - start).days / total_days

    parts = [_svg_open(width, height, title, desc)]
    for year in range(first_year, last_year + 1):
        left = x(datetime.date(year, 1, 1))
        parts.append(
            f'<line x1="{left:.1f}" y1="{top - 4}" x2="{left:.1f}" y2="{height - 6}" '
            'stroke="#bbb" stroke-width="0.5"/>'
            f'<text x="{left + 3:.1f}" y="{top - 8}" fill="#333">{year}</text>'
        )
    for i, row in enumerate(rows):
        y = top + i * row_h
        label = row["title"] if len(row["title"]) <= 34 else row["title"][:33] + "…"
        parts.append(f'<text x="0" y="{y + 11}" fill="#222">{escape(label)}</text>')
        ps, pe = row["planned_start"], row["planned_end"] or row["planned_start"]
        if ps:
            parts.append(
                f'<rect x="{x(ps):.1f}" y="{y + 2}" width="{max(x(pe) - x(ps), 2):.1f}" '
                f'height="12" fill="none" stroke="{COLOURS[0]}" stroke-width="1"/>'
            )
        as_, ae = row["actual_start"], row["actual_end"] or (today if row["actual_start"] else None)
        if as_ and ae:
            parts.append(
                f'<rect x="{x(as_):.1f}" y="{y + 5}" width="{max(x(ae) - x(as_), 2):.1f}" '
                f'height="6" fill="{COLOURS[1]}"/>'
            )
    if start <= today < end:
        tx = x(today)
        parts.append(
            f'<line x1="{tx:.1f}" y1="{top - 4}" x2="{tx:.1f}" y2="{height - 6}" '
            'stroke="#b71c1c" stroke-width="1" stroke-dasharray="3,2"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


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


def horizontal_bar_svg(items, *, title: str, desc: str) -> str:
    """One horizontal bar per (label, count)."""
    if not items or max(count for _label, count in items) <= 0:
        return ""
    peak = max(count for _label, count in items)
    label_w, chart_w, row_h = 200, 380, 18
    width = label_w + chart_w + 50
    height = row_h * len(items) + 8
    parts = [_svg_open(width, height, title, desc)]
    for i, (label, count) in enumerate(items):
        y = 4 + i * row_h
        w = chart_w * count / peak
        parts.append(
            f'<text x="0" y="{y + 12}" fill="#222">{escape(str(label))[:36]}</text>'
            f'<rect x="{label_w}" y="{y + 2}" width="{max(w, 1):.1f}" height="12" '
            f'fill="{COLOURS[0]}"/>'
            f'<text x="{label_w + w + 4:.1f}" y="{y + 12}" fill="#222">{count}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
