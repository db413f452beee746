"""Reads for overview pages whose cost must not grow with the number of measures.

A measure is listed under each field of action of the version it is linked to; a measure linked
only through goals is listed under its goals' fields (as on the concept page). Everything here is
aggregated in SQL, so the public area page, the Gantt summary and the KuF totals cost a fixed
number of queries and return a fixed number of rows (fields × statuses, fields × years, …)::

    field_overview(version, area=, public=True, limit=10) -> (previews, summaries)
    field_filter(version, action_field) -> Q            # "measures of this field"
    ordered_measures(version, public=, by_start=) -> [(measure_id, field_id)]  # Gantt/KuF order,
                                                        # fetched on first use
    measures_of_page(rows, queryset) -> [Measure]       # one page of those, with field_pk
    financing_sums(version) -> [{field_pk, year, source, planned, applied, ..., paid}]
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Q

from .models import (
    STAGE_FALLBACK_STATES,
    STAGE_FIELDS,
    ActionField,
    FinancingRow,
    Goal,
    Measure,
    MeasureStatus,
    Stage,
)

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


def _date(value):
    """Dates from a raw cursor: SQLite returns ISO strings."""
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def _overview_sql(*, public: bool, statuses: list) -> str:
    q = connection.ops.quote_name
    fl, gl = q(FieldLink._meta.db_table), q(GoalLink._meta.db_table)
    af, goal, measure = (q(m._meta.db_table) for m in (ActionField, Goal, Measure))
    per_field = "OVER (PARTITION BY k.field_id)"
    by_status = ", ".join(
        f"SUM(CASE WHEN m.status = %s THEN 1 ELSE 0 END) {per_field} AS n{i}"
        for i, _status in enumerate(statuses)
    )
    public_only = f"WHERE m.{q('is_public')}" if public else ""
    return f"""
        SELECT * FROM (
            SELECT k.field_id, m.id, m.title, m.status,
                ROW_NUMBER() OVER (PARTITION BY k.field_id ORDER BY LOWER(m.title), m.id) AS rn,
                COUNT(*) {per_field} AS total,
                MIN(m.planned_start) {per_field} AS planned_start,
                MAX(m.planned_end) {per_field} AS planned_end,
                MIN(m.actual_start) {per_field} AS actual_start,
                {by_status}
            FROM (
                SELECT DISTINCT u.field_id, u.measure_id FROM (
                    SELECT l.actionfield_id AS field_id, l.measure_id FROM {fl} l
                    JOIN {af} f ON f.id = l.actionfield_id WHERE f.version_id = %s
                    UNION ALL
                    SELECT g.action_field_id, gl.measure_id FROM {gl} gl
                    JOIN {goal} g ON g.id = gl.goal_id JOIN {af} f ON f.id = g.action_field_id
                    WHERE f.version_id = %s AND gl.measure_id NOT IN (
                        SELECT l2.measure_id FROM {fl} l2
                        JOIN {af} f2 ON f2.id = l2.actionfield_id WHERE f2.version_id = %s)
                ) u
            ) k JOIN {measure} m ON m.id = k.measure_id
            {public_only}
        ) x WHERE x.rn <= %s ORDER BY x.field_id, x.rn
    """  # noqa: S608 – table and column names from model meta, values as parameters


def field_overview(version, *, area, public: bool = True, limit: int = FIELD_PREVIEW):
    """Per field of action, in one query: the first ``limit`` measures by title and a summary
    (number by status, span of the planned timelines). Returns ``(previews, summaries)``:
    ``{field_pk: [Measure, ...]}`` (only ``pk``, ``title``, ``status``, ``area`` set) and
    ``{field_pk: FieldSummary}``; at most ``limit`` rows per field come back."""
    statuses = [value for value, _label in MeasureStatus.choices]
    params = [*statuses, version.pk, version.pk, version.pk, limit]
    with connection.cursor() as cursor:
        cursor.execute(_overview_sql(public=public, statuses=statuses), params)
        rows = cursor.fetchall()
    previews: dict = {}
    summaries: dict = {}
    for field_id, pk, title, status, _rn, total, start, end, actual, *counts in rows:
        if field_id not in summaries:
            summaries[field_id] = FieldSummary(
                total=total,
                by_status={s: int(n or 0) for s, n in zip(statuses, counts, strict=True)},
                planned_start=_date(start),
                planned_end=_date(end),
                actual_start=_date(actual),
            )
        measure = Measure(pk=pk, title=title, status=status)
        measure.area = area
        previews.setdefault(field_id, []).append(measure)
    return previews, summaries


def field_filter(version, action_field) -> Q:
    """Measures listed under ``action_field`` (see the module docstring)."""
    direct = FieldLink.objects.filter(actionfield=action_field).values("measure_id")
    with_field = FieldLink.objects.filter(actionfield__version=version).values("measure_id")
    via_goal = GoalLink.objects.filter(goal__action_field=action_field).values("measure_id")
    return Q(pk__in=direct) | (Q(pk__in=via_goal) & ~Q(pk__in=with_field))


def _primary_field_sql(*, public: bool) -> str:
    """SQL of the relation (measure_id, field_id, field_order): every measure of a version with
    the field of action it is listed under in the Gantt and the KuF – its first field in the
    version, else its first goal's field. Parameters: the version id, three times.

    A derived table with window functions (SQLite and PostgreSQL), so each measure is looked up
    once, not once per financing row or per sort comparison."""
    q = connection.ops.quote_name
    fl, gl = q(FieldLink._meta.db_table), q(GoalLink._meta.db_table)
    af, goal = q(ActionField._meta.db_table), q(Goal._meta.db_table)
    measure = q(Measure._meta.db_table)
    public_only = f" AND m.{q('is_public')}" if public else ""
    order = q("order")
    return f"""
        SELECT x.measure_id, x.field_id, x.field_order FROM (
            SELECT l.measure_id, f.id AS field_id, f.{order} AS field_order, 0 AS via_goal,
                   ROW_NUMBER() OVER (PARTITION BY l.measure_id ORDER BY f.{order}, f.id) AS rn
            FROM {fl} l JOIN {af} f ON f.id = l.actionfield_id WHERE f.version_id = %s
            UNION ALL
            SELECT gl.measure_id, f.id, f.{order}, 1,
                   ROW_NUMBER() OVER (PARTITION BY gl.measure_id ORDER BY f.{order}, f.id)
            FROM {gl} gl JOIN {goal} g ON g.id = gl.goal_id
                 JOIN {af} f ON f.id = g.action_field_id WHERE f.version_id = %s
        ) x JOIN {measure} m ON m.id = x.measure_id
        WHERE x.rn = 1{public_only} AND (x.via_goal = 0 OR x.measure_id NOT IN (
            SELECT l2.measure_id FROM {fl} l2 JOIN {af} f2 ON f2.id = l2.actionfield_id
            WHERE f2.version_id = %s))
    """  # noqa: S608 – table and column names from model meta, values as parameters


class _FetchedOnUse(Sequence):
    """A list that runs its query on first use: a view hands it to the paginator, and a page
    whose body comes from the cache never asks the database (``ihk.mixins.CachedListBodyMixin``).
    """

    def __init__(self, fetch):
        self._fetch = fetch
        self._rows = None

    def _all(self) -> list:
        if self._rows is None:
            self._rows = self._fetch()
        return self._rows

    def __len__(self):
        return len(self._all())

    def __getitem__(self, index):
        return self._all()[index]


def ordered_measures(version, *, public: bool, by_start: bool) -> Sequence[tuple[int, int]]:
    """``[(measure_id, field_id), ...]`` of the version's measures in the order the Gantt
    (``by_start``) or the KuF lists them: by field of action, then planned start, then title.
    One query returning two integers per measure, on first use; pages fetch their 50 measures
    by id."""
    q = connection.ops.quote_name
    then = "m.planned_start IS NULL, m.planned_start, " if by_start else ""
    sql = f"""
        SELECT p.measure_id, p.field_id FROM ({_primary_field_sql(public=public)}) p
        JOIN {q(Measure._meta.db_table)} m ON m.id = p.measure_id
        ORDER BY p.field_order, p.field_id, {then}LOWER(m.title), m.id
    """  # noqa: S608

    def fetch() -> list[tuple[int, int]]:
        with connection.cursor() as cursor:
            cursor.execute(sql, [version.pk] * 3)
            return [(row[0], row[1]) for row in cursor.fetchall()]

    return _FetchedOnUse(fetch)


def measures_of_page(rows, queryset, *, fields=None) -> list:
    """The measures of one page of ``ordered_measures`` rows, in that order, each with
    ``field_pk`` set (its field of action) and, given the version's ``fields``, ``listed_field``
    (the field object, which the Gantt groups by without prefetching the measures' links)."""
    field_of = dict(rows)
    by_pk = {f.pk: f for f in fields or ()}
    measures = {m.pk: m for m in queryset.filter(pk__in=list(field_of))}
    result = []
    for pk, field_pk in rows:
        if pk in measures:
            measures[pk].field_pk = field_pk
            if fields is not None:
                measures[pk].listed_field = by_pk.get(field_pk)
            result.append(measures[pk])
    return result


def _stage_sum_sql(stage: str) -> tuple[str, list]:
    """SUM of one stage as ``FinancingRow.stage_amount`` computes it per row."""
    column = connection.ops.quote_name(STAGE_FIELDS[stage])
    states = list(STAGE_FALLBACK_STATES[stage])
    marks = ", ".join(["%s"] * len(states))
    fallback = f"CASE WHEN r.state IN ({marks}) THEN r.amount ELSE 0 END"
    return f"SUM(COALESCE(r.{column}, {fallback}))", states


def financing_sums(version) -> list[dict]:
    """Stage amounts of the version's measures summed by field of action (the measure's
    primary field), year and source: rows do not grow with the number of measures."""
    q = connection.ops.quote_name
    stages = list(Stage.values)
    sums, params = [], []
    for stage in stages:
        sql, stage_params = _stage_sum_sql(stage)
        sums.append(sql)
        params += stage_params
    sql = f"""
        SELECT p.field_id, r.year, r.source, {", ".join(sums)}
        FROM {q(FinancingRow._meta.db_table)} r
        JOIN ({_primary_field_sql(public=False)}) p ON p.measure_id = r.measure_id
        GROUP BY p.field_id, r.year, r.source
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params + [version.pk] * 3)
        rows = cursor.fetchall()
    cent = Decimal("0.01")
    return [
        {
            "field_pk": field_id,
            "year": year,
            "source": source,
            # SQLite sums decimals as floats: back to cents.
            **{
                stage: Decimal(str(total or 0)).quantize(cent)
                for stage, total in zip(stages, totals, strict=True)
            },
        }
        for field_id, year, source, *totals in rows
    ]
