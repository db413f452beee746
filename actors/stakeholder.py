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

from .models import QUADRANT_THRESHOLD, ActorKind

# Kind -> (colour, shape, filled). Colours from the Okabe–Ito palette and darker tones; every
# kind also has its own shape/fill, so colour is never the only difference.
KIND_STYLES = {
    ActorKind.ASSOCIATION: ("#0072b2", "circle", True),
    ActorKind.SOCIAL_AGENCY: ("#b85c00", "square", True),
    ActorKind.SCHOOL: ("#007a5a", "triangle", True),
    ActorKind.HOUSING: ("#c23b00", "diamond", True),
    ActorKind.BUSINESS: ("#a6478a", "triangle_down", True),
    ActorKind.RELIGIOUS: ("#2f7fb5", "cross", True),
    ActorKind.CITY_DEPARTMENT: ("#000000", "circle", False),
    ActorKind.POLITICS: ("#6a3d9a", "square", False),
    ActorKind.INITIATIVE: ("#8c564b", "triangle", False),
    ActorKind.RESIDENT: ("#555555", "diamond", False),
    ActorKind.OTHER: ("#9a6b00", "triangle_down", False),
}
DEFAULT_STYLE = ("#555555", "circle", False)
LEGEND_COLUMNS, LEGEND_ROW, LEGEND_GAP = 3, 20, 14

WIDTH = 640
HEIGHT = 560
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 20, 60
PLOT_W = WIDTH - LEFT - RIGHT
PLOT_H = HEIGHT - TOP - BOTTOM
# The scale runs from 1 to 5; half a step of margin keeps the points off the frame.
LOW, HIGH = 0.5, 5.5
TEXT_COLOUR = "#1a1a1a"
QUADRANT_FILLS = ("#e8f0fb", "#f3f3f3", "#f3f3f3", "#fdf3e1")


def _x(value: float) -> float:
    return LEFT + (value - LOW) / (HIGH - LOW) * PLOT_W


def _y(value: float) -> float:
    return TOP + PLOT_H - (value - LOW) / (HIGH - LOW) * PLOT_H


def _offsets(count: int) -> tuple[list[tuple[float, float]], float, float]:
    """Positions around a cell centre for ``count`` actors with the same scores, and a radius."""
    cell = PLOT_W / (HIGH - LOW) * 0.8
    columns = max(1, math.ceil(math.sqrt(count)))
    spacing = min(16.0, cell / columns)
    radius = max(2.0, min(6.0, spacing * 0.32))
    rows = math.ceil(count / columns)
    offsets = []
    for index in range(count):
        row, column = divmod(index, columns)
        offsets.append(((column - (columns - 1) / 2) * spacing, (row - (rows - 1) / 2) * spacing))
    return offsets, radius, spacing


def _kind_label(actor) -> str:
    display = getattr(actor, "get_kind_display", None)
    return str(display()) if callable(display) else str(getattr(actor, "kind", ""))


def marker(kind: str, cx: float, cy: float, r: float) -> str:
    """The SVG shape of one actor kind, centred on (cx, cy)."""
    colour, shape, filled = KIND_STYLES.get(kind, DEFAULT_STYLE)
    paint = f'fill="{colour if filled else "#ffffff"}" stroke="{colour}" stroke-width="2"'
    if shape == "circle":
        return f'<circle class="marker" cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}" {paint}/>'
    if shape == "square":
        side = r * 1.7
        return (
            f'<rect class="marker" x="{cx - side / 2:.1f}" y="{cy - side / 2:.1f}" '
            f'width="{side:.1f}" height="{side:.1f}" {paint}/>'
        )
    points = {
        "triangle": [(0, -1.25), (1.1, 0.75), (-1.1, 0.75)],
        "triangle_down": [(0, 1.25), (1.1, -0.75), (-1.1, -0.75)],
        "diamond": [(0, -1.3), (1.3, 0), (0, 1.3), (-1.3, 0)],
        "cross": [
            (-0.4, -1.2), (0.4, -1.2), (0.4, -0.4), (1.2, -0.4), (1.2, 0.4), (0.4, 0.4),
            (0.4, 1.2), (-0.4, 1.2), (-0.4, 0.4), (-1.2, 0.4), (-1.2, -0.4), (-0.4, -0.4),
        ],
    }[shape]  # fmt: skip
    coords = " ".join(f"{cx + dx * r:.1f},{cy + dy * r:.1f}" for dx, dy in points)
    return f'<polygon class="marker" points="{coords}" {paint}/>'


def stakeholder_key(actors: Iterable) -> list[dict]:
    """The legend table of the numbers on the map: number, name and kind, in the list's order."""
    return [
        {"number": number, "name": actor.name, "kind": _kind_label(actor)}
        for number, actor in enumerate(actors, start=1)
    ]


