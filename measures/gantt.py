"""Gantt chart of measures as server-rendered SVG, shared by the web pages and the PDF reports.

API::

    gantt_svg(measures, *, today: date, title: str, id_prefix: str = "gantt") -> str
    gantt_rows(measures) -> list[GanttGroup]   # the same grouping, for the table alternative
    gantt_summary_svg(groups, *, today, title, id_prefix) -> str   # one bar per field of action

``measures`` are ``Measure`` objects with ``action_fields`` and ``milestones`` prefetched
(``Measure.objects.for_concept(version)``); each measure is drawn under its first field of action.
The chart shows per measure one planned bar (``class="bar-planned"``), the actual bar over it
(``class="bar-actual"``, running measures up to ``today``), milestones as diamonds (filled when
done), a dashed today line and a year axis. The SVG has ``role="img"`` with ``<title>`` and
``<desc>``; pages must also offer a table (see ``gantt_rows``). Text is 12 units high; pages
show the chart in a horizontally scrolling box at its natural width (``.chart`` in site.css), so
labels stay at least 12 px on a phone. ``id_prefix`` must be unique on the page.
"""

import datetime
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.translation import gettext as _

from ihk.formatting import format_date

from .models import MeasureStatus

LABEL_WIDTH = 280
CHART_WIDTH = 620
WIDTH = LABEL_WIDTH + CHART_WIDTH + 20
AXIS_HEIGHT = 34
GROUP_HEIGHT = 26
ROW_HEIGHT = 24
PLANNED_FILL = "#9ec5fe"
PLANNED_STROKE = "#0a58ca"
ACTUAL_FILL = "#052c65"
MILESTONE_FILL = "#842029"
TODAY_COLOUR = "#b02a37"
TEXT_COLOUR = "#212529"
LEGEND_HEIGHT = 30


@dataclass
class GanttGroup:
    title: str
    measures: list = field(default_factory=list)


def gantt_rows(measures) -> list[GanttGroup]:
    """Measures grouped by their first field of action, fields in their order, then untied.

    A measure of ``overview.measures_of_page`` brings its ``listed_field``; others are grouped
    by ``primary_action_field()`` (prefetched links)."""
    groups: dict = {}
    for measure in measures:
        if hasattr(measure, "listed_field"):
            first = measure.listed_field
        else:
            first = measure.primary_action_field()
        key = (first.order, first.pk) if first else (10**6, 0)
        title = first.title if first else _("Without field of action")
        groups.setdefault(key, GanttGroup(title=title)).measures.append(measure)
    result = [groups[key] for key in sorted(groups)]
    for group in result:
        group.measures.sort(key=lambda m: (m.planned_start or datetime.date.max, m.title.lower()))
    return result


def _actual_end(measure, today):
    if measure.actual_end:
        return measure.actual_end
    if measure.actual_start and measure.status in (
        MeasureStatus.RUNNING,
        MeasureStatus.PREPARATION,
    ):
        return max(today, measure.actual_start)
    return measure.actual_start


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Scale:
    """Whole years from the earliest to the latest date, mapped onto the chart's width."""

    def __init__(self, dates: list[datetime.date]):
        self.start = datetime.date(min(dates).year, 1, 1)
        self.end = datetime.date(max(dates).year + 1, 1, 1)
        self.span = (self.end - self.start).days or 1

    def x(self, day: datetime.date) -> float:
        return round(LABEL_WIDTH + (day - self.start).days / self.span * CHART_WIDTH, 1)

    def years(self) -> range:
        return range(self.start.year, self.end.year)


def _svg_open(*, id_prefix: str, title: str, desc: str, height: int) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="gantt" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'aria-labelledby="{id_prefix}-title {id_prefix}-desc" font-family="sans-serif" '
        f'font-size="12">',
        f'<title id="{id_prefix}-title">{escape(title)}</title>',
        f'<desc id="{id_prefix}-desc">{escape(desc)}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]


def _year_axis(scale: _Scale, bottom: int) -> str:
    """A label and a grid line per year."""
    out = ['<g class="axis">']
    for year in scale.years():
        x0 = scale.x(datetime.date(year, 1, 1))
        x1 = scale.x(datetime.date(year + 1, 1, 1))
        out.append(
            f'<line x1="{x0}" y1="{AXIS_HEIGHT - 6}" x2="{x0}" y2="{bottom}" '
            f'stroke="#ced4da" stroke-width="1"/>'
            f'<text x="{round((x0 + x1) / 2, 1)}" y="{AXIS_HEIGHT - 14}" text-anchor="middle" '
            f'fill="{TEXT_COLOUR}">{year}</text>'
        )
    out.append("</g>")
    return "\n".join(out)


