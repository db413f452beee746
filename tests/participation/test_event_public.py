"""Public event pages: only public events, no personal data, results' fate, query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from participation.models import Event
from tests.factories import (
    AttendanceFactory,
    EventFactory,
    EventResultFactory,
    HeadCountFactory,
    MeasureFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "reader", "manager", "other_manager", "superuser"]


def url(name, area, **kwargs):
    return reverse(f"participation:{name}", kwargs={"area_slug": area.slug, **kwargs})


def soon(days):
    return timezone.now() + datetime.timedelta(days=days)


@pytest.mark.parametrize("role", ROLES)
def test_public_pages_are_open_to_everyone(client_as, area, role):
    event = EventFactory(area=area)
    client = client_as(role)
    for target in [
        url("event_public_list", area),
        url("event_public", area, pk=event.pk),
        url("event_feed", area),
        url("event_ics", area, pk=event.pk),
    ]:
        assert client.get(target).status_code == 200


@pytest.mark.parametrize("role", ["anonymous", "other_manager"])
def test_public_pages_of_a_non_public_area_are_404(client_as, area, role):
    area.is_public = False
    area.save()
    event = EventFactory(area=area)
    client = client_as(role)
    for target in [
        url("event_public_list", area),
        url("event_public", area, pk=event.pk),
        url("event_feed", area),
        url("event_ics", area, pk=event.pk),
    ]:
        assert client.get(target).status_code == 404


def test_members_preview_a_non_public_area(client_as, area):
    area.is_public = False
    area.save()
    assert client_as("reader").get(url("event_public_list", area)).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_non_public_event_never_on_public_pages(client_as, area, role):
    secret = EventFactory(area=area, is_public=False, title="Geheime Lenkungsrunde")
    EventFactory(area=area, title="Offene Werkstatt")
    client = client_as(role)
    html = client.get(url("event_public_list", area)).content.decode()
    assert "Offene Werkstatt" in html
    assert "Geheime Lenkungsrunde" not in html
    assert client.get(url("event_public", area, pk=secret.pk)).status_code == 404
    assert client.get(url("event_ics", area, pk=secret.pk)).status_code == 404
    assert b"Geheime Lenkungsrunde" not in client.get(url("event_feed", area)).content
    area_page = client.get(reverse("ihk:area_public", kwargs={"area_slug": area.slug}))
    assert "Geheime Lenkungsrunde" not in area_page.content.decode()


def test_other_areas_event_is_404_on_public_pages(client, area, other_area):
    foreign = EventFactory(area=other_area)
    assert client.get(url("event_public", area, pk=foreign.pk)).status_code == 404
    assert client.get(url("event_ics", area, pk=foreign.pk)).status_code == 404


def test_upcoming_and_past_are_separated(client, area):
    EventFactory(area=area, title="Kommende Werkstatt", starts_at=soon(10), ends_at=soon(10))
    EventFactory(area=area, title="Vergangene Konferenz", starts_at=soon(-10), ends_at=soon(-10))
    html = client.get(url("event_public_list", area)).content.decode()
    upcoming, past = html.split("Vergangene Veranstaltungen", 1)
    assert "Kommende Werkstatt" in upcoming and "Vergangene Konferenz" not in upcoming
    assert "Vergangene Konferenz" in past
    assert "Kalender abonnieren" in html
    assert url("event_feed", area) in html


def test_public_pages_show_no_personal_data(client, area):
    event = EventFactory(area=area, minutes="Geheimes Protokoll", minutes_public=False)
    attendance = AttendanceFactory(
        event=event, actor__name="Erika Mustermann", actor__kind="resident"
    )
    HeadCountFactory(event=event)
    for target in [url("event_public_list", area), url("event_public", area, pk=event.pk)]:
        html = client.get(target).content.decode()
        assert attendance.actor.name not in html
        assert "Geheimes Protokoll" not in html


def test_published_minutes_are_shown(client, area):
    event = EventFactory(area=area, minutes="Es wurden drei Ideen gesammelt.", minutes_public=True)
    html = client.get(url("event_public", area, pk=event.pk)).content.decode()
    assert "Es wurden drei Ideen gesammelt." in html


def test_event_page_shows_what_became_of_its_results(client, area):
    event = EventFactory(area=area)
    public = MeasureFactory(area=area, title="Spielplatz Lindenpark", is_public=True)
    hidden = MeasureFactory(area=area, title="Interne Grundstücksfrage", is_public=False)
    EventResultFactory(
        event=event, measure=public, outcome="adopted", reason="Wird 2026 umgesetzt."
    )
    EventResultFactory(event=event, measure=hidden, outcome="rejected", reason="Zu teuer.")
    html = client.get(url("event_public", area, pk=event.pk)).content.decode()
    assert "Spielplatz Lindenpark" in html
    assert reverse("measures:measure_public", kwargs={"area_slug": area.slug, "pk": public.pk}) in (
        html
    )
    assert "Wird 2026 umgesetzt." in html
    # Outcome badges are lower case like the idea status badges ("übernommen", "in Prüfung").
    assert ">übernommen<" in html and ">abgelehnt<" in html
    assert "Interne Grundstücksfrage" not in html
    assert (
        reverse("measures:measure_public", kwargs={"area_slug": area.slug, "pk": hidden.pk}) + '"'
        not in html
    )


def test_area_page_lists_next_public_events(client, area):
    EventFactory(area=area, title="Stadtteilfest-Planung", starts_at=soon(3), ends_at=soon(3))
    EventFactory(area=area, title="Alte Sitzung", starts_at=soon(-30), ends_at=soon(-30))
    html = client.get(reverse("ihk:area_public", kwargs={"area_slug": area.slug})).content.decode()
    assert "Nächste Veranstaltungen" in html
    assert "Stadtteilfest-Planung" in html
    assert "Alte Sitzung" not in html


def test_dashboard_card_counts_this_years_events(client_as, area):
    EventFactory(area=area, title="Bald", starts_at=soon(2), ends_at=soon(2))
    html = (
        client_as("reader")
        .get(reverse("ihk:area_dashboard", kwargs={"area_slug": area.slug}))
        .content.decode()
    )
    assert "Beteiligungsveranstaltungen" in html
    assert "Bald" in html


def count_queries(client, target):
    with CaptureQueriesContext(connection) as context:
        assert client.get(target).status_code == 200
    return len(context)


def add_events(area, n):
    for index in range(n):
        starts = soon(index - n // 2)
        event = EventFactory(area=area, starts_at=starts, ends_at=starts)
        AttendanceFactory(event=event)
        HeadCountFactory(event=event)
        EventResultFactory(event=event, measure=MeasureFactory(area=area))


def test_public_list_query_count_is_the_same_for_1_and_50_events(client, area):
    add_events(area, 1)
    one = count_queries(client, url("event_public_list", area))
    add_events(area, 49)
    assert count_queries(client, url("event_public_list", area)) == one
    assert one <= 4


def test_public_event_page_query_count_is_the_same_for_1_and_50_rows(client, area):
    event = EventFactory(area=area)

    def add(n, offset=0):
        for index in range(n):
            AttendanceFactory(event=event)
            HeadCountFactory(event=event, group=f"g{index + offset}")
            EventResultFactory(event=event, measure=MeasureFactory(area=area))

    add(1)
    one = count_queries(client, url("event_public", area, pk=event.pk))
    add(49, offset=1)
    assert count_queries(client, url("event_public", area, pk=event.pk)) == one
    assert one <= 6


def test_feed_query_count_is_the_same_for_1_and_50_events(client, area):
    add_events(area, 1)
    one = count_queries(client, url("event_feed", area))
    add_events(area, 49)
    assert count_queries(client, url("event_feed", area)) == one


def test_event_ordering_is_stable(area):
    assert list(Event.objects.for_area(area)) == []


def test_html_in_every_public_field_is_inert(client, area):
    payload = '<img src=x onerror="alert(1)">'
    event = EventFactory(
        area=area,
        title=payload,
        place=payload,
        target_groups=payload,
        description=payload,
        minutes=payload,
        minutes_public=True,
        starts_at=soon(2),
        ends_at=soon(2),
    )
    EventResultFactory(event=event, text=payload, reason=payload, measure=MeasureFactory(area=area))
    for target in [
        url("event_public", area, pk=event.pk),
        url("event_public_list", area),
        reverse("ihk:area_public", kwargs={"area_slug": area.slug}),
    ]:
        html = client.get(target).content.decode()
        assert "<img src=x" not in html
        assert "&lt;img src=x" in html
