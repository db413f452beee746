"""Writes of the concept structure that touch several rows: new version, current version,
Fortschreibung, ordering of fields of action, a measure with its rows and links."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ihk.caching import one_invalidation

from .models import (
    ActionField,
    ConceptVersion,
    Goal,
    Indicator,
    IndicatorValue,
    Measure,
    VersionKind,
    VersionStatus,
)


def make_current(*, version: ConceptVersion, user=None) -> ConceptVersion:
    """Make ``version`` the one current (public) version of its area.

    The previous current version loses the flag in the same transaction, so the area never has
    two current versions (the database constraint would refuse it) nor, for a moment, none.
    If it was adopted and older, it becomes superseded.
    """
    with transaction.atomic():
        # Lock the area's versions so two simultaneous requests cannot both switch.
        list(ConceptVersion.objects.select_for_update().filter(area_id=version.area_id))
        previous = (
            ConceptVersion.objects.filter(area_id=version.area_id).current().exclude(pk=version.pk)
        )
        for old in previous:
            old.is_current = False
            # An adopted older version is replaced by the newer one: it becomes superseded
            # (and frozen). Going back to an older version leaves the statuses alone.
            if old.status == VersionStatus.ADOPTED and old.number < version.number:
                old.status = VersionStatus.SUPERSEDED
            if user is not None:
                old._history_user = user
            old.save(update_fields=["is_current", "status"])
        version.is_current = True
        if user is not None:
            version._history_user = user
        try:
            with transaction.atomic():
                version.save(update_fields=["is_current"])
        except IntegrityError as exc:
            raise ValidationError(
                _("Another version of this area is already current. Please try again.")
            ) from exc
    return version


def next_version_number(area) -> int:
    top = ConceptVersion.objects.for_area(area).aggregate(top=Max("number"))["top"]
    return (top or 0) + 1


@transaction.atomic
def create_version(*, area, user=None, **fields) -> ConceptVersion:
    """A new (empty) version of ``area`` after the newest one, from the version form's fields."""
    number = next_version_number(area)
    version = ConceptVersion(
        area=area,
        number=number,
        kind=VersionKind.UPDATE if number > 1 else VersionKind.INITIAL,
        predecessor=ConceptVersion.objects.for_area(area).order_by("-number").first(),
        **fields,
    )
    version.full_clean()
    if user is not None:
        version._history_user = user
    version.save()
    return version


@transaction.atomic
def save_measure(*, area, versions, form, milestones, financing) -> Measure:
    """Store a validated measure form and its inline rows in one transaction.

    The caller has validated all three; the links to fields of action and goals of
    ``versions`` (the editable versions) are replaced, those to other versions kept. A new
    measure linked to the current version also joins the copies of its fields of action and
    goals in a Fortschreibung draft, so it is not lost when the draft becomes current.
    """
    is_new = form.instance.pk is None
    measure = form.save(commit=False)
    measure.area = area
    measure.full_clean()
    measure.save()
    form.save_m2m()
    if versions:
        fields = list(form.cleaned_data["action_fields"])
        goals = list(form.cleaned_data["goals"])
        if is_new:
            fields += ActionField.objects.filter(origin__in=fields, version__in=versions)
            goals += Goal.objects.filter(origin__in=goals, action_field__version__in=versions)
        other_fields = list(measure.action_fields.exclude(version__in=versions))
        measure.action_fields.set(other_fields + fields)
        other_goals = list(measure.goals.exclude(action_field__version__in=versions))
        measure.goals.set(other_goals + goals)
    for formset in (milestones, financing):
        formset.instance = measure
        formset.save()
    return measure


def open_draft(version: ConceptVersion) -> ConceptVersion | None:
    """A draft newer than ``version``, which a new Fortschreibung would compete with."""
    return (
        ConceptVersion.objects.for_area(version.area_id)
        .filter(status=VersionStatus.DRAFT, number__gt=version.number)
        .order_by("number")
        .first()
    )


