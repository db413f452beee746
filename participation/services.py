"""Writes of the participation app that touch several models (event, attendance, head counts)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Attendance, Event, HeadCount


@transaction.atomic
def event_save(
    *,
    event: Event,
    actors,
    head_counts: dict[str, int],
    results_formset=None,
) -> Event:
    """Save an event with its attendance, head counts and (optionally) its results formset.

    ``actors`` are the registered actors who took part; every one must belong to the event's
    area. ``head_counts`` maps a ``HeadCountGroup`` to a number; groups left out are removed.
    Everything is stored or nothing (one transaction).
    """
    event.full_clean()
    actors = list(actors)
    if any(actor.area_id != event.area_id for actor in actors):
        raise ValidationError("An actor of another area cannot attend this event.")
    event.save()

    wanted = {actor.pk for actor in actors}
    current = set(event.attendances.values_list("actor_id", flat=True))
    event.attendances.filter(actor_id__in=current - wanted).delete()
    Attendance.objects.bulk_create(
        [Attendance(event=event, actor_id=pk) for pk in sorted(wanted - current)]
    )

    event.head_counts.exclude(group__in=list(head_counts)).delete()
    for group, count in head_counts.items():
        HeadCount.objects.update_or_create(event=event, group=group, defaults={"count": count})

    if results_formset is not None:
        results_formset.instance = event
        for form in results_formset.forms:
            if form.has_changed() and not results_formset._should_delete_form(form):
                form.instance.event = event
                form.instance.full_clean()
        results_formset.save()
    return event
