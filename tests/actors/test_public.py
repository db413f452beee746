"""Personal data and internal notes never reach public pages; residents only when flagged."""

import pytest
from django.template import Context, Template

from tests.factories import ActorFactory, ContactPersonFactory


@pytest.fixture
def register(area):
    public = ActorFactory(
        area=area,
        name="Caritasverband Musterstadt",
        kind="social_agency",
        website="https://caritas.example.org",
        address="Lindenstraße 4",
        internal_notes="GEHEIME-NOTIZ zur Finanzlage",
        description="INTERNE-BESCHREIBUNG",
    )
    ContactPersonFactory(
        actor=public, name="Petra Privatperson", email="petra@privat.example.org", phone="0171 999"
    )
    ActorFactory(
        area=area,
        name="Herr Anwohner Unsichtbar",
        kind="resident",
        is_public=False,
        address="Nordring 12",
    )
    ActorFactory(area=area, name="Verein ohne Freigabe", is_public=False)
    ActorFactory(area=area, name="Ruhender Verein", is_public=True, status="inactive")
    return public


SECRETS = [
    "Petra Privatperson",
    "petra@privat.example.org",
    "0171 999",
    "GEHEIME-NOTIZ",
    "Lindenstraße 4",
    "Nordring 12",
    "Herr Anwohner Unsichtbar",
    "Verein ohne Freigabe",
    "Ruhender Verein",
]


@pytest.mark.parametrize("path", ["/", "/areas/{slug}/"])
@pytest.mark.parametrize("role", ["anonymous", "reader", "manager"])
def test_no_personal_data_or_notes_on_public_pages(client_as, area, register, path, role):
    response = client_as(role).get(path.format(slug=area.slug))
    assert response.status_code == 200
    html = response.content.decode()
    for secret in SECRETS:
        assert secret not in html, secret


def test_public_page_lists_public_actors_as_participants(client, area, register):
    html = client.get(f"/areas/{area.slug}/").content.decode()
    assert "Beteiligte" in html
    assert "Caritasverband Musterstadt" in html
    assert "https://caritas.example.org" in html
    assert "Sozialer Träger" in html


def test_resident_is_public_only_when_flagged(client, area, register):
    ActorFactory(area=area, name="Frau Einverstanden", kind="resident", is_public=True)
    html = client.get(f"/areas/{area.slug}/").content.decode()
    assert "Frau Einverstanden" in html
    assert "Herr Anwohner Unsichtbar" not in html


def test_other_areas_actors_not_listed(client, area, other_area, register):
    ActorFactory(area=other_area, name="Fremder Verein")
    assert "Fremder Verein" not in client.get(f"/areas/{area.slug}/").content.decode()


def test_public_tag_output_contains_nothing_personal(area, register, django_assert_max_num_queries):
    template = Template("{% load actors_tags %}{% public_actors area %}")
    with django_assert_max_num_queries(1):
        html = template.render(Context({"area": area}))
    assert "Caritasverband Musterstadt" in html
    for secret in SECRETS + ["INTERNE-BESCHREIBUNG"]:
        assert secret not in html


def test_public_tag_renders_nothing_without_public_actors(area):
    html = Template("{% load actors_tags %}{% public_actors area %}").render(
        Context({"area": area})
    )
    assert html.strip() == ""