@transaction.atomic
def start_update(*, version: ConceptVersion, user=None) -> ConceptVersion:
    """Start a Fortschreibung of ``version``: a new draft with copies of its structure.

    Copies fields of action (with their actors), goals (with the parent structure), indicators
    with their measured values, and re-creates the measure links on the copies. Every copy points
    to its ``origin``. The old version is not changed at all. Measures are shared rows of the
    area, so they are linked, not copied.
    """
    area = version.area
    draft = open_draft(version)
    if draft is not None:
        raise ValidationError(
            _("A newer draft already exists (%(version)s). Continue working on it instead.")
            % {"version": draft}
        )
    new = ConceptVersion(
        area=area,
        number=next_version_number(area),
        kind=VersionKind.UPDATE,
        status=VersionStatus.DRAFT,
        is_current=False,
        as_of=timezone.localdate(),
        vision=version.vision,
        strengths=version.strengths,
        weaknesses=version.weaknesses,
        opportunities=version.opportunities,
        risks=version.risks,
        predecessor=version,
    )
    new.full_clean()
    if user is not None:
        new._history_user = user
    # Hundreds of copied rows of one area: its pages are invalidated once, on commit.
    with one_invalidation(area):
        new.save()
        field_map = _copy_fields(version, new)
        goals, goal_map = _copy_goals(version, field_map, user)
        _copy_indicators(goals, goal_map)
    return new


def _copy_fields(version, new) -> dict[int, ActionField]:
    """Fields of action of ``version`` into ``new``, with actors and measure links."""
    old_fields = list(
        ActionField.objects.filter(version=version).prefetch_related("actors", "measures")
    )
    field_map: dict[int, ActionField] = {}
    for old in old_fields:
        copy = ActionField.objects.create(
            version=new,
            title=old.title,
            description=old.description,
            order=old.order,
            origin=old,
        )
        field_map[old.pk] = copy
    ActorLink = ActionField.actors.through
    ActorLink.objects.bulk_create(
        ActorLink(actionfield_id=field_map[old.pk].pk, actor_id=actor.pk)
        for old in old_fields
        for actor in old.actors.all()
    )
    FieldLink = Measure.action_fields.through
    FieldLink.objects.bulk_create(
        FieldLink(actionfield_id=field_map[old.pk].pk, measure_id=measure.pk)
        for old in old_fields
        for measure in old.measures.all()
    )
    return field_map


def _copy_goals(version, field_map, user) -> tuple[list[Goal], dict[int, Goal]]:
    """Goals: first without parents, then the parent structure on the copies; measure links."""
    old_goals = list(
        Goal.objects.filter(action_field__version=version)
        .order_by("pk")
        .prefetch_related("measures", "indicators__values")
    )
    goal_map: dict[int, Goal] = {}
    for old in old_goals:
        copy = Goal(
            action_field=field_map[old.action_field_id],
            title=old.title,
            description=old.description,
            order=old.order,
            origin=old,
        )
        if user is not None:
            copy._history_user = user
        copy.save()
        goal_map[old.pk] = copy
    for old in old_goals:
        if old.parent_id and old.parent_id in goal_map:
            copy = goal_map[old.pk]
            copy.parent = goal_map[old.parent_id]
            copy.save(update_fields=["parent"])
    GoalLink = Measure.goals.through
    GoalLink.objects.bulk_create(
        GoalLink(goal_id=goal_map[old.pk].pk, measure_id=measure.pk)
        for old in old_goals
        for measure in old.measures.all()
    )
    return old_goals, goal_map


def _copy_indicators(old_goals, goal_map) -> None:
    """Indicators with their measured values (the series goes on in the new version)."""
    for old_goal in old_goals:
        for old in old_goal.indicators.all():
            copy = Indicator.objects.create(
                goal=goal_map[old_goal.pk],
                name=old.name,
                unit=old.unit,
                baseline_value=old.baseline_value,
                baseline_on=old.baseline_on,
                target_value=old.target_value,
                target_on=old.target_on,
                origin=old,
            )
            IndicatorValue.objects.bulk_create(
                IndicatorValue(
                    indicator=copy, measured_on=v.measured_on, value=v.value, note=v.note
                )
                for v in old.values.all()
            )


@transaction.atomic
def move_action_field(*, field: ActionField, direction: str) -> None:
    """Swap ``field`` with its neighbour above ("up") or below ("down") in its version.

    Renumbers the version's fields 0..n-1 first, so equal or missing order values (from the
    admin or old data) never make a move a no-op.
    """
    fields = list(ActionField.objects.filter(version_id=field.version_id).order_by("order", "pk"))
    index = next(i for i, f in enumerate(fields) if f.pk == field.pk)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(fields):
        fields[index], fields[target] = fields[target], fields[index]
    for position, item in enumerate(fields):
        if item.order != position:
            item.order = position
            item.save(update_fields=["order"])
