"""Participation overview: events per format, attendance by kind over time, contributions, gaps."""

import datetime
import xml.etree.ElementTree as ET  # noqa: S405 (parses our own SVG)

import pytest
from django.urls import reverse
from django.utils import timezone

from actors.models import ActorKind
from participation import charts
from participation.models import Attendance, Event, HeadCount, participation_gaps
from tests.factories import (
    ActionFieldFactory,
    AttendanceFactory,
    CommentFactory,
    ConceptVersionFactory,
    EventFactory,
    HeadCountFactory,
    IdeaFactory,
    MeasureFactory,
    _ParticipationActorFactory,
)

pytestmark = pytest.mark.django_db


def at(year, month, day=15, hour=18):
    return datetime.datetime(year, month, day, hour, 0, tzinfo=datetime.UTC)


def test_in_period_and_count_by_format(area, other_area):
    EventFactory(area=area, format="workshop", starts_at=at(2024, 3, 1), ends_at=at(2024, 3, 1))
    EventFactory(area=area, format="walk", starts_at=at(2025, 3, 1), ends_at=at(2025, 3, 1))
    EventFactory(area=area, format="workshop", starts_at=at(2025, 5, 1), ends_at=at(2025, 5, 1))
    EventFactory(area=other_area, format="walk", starts_at=at(2025, 3, 1), ends_at=at(2025, 3, 1))
    year_2025 = Event.objects.for_area(area).in_period(
        datetime.date(2025, 1, 1), datetime.date(2026, 1, 1)
    )
    assert year_2025.count() == 2
    counts = Event.objects.for_area(area).count_by_format()
    assert [(key, n) for key, _label, n in counts] == [("workshop", 2), ("walk", 1)]


def test_new_years_eve_in_berlin_counts_for_the_new_year(area):
    # 23:30 UTC on 31 December is 00:30 on 1 January in Berlin.
    EventFactory(area=area, starts_at=at(2024, 12, 31, 23), ends_at=at(2025, 1, 1, 1))
    assert (
        Event.objects.for_area(area)
        .in_period(datetime.date(2025, 1, 1), datetime.date(2026, 1, 1))
        .count()
        == 1
    )
    counts = Attendance.objects.none().count_by_kind_and_period("year")
    assert counts == {}


def test_attendance_by_kind_and_period(area, other_area):
    school = _ParticipationActorFactory(area=area, kind="school")
    club = _ParticipationActorFactory(area=area, kind="association")
    spring = EventFactory(area=area, starts_at=at(2025, 4, 10), ends_at=at(2025, 4, 10))
    autumn = EventFactory(area=area, starts_at=at(2025, 10, 10), ends_at=at(2025, 10, 10))
    old = EventFactory(area=area, starts_at=at(2024, 2, 10), ends_at=at(2024, 2, 10))
    for event in (spring, autumn):
        AttendanceFactory(event=event, actor=school)
    AttendanceFactory(event=autumn, actor=club)
    AttendanceFactory(event=old, actor=club)
    AttendanceFactory(event=EventFactory(area=other_area))
    attendances = Attendance.objects.for_area(area)
    assert attendances.count_by_kind_and_period("year") == {
        "2024": {"association": 1},
        "2025": {"association": 1, "school": 2},
    }
    assert attendances.count_by_kind_and_period("quarter") == {
        "2024 Q1": {"association": 1},
        "2025 Q2": {"school": 1},
        "2025 Q4": {"association": 1, "school": 1},
    }
    period = attendances.in_period(datetime.date(2025, 1, 1), datetime.date(2026, 1, 1))
    assert period.count() == 3


def test_head_counts_by_group_and_period(area, other_area):
    spring = EventFactory(area=area, starts_at=at(2025, 4, 10), ends_at=at(2025, 4, 10))
    autumn = EventFactory(area=area, starts_at=at(2025, 10, 10), ends_at=at(2025, 10, 10))
    HeadCountFactory(event=spring, group="youth", count=12)
    HeadCountFactory(event=autumn, group="youth", count=8)
    HeadCountFactory(event=autumn, group="residents", count=40)
    HeadCountFactory(event=EventFactory(area=other_area), group="youth", count=99)
    counts = HeadCount.objects.for_area(area)
    assert counts.sum_by_group_and_period() == {"2025": {"residents": 40, "youth": 20}}
    assert counts.sum_by_group_and_period("quarter") == {
        "2025 Q2": {"youth": 12},
        "2025 Q4": {"residents": 40, "youth": 8},
    }


