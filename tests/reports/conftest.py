"""Fixtures of the reports tests: PDFs are written below a temporary MEDIA_ROOT."""

import datetime
from decimal import Decimal

import pytest

from tests.factories import (
    ActionFieldFactory,
    ActorFactory,
    AttendanceFactory,
    CommitteeFactory,
    CommitteeMembershipFactory,
    ConceptVersionFactory,
    ContinuationElementFactory,
    EventFactory,
    EventResultFactory,
    FinancingRowFactory,
    GoalFactory,
    HeadCountFactory,
    IdeaFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    MeasureFactory,
    StatusReportFactory,
)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def concept(area):
    """An area with one adopted version, goals, measures, financing, events and actors."""
    version = ConceptVersionFactory(
        area=area, number=1, status="adopted", is_current=True, as_of=datetime.date(2024, 3, 1)
    )
    field = ActionFieldFactory(version=version, title="Wohnen und Wohnumfeld")
    goal = GoalFactory(action_field=field, title="Mehr Grün im Quartier")
    indicator = IndicatorFactory(goal=goal, name="Neue Bäume", unit="Stück")
    IndicatorValueFactory(indicator=indicator, value=Decimal("150"))
    lead = ActorFactory(area=area, name="Wohnungsbau Nord eG", kind="housing")
    measure = MeasureFactory(
        area=area,
        title="Umgestaltung Lindenplatz",
        status="running",
        progress=40,
        lead_actor=lead,
        actual_start=datetime.date(2024, 4, 1),
    )
    measure.action_fields.add(field)
    measure.goals.add(goal)
    FinancingRowFactory(measure=measure, year=2024, source="federal", amount=Decimal("12000.00"))
    FinancingRowFactory(
        measure=measure, year=2025, source="state", state="approved", amount=Decimal("333.45")
    )
    FinancingRowFactory(
        measure=measure,
        year=2025,
        source="own_resources",
        state="paid",
        actor=lead,
        amount=Decimal("12.00"),
    )
    event = EventFactory(area=area, version=version, title="Stadtteilkonferenz Frühjahr")
    AttendanceFactory(event=event, actor=lead)
    HeadCountFactory(event=event, count=42)
    EventResultFactory(event=event, measure=measure)
    IdeaFactory(area=area, title="Bücherschrank am Platz")
    committee = CommitteeFactory(area=area, name="Lenkungsgruppe Gartenstadt")
    CommitteeMembershipFactory(committee=committee, actor=lead)
    ContinuationElementFactory(
        area=area,
        title="Stadtteilzentrum Lindenhof",
        annual_amount=Decimal("25000.00"),
        responsible_actor=lead,
    )
    return {"version": version, "measure": measure, "lead": lead, "event": event}


@pytest.fixture
def draft(area, manager, concept):
    return StatusReportFactory(area=area, author=manager, version=concept["version"])
