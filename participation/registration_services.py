"""Registering for events: places, waiting list, cancellation, move-up, reminders, attendance.

Every write that changes who holds a place locks the event's ``RegistrationSettings`` row first
(``SELECT … FOR UPDATE``), so registrations and cancellations of one event run one after the
other and the number of confirmed registrations never exceeds the capacity. Mails go out after
the transaction commits (``registration_mails``).
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from . import registration_mails
from .models import (
    Event,
    HeadCount,
    Registration,
    RegistrationSettings,
    RegistrationStatus,
)
from .models.subscriptions import new_key
from .spam import check_rate_limit
from .tokens import make_token, object_for_token

CANCEL_SALT = registration_mails.CANCEL_SALT


class RegistrationClosed(Exception):
    """Registration is not open for this event (disabled, past, or full without waiting list)."""


@dataclass
class Applicant:
    name: str
    email: str
    accessibility_needs: str = ""
    childcare_children: int = 0


def cancel_token(registration: Registration) -> str:
    return make_token(registration, CANCEL_SALT)


def registration_for_token(queryset, token: str) -> Registration | None:
    return object_for_token(queryset, token, CANCEL_SALT)


def is_open(event: Event, settings: RegistrationSettings | None, *, now=None) -> bool:
    return bool(settings and settings.enabled and event.starts_at > (now or timezone.now()))


def free_places(settings: RegistrationSettings, confirmed: int) -> int | None:
    """Places left (``None``: no limit)."""
    if settings.capacity is None:
        return None
    return max(0, settings.capacity - confirmed)


def _locked_settings(event: Event) -> RegistrationSettings:
    settings, _created = RegistrationSettings.objects.get_or_create(event=event)
    return RegistrationSettings.objects.select_for_update().get(pk=settings.pk)


def register(*, event: Event, applicant: Applicant, client: str = "") -> tuple[Registration, bool]:
    """Register ``applicant``; returns (registration, created).

    A place if one is free, else the waiting list (if the event has one). An address already
    registered gets its registration back (``created`` False) and a reminder of its link.
    Raises ``RegistrationClosed`` or ``spam.RateLimited``.
    """
    email = applicant.email.strip().lower()
    with transaction.atomic():
        check_rate_limit(Registration.objects.all(), "registration", client)
        settings = _locked_settings(event)
        if not is_open(event, settings):
            raise RegistrationClosed
        existing = Registration.objects.active().filter(event=event, email=email).first()
        if existing is not None:
            transaction.on_commit(lambda: registration_mails.send_already(existing.pk))
            return existing, False
        confirmed = Registration.objects.for_event(event).confirmed().count()
        if free_places(settings, confirmed) == 0:
            if not settings.waiting_list:
                raise RegistrationClosed
            status = RegistrationStatus.WAITING
        else:
            status = RegistrationStatus.CONFIRMED
        registration = Registration(
            event=event,
            name=applicant.name,
            email=email,
            status=status,
            accessibility_needs=applicant.accessibility_needs if settings.ask_accessibility else "",
            childcare_children=applicant.childcare_children if settings.ask_childcare else 0,
            client_hash=client,
        )
        registration.full_clean()
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError:  # the same address at the same moment
            return Registration.objects.active().get(event=event, email=email), False
        transaction.on_commit(lambda: registration_mails.send_registered(registration.pk))
    return registration, True


def cancel(registration: Registration) -> list[Registration]:
    """Cancel a registration; a freed place goes to the waiting list. Returns who moved up."""
    with transaction.atomic():
        _locked_settings(registration.event)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status == RegistrationStatus.CANCELLED:
            return []
        current.status = RegistrationStatus.CANCELLED
        current.cancelled_at = timezone.now()
        current.key = new_key()  # the link has done its job
        current.save(update_fields=["status", "cancelled_at", "key"])
        registration.status = current.status
        return fill_free_places(registration.event)


def fill_free_places(event: Event) -> list[Registration]:
    """Move people up from the waiting list while places are free (call inside the lock)."""
    settings = _locked_settings(event)
    confirmed = Registration.objects.for_event(event).confirmed().count()
    free = free_places(settings, confirmed)
    waiting = Registration.objects.for_event(event).waiting()
    moved = list(waiting if free is None else waiting[:free])
    now = timezone.now()
    for registration in moved:
        registration.status = RegistrationStatus.CONFIRMED
        registration.moved_up_at = now
    Registration.objects.bulk_update(moved, ["status", "moved_up_at"])
    for registration in moved:
        transaction.on_commit(lambda pk=registration.pk: registration_mails.send_moved_up(pk))
    return moved


def save_settings(settings: RegistrationSettings) -> list[Registration]:
    """Save the manager's settings; more places (or none) move people up from the waiting list."""
    with transaction.atomic():
        _locked_settings(settings.event)
        settings.full_clean()
        settings.save()
        return fill_free_places(settings.event)


def record_attendance(*, event: Event, shown_ids: set[int], attended_ids: set[int]) -> int:
    """Tick who came among the registrations ``shown_ids`` (one page of the list; confirmed
    ones only); returns how many of them attended."""
    with transaction.atomic():
        shown = Registration.objects.for_event(event).confirmed().filter(pk__in=shown_ids)
        shown.exclude(pk__in=attended_ids).update(attended=False)
        return shown.filter(pk__in=attended_ids).update(attended=True)


def transfer_head_count(*, event: Event, group: str) -> int:
    """Write the number of registrations marked as attended into the event's head counts."""
    with transaction.atomic():
        attended = Registration.objects.for_event(event).filter(attended=True).count()
        HeadCount.objects.update_or_create(event=event, group=group, defaults={"count": attended})
    return attended


def due_reminders(*, now=None):
    """Confirmed registrations of public events that start tomorrow (local date), not yet
    reminded."""
    now = timezone.localtime(now or timezone.now())
    tomorrow = now.date() + timezone.timedelta(days=1)
    return (
        Registration.objects.confirmed()
        .filter(reminded_at=None, event__starts_at__date=tomorrow, event__is_public=True)
        .select_related("event__area")
        .order_by("pk")
    )


def send_reminders(*, now=None, batch_size: int = 200) -> int:
    """Mail the reminders due now; each registration is reminded once."""
    sent = 0
    while batch := list(due_reminders(now=now)[:batch_size]):
        for registration in batch:
            sent += _remind(registration)
    return sent


def _remind(registration) -> int:
    """Claim and send one reminder (1 if this call sent it)."""
    claimed = Registration.objects.filter(pk=registration.pk, reminded_at=None).update(
        reminded_at=timezone.now()
    )
    if claimed:
        registration_mails.send_reminder(registration.pk)
    return claimed


def erase(*, area, email: str) -> int:
    """Data protection: delete the registrations of ``email`` for the area's events."""
    email = (email or "").strip()
    if not email:
        return 0
    deleted, _detail = Registration.objects.filter(event__area=area, email__iexact=email).delete()
    return deleted
