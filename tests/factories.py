"""factory_boy factories for every app's models; import them explicitly in tests."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from ihk.models import Area, AreaRole, Role

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    name = factory.Sequence(lambda n: f"Quartier {n}")
    slug = factory.Sequence(lambda n: f"quartier-{n}")
    city = "Musterstadt"
    is_public = True
    description = "Ein Wohnquartier im Programm Sozialer Zusammenhalt."


class AreaRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AreaRole

    user = factory.SubFactory(UserFactory)
    area = factory.SubFactory(AreaFactory)
    role = Role.MANAGER


# --- measures ---


class ConceptVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "measures.ConceptVersion"

    area = factory.SubFactory(AreaFactory)
    number = factory.Sequence(lambda n: n + 1)
    kind = "initial"
    status = "draft"
    is_current = False
    as_of = factory.Faker("date_between", start_date="-3y", end_date="today")
    vision = "Ein lebendiges, grünes und solidarisches Quartier für alle Generationen."


class ActionFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "measures.ActionField"

    version = factory.SubFactory(ConceptVersionFactory)
    title = factory.Sequence(lambda n: f"Handlungsfeld {n}")
    description = "Beschreibung des Handlungsfeldes."
    order = factory.Sequence(lambda n: n)


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "measures.Goal"

    action_field = factory.SubFactory(ActionFieldFactory)
    title = factory.Sequence(lambda n: f"Ziel {n}")
    order = factory.Sequence(lambda n: n)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "measures.Indicator"

    goal = factory.SubFactory(GoalFactory)
    name = factory.Sequence(lambda n: f"Indikator {n}")
    unit = "Personen"
    baseline_value = 100
    baseline_on = datetime.date(2022, 1, 1)
    target_value = 200
    target_on = datetime.date(2028, 12, 31)


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "measures.IndicatorValue"

    indicator = factory.SubFactory(IndicatorFactory)
    measured_on = datetime.date(2024, 6, 30)
    value = 150


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "measures.Measure"

    area = factory.SubFactory(AreaFactory)
    title = factory.Sequence(lambda n: f"Maßnahme {n}")
    description = "Beschreibung der Maßnahme."
    status = "planned"
    progress = 0
    planned_start = datetime.date(2024, 1, 1)
    planned_end = datetime.date(2026, 12, 31)
    is_public = True


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "measures.Milestone"

    measure = factory.SubFactory(MeasureFactory)
    due_on = datetime.date(2025, 6, 30)
    title = factory.Sequence(lambda n: f"Meilenstein {n}")


class FinancingRowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "measures.FinancingRow"

    measure = factory.SubFactory(MeasureFactory)
    year = 2025
    source = "federal"
    state = "planned"
    amount = Decimal("10000.00")


class ContinuationElementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "measures.ContinuationElement"

    area = factory.SubFactory(AreaFactory)
    kind = "place"
    title = factory.Sequence(lambda n: f"Stadtteilzentrum {n}")
    state = "idea"


# --- participation ---


class _ParticipationActorFactory(factory.django.DjangoModelFactory):
    """A minimal actor for attendance rows (the actors section may define a richer one)."""

    class Meta:
        model = "actors.Actor"

    area = factory.SubFactory(AreaFactory)
    name = factory.Sequence(lambda n: f"Verein {n} e. V.")
    kind = "association"


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "participation.Event"

    area = factory.SubFactory(AreaFactory)
    format = "workshop"
    title = factory.Sequence(lambda n: f"Werkstatt {n}")
    starts_at = factory.LazyFunction(
        lambda: datetime.datetime(2025, 5, 14, 18, 0, tzinfo=datetime.UTC)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    place = "Stadtteilzentrum, Lindenstraße 12"
    target_groups = "Bewohnerinnen und Bewohner"
    description = "Gemeinsam Ideen für das Quartier sammeln."
    is_public = True


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "participation.Attendance"

    event = factory.SubFactory(EventFactory)
    actor = factory.SubFactory(
        _ParticipationActorFactory, area=factory.SelfAttribute("..event.area")
    )


class HeadCountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "participation.HeadCount"

    event = factory.SubFactory(EventFactory)
    group = "residents"
    count = 25


class EventResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "participation.EventResult"

    event = factory.SubFactory(EventFactory)
    text = factory.Sequence(lambda n: f"Ergebnis {n}: mehr Sitzbänke am Marktplatz")
    outcome = "adopted"
    reason = "Wurde in die Maßnahmenplanung übernommen."


class IdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "participation.Idea"

    area = factory.SubFactory(AreaFactory)
    title = factory.Sequence(lambda n: f"Projektidee {n}")
    description = "Ein Gemeinschaftsgarten auf der Brachfläche hinter der Schule."
    consent = True
    moderation = "published"


class CommentFactory(factory.django.DjangoModelFactory):
    """A published comment on a measure of the same area (pass event=/idea=/version= with
    ``measure=None`` to comment on something else)."""

    class Meta:
        model = "participation.Comment"

    area = factory.SubFactory(AreaFactory)
    measure = factory.SubFactory(MeasureFactory, area=factory.SelfAttribute("..area"))
    text = factory.Sequence(lambda n: f"Kommentar {n}: Das finde ich eine gute Idee.")
    pseudonym = "Anwohnerin"
    consent = True
    moderation = "published"


# --- actors ---


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "actors.Actor"

    area = factory.SubFactory(AreaFactory)
    name = factory.Sequence(lambda n: f"Nachbarschaftsverein {n} e. V.")
    kind = "association"
    description = "Ein Verein im Quartier."
    website = "https://verein.example.org"
    is_public = True
    interest = 4
    influence = 2
    status = "active"
    joined_on = datetime.date(2023, 3, 1)
    internal_notes = ""


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "actors.ContactPerson"

    actor = factory.SubFactory(ActorFactory)
    name = factory.Sequence(lambda n: f"Erika Beispiel {n}")
    role = "Vorsitzende"
    email = factory.Sequence(lambda n: f"kontakt{n}@verein.example.org")
    phone = "0123 456789"
    consent_on = datetime.date(2024, 1, 15)
    consent_method = "written"
    consent_purpose = "Einladungen zu Veranstaltungen und Gremienarbeit"


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "actors.Committee"

    area = factory.SubFactory(AreaFactory)
    name = factory.Sequence(lambda n: f"Arbeitsgruppe {n}")
    kind = "working_group"


class CommitteeMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "actors.CommitteeMembership"

    committee = factory.SubFactory(CommitteeFactory)
    actor = factory.SubFactory(ActorFactory, area=factory.SelfAttribute("..committee.area"))
    role = "Mitglied"
    has_vote = True
    start = datetime.date(2024, 1, 1)


# --- reports ---


class StatusReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reports.StatusReport"

    area = factory.SubFactory(AreaFactory)
    title = factory.Sequence(lambda n: f"Statusbericht {n}")
    period_start = datetime.date(2025, 1, 1)
    period_end = datetime.date(2025, 12, 31)
    summary = "Das Quartier hat sich im Berichtszeitraum gut entwickelt."
    outlook = "Im kommenden Jahr beginnt der Umbau des Marktplatzes."
    risks = "Steigende Baukosten."
    next_steps = "Ausschreibung der Planungsleistungen."
