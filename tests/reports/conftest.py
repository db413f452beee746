"""Fixtures of the reports tests: PDFs are written below a temporary MEDIA_ROOT.

``large_area`` gives the large demo data (``seed_demo --scale large``: 200 measures, 400 actors,
80 events, 5,000 comments), seeded once for the module that needs it and removed afterwards.
"""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from ihk.models import Area
from reports.models import StatusReport
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
from tests.module_data import rolled_back_after_module

# The role × URL matrices of the reports views.
ROLES = ["anonymous", "reader", "manager", "other_manager", "superuser"]
READ = {"anonymous": 302, "reader": 200, "manager": 200, "other_manager": 403, "superuser": 200}
WRITE = {"anonymous": 302, "reader": 403, "manager": 200, "other_manager": 403, "superuser": 200}


def reports_url(name, area, **kwargs):
    return reverse(f"reports:{name}", kwargs={"area_slug": area.slug, **kwargs})


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def empty_cache(request):
    """The "already queued" marks of concept PDFs live in the cache: start every test empty.

    The default cache is the database cache, so the test's database must be set up first; a
    test without database access has no cache to clear.
    """
    names = request.fixturenames
    if "transactional_db" in names or "live_server" in names:
        request.getfixturevalue("transactional_db")
    elif "db" in names or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db")
    else:
        yield
        return
    cache.clear()
    yield
    cache.clear()


def run_queued_pdf_tasks(name: str = "generate_concept_pdf_task") -> int:
    """Do what the worker does with the queued PDF tasks ``reports.tasks.<name>`` (inside the
    test transaction)."""
    from reports import tasks

    rows = list(DBTaskResult.objects.filter(task_path=f"reports.tasks.{name}", status="READY"))
    for row in rows:
        getattr(tasks, name).call(*row.args_kwargs["args"])
        row.delete()
    return len(rows)


def run_queued_concept_pdf_tasks() -> int:
    return run_queued_pdf_tasks("generate_concept_pdf_task")


def fetch_concept_pdf(client, url):
    """GET the concept PDF like a reader would: wait page, the worker runs, GET again."""
    response = client.get(url)
    if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
        assert run_queued_concept_pdf_tasks() == 1
        response = client.get(url)
    return response


def fetch_continuation_pdf(client, url):
    """GET the continuation concept PDF: wait page, the worker runs, GET again."""
    response = client.get(url)
    if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
        assert run_queued_pdf_tasks("generate_continuation_pdf_task") == 1
        response = client.get(url)
    return response


def pdf_bytes(response) -> bytes:
    assert response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content)


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


LARGE_SLUG = "large-demo"
LARGE_SLUGS = {"gartenstadt-nord": LARGE_SLUG, "altstadt-ost": f"{LARGE_SLUG}-other"}
LARGE_EMAIL_PREFIX = "large-demo-"


def _seed_large_demo() -> None:
    """Seed the large demo and move it out of the way of the per-test fixtures.

    The data is committed (seeding takes long; each test then reads it inside its own
    transaction, which is rolled back). Its areas and logins get names no other fixture uses,
    and the demo's own report and queued task are removed, so tests that create the
    ``area``/``other_area`` fixtures or count reports and tasks are not disturbed.
    """
    with override_settings(DEBUG=True):
        call_command("seed_demo", scale="large", verbosity=0)
    areas = Area.objects.filter(slug__in=LARGE_SLUGS)
    StatusReport.objects.filter(area__in=areas).delete()
    DBTaskResult.objects.all().delete()
    for slug, new_slug in LARGE_SLUGS.items():
        Area.objects.filter(slug=slug).update(slug=new_slug)
    for user in (
        get_user_model()
        .objects.filter(email__endswith="@example.org")
        .exclude(email__startswith=LARGE_EMAIL_PREFIX)
    ):
        user.email = LARGE_EMAIL_PREFIX + user.email
        user.save(update_fields=["email"])


@pytest.fixture(scope="module")
def large_demo(django_db_setup, django_db_blocker):
    """Seeds the large demo once for the module that uses it and rolls it back afterwards.

    Module scope keeps the rows away from every other test module (which count actors, users or
    areas); one module (``test_large_demo.py``) uses it, so it is seeded once. The seed runs in
    an outer transaction that each test's own transaction nests in; rolling it back at the end is
    instant, where deleting the large area row by row took a minute on PostgreSQL.
    """
    with rolled_back_after_module(django_db_blocker):
        _seed_large_demo()
        yield LARGE_SLUG


@pytest.fixture
def large_area(large_demo, db, django_db_blocker):
    """The area of the large demo, read inside the test's transaction.

    Not for transactional tests: their flush deletes the committed data. If one ran before,
    the data is seeded again here (inside this test's transaction, so only for this test).
    """
    area = Area.objects.filter(slug=large_demo).first()
    if area is None:  # a transactional test flushed the database in between
        with django_db_blocker.unblock():
            _seed_large_demo()
        area = Area.objects.get(slug=large_demo)
    return area
