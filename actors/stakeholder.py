"""The stakeholder map: interest × influence of actors as an SVG string, drawn on the server.

``stakeholder_svg(actors)`` is pure (no request, no queries beyond reading the given objects'
``name``, ``kind``/``get_kind_display``, ``interest`` and ``influence``), so the same chart
appears on the internal page and in the status report PDF.
"""

import math
from collections import defaultdict
from collections.abc import Iterable

from django.utils.html import escape
from django.utils.translation import gettext as _

from .models import QUADRANT_THRESHOLD

WIDTH = 640
HEIGHT = 560
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 20, 60
PLOT_W = WIDTH - LEFT - RIGHT
PLOT_H = HEIGHT - TOP - BOTTOM
# The scale runs from 1 to 5; half a step of margin keeps the points off the frame.
LOW, HIGH = 0.5, 5.5
POINT_COLOUR = "#0a4fb4"
TEXT_COLOUR = "#1a1a1a"
QUADRANT_FILLS = ("#e8f0fb", "#f3f3f3", "#f3f3f3", "#fdf3e1")


def _x(value: float) -> float:
    return LEFT + (value - LOW) / (HIGH - LOW) * PLOT_W


def _y(value: float) -> float:
    return TOP + PLOT_H - (value - LOW) / (HIGH - LOW) * PLOT_H


def _offsets(count: int) -> tuple[list[tuple[float, float]], float]:
    """Positions around a cell centre for ``count`` actors with the same scores, and a radius."""
    cell = PLOT_W / (HIGH - LOW) * 0.8
    columns = max(1, math.ceil(math.sqrt(count)))
    spacing = min(16.0, cell / columns)
    radius = max(2.0, min(6.0, spacing * 0.4))
    rows = math.ceil(count / columns)
    offsets = []
    for index in range(count):
        row, column = divmod(index, columns)
        offsets.append(((column - (columns - 1) / 2) * spacing, (row - (rows - 1) / 2) * spacing))
    return offsets, radius


def _kind_label(actor) -> str:
    display = getattr(actor, "get_kind_display", None)
    return str(display()) if callable(display) else str(getattr(actor, "kind", ""))


def stakeholder_svg(actors: Iterable, *, title: str | None = None) -> str:
    """Render the actors on an interest × influence map; one ``<circle>`` group per actor."""
    actors = list(actors)
    title = title or _("Stakeholder map: interest and influence of the actors")
    mid_x, mid_y = _x(QUADRANT_THRESHOLD - 0.5), _y(QUADRANT_THRESHOLD - 0.5)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" role="img" aria-labelledby="stakeholder-title stakeholder-desc" '
        f'class="stakeholder-map" font-family="sans-serif" font-size="13">',
        f'<title id="stakeholder-title">{escape(title)}</title>',
        '<desc id="stakeholder-desc">'
        + escape(
            _(
                "%(count)s actors. Horizontal axis: interest from 1 (low) to 5 (high); "
                "vertical axis: influence from 1 (low) to 5 (high). The table below the "
                "chart lists the same data."
            )
            % {"count": len(actors)}
        )
        + "</desc>",
    ]
    # Quadrants: top right manage closely, top left keep satisfied, bottom right keep
    # informed, bottom left monitor.
    right, bottom = LEFT + PLOT_W, TOP + PLOT_H
    quadrants = [
        (mid_x, TOP, right - mid_x, mid_y - TOP, _("Manage closely"), "end", "start"),
        (LEFT, TOP, mid_x - LEFT, mid_y - TOP, _("Keep satisfied"), "start", "start"),
        (mid_x, mid_y, right - mid_x, bottom - mid_y, _("Keep informed"), "end", "end"),
        (LEFT, mid_y, mid_x - LEFT, bottom - mid_y, _("Monitor"), "start", "end"),
    ]
    parts.append('<g class="quadrants">')
    for (x, y, w, h, label, h_anchor, v_anchor), fill in zip(
        quadrants, QUADRANT_FILLS, strict=True
    ):
        tx = x + w - 8 if h_anchor == "end" else x + 8
        ty = y + 18 if v_anchor == "start" else y + h - 8
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{fill}" '
            f'stroke="#6c757d" stroke-width="1"/>'
            f'<text x="{tx:.1f}" y="{ty:.1f}" text-anchor="{h_anchor}" fill="{TEXT_COLOUR}" '
            f'font-weight="bold" class="quadrant-label">{escape(label)}</text>'
        )
    parts.append("</g>")
    # Axes with ticks 1–5.
    parts.append('<g class="axes" aria-hidden="true">')
    for value in range(1, 6):
        parts.append(
            f'<text x="{_x(value):.1f}" y="{bottom + 18}" text-anchor="middle" '
            f'fill="{TEXT_COLOUR}">{value}</text>'
            f'<text x="{LEFT - 10}" y="{_y(value) + 4:.1f}" text-anchor="end" '
            f'fill="{TEXT_COLOUR}">{value}</text>'
        )
    parts.append(
        f'<text x="{LEFT + PLOT_W / 2:.1f}" y="{HEIGHT - 12}" text-anchor="middle" '
        f'fill="{TEXT_COLOUR}">{escape(_("Interest"))} →</text>'
        f'<text x="18" y="{TOP + PLOT_H / 2:.1f}" text-anchor="middle" fill="{TEXT_COLOUR}" '
        f'transform="rotate(-90 18 {TOP + PLOT_H / 2:.1f})">{escape(_("Influence"))} →</text>'
    )
    parts.append("</g>")
    # Points; actors with the same scores share a cell and are spread on a small grid.
    cells = defaultdict(list)
    for actor in actors:
        cells[(actor.interest, actor.influence)].append(actor)
    parts.append('<g class="points">')
    for (interest, influence), group in sorted(cells.items()):
        offsets, radius = _offsets(len(group))
        for actor, (dx, dy) in zip(group, offsets, strict=True):
            label = _("%(name)s (%(kind)s): interest %(interest)s, influence %(influence)s") % {
                "name": actor.name,
                "kind": _kind_label(actor),
                "interest": interest,
                "influence": influence,
            }
            parts.append(
                f'<g class="point" data-actor="{escape(getattr(actor, "pk", "") or "")}">'
                f"<title>{escape(label)}</title>"
                f'<circle cx="{_x(interest) + dx:.1f}" cy="{_y(influence) + dy:.1f}" '
                f'r="{radius:.1f}" fill="{POINT_COLOUR}" stroke="#ffffff" stroke-width="1"/>'
                "</g>"
            )
    parts.append("</g></svg>")
    return "".join(parts)
