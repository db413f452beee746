"""Issue 9: public lists and the compact area-page parts cost the same for 1 and for 50 rows.

Each test renders a page (or tag) with one row, adds 49 (or more), and asserts the same number of
queries and an HTML size that stays within a small bound (page numbers may add a few bytes).
"""

import datetime

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    CommentFactory,
    ConceptVersionFactory,
    EventFactory,
    EventResultFactory,
    IdeaFactory,
    MeasureFactory,
)

pytestmark = pytest.mark.django_db


def measure(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context), len(response.content)


def render(source, **context):
    with CaptureQueriesContext(connection) as queries:
        html = Template(source).render(Context(context))
    return len(queries), html


def public_url(name, area, **kwargs):
    return reverse(f"participation:{name}", kwargs={"area_slug": area.slug, **kwargs})


def test_public_event_list_is_paginated_and_constant(client, area):
    def add(n, days):
        for i in range(n):
            starts = timezone.now() + datetime.timedelta(days=days + i)
            EventFactory(area=area, starts_at=starts, ends_at=starts)

    add(1, -400)
    add(1, 5)
    queries, _size = measure(client, public_url("event_public_list", area))
    add(60, -300)
    add(60, 10)
    queries_many, size_many = measure(client, public_url("event_public_list", area))
    assert queries_many == queries
    add(60, -200)
    add(60, 100)
    queries_more, size_more = measure(client, public_url("event_public_list", area))
    assert queries_more == queries
    assert abs(size_more - size_many) < 400  # titles "Werkstatt 123" grow by a digit or so
    html = client.get(public_url("event_public_list", area)).content.decode()
    assert "?page=2#past-events" in html
    assert "Sie finden alle im Kalender" in html
    page2 = client.get(public_url("event_public_list", area) + "?page=2")
    assert page2.status_code == 200
    assert client.get(public_url("event_public_list", area) + "?page=99").status_code == 404


def test_public_idea_list_is_paginated_and_constant(client, area):
    IdeaFactory(area=area)
    queries, _size = measure(client, public_url("idea_list", area))
    IdeaFactory.create_batch(49, area=area)
    queries_50, size_50 = measure(client, public_url("idea_list", area))
    IdeaFactory.create_batch(50, area=area)
    queries_100, size_100 = measure(client, public_url("idea_list", area))
    assert queries == queries_50 == queries_100
    assert abs(size_100 - size_50) < 50
    assert "?page=2" in client.get(public_url("idea_list", area)).content.decode()


def test_area_page_parts_are_compact_and_constant(area):
    version = ConceptVersionFactory(area=area, is_current=True)
    source = (
        "{% load participation_tags participation_events %}"
        "{% latest_comments area %}{% ideas_teaser area %}{% upcoming_public_events area %}"
    )

    def add(n):
        for _ in range(n):
            CommentFactory(area=area, measure=None, version=version)
            CommentFactory(area=area, measure=MeasureFactory(area=area))
            IdeaFactory(area=area)
            starts = timezone.now() + datetime.timedelta(days=3)
            EventFactory(area=area, starts_at=starts, ends_at=starts)

    add(1)
    queries, html_one = render(source, area=area)
    assert queries <= 3
    add(49)
    queries_many, html = render(source, area=area)
    assert queries_many == queries
    assert html.count('class="mb-3"') == 5  # five latest comments
    add(50)
    assert abs(len(render(source, area=area)[1]) - len(html)) < 400


def test_latest_comments_list_only_published_comments_on_public_targets(area):
    hidden_measure = MeasureFactory(area=area, is_public=False)
    public_measure = MeasureFactory(area=area, title="Öffentlicher Platz")
    CommentFactory(area=area, measure=hidden_measure, text="Unter interner Maßnahme")
    CommentFactory(area=area, measure=public_measure, moderation="pending", text="Wartet")
    CommentFactory(area=area, measure=public_measure, text="Sichtbar <b>fett</b>")
    _queries, html = render("{% load participation_tags %}{% latest_comments area %}", area=area)
    assert "Sichtbar &lt;b&gt;fett&lt;/b&gt;" in html
    assert "Unter interner Maßnahme" not in html and "Wartet" not in html
    assert (
        reverse("measures:measure_public", kwargs={"area_slug": area.slug, "pk": public_measure.pk})
        in html
    )


def test_participation_for_measure_is_capped(client, area):
    target = MeasureFactory(area=area)
    event = EventFactory(area=area)
    EventResultFactory(event=event, measure=target)
    queries, _size = measure(client, target.get_absolute_url())
    for _ in range(30):
        EventResultFactory(event=event, measure=target)
        IdeaFactory(area=area, status="taken_up", measure=target)
    queries_many, size_many = measure(client, target.get_absolute_url())
    assert queries_many == queries
    for _ in range(30):
        EventResultFactory(event=event, measure=target)
    queries_more, size_more = measure(client, target.get_absolute_url())
    assert queries_more == queries
    assert abs(size_more - size_many) < 400


def test_dashboard_cards_cost_the_same_for_1_and_50_rows(client_as, area):
    from participation.models import CommentReport

    client = client_as("manager")
    url = reverse("ihk:area_dashboard", kwargs={"area_slug": area.slug})

    def add(n):
        for _ in range(n):
            starts = timezone.now() + datetime.timedelta(days=2)
            EventFactory(area=area, starts_at=starts, ends_at=starts)
            comment = CommentFactory(area=area, moderation="pending")
            CommentReport.objects.create(comment=comment, reason="x")
            IdeaFactory(area=area, moderation="pending")

    add(1)
    queries, _size = measure(client, url)
    add(49)
    queries_many, _size = measure(client, url)
    assert queries_many == queries


def test_comment_markup_is_valid_html(client, area):
    """Issue 11.9: <time datetime> without microseconds, no inline style, no bare hx-*."""
    import re

    target = MeasureFactory(area=area)
    CommentFactory(area=area, measure=target, official_answer="Danke!")
    html = client.get(target.get_absolute_url()).content.decode()
    stamps = re.findall(r'<time datetime="([^"]+)"', html)
    assert stamps
    for stamp in stamps:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}", stamp), stamp
    section = html[html.index('id="comments"') :]
    assert "style=" not in section
    assert not re.search(r"\shx-", section)
    assert 'class="participation-honeypot"' in section