def _planned_bar(scale: _Scale, first, last, y: int) -> str:
    if not (first and last):
        return ""
    x0, x1 = scale.x(first), scale.x(last)
    return (
        f'<rect class="bar-planned" x="{x0}" y="{y + 5}" width="{max(x1 - x0, 2)}" '
        f'height="14" rx="2" fill="{PLANNED_FILL}" stroke="{PLANNED_STROKE}" stroke-width="1"/>'
    )


def _today_line(scale: _Scale, today: datetime.date, bottom: int) -> str:
    x_today = scale.x(today)
    return (
        f'<line class="today" x1="{x_today}" y1="{AXIS_HEIGHT - 4}" x2="{x_today}" '
        f'y2="{bottom}" stroke="{TODAY_COLOUR}" stroke-width="1.5" stroke-dasharray="4 3"/>\n'
        + _today_label(x_today, escape(_("Today")))
    )


def _measure_row(measure, scale: _Scale, y: int, *, today, label: str) -> str:
    """One measure: its label, planned and actual bars and milestones."""
    out = [
        f'<g class="measure" data-measure="{measure.pk}">',
        f"<title>{escape(measure.title)}</title>",
        f'<text x="12" y="{y + 16}" fill="{TEXT_COLOUR}">{escape(label)}</text>',
        _planned_bar(scale, measure.planned_start, measure.planned_end, y),
    ]
    actual_end = _actual_end(measure, today)
    if measure.actual_start and actual_end:
        x0, x1 = scale.x(measure.actual_start), scale.x(actual_end)
        out.append(
            f'<rect class="bar-actual" x="{x0}" y="{y + 9}" '
            f'width="{max(x1 - x0, 2)}" height="6" fill="{ACTUAL_FILL}"/>'
        )
    for milestone in measure.milestones.all():
        cx, cy = scale.x(milestone.due_on), y + 12
        fill = MILESTONE_FILL if milestone.done else "#ffffff"
        out.append(
            f'<polygon class="milestone" points="{cx},{cy - 6} {cx + 6},{cy} '
            f'{cx},{cy + 6} {cx - 6},{cy}" fill="{fill}" stroke="{MILESTONE_FILL}" '
            f'stroke-width="1.5"><title>{escape(milestone.title)} '
            f"({format_date(milestone.due_on)})</title></polygon>"
        )
    out.append("</g>")
    return "\n".join(part for part in out if part)


def _measure_dates(groups, today) -> list[datetime.date]:
    dates = [today]
    for group in groups:
        for m in group.measures:
            dates += [
                d for d in (m.planned_start, m.planned_end, m.actual_start, m.actual_end) if d
            ]
            dates += [ms.due_on for ms in m.milestones.all()]
    return dates


def gantt_svg(
    measures,
    *,
    today: datetime.date,
    title: str,
    id_prefix: str = "gantt",
    row_label: str | None = None,
) -> str:
    """Render the measures' timelines as an accessible SVG document fragment.

    ``row_label`` replaces the (shortened) measure titles, e.g. on a measure's own page, whose
    heading already shows the full title."""
    groups = gantt_rows(measures)
    scale = _Scale(_measure_dates(groups, today))
    count = sum(len(g.measures) for g in groups)
    legend_y = AXIS_HEIGHT + len(groups) * GROUP_HEIGHT + count * ROW_HEIGHT + 10
    desc = _(
        "Timeline of %(count)s measures from %(start)s to %(end)s, grouped by field of action. "
        "Light bars show the planned period, dark bars the actual period, diamonds the "
        "milestones (filled when done), the dashed line today."
    ) % {"count": count, "start": scale.start.year, "end": scale.end.year - 1}
    out = _svg_open(id_prefix=id_prefix, title=title, desc=desc, height=legend_y + LEGEND_HEIGHT)
    out.append(_year_axis(scale, legend_y))
    y = AXIS_HEIGHT
    for group in groups:
        out.append(
            f'<text x="4" y="{y + 18}" font-weight="bold" fill="{TEXT_COLOUR}">'
            f"{escape(_short(group.title, 70))}</text>"
        )
        y += GROUP_HEIGHT
        for measure in group.measures:
            label = row_label or _short(measure.title)
            out.append(_measure_row(measure, scale, y, today=today, label=label))
            y += ROW_HEIGHT
    out.append(_today_line(scale, today, legend_y))
    out.append(_legend(legend_y + 8))
    out.append("</svg>")
    return "\n".join(out)


