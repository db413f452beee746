"""Events in a real browser: a manager records an event with a result, a resident finds it."""

import datetime

import pytest
from django.utils import timezone

from participation.models import Event
from tests.browser.conftest import axe_violations, login
from tests.factories import (
    PASSWORD,
    EventFactory,
    EventResultFactory,
    MeasureFactory,
    _ParticipationActorFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_manager_creates_event_with_result_and_resident_sees_it(page, browser, manager, area):
    measure = MeasureFactory(area=area, title="Grüner Schulhof", is_public=True)
    _ParticipationActorFactory(area=area, name="Grundschule am Park", kind="school")
    login(page, "qm@example.org", PASSWORD)
    page.wait_for_url("**/dashboard/")
    page.goto(f"/areas/{area.slug}/participation/events/new/")
    page.locator("#id_format").select_option("planning_workshop")
    page.locator("#id_title").fill("Planungswerkstatt Schulhof")
    next_year = timezone.localdate().year + 1
    page.locator("#id_starts_at").fill(f"{next_year}-05-14T18:00")
    page.locator("#id_ends_at").fill(f"{next_year}-05-14T20:00")
    page.locator("#id_place").fill("Aula der Grundschule am Park")
    page.get_by_label("Grundschule am Park").check()
    page.locator("#id_count_residents").fill("23")
    page.locator("#id_results-0-text").fill("Mehr Schatten auf dem Schulhof")
    page.locator("#id_results-0-measure").select_option(str(measure.pk))
    page.locator("#id_results-0-outcome").select_option("adopted")
    page.locator("#id_results-0-reason").fill("In die Planung aufgenommen.")
    # htmx adds a second, empty result row without reloading the page.
    page.get_by_role("button", name="Weiteres Ergebnis hinzufügen").click()
    page.locator("#id_results-1-text").wait_for()
    assert page.locator("#id_results-TOTAL_FORMS").input_value() == "2"
    page.get_by_role("button", name="Veranstaltung speichern").click()
    page.wait_for_url("**/participation/events/*/")
    assert "Die Veranstaltung wurde gespeichert." in page.content()
    event = Event.objects.get()
    assert event.results.get().measure == measure
    assert event.attendances.count() == 1

    resident = browser.new_context(base_url=page.url.split("/areas/")[0], locale="de-DE")
    public = resident.new_page()
    public.goto(f"/areas/{area.slug}/events/")
    assert public.get_by_role("heading", name="Nächste Veranstaltungen").is_visible()
    public.get_by_role("link", name="Planungswerkstatt Schulhof", exact=True).click()
    public.wait_for_url(f"**/events/{event.pk}/")
    assert public.get_by_text("Mehr Schatten auf dem Schulhof").is_visible()
    assert public.get_by_role("link", name="Grüner Schulhof").is_visible()
    assert "Grundschule am Park" not in public.locator("main").inner_text().split("Ort")[0]
    resident.close()


def test_public_events_pages_have_no_axe_violations(page, area):
    now = timezone.now()
    upcoming = EventFactory(
        area=area,
        starts_at=now + datetime.timedelta(days=3),
        ends_at=now + datetime.timedelta(days=3),
    )
    EventFactory(area=area, minutes="Protokoll", minutes_public=True)
    EventResultFactory(event=upcoming, measure=MeasureFactory(area=area), outcome="review")
    page.goto(f"/areas/{area.slug}/events/")
    assert axe_violations(page) == []
    page.goto(f"/areas/{area.slug}/events/{upcoming.pk}/")
    assert axe_violations(page) == []


def test_internal_event_pages_have_no_axe_violations(page, manager, area):
    event = EventFactory(area=area)
    EventResultFactory(event=event, measure=MeasureFactory(area=area))
    login(page, "qm@example.org", PASSWORD)
    page.wait_for_url("**/dashboard/")
    for path in [
        f"/areas/{area.slug}/participation/",
        f"/areas/{area.slug}/participation/events/{event.pk}/",
        f"/areas/{area.slug}/participation/events/{event.pk}/edit/",
    ]:
        page.goto(path)
        assert axe_violations(page) == [], path
