"""Internal event pages: role × URL matrix, create/edit with attendance, head counts, results."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from participation.models import Attendance, Event, EventResult, HeadCount
from tests.factories import (
    AttendanceFactory,
    EventFactory,
    EventResultFactory,
    GoalFactory,
    HeadCountFactory,
    MeasureFactory,
    _ParticipationActorFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "reader", "manager", "other_manager", "superuser"]


@pytest.fixture
def event(area):
    return EventFactory(area=area, title="Stadtteilkonferenz Frühjahr")


def url(name, area, **kwargs):
    return reverse(f"participation:{name}", kwargs={"area_slug": area.slug, **kwargs})


READ_EXPECTED = {
    "anonymous": 302,
    "reader": 200,
    "manager": 200,
    "other_manager": 403,
    "superuser": 200,
}
WRITE_EXPECTED = {**READ_EXPECTED, "reader": 403}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["overview", "event_list"])
def test_read_matrix_lists(client_as, area, event, role, name):
    response = client_as(role).get(url(name, area))
    assert response.status_code == READ_EXPECTED[role]
    if response.status_code == 302:
        assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_read_matrix_detail(client_as, area, event, role):
    response = client_as(role).get(url("event_detail", area, pk=event.pk))
    assert response.status_code == READ_EXPECTED[role]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["event_update", "event_delete"])
def test_write_matrix_get(client_as, area, event, role, name):
    response = client_as(role).get(url(name, area, pk=event.pk))
    assert response.status_code == WRITE_EXPECTED[role]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["event_create", "event_result_row"])
def test_write_matrix_get_without_event(client_as, area, role, name):
    response = client_as(role).get(url(name, area))
    assert response.status_code == WRITE_EXPECTED[role]


def form_data(**overrides):
    data = {
        "format": "workshop",
        "title": "Planungswerkstatt Marktplatz",
        "starts_at": "2025-06-03T18:00",
        "ends_at": "2025-06-03T20:30",
        "place": "Gemeindehaus, Kirchweg 3",
        "target_groups": "Anwohnende, Gewerbe",
        "description": "Wie soll der Marktplatz aussehen?",
        "version": "",
        "is_public": "on",
        "minutes": "",
        "results-TOTAL_FORMS": "1",
        "results-INITIAL_FORMS": "0",
        "results-MIN_NUM_FORMS": "0",
        "results-MAX_NUM_FORMS": "100",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("role", ["anonymous", "reader", "other_manager"])
def test_forged_posts_change_nothing(client_as, area, event, role):
    client = client_as(role)
    expected = WRITE_EXPECTED[role]
    assert client.post(url("event_create", area), form_data()).status_code == expected
    response = client.post(url("event_update", area, pk=event.pk), form_data(title="Gehackt"))
    assert response.status_code == expected
    assert client.post(url("event_delete", area, pk=event.pk)).status_code == expected
    assert Event.objects.count() == 1
    event.refresh_from_db()
    assert event.title == "Stadtteilkonferenz Frühjahr"


def test_manager_creates_event_with_attendance_head_counts_and_result(client_as, area):
    actor = _ParticipationActorFactory(area=area, name="Kita Sonnenschein", kind="school")
    measure = MeasureFactory(area=area, title="Umgestaltung Marktplatz")
    data = form_data(
        actors=[actor.pk],
        count_residents="34",
        count_youth="6",
        **{
            "results-0-text": "Mehr Schatten durch Bäume",
            "results-0-measure": str(measure.pk),
            "results-0-outcome": "adopted",
            "results-0-reason": "In die Planung aufgenommen.",
        },
    )
    response = client_as("manager").post(url("event_create", area), data)
    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("event_detail", area, pk=event.pk)
    assert event.area == area
    assert event.starts_at == datetime.datetime(2025, 6, 3, 16, 0, tzinfo=datetime.UTC)
    assert list(event.attendances.values_list("actor__name", flat=True)) == ["Kita Sonnenschein"]
    assert dict(event.head_counts.values_list("group", "count")) == {"residents": 34, "youth": 6}
    result = event.results.get()
    assert (result.measure, result.outcome) == (measure, "adopted")

    page = client_as("reader").get(url("event_detail", area, pk=event.pk)).content.decode()
    assert "Kita Sonnenschein" in page
    assert "Mehr Schatten durch Bäume" in page
    assert "Umgestaltung Marktplatz" in page


def test_manager_edits_attendance_and_head_counts(client_as, area, event):
    keep = AttendanceFactory(event=event).actor
    drop = AttendanceFactory(event=event).actor
    HeadCountFactory(event=event, group="seniors", count=10)
    new = _ParticipationActorFactory(area=area)
    data = form_data(actors=[keep.pk, new.pk], count_residents="12")
    response = client_as("manager").post(url("event_update", area, pk=event.pk), data)
    assert response.status_code == 302
    assert set(event.attendances.values_list("actor_id", flat=True)) == {keep.pk, new.pk}
    assert drop.pk not in set(Attendance.objects.values_list("actor_id", flat=True))
    assert dict(event.head_counts.values_list("group", "count")) == {"residents": 12}


def test_end_before_start_is_a_german_form_error_and_stores_nothing(client_as, area):
    data = form_data(ends_at="2025-06-03T17:00", title="Mein Titel bleibt")
    response = client_as("manager").post(url("event_create", area), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Die Veranstaltung kann nicht enden, bevor sie beginnt." in html
    assert 'value="Mein Titel bleibt"' in html
    assert Event.objects.count() == 0


def test_another_areas_actor_is_rejected(client_as, area, other_area):
    own = _ParticipationActorFactory(area=area)
    foreign = _ParticipationActorFactory(area=other_area)
    data = form_data(actors=[own.pk, foreign.pk])
    response = client_as("manager").post(url("event_create", area), data)
    assert response.status_code == 200
    assert "gültige" in response.content.decode()
    assert Event.objects.count() == 0
    assert Attendance.objects.count() == 0


def test_another_areas_actor_is_rejected_when_the_area_has_no_actors(client_as, area, other_area):
    foreign = _ParticipationActorFactory(area=other_area)
    response = client_as("manager").post(url("event_create", area), form_data(actors=[foreign.pk]))
    assert "gültige Auswahl" in response.content.decode()
    assert Event.objects.count() == 0


def test_actor_checkboxes_are_grouped_by_kind(client_as, area):
    _ParticipationActorFactory(area=area, kind="school", name="Grundschule Nord")
    _ParticipationActorFactory(area=area, kind="association", name="Sportverein", status="inactive")
    html = client_as("manager").get(url("event_create", area)).content.decode()
    assert "<strong>Verein</strong>" in html
    assert "<strong>Schule oder Kita</strong>" in html
    assert html.index("Sportverein") < html.index("Grundschule Nord")
    assert "Sportverein (inaktiv)" in html


def test_another_areas_measure_goal_and_version_are_rejected(client_as, area, other_area):
    measure = MeasureFactory(area=other_area)
    goal = GoalFactory(action_field__version__area=other_area)
    data = form_data(
        **{
            "results-0-text": "Fremd",
            "results-0-measure": str(measure.pk),
            "results-0-goal": str(goal.pk),
            "results-0-outcome": "adopted",
        }
    )
    response = client_as("manager").post(url("event_create", area), data)
    assert response.status_code == 200
    assert Event.objects.count() == 0
    assert EventResult.objects.count() == 0
    version = GoalFactory(action_field__version__area=other_area).action_field.version
    response = client_as("manager").post(url("event_create", area), form_data(version=version.pk))
    assert response.status_code == 200
    assert Event.objects.count() == 0


def test_result_without_measure_or_goal_is_rejected(client_as, area):
    data = form_data(**{"results-0-text": "Lose Idee", "results-0-outcome": "review"})
    response = client_as("manager").post(url("event_create", area), data)
    assert response.status_code == 200
    assert "Verknüpfen Sie das Ergebnis mit einer Maßnahme oder einem Ziel." in (
        response.content.decode()
    )
    assert Event.objects.count() == 0


@pytest.mark.parametrize(
    "overrides",
    [
        {"title": ""},
        {"starts_at": "gestern"},
        {"format": "rave"},
        {"count_residents": "-3"},
        {"count_youth": "viele"},
        {"results-TOTAL_FORMS": "abc"},
    ],
)
def test_bad_input_never_500(client_as, area, overrides):
    response = client_as("manager").post(url("event_create", area), form_data(**overrides))
    assert response.status_code in (200, 400)
    assert Event.objects.count() == 0


def test_html_in_title_is_shown_as_text(client_as, area):
    payload = '<script>alert("x")</script><b>fett</b>'
    client_as("manager").post(url("event_create", area), form_data(title=payload))
    event = Event.objects.get()
    for page in [
        client_as("manager").get(url("event_detail", area, pk=event.pk)),
        client_as("manager").get(url("event_list", area)),
        client_as("anonymous").get(url("event_public", area, pk=event.pk)),
        client_as("anonymous").get(url("event_public_list", area)),
    ]:
        html = page.content.decode()
        assert payload not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_edit_and_delete_results_inline(client_as, area, event):
    measure = MeasureFactory(area=area)
    keep = EventResultFactory(event=event, measure=measure, outcome="review")
    drop = EventResultFactory(event=event, measure=measure)
    data = form_data(
        **{
            "results-TOTAL_FORMS": "3",
            "results-INITIAL_FORMS": "2",
            "results-0-id": str(keep.pk),
            "results-0-text": keep.text,
            "results-0-measure": str(measure.pk),
            "results-0-outcome": "rejected",
            "results-0-reason": "Nicht finanzierbar.",
            "results-1-id": str(drop.pk),
            "results-1-text": drop.text,
            "results-1-measure": str(measure.pk),
            "results-1-outcome": "adopted",
            "results-1-DELETE": "on",
        }
    )
    response = client_as("manager").post(url("event_update", area, pk=event.pk), data)
    assert response.status_code == 302
    keep.refresh_from_db()
    assert (keep.outcome, keep.reason) == ("rejected", "Nicht finanzierbar.")
    assert not EventResult.objects.filter(pk=drop.pk).exists()


def test_no_js_add_result_button_returns_to_the_form(client_as, area):
    response = client_as("manager").post(url("event_create", area), form_data(add_result="1"))
    event = Event.objects.get()
    assert response["Location"] == url("event_update", area, pk=event.pk) + "#results"


def test_htmx_result_row_updates_the_counter(client_as, area):
    response = client_as("manager").get(url("event_result_row", area) + "?index=3")
    html = response.content.decode()
    assert 'name="results-3-text"' in html
    assert 'name="results-TOTAL_FORMS" value="4"' in html
    assert "hx-swap-oob" in html
    assert client_as("manager").get(url("event_result_row", area) + "?index=x").status_code == 200


def test_other_areas_event_is_404(client_as, area, other_area):
    foreign = EventFactory(area=other_area)
    client = client_as("manager")
    for name in ["event_detail", "event_update", "event_delete"]:
        assert client.get(url(name, area, pk=foreign.pk)).status_code == 404
    assert client.post(url("event_delete", area, pk=foreign.pk)).status_code == 404
    assert client.post(url("event_update", area, pk=foreign.pk), form_data()).status_code == 404
    assert Event.objects.filter(pk=foreign.pk).exists()


def test_manager_deletes_event(client_as, area, event):
    HeadCountFactory(event=event)
    response = client_as("manager").post(url("event_delete", area, pk=event.pk))
    assert response.status_code == 302
    assert not Event.objects.exists()
    assert not HeadCount.objects.exists()


def test_reader_sees_no_edit_buttons(client_as, area, event):
    html = client_as("reader").get(url("event_detail", area, pk=event.pk)).content.decode()
    assert url("event_update", area, pk=event.pk) not in html
    html = client_as("manager").get(url("event_detail", area, pk=event.pk)).content.decode()
    assert url("event_update", area, pk=event.pk) in html


def test_internal_list_shows_internal_events_and_counts(client_as, area):
    event = EventFactory(area=area, is_public=False, title="Lenkungsrunde")
    AttendanceFactory(event=event)
    HeadCountFactory(event=event, count=17)
    html = client_as("reader").get(url("event_list", area)).content.decode()
    assert "Lenkungsrunde" in html
    assert "17" in html


def count_queries(client, target):
    with CaptureQueriesContext(connection) as context:
        assert client.get(target).status_code == 200
    return len(context)


def test_internal_list_query_count_is_the_same_for_1_and_50_events(client_as, area):
    def add(n):
        for event in EventFactory.create_batch(n, area=area):
            AttendanceFactory(event=event)
            HeadCountFactory(event=event)
            EventResultFactory(event=event)

    client = client_as("manager")
    add(1)
    one = count_queries(client, url("event_list", area))
    add(49)
    assert count_queries(client, url("event_list", area)) == one


def test_internal_detail_query_count_is_the_same_for_1_and_50_rows(client_as, area):
    event = EventFactory(area=area)

    def add(n):
        for _ in range(n):
            AttendanceFactory(event=event)
            EventResultFactory(event=event, measure=MeasureFactory(area=area))

    client = client_as("manager")
    add(1)
    one = count_queries(client, url("event_detail", area, pk=event.pk))
    add(49)
    assert count_queries(client, url("event_detail", area, pk=event.pk)) == one


def test_edit_form_query_count_is_the_same_for_1_and_50_rows(client_as, area):
    event = EventFactory(area=area)

    def add(n):
        for _ in range(n):
            AttendanceFactory(event=event)
            EventResultFactory(event=event, measure=MeasureFactory(area=area))

    client = client_as("manager")
    add(1)
    one = count_queries(client, url("event_update", area, pk=event.pk))
    add(49)
    assert count_queries(client, url("event_update", area, pk=event.pk)) == one


def test_htmx_result_row_reads_the_total_forms_counter(client_as, area):
    response = client_as("manager").get(url("event_result_row", area) + "?results-TOTAL_FORMS=2")
    html = response.content.decode()
    assert 'name="results-2-text"' in html
    assert 'name="results-TOTAL_FORMS" value="3"' in html


def test_internal_event_page_links_results_to_the_internal_measure_page(client_as, area, event):
    measure = MeasureFactory(area=area, is_public=False, title="Interne Planung")
    EventResultFactory(event=event, measure=measure)
    html = client_as("reader").get(url("event_detail", area, pk=event.pk)).content.decode()
    internal = reverse("measures:measure_detail", kwargs={"area_slug": area.slug, "pk": measure.pk})
    assert f'href="{internal}"' in html
    assert "Interne Planung" in html
