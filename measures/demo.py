"""Demo data of the concept: the IHK of the fictional Gartenstadt-Nord (Musterstadt).

Version 1 (Erstfassung 2022, superseded) and version 2 (Fortschreibung 2025, current) with eight
typical Soziale-Stadt fields of action, goals with indicators and measured values, about 25
measures with timelines 2022–2030, milestones, financing rows and continuation plans, and the
area's continuation elements. Measures are first stored as they stood in 2022 and brought to
their 2025 state after the Fortschreibung was started, so the version comparison shows real
changes. ``scale="large"`` adds generated measures up to 200. Idempotent and deterministic.
"""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from ihk.demo import scaled

from . import services
from .demo_rows import DATA, REFERENCE, financing_rows, pick_actor, status_for
from .models import (
    ActionField,
    ConceptVersion,
    ContinuationElement,
    ContinuationState,
    FundingItem,
    Goal,
    Indicator,
    IndicatorValue,
    Measure,
    MeasureStatus,
    Milestone,
    Priority,
    VersionKind,
    VersionStatus,
)

D = datetime.date
VISION_1 = DATA["vision_1"]
VISION_2 = VISION_1 + DATA["vision_2_addition"]
SWOT = DATA["swot"]


def _field_tuple(field):
    """(title, description, goals); each goal (title, indicators); each indicator
    (name, unit, baseline, target, values 2022–2024)."""
    goals = [
        (
            goal["title"],
            [
                (i["name"], i["unit"], i["baseline"], i["target"], i["values"])
                for i in goal["indicators"]
            ],
        )
        for goal in field["goals"]
    ]
    return field["title"], field["description"], goals


FIELDS = [_field_tuple(field) for field in DATA["fields"]]
NEW_FIELD = _field_tuple(DATA["new_field"])
# Measures: (title, field index, funding item, priority, planned start, planned end,
#            climate, cost per year in EUR, lead actor kinds, description, only in version 2)
MEASURES = [
    (
        m["title"],
        m["field"],
        m["funding_item"],
        m["priority"],
        m["planned_start"],
        m["planned_end"],
        m["climate_relevant"],
        m["cost_per_year"],
        m["lead_actor_kinds"],
        m["description"],
        m["only_in_version_2"],
    )
    for m in DATA["measures"]
]
DROPPED_IN_V2 = DATA["dropped_in_version_2"]
CONTINUATION_ELEMENTS = [
    (
        e["kind"],
        e["title"],
        e["actor_kind"],
        e["financing_source"],
        Decimal(e["annual_amount"]),
        e["starts_on"],
        e["state"],
    )
    for e in DATA["continuation_elements"]
]
GENERATED_TOPICS = [(t["topic"], t["field"]) for t in DATA["generated_topics"]]
STREETS = DATA["streets"]


def _add_field(version, order, title, description, goals, with_values=True):
    field = ActionField.objects.create(
        version=version, title=title, description=description, order=order
    )
    created = []
    for goal_order, (goal_title, indicators) in enumerate(goals):
        goal = Goal.objects.create(action_field=field, title=goal_title, order=goal_order)
        created.append(goal)
        for name, unit, baseline, target, values in indicators:
            indicator = Indicator.objects.create(
                goal=goal,
                name=name,
                unit=unit,
                baseline_value=Decimal(baseline),
                baseline_on=D(2021, 12, 31),
                target_value=Decimal(target),
                target_on=D(2029, 12, 31),
            )
            if with_values:
                IndicatorValue.objects.bulk_create(
                    IndicatorValue(
                        indicator=indicator, measured_on=D(2022 + i, 12, 31), value=Decimal(v)
                    )
                    for i, v in enumerate(values)
                )
    return field, created


@dataclass
class _Seed:
    """What the steps of ``seed`` share: the area, the random source and the actors."""

    area: object
    rng: random.Random
    organisations: list
    by_kind: dict = field(default_factory=dict)

    def pick(self, kinds):
        return pick_actor(self.by_kind, self.organisations, kinds, self.rng)


