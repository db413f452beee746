"""Report sections on the measures of the report's concept version: progress, Gantt, KuF.

Every figure here is on one basis: the measures the report's version contains
(``Measure.objects.in_version``), the same set the KuF total covers. Discarded measures of
older versions are not counted.
"""

from collections import Counter

from django.utils.translation import gettext as _

from measures.kuf import build_kuf
from measures.models import Measure, MeasureStatus
from participation.charts import stacked_bar_chart

from .common import gantt_charts, iso, money

# Measures whose actual dates differ from the plan by more than this count as deviating.
DEVIATION_TOLERANCE_DAYS = 30


def report_measures(area, version) -> list:
    """The measures of the report's version, with what the measures, Gantt and KuF sections read.

    ``action_fields`` and ``goals`` are limited to that version, so the Gantt chart and the KuF
    group each measure under its field of action in that version.
    """
    if version is None:
        return []
    return list(
        Measure.objects.filter(area=area)
        .for_concept(version)
        .select_related("continuation_carrier")
        .order_by("title", "pk")
    )


def _days_between(planned, actual) -> int | None:
    return (actual - planned).days if planned and actual else None


def _measure_row(measure, today) -> dict:
    overdue = (
        measure.planned_end is not None
        and measure.actual_end is None
        and measure.planned_end < today
        and measure.status not in (MeasureStatus.COMPLETED, MeasureStatus.DROPPED)
    )
    return {
        "id": measure.pk,
        "title": measure.title,
        "status": measure.status,
        "status_label": measure.get_status_display(),
        "progress": measure.progress,
        "lead_actor": measure.lead_actor.name if measure.lead_actor else None,
        "planned_start": iso(measure.planned_start),
        "planned_end": iso(measure.planned_end),
        "actual_start": iso(measure.actual_start),
        "actual_end": iso(measure.actual_end),
        "start_delay_days": _days_between(measure.planned_start, measure.actual_start),
        "end_delay_days": _days_between(measure.planned_end, measure.actual_end),
        "overdue": overdue,
    }


def _deviates(row) -> bool:
    late = [d for d in (row["start_delay_days"], row["end_delay_days"]) if d is not None]
    return row["overdue"] or any(abs(d) > DEVIATION_TOLERANCE_DAYS for d in late)


def measures_section(measures, today) -> dict:
    rows = [_measure_row(measure, today) for measure in measures]
    status_counts = Counter(measure.status for measure in measures)
    return {
        "rows": rows,
        "deviations": [row for row in rows if _deviates(row)],
        "by_status": [
            {"status": value, "label": str(label), "count": status_counts[value]}
            for value, label in MeasureStatus.choices
            if status_counts[value]
        ],
        "average_progress": (
            round(sum(m.progress for m in measures) / len(measures)) if measures else None
        ),
        "gantt_charts": gantt_charts(measures, today=today, id_prefix="report-gantt"),
    }


def _kuf_chart(kuf) -> str:
    """Per year one column as high as the plan: paid out, approved but not paid, only planned."""
    series = [
        ("paid", str(_("Paid out"))),
        ("approved", str(_("Approved, not yet paid out"))),
        ("planned", str(_("Planned, not yet approved"))),
    ]
    data = {}
    for year in kuf.years:
        amounts = kuf.year(year)
        data[str(year)] = {
            "paid": int(amounts.paid),
            "approved": int(amounts.approved - amounts.paid),
            "planned": int(amounts.planned - amounts.approved),
        }
    if not any(sum(values.values()) > 0 for values in data.values()):
        return ""
    return str(
        stacked_bar_chart(
            list(data),
            series,
            data,
            title=_("Costs and financing by year"),
            desc=_("Planned, approved and paid-out amounts per year in euros; see the table."),
            uid="report-kuf",
        )
    )


def kuf_section(measures) -> dict:
    """Plan, approved and paid by source, year and field of action (``measures.kuf``)."""
    kuf = build_kuf(measures)

    def amounts(values):
        return {
            "plan": money(values.planned),
            "approved": money(values.approved),
            "drawn": money(values.drawn),
            "paid": money(values.paid),
            "difference": money(values.difference),
        }

    sources = [(value, label) for value, label in kuf.sources if value in kuf.by_source]
    return {
        "years": kuf.years,
        "by_source": [{"source": label, **amounts(kuf.source(value))} for value, label in sources],
        "by_year": [{"year": year, **amounts(kuf.year(year))} for year in kuf.years],
        "by_field": [{"field": str(group.title), **amounts(group.total)} for group in kuf.fields],
        "matrix": [
            {
                "source": label,
                "amounts": [money(kuf.cell(year, value).planned) for year in kuf.years],
                "total": money(kuf.source(value).planned),
            }
            for value, label in sources
        ],
        "year_totals": [money(kuf.year(year).planned) for year in kuf.years],
        "totals": amounts(kuf.total),
        "chart": _kuf_chart(kuf),
    }
