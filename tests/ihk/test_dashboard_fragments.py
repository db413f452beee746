"""The area dashboard's cards (issue 9): the figures that do not depend on the user – actors,
concept, events, moderation counts, fund, map – are cached under the area's generation, so a
repeated visit costs few queries; every committed change renews them on the next request, and
what depends on the user (the buttons of a manager) is decided per request.

"Served from the cache" is proven by a change through ``QuerySet.update()`` (no signal)."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actors.models import Actor
from funds.models import Payout, PayoutKind, Status
from ihk.generations import area_key, generations
from participation.models import Comment, Moderation
from tests.factories import ActorFactory, CommentFactory, MeasureFactory
from tests.funds.factories import ApplicationFactory, FundFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fragments_on(page_cache_off, settings):
    settings.FRAGMENT_CACHE = True


def dashboard(client, area):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("ihk:area_dashboard", kwargs={"area_slug": area.slug}))
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_a_repeated_visit_is_served_from_the_cached_cards(client, manager, area):
    ActorFactory(area=area, name="Mieterbeirat")
    client.force_login(manager)
    first, first_queries = dashboard(client, area)
    Actor.objects.filter(area=area).update(kind="business")  # no signal: stays cached
    second, second_queries = dashboard(client, area)
    assert "Lokales Gewerbe" not in second  # the actors card counts from the cache
    assert second_queries < first_queries - 5


def test_a_new_comment_waiting_for_moderation_shows_on_the_next_visit(
    client, manager, area, django_capture_on_commit_callbacks
):
    measure = MeasureFactory(area=area)
    client.force_login(manager)
    html, _ = dashboard(client, area)
    assert "0 neue Kommentare warten auf Prüfung" in html
    with django_capture_on_commit_callbacks(execute=True):
        CommentFactory(area=area, measure=measure, moderation=Moderation.PENDING)
    html, _ = dashboard(client, area)
    assert "1 neuer Kommentar wartet auf Prüfung" in html
    with django_capture_on_commit_callbacks(execute=True):
        from participation.services import comments_moderate

        comments_moderate(
            area=area, ids=Comment.objects.values_list("pk", flat=True), action="approve"
        )
    html, _ = dashboard(client, area)
    assert "0 neue Kommentare warten auf Prüfung" in html


def test_the_managers_buttons_are_decided_per_request(client, manager, reader, area):
    client.force_login(manager)
    html, _ = dashboard(client, area)
    assert "Neues Fondsjahr" in html  # no fund yet: the manager may set one up
    client.force_login(reader)
    html, _ = dashboard(client, area)
    assert "Neues Fondsjahr" not in html


def test_a_payout_renews_the_area_pages_and_the_fund_card(
    client, manager, area, django_capture_on_commit_callbacks
):
    fund = FundFactory(area=area)
    application = ApplicationFactory(
        fund=fund, status=Status.APPROVED, granted_amount=Decimal("800.00")
    )
    client.force_login(manager)
    dashboard(client, area)
    before = generations([area_key(area.slug)])
    with django_capture_on_commit_callbacks(execute=True):
        Payout.objects.create(
            application=application,
            kind=PayoutKind.ADVANCE,
            amount=Decimal("500.00"),
            paid_on=datetime.date(2026, 6, 1),
        )
    assert generations([area_key(area.slug)]) != before


def test_an_actor_import_renews_the_area_pages(area, django_capture_on_commit_callbacks):
    from actors.imports import ImportPlan
    from actors.services import store_import

    before = generations([area_key(area.slug)])
    plan = ImportPlan()
    plan.actors[("Neue Initiative", "initiative")] = (
        None,
        {"name": "Neue Initiative", "kind": "initiative"},
        2,
    )
    with django_capture_on_commit_callbacks(execute=True):
        store_import(area=area, plan=plan)
    assert Actor.objects.filter(area=area, name="Neue Initiative").exists()
    assert generations([area_key(area.slug)]) != before


def test_a_task_marked_done_leaves_the_cached_meetings_card(
    client, manager, reader, area, django_capture_on_commit_callbacks
):
    from participation.models import FollowUpTask
    from tests.participation.meeting_factories import MeetingFactory

    meeting = MeetingFactory(committee__area=area, committee__name="Lenkungsgruppe")
    task = FollowUpTask.objects.create(meeting=meeting, title="Angebot einholen", owner_name="QM")
    card_link = '#tasks">Angebot einholen</a>'
    client.force_login(manager)
    html, _ = dashboard(client, area)
    assert card_link in html and "Als erledigt markieren" in html
    client.force_login(reader)  # the cached card, without the manager's buttons
    html, _ = dashboard(client, area)
    assert card_link in html and "Als erledigt markieren" not in html
    client.force_login(manager)
    url = reverse(
        "participation:task_done",
        kwargs={"area_slug": area.slug, "pk": meeting.pk, "task_pk": task.pk},
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"done": "1", "back": "dashboard"})
    html, _ = dashboard(client, area)
    assert card_link not in html
