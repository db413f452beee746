"""Role × URL matrix of the core views: who gets 200, a login redirect, 403 or 404."""

import pytest
from django.urls import reverse

from ihk.models import Role
from tests.factories import AreaFactory, AreaRoleFactory

ROLES = ["anonymous", "reader", "manager", "other_manager", "superuser"]

# Expected status per role; 302 means "redirected to the login page".
MATRIX = {
    "home": (lambda area: reverse("ihk:home"), [200, 200, 200, 200, 200]),
    "area_public": (
        lambda area: reverse("ihk:area_public", kwargs={"area_slug": area.slug}),
        [200, 200, 200, 200, 200],
    ),
    "dashboard": (lambda area: reverse("ihk:dashboard"), [302, 200, 200, 200, 200]),
    "area_dashboard": (
        lambda area: reverse("ihk:area_dashboard", kwargs={"area_slug": area.slug}),
        [302, 200, 200, 403, 200],
    ),
    "imprint": (lambda area: reverse("ihk:imprint"), [200] * 5),
    "privacy": (lambda area: reverse("ihk:privacy"), [200] * 5),
    "accessibility": (lambda area: reverse("ihk:accessibility"), [200] * 5),
    "login": (lambda area: reverse("account_login"), [200, 302, 302, 302, 302]),
    "admin": (lambda area: reverse("admin:index"), [302, 302, 302, 302, 200]),
}

CASES = [
    (name, role, expected)
    for name, (_url, statuses) in MATRIX.items()
    for role, expected in zip(ROLES, statuses, strict=True)
]


@pytest.mark.parametrize(("view", "role", "expected"), CASES)
def test_role_url_matrix(client_as, area, view, role, expected):
    url = MATRIX[view][0](area)
    response = client_as(role).get(url)
    assert response.status_code == expected, f"{view} as {role}"
    if expected == 302 and role == "anonymous":
        final = client_as(role).get(url, follow=True)
        assert final.request["PATH_INFO"] == reverse("account_login")


@pytest.mark.parametrize("role", ["anonymous", "other_manager"])
def test_non_public_area_is_hidden_from_outsiders(client_as, area, role):
    area.is_public = False
    area.save()
    response = client_as(role).get(reverse("ihk:area_public", kwargs={"area_slug": area.slug}))
    assert response.status_code == 404


@pytest.mark.parametrize("role", ["reader", "manager", "superuser"])
def test_non_public_area_is_previewed_by_members(client_as, area, role):
    area.is_public = False
    area.save()
    response = client_as(role).get(reverse("ihk:area_public", kwargs={"area_slug": area.slug}))
    assert response.status_code == 200
    assert "nicht öffentlich" in response.content.decode()


def test_unknown_area_slug_is_404(client_as, area):
    for role in ROLES:
        client = client_as(role)
        assert client.get("/areas/gibt-es-nicht/").status_code == 404
        if role != "anonymous":
            assert client.get("/areas/gibt-es-nicht/dashboard/").status_code == 404


def test_home_lists_public_areas_only(client, area):
    AreaFactory(name="Geheimes Quartier", is_public=False)
    html = client.get("/").content.decode()
    assert area.name in html
    assert "Geheimes Quartier" not in html


def test_dashboard_lists_only_own_areas_with_role(client, area, other_area):
    user = AreaRoleFactory(area=area, role=Role.READER).user
    client.force_login(user)
    html = client.get(reverse("ihk:dashboard")).content.decode()
    assert area.name in html
    assert other_area.name not in html
    assert "Stadtverwaltung (nur lesen)" in html


def test_one_person_manages_one_area_and_reads_another(client, area, other_area):
    user = AreaRoleFactory(area=area, role=Role.MANAGER).user
    AreaRoleFactory(area=other_area, role=Role.READER, user=user)
    assert user.has_perm("ihk.manage_area", area)
    assert not user.has_perm("ihk.manage_area", other_area)
    assert user.has_perm("ihk.view_area_internal", other_area)


def test_role_checks_cost_one_query_for_many_objects(area, manager, django_assert_num_queries):
    areas = [area] * 50
    with django_assert_num_queries(1):
        assert all(manager.has_perm("ihk.manage_area", a) for a in areas)
