"""Readable change history of a measure, its milestones and financing rows (django-simple-history).

``measure_history(measure) -> list[Change]``, newest first, in a fixed number of queries whatever
the number of records (``measure.goals`` prefetched). Covers the measure's own fields, its links
(partner actors, fields of action, goals), its milestones, financing rows and the goals it is
linked to. Each ``Change`` says who, when, which object and, per field, from what to what.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from actors.models import Actor

from .models import ActionField, FinancingRow, Goal, Measure, Milestone

SKIPPED = {"id", "area", "measure", "created_at", "updated_at", "origin", "action_field"}


@dataclass
class Change:
    when: datetime.datetime
    who: object
    kind: str  # "created", "changed", "deleted"
    subject: str
    fields: list = field(default_factory=list)  # [(label, old, new)]

    @property
    def kind_label(self) -> str:
        return {"created": _("created"), "changed": _("changed"), "deleted": _("deleted")}[
            self.kind
        ]


def _tracked_fields(model):
    return [f for f in model._meta.concrete_fields if f.name not in SKIPPED]


def _display(model_field, value, actor_names) -> str:
    if value is None or value == "":
        return "–"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if model_field.is_relation:
        if model_field.related_model is Actor:
            return actor_names.get(value, f"#{value}")
        return f"#{value}"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, Decimal):
        return number_format(value, decimal_pos=2, force_grouping=True)
    return str(value)


@dataclass
class LinkHistory:
    """The linked ids of one many-to-many field per history record, and how to name them."""

    label: str
    ids_by_record: dict  # history_id -> set of linked ids
    names: dict  # linked id -> display name
    copies: dict = field(default_factory=dict)  # linked id -> (origin id, copied at)

    def describe(self, ids) -> str:
        return ", ".join(sorted(self.names.get(i, f"#{i}") for i in ids)) or "–"

    def between(self, previous, record) -> tuple[set, set]:
        """The linked ids of two consecutive records, without the links a Fortschreibung
        added in between by copying a linked field of action or goal (not the user's edit)."""
        old_ids = self.ids_by_record.get(previous.history_id, set())
        new_ids = self.ids_by_record.get(record.history_id, set())
        copied = {
            i
            for i in new_ids - old_ids
            if i in self.copies
            and self.copies[i][0] in old_ids
            and self.copies[i][1] > previous.history_date
        }
        return old_ids, new_ids - copied


def _changes(records, model, subject_of, actor_names, links=()) -> list[Change]:
    """Turn history records (ordered by object, then time) into changes.

    ``links`` are the many-to-many fields whose snapshots simple-history keeps per record.
    """
    fields = _tracked_fields(model)

    result = []
    previous = None
    for record in records:
        if previous is not None and previous.id != record.id:
            previous = None
        subject = subject_of(record)
        if record.history_type == "+" or previous is None:
            change = Change(record.history_date, record.history_user, "created", subject)
            if record.history_type == "-":
                change.kind = "deleted"
        elif record.history_type == "-":
            change = Change(record.history_date, record.history_user, "deleted", subject)
        else:
            change = Change(record.history_date, record.history_user, "changed", subject)
            for f in fields:
                old, new = getattr(previous, f.attname), getattr(record, f.attname)
                if old != new:
                    change.fields.append(
                        (
                            str(f.verbose_name),
                            _display(f, old, actor_names),
                            _display(f, new, actor_names),
                        )
                    )
            for link in links:
                old_ids, new_ids = link.between(previous, record)
                if old_ids != new_ids:
                    change.fields.append(
                        (link.label, link.describe(old_ids), link.describe(new_ids))
                    )
            if not change.fields:
                previous = record
                continue
        result.append(change)
        previous = record
    return result


def _link_history(measure, field_name, target_column, names, copies=None) -> LinkHistory:
    through = Measure.history.model._meta.get_field(f"historicalmeasure_{field_name}").related_model
    ids_by_record: dict = {}
    for history_id, target_id in through.objects.filter(history__id=measure.pk).values_list(
        "history_id", target_column
    ):
        ids_by_record.setdefault(history_id, set()).add(target_id)
    label = str(Measure._meta.get_field(field_name).verbose_name)
    return LinkHistory(label=label, ids_by_record=ids_by_record, names=names, copies=copies or {})


def _links(measure, actor_names) -> list[LinkHistory]:
    """The measure's partner actors, fields of action and goals per history record."""
    fields = list(
        ActionField.objects.filter(version__area_id=measure.area_id).select_related("version")
    )
    goals = list(
        Goal.objects.filter(action_field__version__area_id=measure.area_id).select_related(
            "action_field__version"
        )
    )
    named = _("%(title)s (version %(number)s)")
    field_names = {f.pk: named % {"title": f.title, "number": f.version.number} for f in fields}
    goal_names = {
        g.pk: named % {"title": g.title, "number": g.action_field.version.number} for g in goals
    }
    field_copies = {f.pk: (f.origin_id, f.version.created_at) for f in fields if f.origin_id}
    goal_copies = {
        g.pk: (g.origin_id, g.action_field.version.created_at) for g in goals if g.origin_id
    }
    return [
        _link_history(measure, "partner_actors", "actor_id", actor_names),
        _link_history(measure, "action_fields", "actionfield_id", field_names, field_copies),
        _link_history(measure, "goals", "goal_id", goal_names, goal_copies),
    ]


def measure_history(measure: Measure) -> list[Change]:
    actor_names = dict(Actor.objects.filter(area_id=measure.area_id).values_list("pk", "name"))
    order = ("id", "history_date", "history_id")
    measure_records = measure.history.select_related("history_user").order_by(*order)
    milestone_records = (
        Milestone.history.filter(measure_id=measure.pk)
        .select_related("history_user")
        .order_by(*order)
    )
    financing_records = (
        FinancingRow.history.filter(measure_id=measure.pk)
        .select_related("history_user")
        .order_by(*order)
    )
    links = _links(measure, actor_names)
    changes = _changes(measure_records, Measure, lambda r: _("Measure"), actor_names, links)
    goal_ids = [g.pk for g in measure.goals.all()]
    goal_records = (
        Goal.history.filter(id__in=goal_ids).select_related("history_user").order_by(*order)
    )
    # Only what happened to its goals while the measure existed: not "goal created" from the
    # time the concept was set up.
    goal_changes = _changes(
        goal_records, Goal, lambda r: _("Goal “%(title)s”") % {"title": r.title}, actor_names
    )
    changes += [c for c in goal_changes if c.when >= measure.created_at]
    changes += _changes(
        milestone_records,
        Milestone,
        lambda r: _("Milestone “%(title)s”") % {"title": r.title},
        actor_names,
    )
    sources = dict(FinancingRow._meta.get_field("source").flatchoices)
    changes += _changes(
        financing_records,
        FinancingRow,
        lambda r: (
            _("Financing row %(year)s, %(source)s")
            % {"year": r.year, "source": sources.get(r.source, r.source)}
        ),
        actor_names,
    )
    changes.sort(key=lambda c: c.when, reverse=True)
    return changes
