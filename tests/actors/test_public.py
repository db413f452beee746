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


@pytest.mark.parametrize("path", ["/", "/areas/{slug}/", "/areas/{slug}/participants/"])
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
    # The first names and the counts by kind: two queries, whatever the number of actors.
    with django_assert_max_num_queries(2):
        html = template.render(Context({"area": area}))
    assert "Caritasverband Musterstadt" in html
    for secret in SECRETS + ["INTERNE-BESCHREIBUNG"]:
        assert secret not in html


def test_public_tag_renders_nothing_without_public_actors(area):
    html = Template("{% load actors_tags %}{% public_actors area %}").render(
        Context({"area": area})
    )
    assert html.strip() == ""


# --- constant-cost partial and the paginated public list (issue 9) ---


def _render_partial(area):
    return Template("{% load actors_tags %}{% public_actors area %}").render(
        Context({"area": area})
    )


@pytest.mark.parametrize("count", [1, 50])
def test_public_partial_is_constant_in_queries_and_names(
    area, count, django_assert_max_num_queries
):
    for i in range(count):
        ActorFactory(area=area, name=f"Verein {i:03d}", kind="school" if i % 2 else "association")
    with django_assert_max_num_queries(2):
        html = _render_partial(area)
    assert html.count('<li class="col">') == min(count, 12)
    assert "Verein 000" in html
    assert "Verein 012" not in html
    assert "/areas/gartenstadt-nord/participants/" in html
    if count == 50:
        assert "Alle 50 Beteiligten anzeigen" in html or "Show all 50 participants" in html
        assert "Schule oder Kita: 25" in html or "School or daycare centre: 25" in html


@pytest.mark.parametrize("count", [1, 50])
def test_public_list_query_count_is_constant(client, area, count, django_assert_max_num_queries):
    ActorFactory.create_batch(count, area=area)
    with django_assert_max_num_queries(8):
        response = client.get(f"/areas/{area.slug}/participants/")
    assert response.status_code == 200
    assert response.content.decode().count("<tr><td>") == count


def test_public_list_paginates_50_and_filters_by_kind(client, area):
    for i in range(51):
        ActorFactory(area=area, name=f"Verein {i:03d}")
    ActorFactory(area=area, name="Grundschule Nord", kind="school")
    html = client.get(f"/areas/{area.slug}/participants/").content.decode()
    assert html.count("<tr><td>") == 50
    assert "Grundschule Nord" in html  # sorted by name: G before V
    page2 = client.get(f"/areas/{area.slug}/participants/?page=2").content.decode()
    assert page2.count("<tr><td>") == 2
    school = client.get(f"/areas/{area.slug}/participants/?kind=school").content.decode()
    assert school.count("<tr><td>") == 1 and "Grundschule Nord" in school
    bad = client.get(f"/areas/{area.slug}/participants/?kind=<script>&page=1")
    assert bad.status_code == 200 and "&lt;script&gt;" not in bad.content.decode()
    assert client.get(f"/areas/{area.slug}/participants/?page=99").status_code == 404


def test_public_list_hides_everything_private(client, area, register):
    html = client.get(f"/areas/{area.slug}/participants/").content.decode()
    assert "Caritasverband Musterstadt" in html and "https://caritas.example.org" in html
    for secret in SECRETS + ["INTERNE-BESCHREIBUNG"]:
        assert secret not in html, secret


def test_public_list_of_unpublished_area_is_404_for_residents(client_as, area, other_area):
    area.is_public = False
    area.save()
    assert client_as("anonymous").get(f"/areas/{area.slug}/participants/").status_code == 404
    assert client_as("other_manager").get(f"/areas/{area.slug}/participants/").status_code == 404
    assert client_as("manager").get(f"/areas/{area.slug}/participants/").status_code == 200