def _legend(actors: list, top: float) -> list[str]:
    present = {actor.kind for actor in actors}
    kinds = [(kind, label) for kind, label in ActorKind.choices if kind in present]
    width = (WIDTH - LEFT) / LEGEND_COLUMNS
    parts = ['<g class="legend">']
    for index, (kind, label) in enumerate(kinds):
        row, column = divmod(index, LEGEND_COLUMNS)
        x, y = LEFT + column * width, top + row * LEGEND_ROW
        parts.append(
            marker(kind, x + 6, y - 4, 5)
            + f'<text x="{x + 16:.1f}" y="{y:.1f}" fill="{TEXT_COLOUR}">{escape(label)}</text>'
        )
    parts.append("</g>")
    return parts


def _point(actor, number: int, x: float, y: float, radius: float, spacing: float, links: bool):
    label = _("%(name)s (%(kind)s): interest %(interest)s, influence %(influence)s") % {
        "name": actor.name,
        "kind": _kind_label(actor),
        "interest": actor.interest,
        "influence": actor.influence,
    }
    number_label = _("No. %(number)s") % {"number": number}
    pk = escape(getattr(actor, "pk", "") or "")
    hit = max(radius + 2, spacing / 2)  # a transparent target large enough for a finger
    body = (
        f"<title>{escape(label)} – {escape(number_label)}</title>"
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{hit:.1f}" fill="#ffffff" fill-opacity="0"/>'
        + marker(getattr(actor, "kind", ""), x, y, radius)
    )
    if spacing >= 14:
        body += (
            f'<text x="{x + radius + 1.5:.1f}" y="{y - radius + 1:.1f}" font-size="9" '
            f'fill="{TEXT_COLOUR}" aria-hidden="true">{number}</text>'
        )
    if links and pk:
        body = f'<a href="#stakeholder-actor-{pk}">{body}</a>'
    return f'<g class="point" data-actor="{pk}" data-number="{number}">{body}</g>'


def _header(actors: list, title: str, height: float, links: bool) -> list[str]:
    role = "group" if links else "img"  # links inside an image would be nested controls
    description = _(
        "%(count)s actors. Horizontal axis: interest from 1 (low) to 5 (high); "
        "vertical axis: influence from 1 (low) to 5 (high). The table below the "
        "chart lists the same data."
    ) % {"count": len(actors)}
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="{role}" aria-labelledby="stakeholder-title stakeholder-desc" '
        f'class="stakeholder-map" font-family="sans-serif" font-size="13">',
        f'<title id="stakeholder-title">{escape(title)}</title>',
        f'<desc id="stakeholder-desc">{escape(description)}</desc>',
    ]


def _quadrants() -> list[str]:
    """Top right manage closely, top left keep satisfied, bottom right keep informed,
    bottom left monitor."""
    mid_x, mid_y = _x(QUADRANT_THRESHOLD - 0.5), _y(QUADRANT_THRESHOLD - 0.5)
    right, bottom = LEFT + PLOT_W, TOP + PLOT_H
    quadrants = [
        (mid_x, TOP, right - mid_x, mid_y - TOP, _("Manage closely"), "end", "start"),
        (LEFT, TOP, mid_x - LEFT, mid_y - TOP, _("Keep satisfied"), "start", "start"),
        (mid_x, mid_y, right - mid_x, bottom - mid_y, _("Keep informed"), "end", "end"),
        (LEFT, mid_y, mid_x - LEFT, bottom - mid_y, _("Monitor"), "start", "end"),
    ]
    parts = ['<g class="quadrants">']
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
    return parts


def _axes() -> list[str]:
    """Axes with ticks 1–5."""
    bottom = TOP + PLOT_H
    parts = ['<g class="axes" aria-hidden="true">']
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
    return parts


def _points(actors: list, links: bool) -> list[str]:
    """Actors with the same scores share a cell and are spread on a small grid."""
    cells = defaultdict(list)
    for actor in actors:
        cells[(actor.interest, actor.influence)].append(actor)
    numbers = {id(actor): number for number, actor in enumerate(actors, start=1)}
    parts = ['<g class="points">']
    for (interest, influence), group in sorted(cells.items()):
        offsets, radius, spacing = _offsets(len(group))
        for actor, (dx, dy) in zip(group, offsets, strict=True):
            x, y = _x(interest) + dx, _y(influence) + dy
            parts.append(_point(actor, numbers[id(actor)], x, y, radius, spacing, links))
    parts.append("</g>")
    return parts


def stakeholder_svg(actors: Iterable, *, title: str | None = None, links: bool = False) -> str:
    """Render the actors on an interest × influence map; one numbered group per actor."""
    actors = list(actors)
    legend_rows = math.ceil(len({actor.kind for actor in actors}) / LEGEND_COLUMNS)
    height = HEIGHT + (LEGEND_GAP + legend_rows * LEGEND_ROW if actors else 0)
    title = title or _("Stakeholder map: interest and influence of the actors")
    parts = _header(actors, title, height, links) + _quadrants() + _axes()
    parts += _points(actors, links)
    if actors:
        parts += _legend(actors, HEIGHT + LEGEND_GAP)
    parts.append("</svg>")
    return "".join(parts)
