"""Reads for overview pages whose cost must not grow with the number of measures.

A measure is listed under each field of action of the version it is linked to; a measure linked
only through goals is listed under its goals' fields (as on the concept page). Everything here is
aggregated in SQL, so the public area page, the Gantt summary and the KuF totals cost a fixed
number of queries and return a fixed number of rows (fields × statuses, fields × years, …)::

    field_previews(version, area=, public=True, limit=10) -> {field_pk: [Measure, ...]}
    field_summaries(version, public=True) -> {field_pk: FieldSummary}
    field_filter(version, action_field) -> Q            # "measures of this field"
    in_timeline_order(queryset, version) -> queryset    # by primary field, start, title
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, IntegerField, Max, Min, OuterRef, Q, Subquery, Value, Window
from django.db.models.functions import Coalesce, Lower, RowNumber

from .models import Measure, MeasureStatus

FIELD_PREVIEW = 10
WITHOUT_FIELD = 10**6

FieldLink = Measure.action_fields.through
GoalLink = Measure.goals.through


@dataclass
class FieldSummary:
    total: int = 0
    by_status: dict = field(default_factory=dict)
    planned_start: datetime.date | None = None
    planned_end: datetime.date | None = None
    actual_start: datetime.date | None = None

    def count(self, status: str) -> int:
        return self.by_status.get(status, 0)


def _links(version, *, public: bool):
    """Two querysets of (field, measure) links: direct ones, and goal ones of measures that
    have no direct field in the version (grouped so a measure counts once per field)."""
    direct = FieldLink.objects.filter(actionfield__version=version)
    with_field = FieldLink.objects.filter(actionfield__version=version).values("measure_id")
    via_goal = GoalLink.objects.filter(goal__action_field__version=version).exclude(
        measure_id__in=with_field
    )
    if public:
        direct = direct.filter(measure__is_public=True)
        via_goal = via_goal.filter(measure__is_public=True)
    return (
        direct.annotate(field_id=F("actionfield_id")),
        via_goal.annotate(field_id=F("goal__action_field_id")),
    )


def field_previews(version, *, area, public: bool = True, limit: int = FIELD_PREVIEW) -> dict:
    """Per field of action: the first ``limit`` measures by title (the number of all of them
    is in ``field_summaries``).

    The measures are ``Measure`` objects with only ``pk``, ``title``, ``status`` and ``area``
    set – enough for a link and a status badge."""
    result: dict = {}
    for links in _links(version, public=public):
        rows = (
            links.annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=[F("field_id")],
                    order_by=[Lower("measure__title").asc(), F("measure_id").asc()],
                ),
            )
            .filter(rank__lte=limit)
            .values("field_id", "measure_id", "measure__title", "measure__status")
        )
        for row in rows:
            measures = result.setdefault(row["field_id"], {})
            measure = Measure(
                pk=row["measure_id"], title=row["measure__title"], status=row["measure__status"]
            )
            measure.area = area
            measures[measure.pk] = measure  # a measure with two goals of one field: once
    return {
        field_id: sorted(measures.values(), key=lambda m: (m.title.lower(), m.pk))[:limit]
        for field_id, measures in result.items()
    }


def field_summaries(version, *, public: bool = True) -> dict:
    """Per field of action: number of measures by status and the span of their timelines."""
    result: dict = {}
    statuses = [value for value, _label in MeasureStatus.choices]
    for links in _links(version, public=public):
        rows = (
            links.values("field_id")
            .annotate(
                total=Count("measure_id", distinct=True),
                planned_start=Min("measure__planned_start"),
                planned_end=Max("measure__planned_end"),
                actual_start=Min("measure__actual_start"),
                **{
                    f"n_{status}": Count(
                        "measure_id", distinct=True, filter=Q(measure__status=status)
                    )
                    for status in statuses
                },
            )
            .order_by("field_id")
        )
        for row in rows:
            summary = result.setdefault(row["field_id"], FieldSummary())
            summary.total += row["total"]
            for status in statuses:
                summary.by_status[status] = summary.count(status) + row[f"n_{status}"]
            summary.planned_start = _min(summary.planned_start, row["planned_start"])
            summary.planned_end = _max(summary.planned_end, row["planned_end"])
            summary.actual_start = _min(summary.actual_start, row["actual_start"])
    return result


def _min(a, b):
    return b if a is None else a if b is None else min(a, b)


def _max(a, b):
    return b if a is None else a if b is None else max(a, b)


def field_filter(version, action_field) -> Q:
    """Measures listed under ``action_field`` (see the module docstring)."""
    direct = FieldLink.objects.filter(actionfield=action_field).values("measure_id")
    with_field = FieldLink.objects.filter(actionfield__version=version).values("measure_id")
    via_goal = GoalLink.objects.filter(goal__action_field=action_field).values("measure_id")
    return Q(pk__in=direct) | (Q(pk__in=via_goal) & ~Q(pk__in=with_field))


def _first(links, outer, value):
    return Subquery(links.filter(measure_id=OuterRef(outer)).values(value)[:1])


def primary_field(version, outer: str = "pk") -> tuple:
    """SQL expressions for (order, pk) of the field of action a measure is listed under in the
    Gantt and the KuF: its first field in the version, else its first goal's field; ``outer``
    names the measure's id in the outer query."""
    direct = FieldLink.objects.filter(actionfield__version=version).order_by(
        "actionfield__order", "actionfield_id"
    )
    via_goal = GoalLink.objects.filter(goal__action_field__version=version).order_by(
        "goal__action_field__order", "goal__action_field_id"
    )
    order = Coalesce(
        _first(direct, outer, "actionfield__order"),
        _first(via_goal, outer, "goal__action_field__order"),
        Value(WITHOUT_FIELD),
        output_field=IntegerField(),
    )
    pk = Coalesce(
        _first(direct, outer, "actionfield_id"),
        _first(via_goal, outer, "goal__action_field_id"),
        Value(0),
        output_field=IntegerField(),
    )
    return order, pk


def in_timeline_order(queryset, version, *, by_start: bool = True):
    """Order measures as the Gantt (``by_start``) or the KuF groups them: by primary field of
    action, then planned start (Gantt) and title – so a page shows whole groups in order."""
    order, pk = primary_field(version)
    then = [F("planned_start").asc(nulls_last=True)] if by_start else []
    return queryset.annotate(field_order=order, field_pk=pk).order_by(
        "field_order", "field_pk", *then, Lower("title"), "pk"
    )