def test_gaps_last_12_months(area, other_area):
    now = timezone.now()
    recent = EventFactory(area=area, starts_at=now - datetime.timedelta(days=30))
    old = EventFactory(area=area, starts_at=now - datetime.timedelta(days=500))
    came = _ParticipationActorFactory(area=area, kind="school", name="Grundschule")
    only_long_ago = _ParticipationActorFactory(area=area, kind="housing", name="Wohnbau eG")
    never = _ParticipationActorFactory(area=area, kind="school", name="Kita Regenbogen")
    _ParticipationActorFactory(area=area, kind="business", name="Alte Firma", status="inactive")
    _ParticipationActorFactory(area=other_area, kind="religious", name="Fremde Gemeinde")
    AttendanceFactory(event=recent, actor=came)
    AttendanceFactory(event=old, actor=only_long_ago)
    gaps = participation_gaps(
        area,
        start=timezone.localdate() - datetime.timedelta(days=365),
        end=timezone.localdate() + datetime.timedelta(days=1),
    )
    assert [actor.name for actor in gaps["actors"]] == ["Wohnbau eG", "Kita Regenbogen"]
    assert [kind for kind, _label in gaps["kinds"]] == ["housing"]
    assert never in gaps["actors"]
    unregistered = {kind for kind, _label in gaps["unregistered_kinds"]}
    assert {"business", "religious"} <= unregistered
    assert not unregistered & {"school", "housing"}


def test_gaps_of_an_area_without_actors_are_empty(area):
    gaps = participation_gaps(area, start=datetime.date(2025, 1, 1), end=datetime.date(2026, 1, 1))
    assert gaps["kinds"] == [] and gaps["actors"] == []
    assert len(gaps["unregistered_kinds"]) == len(ActorKind.choices)


def test_overview_page_shows_charts_tables_and_gaps(client_as, area):
    version = ConceptVersionFactory(area=area, is_current=True)
    field = ActionFieldFactory(version=version, title="Wohnen und Wohnumfeld")
    measure = MeasureFactory(area=area, title="Hofbegrünung")
    measure.action_fields.add(field)
    CommentFactory.create_batch(3, area=area, measure=measure)
    CommentFactory(area=area, measure=measure, moderation="blocked")
    IdeaFactory(area=area, action_field=field)
    IdeaFactory(area=area, measure=MeasureFactory(area=area, title="Idee wurde Maßnahme"))
    event = EventFactory(area=area, format="walk", starts_at=timezone.now())
    AttendanceFactory(event=event, actor__kind="school")
    HeadCountFactory(event=event, group="seniors", count=31)
    _ParticipationActorFactory(area=area, kind="housing", name="Wohnungsgenossenschaft Nord")
    response = client_as("reader").get(
        reverse("participation:overview", kwargs={"area_slug": area.slug})
    )
    html = response.content.decode()
    assert html.count('role="img"') == 3
    assert "<title" in html and "<desc" in html
    assert "Stadtteilspaziergang" in html
    assert "Hofbegrünung" in html
    assert "Wohnen und Wohnumfeld" in html
    assert "Wohnungsgenossenschaft Nord" in html
    assert "Idee wurde Maßnahme" in html
    assert "Religionsgemeinschaft" in html  # a kind nobody is registered of
    quarter = client_as("reader").get(
        reverse("participation:overview", kwargs={"area_slug": area.slug}) + "?period=quarter"
    )
    assert " Q" in quarter.content.decode()


def test_overview_query_count_does_not_grow(client_as, area, django_assert_max_num_queries):
    for _ in range(30):
        event = EventFactory(area=area)
        AttendanceFactory(event=event)
    client = client_as("manager")
    with django_assert_max_num_queries(25):
        client.get(reverse("participation:overview", kwargs={"area_slug": area.slug}))


def test_bar_chart_is_valid_svg_with_escaped_labels():
    svg = charts.bar_chart(
        [("<b>Workshop</b>", 3), ("Infostand", 0)], title="Formate & mehr", desc="Beschreibung"
    )
    root = ET.fromstring(  # noqa: S314
        str(svg)
    )
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    assert root.find(f"{ns}title").text == "Formate & mehr"
    assert root.find(f"{ns}desc").text == "Beschreibung"
    assert "<b>" not in str(svg)
    assert len(root.findall(f"{ns}rect")) == 2


def test_stacked_chart_with_no_data_is_valid_svg():
    root = ET.fromstring(  # noqa: S314
        str(charts.stacked_bar_chart([], [], {}, title="Leer", desc="Nichts"))
    )
    assert root.get("role") == "img"
    svg = charts.stacked_bar_chart(
        ["2024", "2025"],
        [("school", "Schule"), ("association", "Verein")],
        {"2024": {"school": 3}, "2025": {"school": 1, "association": 5}},
        title="Teilnahme",
        desc="Nach Art",
    )
    root = ET.fromstring(  # noqa: S314
        str(svg)
    )
    assert len(root.findall("{http://www.w3.org/2000/svg}rect")) == 3 + 2