def _today_label(x_today: float, label: str) -> str:
    """ "Heute" next to the today line, on its left near the right edge so it is never clipped."""
    if x_today > WIDTH - 60:
        return (
            f'<text x="{x_today - 3}" y="{AXIS_HEIGHT - 2}" text-anchor="end" '
            f'fill="{TODAY_COLOUR}">{label}</text>'
        )
    return f'<text x="{x_today + 3}" y="{AXIS_HEIGHT - 2}" fill="{TODAY_COLOUR}">{label}</text>'


def gantt_summary_svg(groups, *, today: datetime.date, title: str, id_prefix: str) -> str:
    """One bar per field of action: the span from its first planned start to its last planned
    end, labelled with the number of measures. ``groups`` is ``[(title, FieldSummary), ...]``
    (``measures.overview.field_summaries``); the page shows the same figures as a table."""
    dates = [today]
    for _title, s in groups:
        dates += [d for d in (s.planned_start, s.planned_end, s.actual_start) if d]
    scale = _Scale(dates)
    legend_y = AXIS_HEIGHT + len(groups) * ROW_HEIGHT + 10
    desc = _(
        "Time span of the measures of each field of action from %(start)s to %(end)s: each bar "
        "runs from the first planned start to the last planned end; the dashed line is today."
    ) % {"start": scale.start.year, "end": scale.end.year - 1}
    out = _svg_open(id_prefix=id_prefix, title=title, desc=desc, height=legend_y + 10)
    out.append(_year_axis(scale, legend_y))
    y = AXIS_HEIGHT
    for group_title, summary in groups:
        label = f"{_short(group_title, 34)} ({summary.total})"
        out.append(f'<text x="4" y="{y + 16}" fill="{TEXT_COLOUR}">{escape(label)}</text>')
        out.append(_planned_bar(scale, summary.planned_start, summary.planned_end, y))
        y += ROW_HEIGHT
    out.append(_today_line(scale, today, legend_y))
    out.append("</svg>")
    return "\n".join(part for part in out if part)


def _legend(y: int) -> str:
    """A one-line key below the chart (the same words as the ``<desc>``)."""
    x = LABEL_WIDTH
    planned, actual = escape(_("planned")), escape(_("actual"))
    milestone, today = escape(_("milestone (filled: done)")), escape(_("Today"))
    parts = ['<g class="legend">']
    parts.append(
        f'<rect x="{x}" y="{y}" width="24" height="12" rx="2" fill="{PLANNED_FILL}" '
        f'stroke="{PLANNED_STROKE}"/><text x="{x + 30}" y="{y + 10}" fill="{TEXT_COLOUR}">'
        f"{planned}</text>"
    )
    x += 110
    parts.append(
        f'<rect x="{x}" y="{y + 3}" width="24" height="6" fill="{ACTUAL_FILL}"/>'
        f'<text x="{x + 30}" y="{y + 10}" fill="{TEXT_COLOUR}">{actual}</text>'
    )
    x += 110
    parts.append(
        f'<polygon points="{x + 6},{y} {x + 12},{y + 6} {x + 6},{y + 12} {x},{y + 6}" '
        f'fill="{MILESTONE_FILL}" stroke="{MILESTONE_FILL}"/>'
        f'<text x="{x + 18}" y="{y + 10}" fill="{TEXT_COLOUR}">'
        f"{milestone}</text>"
    )
    x += 210
    parts.append(
        f'<line x1="{x}" y1="{y - 1}" x2="{x}" y2="{y + 13}" stroke="{TODAY_COLOUR}" '
        f'stroke-width="1.5" stroke-dasharray="4 3"/><text x="{x + 6}" y="{y + 10}" '
        f'fill="{TODAY_COLOUR}">{today}</text>'
    )
    parts.append("</g>")
    return "".join(parts)
