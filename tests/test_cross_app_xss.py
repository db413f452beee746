"""HTML typed into any concept or actor field is shown as text on every page, charts included.

Charts are SVG built on the server from strings, so they are checked here along with the pages
of every app that show the same data.
"""

import datetime

import pytest

from tests.factories import (
    ActionFieldFactory,
    ActorFactory,
    ConceptVersionFactory,
    GoalFactory,
    IndicatorFactory,
    MeasureFactory,
    MilestoneFactory,
)

PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(2)>"


@pytest.mark.django_db
def test_html_in_concept_and_actor_fields_is_inert_on_every_page(area, client_as):
    version = ConceptVersionFactory(
        area=area, number=1, is_current=True, status="adopted", vision=PAYLOAD
    )
    field = ActionFieldFactory(version=version, title=PAYLOAD)
    goal = GoalFactory(action_field=field, title=PAYLOAD)
    IndicatorFactory(goal=goal, name=PAYLOAD, unit="<i>m²</i>")  # unit holds 50 characters
    actor = ActorFactory(area=area, name=PAYLOAD, is_public=True, interest=5, influence=5)
    measure = MeasureFactory(
        area=area,
        title=PAYLOAD,
        location=PAYLOAD,
        lead_actor=actor,
        planned_start=datetime.date(2024, 1, 1),
        planned_end=datetime.date(2026, 1, 1),
    )
    measure.action_fields.add(field)
    MilestoneFactory(measure=measure, title=PAYLOAD, due_on=datetime.date(2025, 1, 1))
    base = f"/areas/{area.slug}"
    public = [f"{base}/", f"{base}/measures/{measure.pk}/"]
    internal = [
        f"{base}/dashboard/",
        f"{base}/actors/",
        f"{base}/actors/map/",
        f"{base}/actors/{actor.pk}/",
        f"{base}/concept/",
        f"{base}/measures/",
        f"{base}/measures/{measure.pk}/internal/",
        f"{base}/timeline/",
        f"{base}/kuf/",
        f"{base}/participation/",
    ]
    for role, urls in (("anonymous", public), ("manager", public + internal)):
        client = client_as(role)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            html = response.content.decode()
            assert "<script>alert" not in html, url
            assert "<img src=x" not in html, url
            assert "&lt;script&gt;alert(1)" in html or url.endswith("/dashboard/"), url
