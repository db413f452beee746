"""Compare two concept versions of an area: what was added, removed and changed.

Fields of action, goals and indicators are copied per version and compared in
``measures.structure_changes``. Measures are shared rows of the area that keep their id across
versions; their state *as it was* in a version is read from django-simple-history at the
version's cut-off: the moment the next version of the area was started (or now for the newest
version). A measure changed between the two cut-offs — including any financing row, milestone or
partner actor — shows up as changed, field by field.

Used by the comparison page and by the status report ("changes since the previous version"):
``compare_versions(old, new)`` is a pure read that returns dataclasses.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from actors.models import Actor

from .models import ConceptVersion, FinancingRow, FinancingSource, Measure, Milestone
from .structure_changes import (
    ChangedItem,
    FieldChange,
    SectionDiff,
    compare_action_fields,
    compare_fields,
    compare_goals,
    field_label,
)

MEASURE_FIELDS = [
    "title",
    "description",
    "status",
    "progress",
    "priority",
    "funding_item",
    "climate_relevant",
    "is_public",
    "location",
    "lead_actor",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
    "continuation_carrier",
    "continuation_financing",
    "continuation_from",
    "continuation_state",
]


@dataclass
class VersionDiff:
    old: ConceptVersion
    new: ConceptVersion
    old_cutoff: datetime
    new_cutoff: datetime
    action_fields: SectionDiff
    goals: SectionDiff
    measures: SectionDiff

    @property
    def has_changes(self) -> bool:
        return self.action_fields.has_changes or self.goals.has_changes or self.measures.has_changes


def cutoff(version: ConceptVersion) -> datetime:
    """The moment up to which a version's measures are read: when its successor was started."""
    following = (
        ConceptVersion.objects.filter(area_id=version.area_id, number__gt=version.number)
        .order_by("number")
        .values_list("created_at", flat=True)
        .first()
    )
    return following or timezone.now()


def states_at(history_model, filters: dict, moment: datetime) -> dict[int, object]:
    """Latest historical record per object id at ``moment``; deleted objects are left out."""
    latest = {}
    records = history_model.objects.filter(history_date__lte=moment, **filters).order_by(
        "history_date", "history_id"
    )
    for record in records:
        latest[record.id] = record
    return {pk: r for pk, r in latest.items() if r.history_type != "-"}


def _cost_breakdown(rows) -> dict[tuple[int, str], Decimal]:
    totals: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    for row in rows:
        totals[(row.year, row.source)] += row.amount
    return dict(totals)


def _cost_changes(old_rows, new_rows) -> list[FieldChange]:
    before, after = _cost_breakdown(old_rows), _cost_breakdown(new_rows)
    changes = []
    old_total, new_total = sum(before.values(), Decimal(0)), sum(after.values(), Decimal(0))
    if old_total != new_total:
        changes.append(FieldChange("costs", _("total costs (EUR)"), old_total, new_total))
    sources = dict(FinancingSource.choices)
    for key in sorted(set(before) | set(after)):
        if before.get(key) != after.get(key):
            year, source = key
            changes.append(
                FieldChange(
                    f"costs_{year}_{source}",
                    _("costs %(year)s – %(source)s (EUR)")
                    % {"year": year, "source": sources.get(source, source)},
                    before.get(key),
                    after.get(key),
                )
            )
    # Same sums, but the state of a row changed (e.g. planned → approved).
    old_states = sorted((r.year, r.source, r.state, r.amount) for r in old_rows)
    new_states = sorted((r.year, r.source, r.state, r.amount) for r in new_rows)
    if not changes and old_states != new_states:
        changes.append(
            FieldChange("financing_state", _("state of the financing rows"), _("changed"), "")
        )
    return changes


def _milestone_changes(old_rows, new_rows) -> list[FieldChange]:
    def describe(rows):
        items = sorted((r.due_on, r.title, r.done) for r in rows)
        return "; ".join(
            f"{due:%d.%m.%Y} {title}" + (f" ({_('done')})" if done else "")
            for due, title, done in items
        )

    before, after = describe(old_rows), describe(new_rows)
    if before == after:
        return []
    label = str(Milestone._meta.verbose_name_plural)
    return [FieldChange("milestones", label, before or None, after or None)]


