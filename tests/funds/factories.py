"""Factories of the funds app (fund years, applications with a cost plan)."""

import datetime
from decimal import Decimal

import factory

from funds.models import Application, CostItem, Fund, Status
from tests.factories import AreaFactory


class FundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fund

    area = factory.SubFactory(AreaFactory)
    year = 2026
    title = factory.LazyAttribute(lambda f: f"Verfügungsfonds {f.year}")
    budget = Decimal("10000.00")
    max_per_project = Decimal("1500.00")
    is_open = True
    is_public = True
    call_text = "Wir fördern Projekte von Nachbarinnen und Nachbarn."
    rules = "Gefördert werden gemeinnützige Projekte im Quartier."


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application
        skip_postgeneration_save = True

    fund = factory.SubFactory(FundFactory)
    area = factory.SelfAttribute("fund.area")
    reference = factory.Sequence(lambda n: f"VF-2026-{n + 1:03d}")
    status = Status.SUBMITTED
    title = factory.Sequence(lambda n: f"Hoffest {n}")
    description = "Ein Fest für alle im Hof."
    beneficiaries = "Kinder und Familien"
    place = "Lindenhof"
    starts_on = datetime.date(2026, 6, 1)
    ends_on = datetime.date(2026, 6, 30)
    requested_amount = Decimal("800.00")
    applicant_name = "Erika Mustermann"
    group_name = "Mieterinitiative Lindenhof"
    contact_email = factory.Sequence(lambda n: f"erika{n}@example.org")
    email_confirmed_at = factory.LazyFunction(
        lambda: datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC)
    )

    @factory.post_generation
    def access(obj, create, extracted, **kwargs):
        obj.new_access()
        if create:
            obj.save()
            CostItem.objects.create(application=obj, item="Material", amount=obj.requested_amount)
