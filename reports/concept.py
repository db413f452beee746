"""Data of the concept document PDF of one version (not a report section: no period, no texts).

No personal data and no internal notes: the lead actor is named only when that actor is public,
and the public document leaves out measures that are not public.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone

from measures.models import ActionField, Goal, Measure

from .sections.common import gantt_charts, iso, money


def _fields(version) -> list:
    return list(
        ActionField.objects.filter(version=version).prefetch_related(
            Prefetch(
                "goals",
                queryset=Goal.objects.order_by("order", "pk").prefetch_related("indicators"),
            )
        )
    )


def _measures(version, *, public: bool) -> list:
    measures = Measure.objects.for_timeline(version).prefetch_related("financing_rows")
    if public:
        measures = measures.filter(is_public=True)
    return list(measures.order_by("title", "pk"))


def _measure_row(measure) -> dict:
    lead = measure.lead_actor
    return {
        "title": measure.title,
        "description": measure.description,
        "status": measure.get_status_display(),
        "lead_actor": lead.name if lead and lead.is_public else None,
        "planned_start": iso(measure.planned_start),
        "planned_end": iso(measure.planned_end),
        "cost": money(sum((r.amount for r in measure.financing_rows.all()), Decimal(0))),
        # Stage sums for the funding authority's reading: granted and spent (paid out).
        "approved": money(
            sum((r.stage_amount("approved") for r in measure.financing_rows.all()), Decimal(0))
        ),
        "paid": money(
            sum((r.stage_amount("paid") for r in measure.financing_rows.all()), Decimal(0))
        ),
        "public": measure.is_public,
    }


def _field(field, measures: list[dict]) -> dict:
    return {
        "title": field.title,
        "description": field.description,
        "goals": [
            {
                "title": goal.title,
                "description": goal.description,
                "indicators": [
                    {
                        "name": i.name,
                        "unit": i.unit,
                        "baseline": str(i.baseline_value),
                        "target": str(i.target_value),
                        "target_on": iso(i.target_on),
                    }
                    for i in goal.indicators.all()
                ],
            }
            for goal in field.goals.all()
        ],
        "measures": measures,
    }


def concept_document(version, *, public: bool) -> dict:
    """Vision, SWOT, fields of action with goals and measures, costs and the timeline."""
    measures = _measures(version, public=public)
    per_field = defaultdict(list)
    without_field = []
    rows = []
    for measure in measures:
        row = _measure_row(measure)
        rows.append(row)
        field_ids = [f.pk for f in measure.action_fields.all()]
        for field_id in field_ids:
            per_field[field_id].append(row)
        if not field_ids:
            without_field.append(row)
    return {
        "version": str(version),
        "status": version.get_status_display(),
        "as_of": iso(version.as_of),
        "council_decision_on": iso(version.council_decision_on),
        "vision": version.vision,
        "swot": {
            "strengths": version.strengths,
            "weaknesses": version.weaknesses,
            "opportunities": version.opportunities,
            "risks": version.risks,
        },
        "fields": [_field(field, per_field.get(field.pk, [])) for field in _fields(version)],
        "without_field": without_field,
        "measure_count": len(rows),
        "cost_total": money(sum((Decimal(row["cost"]) for row in rows), Decimal(0))),
        "approved_total": money(sum((Decimal(row["approved"]) for row in rows), Decimal(0))),
        "paid_total": money(sum((Decimal(row["paid"]) for row in rows), Decimal(0))),
        "gantt_charts": gantt_charts(
            measures, today=timezone.localdate(), id_prefix="concept-gantt"
        ),
    }
