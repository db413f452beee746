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


def _date_range(groups, today):
    dates = [today]
    for group in groups:
        for m in group.measures:
            dates += [
                d for d in (m.planned_start, m.planned_end, m.actual_start, m.actual_end) if d
            ]
            dates += [ms.due_on for ms in m.milestones.all()]
    first = min(dates).year
    last = max(dates).year
    return datetime.date(first, 1, 1), datetime.date(last + 1, 1, 1)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
    start, end = _date_range(groups, today)
    span = (end - start).days or 1

    def x(day: datetime.date) -> float:
        return round(LABEL_WIDTH + (day - start).days / span * CHART_WIDTH, 1)

    count = sum(len(g.measures) for g in groups)
    legend_y = AXIS_HEIGHT + len(groups) * GROUP_HEIGHT + count * ROW_HEIGHT + 10
    height = legend_y + LEGEND_HEIGHT
    desc = _(
        "Timeline of %(count)s measures from %(start)s to %(end)s, grouped by field of action. "
        "Light bars show the planned period, dark bars the actual period, diamonds the "
        "milestones (filled when done), the dashed line today."
    ) % {"count": count, "start": start.year, "end": end.year - 1}
    title_id = f"{id_prefix}-title"
    desc_id = f"{id_prefix}-desc"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="gantt" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'aria-labelledby="{title_id} {desc_id}" font-family="sans-serif" font-size="12">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(desc)}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]
    # Year axis: a label and a grid line per year.
    out.append('<g class="axis">')
    for year in range(start.year, end.year):
        x0 = x(datetime.date(year, 1, 1))
        x1 = x(datetime.date(year + 1, 1, 1))
        out.append(
            f'<line x1="{x0}" y1="{AXIS_HEIGHT - 6}" x2="{x0}" y2="{legend_y}" '
            f'stroke="#ced4da" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{round((x0 + x1) / 2, 1)}" y="{AXIS_HEIGHT - 14}" text-anchor="middle" '
            f'fill="{TEXT_COLOUR}">{year}</text>'
        )
    out.append("</g>")

    y = AXIS_HEIGHT
    for group in groups:
        out.append(
            f'<text x="4" y="{y + 18}" font-weight="bold" fill="{TEXT_COLOUR}">'
            f"{escape(_short(group.title, 70))}</text>"
        )
        y += GROUP_HEIGHT
        for measure in group.measures:
            out.append(f'<g class="measure" data-measure="{measure.pk}">')
            out.append(f"<title>{escape(measure.title)}</title>")
            out.append(
                f'<text x="12" y="{y + 16}" fill="{TEXT_COLOUR}">'
                f"{escape(row_label or _short(measure.title))}</text>"
            )
            if measure.planned_start and measure.planned_end:
                x0, x1 = x(measure.planned_start), x(measure.planned_end)
                out.append(
                    f'<rect class="bar-planned" x="{x0}" y="{y + 5}" '
                    f'width="{max(x1 - x0, 2)}" height="14" rx="2" fill="{PLANNED_FILL}" '
                    f'stroke="{PLANNED_STROKE}" stroke-width="1"/>'
                )
            actual_end = _actual_end(measure, today)
            if measure.actual_start and actual_end:
                x0, x1 = x(measure.actual_start), x(actual_end)
                out.append(
                    f'<rect class="bar-actual" x="{x0}" y="{y + 9}" '
                    f'width="{max(x1 - x0, 2)}" height="6" fill="{ACTUAL_FILL}"/>'
                )
            for milestone in measure.milestones.all():
                cx, cy = x(milestone.due_on), y + 12
                fill = MILESTONE_FILL if milestone.done else "#ffffff"
                out.append(
                    f'<polygon class="milestone" points="{cx},{cy - 6} {cx + 6},{cy} '
                    f'{cx},{cy + 6} {cx - 6},{cy}" fill="{fill}" stroke="{MILESTONE_FILL}" '
                    f'stroke-width="1.5"><title>{escape(milestone.title)} '
                    f"({milestone.due_on:%d.%m.%Y})</title></polygon>"
                )
            out.append("</g>")
            y += ROW_HEIGHT
    x_today = x(today)
    today_label = escape(_("Today"))
    out.append(
        f'<line class="today" x1="{x_today}" y1="{AXIS_HEIGHT - 4}" x2="{x_today}" y2="{legend_y}" '
        f'stroke="{TODAY_COLOUR}" stroke-width="1.5" stroke-dasharray="4 3"/>'
    )
    out.append(_today_label(x_today, today_label))
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
    start = datetime.date(min(dates).year, 1, 1)
    end = datetime.date(max(dates).year + 1, 1, 1)
    span = (end - start).days or 1

    def x(day: datetime.date) -> float:
        return round(LABEL_WIDTH + (day - start).days / span * CHART_WIDTH, 1)

    legend_y = AXIS_HEIGHT + len(groups) * ROW_HEIGHT + 10
    height = legend_y + 10
    desc = _(
        "Time span of the measures of each field of action from %(start)s to %(end)s: each bar "
        "runs from the first planned start to the last planned end; the dashed line is today."
    ) % {"start": start.year, "end": end.year - 1}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="gantt" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'aria-labelledby="{id_prefix}-title {id_prefix}-desc" font-family="sans-serif" '
        f'font-size="12">',
        f'<title id="{id_prefix}-title">{escape(title)}</title>',
        f'<desc id="{id_prefix}-desc">{escape(desc)}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]
    for year in range(start.year, end.year):
        x0, x1 = x(datetime.date(year, 1, 1)), x(datetime.date(year + 1, 1, 1))
        out.append(
            f'<line x1="{x0}" y1="{AXIS_HEIGHT - 6}" x2="{x0}" y2="{legend_y}" '
            f'stroke="#ced4da" stroke-width="1"/><text x="{round((x0 + x1) / 2, 1)}" '
            f'y="{AXIS_HEIGHT - 14}" text-anchor="middle" fill="{TEXT_COLOUR}">{year}</text>'
        )
    y = AXIS_HEIGHT
    for group_title, summary in groups:
        label = f"{_short(group_title, 34)} ({summary.total})"
        out.append(f'<text x="4" y="{y + 16}" fill="{TEXT_COLOUR}">{escape(label)}</text>')
        if summary.planned_start and summary.planned_end:
            x0, x1 = x(summary.planned_start), x(summary.planned_end)
            out.append(
                f'<rect class="bar-planned" x="{x0}" y="{y + 5}" width="{max(x1 - x0, 2)}" '
                f'height="14" rx="2" fill="{PLANNED_FILL}" stroke="{PLANNED_STROKE}" '
                f'stroke-width="1"/>'
            )
        y += ROW_HEIGHT
    x_today = x(today)
    out.append(
        f'<line class="today" x1="{x_today}" y1="{AXIS_HEIGHT - 4}" x2="{x_today}" '
        f'y2="{legend_y}" stroke="{TODAY_COLOUR}" stroke-width="1.5" stroke-dasharray="4 3"/>'
    )
    out.append(_today_label(x_today, escape(_("Today"))))
    out.append("</svg>")
    return "\n".join(out)


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