def _partner_ids(records) -> dict[int, set[int]]:
    """Partner actor ids per historical measure record (simple-history's m2m snapshots)."""
    through = Measure.history.model._meta.get_field(
        "historicalmeasure_partner_actors"
    ).related_model
    ids: dict[int, set[int]] = defaultdict(set)
    history_ids = [r.history_id for r in records if hasattr(r, "history_id")]
    for history_id, actor_id in through.objects.filter(history_id__in=history_ids).values_list(
        "history_id", "actor_id"
    ):
        ids[history_id].add(actor_id)
    return ids


def _measure_ids(version: ConceptVersion) -> set[int]:
    via_fields = Measure.action_fields.through.objects.filter(
        actionfield__version=version
    ).values_list("measure_id", flat=True)
    via_goals = Measure.goals.through.objects.filter(
        goal__action_field__version=version
    ).values_list("measure_id", flat=True)
    return set(via_fields) | set(via_goals)


def _rows_by_measure(model, measure_ids, moment) -> defaultdict:
    """The rows (financing rows, milestones) of the measures as they were at ``moment``."""
    rows = defaultdict(list)
    for row in states_at(model.history.model, {"measure_id__in": measure_ids}, moment).values():
        rows[row.measure_id].append(row)
    return rows


def _compare_measures(old_ids, new_ids, old_cut, new_cut) -> SectionDiff:
    section = SectionDiff()
    current = Measure.objects.in_bulk(old_ids | new_ids)
    section.added = sorted((current[i] for i in new_ids - old_ids), key=lambda m: m.title)
    removed_ids = old_ids - new_ids
    common = old_ids & new_ids
    history = Measure.history.model
    old_states = states_at(history, {"id__in": old_ids}, old_cut)
    new_states = states_at(history, {"id__in": common}, new_cut)
    # A removed measure is shown as it was in the old version, if history knows it.
    section.removed = sorted(
        (old_states.get(i) or current[i] for i in removed_ids), key=lambda m: m.title
    )
    old_rows = _rows_by_measure(FinancingRow, common, old_cut)
    new_rows = _rows_by_measure(FinancingRow, common, new_cut)
    old_milestones = _rows_by_measure(Milestone, common, old_cut)
    new_milestones = _rows_by_measure(Milestone, common, new_cut)
    partners = _partner_ids([*old_states.values(), *new_states.values()])
    actor_ids = set().union(*partners.values()) if partners else set()
    for states in (old_states, new_states):
        for record in states.values():
            actor_ids.update({record.lead_actor_id, record.continuation_carrier_id})
    actor_names = dict(Actor.objects.filter(pk__in=actor_ids - {None}).values_list("pk", "name"))
    partner_label = field_label(Measure, "partner_actors")

    def partner_names(record):
        if not hasattr(record, "history_id"):
            return None  # no history known: nothing to compare against
        names = sorted(actor_names.get(i, f"#{i}") for i in partners.get(record.history_id, ()))
        return ", ".join(names)

    for pk in sorted(common, key=lambda i: current[i].title):
        before = old_states.get(pk) or current[pk]
        after = new_states.get(pk) or current[pk]
        changes = compare_fields(Measure, before, after, MEASURE_FIELDS, actor_names)
        old_partners, new_partners = partner_names(before), partner_names(after)
        if None not in (old_partners, new_partners) and old_partners != new_partners:
            changes.append(
                FieldChange("partner_actors", partner_label, old_partners or None, new_partners)
            )
        changes += _cost_changes(old_rows[pk], new_rows[pk])
        changes += _milestone_changes(old_milestones[pk], new_milestones[pk])
        if changes:
            section.changed.append(ChangedItem(before, current[pk], changes))
        else:
            section.unchanged_count += 1
    return section


def compare_versions(old: ConceptVersion, new: ConceptVersion) -> VersionDiff:
    """What changed from ``old`` to ``new`` (two versions of the same area, in either order)."""
    if old.area_id != new.area_id:
        raise ValueError("Only versions of the same area can be compared.")
    if old.number > new.number:
        old, new = new, old
    old_cut, new_cut = cutoff(old), cutoff(new)
    fields_diff = compare_action_fields(old, new)
    goals_diff = compare_goals(old, new)
    measures_diff = _compare_measures(_measure_ids(old), _measure_ids(new), old_cut, new_cut)
    return VersionDiff(old, new, old_cut, new_cut, fields_diff, goals_diff, measures_diff)