@transaction.atomic
def seed(area, *, scale: str) -> None:
    if ConceptVersion.objects.filter(area=area).exists():
        return
    all_actors = list(area.actors.order_by("name"))
    organisations = [a for a in all_actors if a.kind != "resident"] or all_actors
    ctx = _Seed(area=area, rng=random.Random(4711), organisations=organisations)
    for actor in organisations:
        ctx.by_kind.setdefault(actor.kind, []).append(actor)
    v1, fields, goals = _seed_version_1(ctx)
    measures = _seed_measures_2022(ctx, fields, goals)
    v2_fields, v2_goals = _seed_version_2(ctx, v1)
    _bring_measures_to_2025(ctx, measures, v2_fields, v2_goals)
    _generate_measures(ctx, scale, v2_fields, v2_goals)
    for kind, title, actor_kind, source, amount, starts_on, state in CONTINUATION_ELEMENTS:
        ContinuationElement.objects.create(
            area=area,
            kind=kind,
            title=title,
            responsible_actor=ctx.pick([actor_kind]),
            financing_source=source,
            annual_amount=amount,
            starts_on=starts_on,
            state=state,
        )


def _seed_version_1(ctx):
    """Version 1: the Erstfassung of 2022, as it stood then."""
    v1 = ConceptVersion.objects.create(
        area=ctx.area,
        number=1,
        kind=VersionKind.INITIAL,
        status=VersionStatus.ADOPTED,
        is_current=True,
        as_of=D(2022, 3, 15),
        council_decision_on=D(2022, 6, 23),
        vision=VISION_1,
        **SWOT,
    )
    fields, goals = [], []
    for order, (title, description, goal_rows) in enumerate(FIELDS):
        action_field, created = _add_field(v1, order, title, description, goal_rows)
        if ctx.organisations:
            action_field.actors.set(
                ctx.rng.sample(ctx.organisations, min(3, len(ctx.organisations)))
            )
        fields.append(action_field)
        goals.append(created)
    # A subgoal, to show the goal hierarchy.
    Goal.objects.create(action_field=fields[1], parent=goals[1][0], order=5, title=DATA["subgoal"])
    return v1, fields, goals


def _seed_measures_2022(ctx, fields, goals):
    """The measures of version 1 as they stood in 2022."""
    measures = {}
    for (
        title,
        field_index,
        item,
        priority,
        start,
        end,
        climate,
        per_year,
        kinds,
        text,
        only_v2,
    ) in MEASURES:
        if only_v2:
            continue
        measure = Measure.objects.create(
            area=ctx.area,
            title=title,
            description=text,
            funding_item=item,
            priority=priority,
            climate_relevant=climate,
            status=MeasureStatus.PLANNED,
            progress=0,
            planned_start=start,
            planned_end=end,
            lead_actor=ctx.pick(kinds),
            location=f"{ctx.rng.choice(STREETS)}, Gartenstadt-Nord",
        )
        measure.action_fields.add(fields[field_index])
        measure.goals.add(goals[field_index][0])
        for row in financing_rows(
            measure, per_year, random.Random(title), ctx.organisations, False
        ):
            row.save()  # one by one, so the history knows the 2022 amounts
        measures[title] = (measure, per_year)
    return measures


def _seed_version_2(ctx, v1):
    """Version 2: the Fortschreibung of 2025, started from version 1, with a new field of
    action and the 2025 measured values."""
    v2 = services.start_update(version=v1)
    v2.as_of, v2.council_decision_on, v2.vision = D(2025, 3, 1), D(2025, 5, 15), VISION_2
    v2.status = VersionStatus.ADOPTED
    v2.risks = SWOT["risks"] + DATA["version_2_risks_addition"]
    v2.save()
    services.make_current(version=v2)
    v1.refresh_from_db()
    v1.status = VersionStatus.SUPERSEDED
    v1.save()
    v2_fields = list(v2.action_fields.order_by("order"))
    new_field, _new_goals = _add_field(v2, len(v2_fields), *NEW_FIELD, with_values=False)
    v2_fields.append(new_field)
    v2_goals = {f.pk: list(f.goals.order_by("order", "pk")) for f in v2_fields}
    for indicator in Indicator.objects.filter(goal__action_field__version=v2):
        last = indicator.values.order_by("-measured_on").first()
        if last is not None:
            step = (indicator.target_value - indicator.baseline_value) / 8
            factor = Decimal(ctx.rng.choice([0.5, 1, 1.5]))
            IndicatorValue.objects.create(
                indicator=indicator,
                measured_on=D(2025, 6, 30),
                value=(last.value + step * factor).quantize(Decimal("1")),
                note=DATA["indicator_value_note"],
            )
    return v2_fields, v2_goals


