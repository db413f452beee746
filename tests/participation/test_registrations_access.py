"""Role × URL for subscriptions and registrations, public pages without personal data, bounded
queries, and the capacity under two registrations at the same moment (PostgreSQL)."""

import datetime
import threading

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from participation import registration_services, subscription_services
from participation.models import Registration, RegistrationSettings
from participation.registration_services import Applicant
from tests.factories import EventFactory, MeasureFactory


@pytest.fixture
def event(area):
    event = EventFactory(area=area, starts_at=timezone.now() + datetime.timedelta(days=10))
    RegistrationSettings.objects.create(event=event, enabled=True, capacity=2)
    return event


VIEWERS = {"anonymous": 302, "other_manager": 403, "reader": 200, "manager": 200, "superuser": 200}
MANAGERS = {"anonymous": 302, "other_manager": 403, "reader": 403, "manager": 302, "superuser": 302}


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(VIEWERS))
def test_internal_pages_role_matrix(client_as, role, area, event):
    client = client_as(role)
    pages = [
        reverse("participation:registration_list", args=[area.slug, event.pk]),
        reverse("participation:registration_export", args=[area.slug, event.pk, "csv"]),
        reverse("participation:subscription_overview", args=[area.slug]),
    ]
    for url in pages:
        assert client.get(url).status_code == VIEWERS[role], url
    posts = [
        ("registration_settings", {"enabled": "on", "capacity": "5"}),
        ("registration_attendance", {"shown": ["1"]}),
        ("registration_head_count", {"group": "residents"}),
    ]
    for name, data in posts:
        url = reverse(f"participation:{name}", args=[area.slug, event.pk])
        assert client.post(url, data).status_code == MANAGERS[role], url
    capacity = RegistrationSettings.objects.get(event=event).capacity
    assert capacity == (5 if role in ("manager", "superuser") else 2)


@pytest.mark.django_db
def test_other_areas_event_is_404_for_its_non_members(client_as, other_area, area):
    foreign = EventFactory(area=other_area, starts_at=timezone.now() + datetime.timedelta(days=3))
    RegistrationSettings.objects.create(event=foreign, enabled=True)
    client = client_as("manager")
    url = reverse("participation:registration_list", args=[area.slug, foreign.pk])
    assert client.get(url).status_code == 404
    for name in ("registration_settings", "registration_attendance", "registration_head_count"):
        url = reverse(f"participation:{name}", args=[area.slug, foreign.pk])
        assert client.post(url, {"enabled": "on", "group": "residents"}).status_code == 404
    assert RegistrationSettings.objects.get(event=foreign).capacity is None
    url = reverse("participation:registration_create", args=[area.slug, foreign.pk])
    assert client.get(url).status_code == 404
    hidden = MeasureFactory(area=area, is_public=False)
    url = reverse("participation:subscribe_measure", args=[area.slug, hidden.pk])
    assert client_as("anonymous").get(url).status_code == 404
    url = reverse("participation:subscribe_measure", args=[area.slug, MeasureFactory().pk])
    assert client_as("anonymous").get(url).status_code == 404


@pytest.mark.django_db
def test_public_pages_show_counts_and_links_never_people(client, area, event):
    measure = MeasureFactory(area=area)
    registration_services.register(
        event=event, applicant=Applicant("Zora Zeisig", "zora@example.org", "Rampe")
    )
    subscription_services.subscribe(
        area=area, measure=measure, email="sub@example.org", topics=["progress"], rhythm="weekly"
    )
    pages = {
        event.get_absolute_url(): reverse(
            "participation:registration_create", args=[area.slug, event.pk]
        ),
        measure.get_absolute_url(): reverse(
            "participation:subscribe_measure", args=[area.slug, measure.pk]
        ),
        area.get_absolute_url(): reverse("participation:subscribe", args=[area.slug]),
        reverse("participation:registration_create", args=[area.slug, event.pk]): "",
        reverse("participation:subscribe", args=[area.slug]): "",
        reverse("participation:event_feed", args=[area.slug]): "",
    }
    for url, link in pages.items():
        body = client.get(url).content.decode()
        for secret in ("Zora", "zora@", "sub@example.org", "Rampe"):
            assert secret not in body, (url, secret)
        assert link in body, url
    assert "1 Platz frei" in client.get(event.get_absolute_url()).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 30])
def test_queries_do_not_grow_with_registrations(
    client_as, area, event, rows, django_assert_max_num_queries
):
    RegistrationSettings.objects.filter(event=event).update(capacity=None)
    for n in range(rows):
        Registration.objects.create(event=event, name=f"P{n}", email=f"p{n}@example.org")
    client = client_as("manager")
    with django_assert_max_num_queries(14):
        assert (
            client.get(
                reverse("participation:registration_list", args=[area.slug, event.pk])
            ).status_code
            == 200
        )
    with django_assert_max_num_queries(12):
        client.get(reverse("participation:registration_export", args=[area.slug, event.pk, "xlsx"]))
    client.logout()
    with django_assert_max_num_queries(12):
        client.get(event.get_absolute_url())


@pytest.mark.django_db(transaction=True)
def test_two_registrations_at_once_cannot_both_take_the_last_place(area):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are a PostgreSQL matter; SQLite writes one at a time")
    event = EventFactory(area=area, starts_at=timezone.now() + datetime.timedelta(days=3))
    RegistrationSettings.objects.create(event=event, enabled=True, capacity=1)
    barrier = threading.Barrier(2)
    errors = []

    def register(n):
        from django.db import connections

        try:
            barrier.wait()
            registration_services.register(
                event=event, applicant=Applicant(f"P{n}", f"p{n}@example.org")
            )
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert Registration.objects.confirmed().count() == 1
    assert Registration.objects.waiting().count() == 1
