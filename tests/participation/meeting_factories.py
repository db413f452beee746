"""Factories for committee meetings (shared by the meeting tests and the fund tests)."""

import datetime

import factory

from tests.factories import CommitteeFactory


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "participation.Meeting"

    committee = factory.SubFactory(CommitteeFactory)
    area = factory.SelfAttribute("committee.area")
    title = factory.Sequence(lambda n: f"{n}. Sitzung")
    starts_at = factory.LazyFunction(
        lambda: datetime.datetime(2025, 6, 3, 16, 0, tzinfo=datetime.UTC)
    )
    place = "Stadtteilzentrum, Lindenstraße 12"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "participation.AgendaItem"

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Tagesordnungspunkt {n}")
    is_public = True
