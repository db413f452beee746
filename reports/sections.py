"""Builds the data snapshot of a status report, section by section, from all other apps.

The snapshot is plain JSON (strings, numbers, lists, dicts; money as decimal strings, dates as
ISO strings, charts as finished SVG strings) so that an issued report can be rendered again and
again from it without touching live data. Every section is built with a fixed number of queries
(prefetches per section, never per measure), so a large area costs the same number of queries as
a small one.

Charts and figures come from the apps that own them (``measures.gantt``, ``measures.kuf`` with
its definition of plan / approved / paid, ``measures.comparison``, ``measures.indicators``,
``actors.stakeholder``, ``participation.charts``); this module only turns their results into
JSON. Sections without data yield empty lists, which the templates print as "Noch keine Daten".
"""

import datetime
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from actors.models import Actor, ActorKind, ActorStatus, Committee, CommitteeKind
from actors.stakeholder import stakeholder_svg
from measures.comparison import compare_versions
from measures.gantt import gantt_svg
from measures.indicators import traffic_light
from measures.kuf import build_kuf
from measures.models import (
    ACTOR_SOURCES,
    ActionField,
    ConceptVersion,
    ContinuationElement,
    ContinuationState,
    FinancingRow,
    Goal,
    Indicator,
    Measure,
    MeasureStatus,
)
from participation.charts import stacked_bar_chart
from participation.models import (
    Attendance,
    Comment,
    Event,
    EventResult,
    Idea,
    IdeaStatus,
    Moderation,
    participation_gaps,
)

from . import charts

