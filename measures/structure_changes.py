"""Changes of a concept's structure between two versions: fields of action, goals and their
indicators. They are copied per version, so their counterparts are found through the ``origin``
chain.

Also the change records every part of the version comparison returns (``FieldChange``,
``ChangedItem``, ``SectionDiff``) and ``compare_fields``, which fills them field by field;
``measures.comparison`` adds the measures and puts the parts together.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .models import ActionField, Goal, Indicator

ACTION_FIELD_FIELDS = ["title", "description"]
GOAL_FIELDS = ["title", "description"]
INDICATOR_FIELDS = ["name", "unit", "baseline_value", "baseline_on", "target_value", "target_on"]


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    old: object
    new: object


@dataclass
class ChangedItem:
    old: object
    new: object
    changes: list[FieldChange]

    def __str__(self):
        return str(self.new)


@dataclass
class SectionDiff:
    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    changed: list[ChangedItem] = field(default_factory=list)
    unchanged_count: int = 0

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def field_label(model, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


def _display(model, name: str, value, actor_names=None):
    """A value as a person reads it: choice labels, actor names, yes/no."""
    if value is None or value == "":
        return None
    model_field = model._meta.get_field(name)
    if model_field.choices:
        return str(dict(model_field.choices).get(value, value))
    if model_field.is_relation and actor_names is not None:
        return actor_names.get(value, value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return value


def compare_fields(model, old, new, names, actor_names=None) -> list[FieldChange]:
    changes = []
    for name in names:
        attname = model._meta.get_field(name).attname
        before, after = getattr(old, attname), getattr(new, attname)
        if before != after:
            changes.append(
                FieldChange(
                    name,
                    field_label(model, name),
                    _display(model, name, before, actor_names),
                    _display(model, name, after, actor_names),
                )
            )
    return changes


def _match(old_objects, new_objects, origin_of: dict[int, int | None]):
    """Pairs (old, new) by following each new object's origin chain back into the old set."""
    old_by_pk = {o.pk: o for o in old_objects}
    pairs, added, matched = [], [], set()
    for obj in new_objects:
        pk, seen = obj.pk, set()
        while pk is not None and pk not in old_by_pk and pk not in seen:
            seen.add(pk)
            pk = origin_of.get(pk)
        if pk in old_by_pk and pk not in matched:
            matched.add(pk)
            pairs.append((old_by_pk[pk], obj))
        else:
            added.append(obj)
    removed = [o for o in old_objects if o.pk not in matched]
    return pairs, added, removed


def compare_action_fields(old, new) -> SectionDiff:
    area_fields = ActionField.objects.filter(version__area_id=old.area_id)
    origin_of = dict(area_fields.values_list("pk", "origin_id"))
    old_fields = list(ActionField.objects.filter(version=old).order_by("order", "pk"))
    new_fields = list(ActionField.objects.filter(version=new).order_by("order", "pk"))
    pairs, added, removed = _match(old_fields, new_fields, origin_of)
    fields_diff = SectionDiff(added=added, removed=removed)
    for before, after in pairs:
        changes = compare_fields(ActionField, before, after, ACTION_FIELD_FIELDS)
        if changes:
            fields_diff.changed.append(ChangedItem(before, after, changes))
        else:
            fields_diff.unchanged_count += 1
    return fields_diff


def _goals_of(version):
    return list(
        Goal.objects.for_version(version)
        .select_related("action_field", "parent")
        .prefetch_related("indicators")
        .order_by("action_field__order", "order", "pk")
    )


def compare_goals(old, new) -> SectionDiff:
    """Goals, with their parent, field of action and indicators."""
    goal_origin = dict(
        Goal.objects.filter(action_field__version__area_id=old.area_id).values_list(
            "pk", "origin_id"
        )
    )
    indicator_origin = dict(
        Indicator.objects.filter(goal__action_field__version__area_id=old.area_id).values_list(
            "pk", "origin_id"
        )
    )
    pairs, added, removed = _match(_goals_of(old), _goals_of(new), goal_origin)
    goals_diff = SectionDiff(added=added, removed=removed)
    for before, after in pairs:
        changes = compare_fields(Goal, before, after, GOAL_FIELDS)
        if before.action_field.title != after.action_field.title:
            changes.append(
                FieldChange(
                    "action_field",
                    field_label(Goal, "action_field"),
                    before.action_field.title,
                    after.action_field.title,
                )
            )
        old_parent = before.parent.title if before.parent else None
        new_parent = after.parent.title if after.parent else None
        if old_parent != new_parent:
            changes.append(
                FieldChange("parent", field_label(Goal, "parent"), old_parent, new_parent)
            )
        changes += _indicator_changes(before, after, indicator_origin)
        if changes:
            goals_diff.changed.append(ChangedItem(before, after, changes))
        else:
            goals_diff.unchanged_count += 1
    return goals_diff


def _indicator_changes(before, after, indicator_origin) -> list[FieldChange]:
    changes = []
    ind_pairs, ind_added, ind_removed = _match(
        list(before.indicators.all()), list(after.indicators.all()), indicator_origin
    )
    for ind in ind_added:
        changes.append(
            FieldChange("indicator", _("indicator «%(name)s»") % {"name": ind}, None, _("added"))
        )
    for ind in ind_removed:
        changes.append(
            FieldChange("indicator", _("indicator «%(name)s»") % {"name": ind}, _("removed"), None)
        )
    for ind_before, ind_after in ind_pairs:
        for change in compare_fields(Indicator, ind_before, ind_after, INDICATOR_FIELDS):
            changes.append(
                FieldChange(
                    change.name, f"{ind_after.name}: {change.label}", change.old, change.new
                )
            )
    return changes
