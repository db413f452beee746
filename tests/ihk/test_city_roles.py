"""The city role (Fördermittelverwaltung): reads every area of its city, never another city's."""

import pytest
from django.urls import reverse

from ihk.models import Area, CityRole, Role
from tests.factories import AreaFactory, AreaRoleFactory, UserFactory


@pytest.fixture
def cities(db):
    return {
        "nord": AreaFactory(name="Nord", slug="nord", city="Musterstadt"),
        "sued": AreaFactory(name="Süd", slug="sued", city="Musterstadt"),
        "fremd": AreaFactory(name="Fremd", slug="fremd", city="Beispielstadt"),
        "fast": AreaFactory(name="Fast gleich", slug="fast", city="Musterstadt-Land"),
    }


@pytest.fixture
def coordinator(cities):
    user = UserFactory(email="foerdermittel@musterstadt.example")
    CityRole.objects.create(user=user, city="Musterstadt")
    return user


def test_coordinator_reads_every_area_of_the_city_and_no_other(cities, coordinator):
    slugs = set(Area.objects.for_user(coordinator).values_list("slug", flat=True))
    assert slugs == {"nord", "sued"}
    assert coordinator.has_perm("ihk.view_area_internal", cities["nord"])
    assert coordinator.has_perm("measures.view_funding", cities["sued"])
    assert not coordinator.has_perm("ihk.view_area_internal", cities["fremd"])
    assert not coordinator.has_perm("ihk.view_area_internal", cities["fast"])
    assert not coordinator.has_perm("ihk.manage_area", cities["nord"])
    assert not coordinator.has_perm("measures.manage_funding", cities["nord"])


def test_areas_added_later_are_read_too(cities, coordinator):
    new = AreaFactory(slug="neu", city="Musterstadt")
    assert coordinator.has_perm("ihk.view_area_internal", new)


def test_area_role_wins_over_city_role(cities, coordinator):
    AreaRoleFactory(user=coordinator, area=cities["nord"], role=Role.MANAGER)
    AreaRoleFactory(user=coordinator, area=cities["fremd"], role=Role.READER)
    coordinator = type(coordinator).objects.get(pk=coordinator.pk)
    assert coordinator.area_roles() == {
        cities["nord"].pk: Role.MANAGER,
        cities["sued"].pk: Role.READER,
        cities["fremd"].pk: Role.READER,
    }
    roles = dict(Area.objects.with_role_of(coordinator).values_list("slug", "user_role"))
    assert roles["nord"] == "manager" and roles["sued"] == "reader" and roles["fast"] is None


def test_pages_of_another_city_are_forbidden(client, cities, coordinator):
    client.force_login(coordinator)
    for slug, expected in (("nord", 200), ("sued", 200), ("fremd", 403), ("fast", 403)):
        for name in ("ihk:area_dashboard", "measures:kuf", "measures:notice_list"):
            response = client.get(reverse(name, kwargs={"area_slug": slug}))
            assert response.status_code == expected, (name, slug)
    dashboard = client.get(reverse("ihk:dashboard")).content.decode()
    assert "Nord" in dashboard and "Süd" in dashboard and "Fremd" not in dashboard
    data = client.get(reverse("portfolio:json")).json()
    assert sorted(a["slug"] for a in data["areas"]) == ["nord", "sued"]


def test_role_lookup_is_one_query(cities, coordinator, django_assert_num_queries):
    user = type(coordinator).objects.get(pk=coordinator.pk)
    with django_assert_num_queries(1):
        for area in cities.values():
            user.has_perm("ihk.view_area_internal", area)