SNAPSHOT_SCHEMA = 1
GANTT_ROWS_PER_CHART = 32
# Measures whose actual dates differ from the plan by more than this count as deviating.
DEVIATION_TOLERANCE_DAYS = 30
CONTINUATION_YEARS = 5
ANSWERED_COMMENTS_SHOWN = 15


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def _shorten(text: str, limit: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _money(value) -> str:
    return str((value or Decimal("0")).quantize(Decimal("0.01")))


def report_version(area, version=None):
    """The concept version a report is about: the given one, the current one or the latest."""
    if version is not None:
        return version
    versions = list(ConceptVersion.objects.filter(area=area).order_by("-is_current", "-number")[:1])
    return versions[0] if versions else None


# --- 1 cover ---------------------------------------------------------------------------------


def cover_section(report, version, now) -> dict:
    area = report.area
    author = report.author
    return {
        "area": area.name,
        "city": area.city,
        "programme": area.get_programme_display(),
        "title": report.title,
        "period_start": _iso(report.period_start),
        "period_end": _iso(report.period_end),
        "version": str(version) if version else None,
        "author": (author.get_full_name() or author.email) if author else None,
        "issued_on": _iso(timezone.localtime(now).date()),
    }


# --- 3 state of the concept --------------------------------------------------------------------


def concept_section(area, version) -> dict | None:
    """The version and what changed since the previous one (``measures.comparison``)."""
    if version is None:
        return None
    previous = version.predecessor
    if previous is None:
        previous = (
            ConceptVersion.objects.filter(area=area, number__lt=version.number)
            .order_by("-number")
            .first()
        )
    data = {
        "version": str(version),
        "status": version.get_status_display(),
        "as_of": _iso(version.as_of),
        "council_decision_on": _iso(version.council_decision_on),
        "vision": version.vision,
        "previous": str(previous) if previous else None,
        "added": [],
        "changed": [],
        "dropped": [],
        "fields_added": [],
        "fields_removed": [],
        "goals_added": [],
        "goals_removed": [],
        "goals_changed": 0,
    }
    if previous is None:
        return data
    diff = compare_versions(previous, version)
    data["added"] = [measure.title for measure in diff.measures.added]
    data["dropped"] = [measure.title for measure in diff.measures.removed]
    data["changed"] = [
        {
            "title": str(item),
            # Cost changes per year and source are summed up in "total costs".
            "changes": ", ".join(
                dict.fromkeys(
                    str(change.label)
                    for change in item.changes
                    if not change.name.startswith("costs_")
                )
            )
            or str(_("costs")),
        }
        for item in diff.measures.changed
    ]
    data["fields_added"] = [str(field) for field in diff.action_fields.added]
    data["fields_removed"] = [str(field) for field in diff.action_fields.removed]
    data["goals_added"] = [str(goal) for goal in diff.goals.added]
    data["goals_removed"] = [str(goal) for goal in diff.goals.removed]
    data["goals_changed"] = len(diff.goals.changed)
    return data


# --- 4 goals and indicators --------------------------------------------------------------------


def goals_section(version) -> list[dict]:
    if version is None:
        return []
    fields = ActionField.objects.filter(version=version).prefetch_related(
        Prefetch(
            "goals",
            queryset=Goal.objects.order_by("order", "pk").prefetch_related(
                Prefetch("indicators", queryset=Indicator.objects.prefetch_related("values"))
            ),
        )
    )
    result = []
    for field in fields:
        goals = []
        for goal in field.goals.all():
            indicators = []
            for indicator in goal.indicators.all():
                values = list(indicator.values.all())
                latest = max(values, key=lambda v: (v.measured_on, v.pk)) if values else None
                light = traffic_light(indicator, latest)
                indicators.append(
                    {
                        "name": indicator.name,
                        "unit": indicator.unit,
                        "baseline": str(indicator.baseline_value),
                        "target": str(indicator.target_value),
                        "target_on": _iso(indicator.target_on),
                        "latest": str(latest.value) if latest else None,
                        "latest_on": _iso(latest.measured_on) if latest else None,
                        "light": light.colour,
                        "light_label": str(light.label),
                    }
                )
            goals.append({"title": goal.title, "indicators": indicators})
        result.append({"title": field.title, "goals": goals})
    return result


# --- 5 measures --------------------------------------------------------------------------------


def _deviation(measure) -> dict:
    start_days = end_days = None
    if measure.planned_start and measure.actual_start:
        start_days = (measure.actual_start - measure.planned_start).days
    if measure.planned_end and measure.actual_end:
        end_days = (measure.actual_end - measure.planned_end).days
    return {"start_days": start_days, "end_days": end_days}


def report_measures(area, version) -> list:
    """All measures of the area, with what the measures, Gantt and KuF sections read.

    ``action_fields`` and ``goals`` are limited to the report's version, so the Gantt chart and
    the KuF group each measure under its field of action in that version.
    """
    fields = ActionField.objects.filter(version=version) if version else ActionField.objects.none()
    goals = (
        Goal.objects.filter(action_field__version=version).select_related("action_field")
        if version
        else Goal.objects.none()
    )
    return list(
        Measure.objects.filter(area=area)
        .select_related("lead_actor", "continuation_carrier")
        .prefetch_related(
            Prefetch("action_fields", queryset=fields.order_by("order", "pk")),
            Prefetch("goals", queryset=goals),
            "milestones",
            "financing_rows",
        )
        .order_by("title", "pk")
    )


def measures_section(measures, today) -> dict:
    rows = []
    deviations = []
    for measure in measures:
        deviation = _deviation(measure)
        overdue = (
            measure.planned_end is not None
            and measure.actual_end is None
            and measure.planned_end < today
            and measure.status not in (MeasureStatus.COMPLETED, MeasureStatus.DROPPED)
        )
        row = {
            "id": measure.pk,
            "title": measure.title,
            "status": measure.status,
            "status_label": measure.get_status_display(),
            "progress": measure.progress,
            "lead_actor": measure.lead_actor.name if measure.lead_actor else None,
            "planned_start": _iso(measure.planned_start),
            "planned_end": _iso(measure.planned_end),
            "actual_start": _iso(measure.actual_start),
            "actual_end": _iso(measure.actual_end),
            "start_delay_days": deviation["start_days"],
            "end_delay_days": deviation["end_days"],
            "overdue": overdue,
        }
        rows.append(row)
        late = [d for d in (deviation["start_days"], deviation["end_days"]) if d is not None]
        if overdue or any(abs(d) > DEVIATION_TOLERANCE_DAYS for d in late):
            deviations.append(row)
    status_counts = defaultdict(int)
    for measure in measures:
        status_counts[measure.status] += 1
    dated = [m for m in measures if m.planned_start or m.actual_start]
    # One chart per page-sized chunk: an SVG does not break across PDF pages.
    gantt_charts = [
        str(
            gantt_svg(
                dated[offset : offset + GANTT_ROWS_PER_CHART],
                today=today,
                title=_("Timeline of the measures"),
                id_prefix=f"report-gantt-{offset}",
            )
        )
        for offset in range(0, len(dated), GANTT_ROWS_PER_CHART)
    ]
    return {
        "rows": rows,
        "deviations": deviations,
        "by_status": [
            {"status": value, "label": str(label), "count": status_counts[value]}
            for value, label in MeasureStatus.choices
            if status_counts[value]
        ],
        "average_progress": (
            round(sum(m.progress for m in measures) / len(measures)) if measures else None
        ),
        "gantt_charts": gantt_charts,
    }


# --- 6 costs and financing (KuF) ---------------------------------------------------------------


def kuf_section(measures) -> dict:
    """Plan, approved and paid by source, year and field of action (``measures.kuf``)."""
    kuf = build_kuf(measures)

    def money(amounts):
        return {
            "plan": _money(amounts.planned),
            "approved": _money(amounts.approved),
            "paid": _money(amounts.paid),
        }

    sources = [(value, label) for value, label in kuf.sources if value in kuf.by_source]
    series = [str(_("Plan")), str(_("Approved")), str(_("Paid out"))]
    chart = charts.grouped_bar_svg(
        [
            (year, [kuf.year(year).planned, kuf.year(year).approved, kuf.year(year).paid])
            for year in kuf.years
        ],
        series,
        title=_("Costs and financing by year"),
        desc=_("Planned, approved and paid-out amounts per year in euros; see the table."),
        money=True,
    )
    return {
        "years": kuf.years,
        "by_source": [{"source": label, **money(kuf.source(value))} for value, label in sources],
        "by_year": [{"year": year, **money(kuf.year(year))} for year in kuf.years],
        "by_field": [{"field": str(group.title), **money(group.total)} for group in kuf.fields],
        "matrix": [
            {
                "source": label,
                "amounts": [_money(kuf.cell(year, value).planned) for year in kuf.years],
                "total": _money(kuf.source(value).planned),
            }
            for value, label in sources
        ],
        "year_totals": [_money(kuf.year(year).planned) for year in kuf.years],
        "totals": money(kuf.total),
        "chart": chart,
    }


# --- 7 participation ---------------------------------------------------------------------------


def participation_section(area, start, end) -> dict:
    """Events, attendance by kind of actor, results, comments and ideas of the period."""
    until = end + datetime.timedelta(days=1)  # in_period() excludes its end
    events_qs = Event.objects.for_area(area).in_period(start, until)
    events = list(events_qs.for_list().order_by("starts_at", "pk"))
    kind_labels = {key: str(label) for key, label in ActorKind.choices}
    by_year = Attendance.objects.for_area(area).in_period(start, until).count_by_kind_and_period()
    kind_totals = defaultdict(int)
    for counts in by_year.values():
        for kind, n in counts.items():
            kind_totals[kind] += n
    kinds = [(key, kind_labels[key]) for key, _label in ActorKind.choices if key in kind_totals]
    gaps = participation_gaps(area, start=start, end=until)
    results = list(
        EventResult.objects.filter(event__in=events_qs)
        .select_related("event", "measure", "goal")
        .order_by("event__starts_at", "pk")
    )
    comment_stats = Comment.objects.filter(
        area=area, created_at__date__gte=start, created_at__date__lte=end
    ).aggregate(
        total=Count("pk"),
        published=Count("pk", filter=Q(moderation=Moderation.PUBLISHED)),
        pending=Count("pk", filter=Q(moderation=Moderation.PENDING)),
        hidden=Count("pk", filter=Q(moderation__in=[Moderation.HIDDEN, Moderation.BLOCKED])),
        answered=Count("pk", filter=~Q(official_answer="")),
    )
    answered = list(
        Comment.objects.filter(
            area=area,
            created_at__date__gte=start,
            created_at__date__lte=end,
            moderation=Moderation.PUBLISHED,
        )
        .exclude(official_answer="")
        .select_related("measure", "event", "idea", "version")
        .order_by("-answered_at", "-pk")[:ANSWERED_COMMENTS_SHOWN]
    )
    ideas = list(
        Idea.objects.filter(area=area, created_at__date__gte=start, created_at__date__lte=end)
        .exclude(moderation=Moderation.BLOCKED)
        .select_related("measure")
        .order_by("created_at", "pk")
    )
    idea_counts = defaultdict(int)
    for idea in ideas:
        idea_counts[idea.status] += 1
    chart = ""
    if kinds:
        chart = str(
            stacked_bar_chart(
                list(by_year),
                kinds,
                by_year,
                title=_("Attendance by kind of actor"),
                desc=_("Attendances of registered actors per year and kind; see the table."),
                uid="report-attendance",
            )
        )
    return {
        "events": [
            {
                "title": event.title,
                "format": event.get_format_display(),
                "date": _iso(timezone.localtime(event.starts_at).date()),
                "place": event.place,
                "participants": event.people_count or 0,
                "actors": event.actor_count,
                "results": event.result_count,
            }
            for event in events
        ],
        "participants_total": sum(event.people_count or 0 for event in events),
        "attendance_by_kind": [{"kind": label, "count": kind_totals[key]} for key, label in kinds],
        "attendance_chart": chart,
        "kinds_not_reached": [str(label) for _kind, label in gaps["kinds"]],
        "actors_not_reached": len(gaps["actors"]),
        "results": [
            {
                "event": result.event.title,
                "text": result.text,
                "target": (
                    result.measure.title
                    if result.measure
                    else (result.goal.title if result.goal else None)
                ),
                "outcome": result.get_outcome_display(),
                "reason": result.reason,
            }
            for result in results
        ],
        "comments": comment_stats,
        # Examples of answered comments, without names: what residents said and the answer.
        "answered_comments": [
            {
                "about": str(
                    comment.measure or comment.event or comment.idea or comment.version or ""
                ),
                "text": _shorten(comment.text),
                "answer": _shorten(comment.official_answer),
            }
            for comment in answered
        ],
        "ideas": [
            {
                "title": idea.title,
                "status": idea.get_status_display(),
                "reason": idea.status_reason,
                "measure": idea.measure.title if idea.measure else None,
            }
            for idea in ideas
        ],
        "ideas_by_status": [
            {"label": str(label), "count": idea_counts[value]}
            for value, label in IdeaStatus.choices
            if idea_counts[value]
        ],
    }


# --- 8 actors and networks ---------------------------------------------------------------------


def _public_name(name: str, kind: str) -> str:
    """Reports leave the city hall: individual residents are not named in them."""
    return str(_("Individual resident")) if kind == ActorKind.RESIDENT else name


def actors_section(area, start, end) -> dict:
    actors = Actor.objects.filter(area=area)
    by_kind = actors.count_by_kind()
    new_actors = list(
        actors.filter(joined_on__gte=start, joined_on__lte=end).order_by("joined_on", "name")
    )
    committees = list(
        Committee.objects.filter(area=area)
        .annotate(member_count=Count("memberships"))
        .order_by("name")
    )
    committee_labels = dict(CommitteeKind.choices)
    active = list(
        actors.filter(status=ActorStatus.ACTIVE).only("pk", "name", "kind", "interest", "influence")
    )
    for actor in active:  # in memory only, for the labels of the stakeholder map
        actor.name = _public_name(actor.name, actor.kind)
    own = list(
        FinancingRow.objects.filter(
            measure__area=area, source__in=ACTOR_SOURCES, actor__isnull=False
        )
        .order_by()
        .values("actor__name", "actor__kind")
        .annotate(
            money=Coalesce(Sum("amount", filter=Q(in_kind=False)), Decimal(0)),
            in_kind=Coalesce(Sum("amount", filter=Q(in_kind=True)), Decimal(0)),
        )
        .order_by("actor__name")
    )
    return {
        "total": sum(n for _kind, _label, n in by_kind),
        "by_kind": [{"kind": str(label), "count": n} for _kind, label, n in by_kind],
        "new": [
            {
                "name": _public_name(actor.name, actor.kind),
                "kind": actor.get_kind_display(),
                "joined_on": _iso(actor.joined_on),
            }
            for actor in new_actors
        ],
        "committees": [
            {
                "name": committee.name,
                "kind": str(committee_labels.get(committee.kind, committee.kind)),
                "members": committee.member_count,
            }
            for committee in committees
        ],
        "own_resources": [
            {
                "actor": _public_name(row["actor__name"], row["actor__kind"]),
                "money": _money(row["money"]),
                "in_kind": _money(row["in_kind"]),
                "total": _money(row["money"] + row["in_kind"]),
            }
            for row in own
        ],
        "own_resources_total": _money(sum((row["money"] + row["in_kind"] for row in own), 0)),
        "stakeholder_map": str(stakeholder_svg(active)) if active else "",
    }


# --- 9 continuation ----------------------------------------------------------------------------


def continuation_section(area, today) -> dict:
    """Area-level elements, the measures' continuation plans, financing per year, open points."""
    elements = list(
        ContinuationElement.objects.filter(area=area)
        .select_related("responsible_actor")
        .order_by("kind", "title")
    )
    plans = list(
        Measure.objects.filter(area=area)
        .exclude(status=MeasureStatus.DROPPED)
        .filter(
            Q(continuation_carrier__isnull=False)
            | ~Q(continuation_financing="")
            | Q(continuation_from__isnull=False)
            | ~Q(continuation_state=ContinuationState.OPEN)
        )
        .select_related("continuation_carrier")
        .order_by("title", "pk")
    )
    first_year = today.year
    years = list(range(first_year, first_year + CONTINUATION_YEARS))
    financing = []
    year_totals = [Decimal(0)] * len(years)
    for element in elements:
        if element.annual_amount is None:
            continue
        start_year = element.starts_on.year if element.starts_on else first_year
        amounts = []
        for i, year in enumerate(years):
            amount = element.annual_amount if year >= start_year else Decimal(0)
            year_totals[i] += amount
            amounts.append(_money(amount))
        financing.append(
            {
                "title": element.title,
                "source": element.financing_source,
                "secured": element.state == ContinuationState.SECURED,
                "amounts": amounts,
            }
        )
    not_secured = [
        {"title": e.title, "state": e.get_state_display(), "what": str(_("element"))}
        for e in elements
        if e.state != ContinuationState.SECURED
    ] + [
        {"title": m.title, "state": m.get_continuation_state_display(), "what": str(_("measure"))}
        for m in plans
        if m.continuation_state != ContinuationState.SECURED
    ]
    return {
        "elements": [
            {
                "title": e.title,
                "kind": e.get_kind_display(),
                "description": e.description,
                "carrier": e.responsible_actor.name if e.responsible_actor else None,
                "financing_source": e.financing_source,
                "annual_amount": _money(e.annual_amount) if e.annual_amount is not None else None,
                "starts_on": _iso(e.starts_on),
                "state": e.get_state_display(),
                "secured": e.state == ContinuationState.SECURED,
            }
            for e in elements
        ],
        "measures": [
            {
                "title": m.title,
                "carrier": m.continuation_carrier.name if m.continuation_carrier else None,
                "financing": m.continuation_financing,
                "from": _iso(m.continuation_from),
                "state": m.get_continuation_state_display(),
                "secured": m.continuation_state == ContinuationState.SECURED,
            }
            for m in plans
        ],
        "years": years,
        "financing": financing,
        "year_totals": [_money(v) for v in year_totals],
        "not_secured": not_secured,
    }


# --- the whole snapshot ------------------------------------------------------------------------

SECTION_STEPS = [
    ("concept", 10),
    ("goals", 20),
    ("measures", 35),
    ("kuf", 50),
    ("participation", 65),
    ("actors", 75),
    ("continuation", 85),
]


def build_snapshot(report, *, progress: Callable[[int, str], None] | None = None) -> dict:
    """All data the report shows, as JSON. ``progress(percent, step)`` is called per section."""
    now = timezone.now()
    today = timezone.localtime(now).date()
    area = report.area
    version = report_version(area, report.version)
    start, end = report.period_start, report.period_end

    def step(name, percent):
        if progress is not None:
            progress(percent, name)

    snapshot = {
        "schema": SNAPSHOT_SCHEMA,
        "generated_at": now.isoformat(),
        "today": _iso(today),
        "cover": cover_section(report, version, now),
        "texts": {
            "summary": report.summary,
            "outlook": report.outlook,
            "risks": report.risks,
            "next_steps": report.next_steps,
        },
    }
    step("concept", 5)
    snapshot["concept"] = concept_section(area, version)
    step("goals", 10)
    snapshot["goals"] = goals_section(version)
    step("measures", 20)
    measures = report_measures(area, version)
    snapshot["measures"] = measures_section(measures, today)
    step("kuf", 35)
    snapshot["kuf"] = kuf_section(measures)
    step("participation", 50)
    snapshot["participation"] = participation_section(area, start, end)
    step("actors", 65)
    snapshot["actors"] = actors_section(area, start, end)
    step("continuation", 75)
    snapshot["continuation"] = continuation_section(area, today)
    measure_data = snapshot["measures"]
    snapshot["key_figures"] = {
        "measures": len(measure_data["rows"]),
        "measures_running": sum(1 for m in measure_data["rows"] if m["status"] == "running"),
        "measures_completed": sum(1 for m in measure_data["rows"] if m["status"] == "completed"),
        "average_progress": measure_data["average_progress"],
        "deviations": len(measure_data["deviations"]),
        "kuf_plan": snapshot["kuf"]["totals"]["plan"],
        "kuf_approved": snapshot["kuf"]["totals"]["approved"],
        "kuf_paid": snapshot["kuf"]["totals"]["paid"],
        "events": len(snapshot["participation"]["events"]),
        "participants": snapshot["participation"]["participants_total"],
        "comments": snapshot["participation"]["comments"]["total"],
        "ideas": len(snapshot["participation"]["ideas"]),
        "actors": snapshot["actors"]["total"],
        "new_actors": len(snapshot["actors"]["new"]),
    }
    snapshot["appendix"] = {
        "data_as_of": now.isoformat(),
        "version_as_of": _iso(version.as_of) if version else None,
        "period_start": _iso(start),
        "period_end": _iso(end),
        "counts": {
            "measures": len(measure_data["rows"]),
            "events": len(snapshot["participation"]["events"]),
            "results": len(snapshot["participation"]["results"]),
            "actors": snapshot["actors"]["total"],
            "committees": len(snapshot["actors"]["committees"]),
            "continuation_elements": len(snapshot["continuation"]["elements"]),
        },
    }
    return snapshot


def continuation_snapshot(area) -> dict:
    """Data of the continuation concept (page and PDF): live, not frozen."""
    return continuation_section(area, timezone.localdate())


def concept_document(version, *, public: bool) -> dict:
    """Data of the concept document PDF of one version: no personal data, no internal notes.

    The public document leaves out measures that are not public.
    """
    fields = list(
        ActionField.objects.filter(version=version).prefetch_related(
            Prefetch(
                "goals",
                queryset=Goal.objects.order_by("order", "pk").prefetch_related("indicators"),
            )
        )
    )
    measures_qs = Measure.objects.in_version(version)
    if public:
        measures_qs = measures_qs.filter(is_public=True)
    measures = list(
        measures_qs.select_related("lead_actor")
        .prefetch_related(
            Prefetch(
                "action_fields",
                queryset=ActionField.objects.filter(version=version).order_by("order", "pk"),
            ),
            Prefetch(
                "goals",
                queryset=Goal.objects.filter(action_field__version=version).select_related(
                    "action_field"
                ),
            ),
            "milestones",
            "financing_rows",
        )
        .order_by("title", "pk")
    )
    per_field = defaultdict(list)
    without_field = []
    today = timezone.localdate()
    rows = []
    total = Decimal(0)
    for measure in measures:
        cost = sum((r.amount for r in measure.financing_rows.all()), Decimal(0))
        total += cost
        row = {
            "title": measure.title,
            "description": measure.description,
            "status": measure.get_status_display(),
            "lead_actor": (
                measure.lead_actor.name
                if measure.lead_actor and measure.lead_actor.is_public
                else None
            ),
            "planned_start": _iso(measure.planned_start),
            "planned_end": _iso(measure.planned_end),
            "cost": _money(cost),
            "public": measure.is_public,
        }
        rows.append((measure, row))
        field_ids = [f.pk for f in measure.action_fields.all()]
        if field_ids:
            for field_id in field_ids:
                per_field[field_id].append(row)
        else:
            without_field.append(row)
    dated = [m for m, _row in rows if m.planned_start or m.actual_start]
    gantt_charts = [
        str(
            gantt_svg(
                dated[i : i + GANTT_ROWS_PER_CHART],
                today=today,
                title=_("Timeline of the measures"),
                id_prefix=f"concept-gantt-{i}",
            )
        )
        for i in range(0, len(dated), GANTT_ROWS_PER_CHART)
    ]
    return {
        "version": str(version),
        "status": version.get_status_display(),
        "as_of": _iso(version.as_of),
        "council_decision_on": _iso(version.council_decision_on),
        "vision": version.vision,
        "swot": {
            "strengths": version.strengths,
            "weaknesses": version.weaknesses,
            "opportunities": version.opportunities,
            "risks": version.risks,
        },
        "fields": [
            {
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
                                "target_on": _iso(i.target_on),
                            }
                            for i in goal.indicators.all()
                        ],
                    }
                    for goal in field.goals.all()
                ],
                "measures": per_field.get(field.pk, []),
            }
            for field in fields
        ],
        "without_field": without_field,
        "measure_count": len(rows),
        "cost_total": _money(total),
        "gantt_charts": [svg for svg in gantt_charts if svg],
    }