def _bring_measures_to_2025(ctx, measures, v2_fields, v2_goals):
    """The measures as they stand in 2025 (changes after the Fortschreibung was started)."""
    for (
        title,
        field_index,
        item,
        priority,
        start,
        end,
        climate,
        per_year,
        kinds,
        text,
        only_v2,
    ) in MEASURES:
        action_field = v2_fields[field_index]
        if only_v2:
            measure = Measure.objects.create(
                area=ctx.area,
                title=title,
                description=text,
                funding_item=item,
                priority=priority,
                climate_relevant=climate,
                planned_start=start,
                planned_end=end,
                lead_actor=ctx.pick(kinds),
                location=f"{ctx.rng.choice(STREETS)}, Gartenstadt-Nord",
            )
            measure.action_fields.add(action_field)
            measure.goals.add(v2_goals[action_field.pk][0])
        else:
            measure = measures[title][0]
            measure.financing_rows.all().delete()
        if title == DROPPED_IN_V2:
            measure.status, measure.progress = MeasureStatus.DROPPED, 40
            measure.actual_start = start
            measure.internal_notes = DATA["dropped_note"]
            measure.save()
            measure.action_fields.remove(action_field)
            measure.goals.remove(*v2_goals[action_field.pk])
            continue
        _finish(measure, start, end, per_year, ctx.organisations, ctx.rng)


def _generate_measures(ctx, scale, v2_fields, v2_goals):
    """Generated measures up to 200 at ``scale="large"`` (scaled further for xlarge)."""
    rng = ctx.rng
    for index in range(len(MEASURES), scaled(scale, 200)):
        topic, field_index = GENERATED_TOPICS[index % len(GENERATED_TOPICS)]
        start = D(rng.randint(2022, 2028), rng.randint(1, 12), 1)
        end = D(min(start.year + rng.randint(0, 2), 2030), rng.randint(1, 12), 28)
        if end < start:
            end = D(start.year, 12, 31)
        measure = Measure.objects.create(
            area=ctx.area,
            title=f"{topic} {rng.choice(STREETS)} ({index + 1})",
            description=f"{topic} für die Nachbarschaft rund um {rng.choice(STREETS)}.",
            funding_item=rng.choice(FundingItem.values),
            priority=rng.choice(Priority.values),
            climate_relevant=field_index == 5,
            planned_start=start,
            planned_end=end,
            lead_actor=ctx.pick([]),
            location=f"{rng.choice(STREETS)}, Gartenstadt-Nord",
        )
        action_field = v2_fields[field_index]
        measure.action_fields.add(action_field)
        measure.goals.add(v2_goals[action_field.pk][0])
        _finish(measure, start, end, rng.choice([3000, 8000, 15000, 40000]), ctx.organisations, rng)


def _finish(measure, start, end, per_year, actors, rng):
    """Brings a measure to its 2025 state: status, progress, dates, milestones, financing,
    continuation plan."""
    status, progress = status_for(start, end)
    measure.status, measure.progress = status, progress
    measure.is_public = rng.random() > 0.1
    if status in (MeasureStatus.RUNNING, MeasureStatus.COMPLETED):
        delay = datetime.timedelta(days=rng.choice([0, 0, 14, 30, 60, 90]))
        measure.actual_start = start + delay
        if status == MeasureStatus.COMPLETED:
            measure.actual_end = max(end + delay, measure.actual_start)
    if actors and end.year >= 2026:
        measure.continuation_carrier = measure.lead_actor or rng.choice(actors)
        measure.continuation_financing = rng.choice(DATA["continuation_financing"])
        measure.continuation_from = D(end.year + 1, 1, 1)
        measure.continuation_state = rng.choice(list(ContinuationState.values))
    measure.full_clean()
    measure.save()
    span = (end - start).days
    dues = [
        start + datetime.timedelta(days=span // 4),
        start + datetime.timedelta(days=span // 2),
        end,
    ]
    milestones = list(zip(DATA["milestones"], dues, strict=True))
    Milestone.objects.bulk_create(
        Milestone(measure=measure, title=title, due_on=due, done=due < REFERENCE)
        for title, due in milestones[: rng.choice([1, 2, 3])]
    )
    for row in financing_rows(
        measure, per_year, random.Random(f"{measure.title} 2025"), actors, True
    ):
        row.save()  # one by one, so the history records every row
