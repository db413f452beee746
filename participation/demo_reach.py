"""Demo subscriptions and an event with registration, full, with a waiting list.

``seed(area, scale=...)`` is idempotent (does nothing once the area has registration settings)
and runs after the events demo. Addresses are fictional (example.org) and no mail is sent.
"""

from django.utils import timezone

from measures.models import Measure

from .models import (
    Event,
    Registration,
    RegistrationSettings,
    RegistrationStatus,
    Rhythm,
    Subscription,
)

PEOPLE = [
    ("Aylin Demir", "", 0),
    ("Jonas Becker", "Stufenloser Zugang (Rollator)", 0),
    ("Marta Nowak", "", 2),
    ("Peter Schulz", "", 0),
    ("Fatma Yilmaz", "Gebärdensprachdolmetschung", 1),
]
CAPACITY = 3


def seed(area, *, scale: str) -> None:
    if RegistrationSettings.objects.filter(event__area=area).exists():
        return
    event = Event.objects.public().filter(area=area).upcoming(timezone.now()).first()
    if event is not None:
        _seed_registrations(event)
    _seed_subscriptions(area)


def _seed_registrations(event) -> None:
    RegistrationSettings.objects.create(
        event=event, enabled=True, capacity=CAPACITY, ask_accessibility=True, ask_childcare=True
    )
    for number, (name, needs, children) in enumerate(PEOPLE):
        Registration.objects.create(
            event=event,
            name=name,
            email=f"demo-anmeldung-{number + 1}@example.org",
            status=RegistrationStatus.CONFIRMED
            if number < CAPACITY
            else RegistrationStatus.WAITING,
            accessibility_needs=needs,
            childcare_children=children,
        )


def _seed_subscriptions(area) -> None:
    now = timezone.now()
    measure = Measure.objects.public().filter(area=area).order_by("pk").first()
    rows = [
        Subscription(
            area=area,
            email="demo-abo-1@example.org",
            topic_events=True,
            topic_concept=True,
            confirmed_at=now,
        ),
        Subscription(
            area=area,
            email="demo-abo-2@example.org",
            topic_events=True,
            topic_answers=True,
            topic_progress=True,
            topic_concept=True,
            rhythm=Rhythm.WEEKLY,
            confirmed_at=now,
        ),
        Subscription(area=area, email="demo-abo-3@example.org", topic_events=True),
    ]
    if measure is not None:
        rows.append(
            Subscription(
                area=area,
                measure=measure,
                email="demo-abo-1@example.org",
                topic_answers=True,
                topic_progress=True,
                confirmed_at=now,
            )
        )
    Subscription.objects.bulk_create(rows)
