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
