"""The area map (/areas/<slug>/map/): public items only, list alternative, bounded queries."""

import json
from decimal import Decimal

import pytest
from django.urls import reverse

from ihk.geo import validate_outline
from ihk.settings import _tile_origin
from tests.factories import EventFactory, IdeaFactory, MeasureFactory

OUTLINE = {
    "type": "Polygon",
    "coordinates": [
        [[13.40, 52.50], [13.42, 52.50], [13.42, 52.52], [13.40, 52.52], [13.40, 52.50]]
    ],
}
HERE = {"latitude": Decimal("52.510000"), "longitude": Decimal("13.410000")}


def _url(area):
    return reverse("participation:area_map", kwargs={"area_slug": area.slug})


def _map_json(response) -> dict:
    html = response.content.decode()
    marker = '<script id="area-map-data" type="application/json">'
    start = html.index(marker) + len(marker)
    return json.loads(html[start : html.index("</script>", start)])


@pytest.mark.django_db
def test_map_shows_public_located_items_only(client, area, other_area):
    area.outline = OUTLINE
    area.save()
    MeasureFactory(area=area, title="Spielplatz Lindenhof", **HERE)
    MeasureFactory(area=area, title="Geheime Planung", is_public=False, **HERE)
    MeasureFactory(area=area, title="Ohne Ort")
    IdeaFactory(area=area, title="Bänke am Teich", contact_email="anna@example.org", **HERE)
    IdeaFactory(area=area, title="Ungeprüfte Idee", moderation="pending", **HERE)
    EventFactory(area=area, title="Stadtteilspaziergang", **HERE)
    EventFactory(area=area, title="Internes Treffen", is_public=False, **HERE)
    MeasureFactory(area=other_area, title="Fremde Maßnahme", **HERE)

    response = client.get(_url(area))

    assert response.status_code == 200
    html = response.content.decode()
    titles = {m["title"] for m in _map_json(response)["markers"]}
    assert titles == {"Spielplatz Lindenhof", "Bänke am Teich", "Stadtteilspaziergang"}
    for hidden in ("Geheime Planung", "Ungeprüfte Idee", "Internes Treffen", "Fremde Maßnahme"):
        assert hidden not in html
    assert "anna@example.org" not in html
    assert _map_json(response)["outline"] == OUTLINE
    # The list alternative holds the same items, with links.
    assert html.count('<th scope="row"') == 3


def _idea_post(**extra):
    return {
        "title": "Trinkbrunnen",
        "description": "Ein Trinkbrunnen am Spielplatz.",
        "consent": "on",
        **extra,
    }


@pytest.mark.django_db
def test_resident_places_an_idea_with_plain_inputs(client, area):
    from participation.models import Idea

    area.outline = OUTLINE
    area.save()
    url = reverse("participation:idea_create", kwargs={"area_slug": area.slug})
    page = client.get(url).content.decode()
    assert 'data-map-picker="place-picker-data"' in page and 'name="latitude"' in page

    response = client.post(url, _idea_post(latitude="52,5101234", longitude=" 13.41 "))

    assert response.status_code == 302
    idea = Idea.objects.get()
    assert (idea.latitude, idea.longitude) == (Decimal("52.510123"), Decimal("13.410000"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lat", "lon"),
    [
        ("52.51", ""),  # half a point
        ("91", "13.41"),
        ("NaN", "13.41"),
        ("Infinity", "-Infinity"),
        ("1e999999", "13.41"),
        ("=1+1", "13.41"),
        ("48.1", "11.5"),  # Munich: outside the area
        ("5" * 5000, "13.41"),
    ],
)
def test_hostile_coordinates_are_refused_on_the_form(client, area, lat, lon):
    from participation.models import Idea

    area.outline = OUTLINE
    area.save()
    url = reverse("participation:idea_create", kwargs={"area_slug": area.slug})

    response = client.post(url, _idea_post(latitude=lat, longitude=lon))

    assert response.status_code == 200
    assert "Trinkbrunnen" in response.content.decode()  # nothing typed is lost
    assert not Idea.objects.exists()


@pytest.mark.django_db
def test_map_queries_do_not_grow_with_markers(client, area, django_assert_max_num_queries):
    MeasureFactory(area=area, **HERE)
    IdeaFactory(area=area, **HERE)
    EventFactory(area=area, **HERE)
    with django_assert_max_num_queries(6) as few:
        client.get(_url(area))
    for _ in range(10):
        MeasureFactory(area=area, **HERE)
        IdeaFactory(area=area, **HERE)
        EventFactory(area=area, **HERE)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(_url(area))
    assert len(_map_json(response)["markers"]) == 33


@pytest.mark.django_db
def test_markers_are_capped_per_kind(client, area, monkeypatch):
    from participation import maps

    monkeypatch.setattr(maps, "MARKERS_PER_KIND", 2)
    for _ in range(3):
        IdeaFactory(area=area, **HERE)
    assert len(_map_json(client.get(_url(area)))["markers"]) == 2


@pytest.mark.django_db
def test_dashboard_card_stays_small_however_many_places(client, area, manager, monkeypatch):
    from participation.templatetags import participation_map

    monkeypatch.setattr(participation_map, "DASHBOARD_MARKERS_PER_KIND", 2)
    for _ in range(3):
        IdeaFactory(area=area, **HERE)
    client.force_login(manager)
    response = client.get(reverse("ihk:area_dashboard", kwargs={"area_slug": area.slug}))
    html = response.content.decode()
    marker = '<script id="dashboard-map-data" type="application/json">'
    start = html.index(marker) + len(marker)
    assert len(json.loads(html[start : html.index("</script>", start)])["markers"]) == 2
    assert "höchstens 2 Einträge je Art" in html


@pytest.mark.django_db
def test_map_of_a_non_public_area_is_404_but_previewed_by_members(client, area, manager):
    area.is_public = False
    area.save()
    assert client.get(_url(area)).status_code == 404
    client.force_login(manager)
    assert client.get(_url(area)).status_code == 200


@pytest.mark.django_db
def test_dashboard_card_shows_the_map_and_its_list(client, area, manager, reader, other_manager):
    MeasureFactory(area=area, title="Spielplatz Lindenhof", **HERE)
    dashboard = reverse("ihk:area_dashboard", kwargs={"area_slug": area.slug})
    for user in (manager, reader):
        client.force_login(user)
        html = client.get(dashboard).content.decode()
        assert 'data-area-map="dashboard-map-data"' in html
        assert "Spielplatz Lindenhof</a>" in html
    client.force_login(other_manager)
    assert client.get(dashboard).status_code == 403


@pytest.mark.django_db
def test_no_basemap_means_no_other_host_in_page_or_policy(client, area, settings):
    settings.MAP_TILE_URL = ""
    response = client.get(_url(area))
    assert _map_json(response)["tiles"] == ""
    assert "img-src 'self' data:;" in response["Content-Security-Policy"]
    assert "https://" not in response.content.decode().split("<main", 1)[1].split("<footer")[0]


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("https://tiles.example.org/{z}/{x}/{y}.png", "https://tiles.example.org"),
        ("https://{s}.tile.example.org:8443/{z}/{x}/{y}.png", "https://*.tile.example.org:8443"),
        ("https://evil.example;script-src *", ""),
        ("https://a.example 'unsafe-inline'/{z}", ""),
        ("javascript:alert(1)", ""),
        ("/tiles/{z}/{x}/{y}.png", ""),
    ],
)
def test_tile_host_for_the_content_security_policy(url, origin):
    assert _tile_origin(url) == origin


RING = [[13.40, 52.50], [13.42, 52.50], [13.42, 52.52], [13.40, 52.50]]


@pytest.mark.parametrize(
    "outline",
    [
        {"type": "Point", "coordinates": [13.4, 52.5]},
        {"type": "Polygon", "coordinates": [[[13.4, 52.5], [13.5, 52.5], [13.4, 52.5]]]},
        {"type": "Polygon", "coordinates": [[[13.4, 52.5], [13.5, 52], [13.5, 95], [13.4, 52.5]]]},
        {"type": "Polygon", "coordinates": [[[13.4, 52.5], [13.5, 52.5], [13.5, 52.6], [1, 1]]]},
        {"type": "Polygon", "coordinates": [[["13", "52"], [1, 2], [3, 4], ["13", "52"]]]},
        {"type": "Polygon", "coordinates": [[[True, 52.5], [1, 2], [3, 4], [True, 52.5]]]},
        {"type": "Polygon", "coordinates": [[[float("nan"), 1], [1, 2], [3, 4], [1, 1]]]},
        {"type": "MultiPolygon", "coordinates": []},
        {"type": "Polygon", "coordinates": [RING[:3] + [[13.41, 52.51]] * 5000 + RING[:1]]},
        {"type": "Polygon", "coordinates": "[]"},
        ["Polygon"],
    ],
)
def test_invalid_outlines_are_refused(outline):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_outline(outline)


def test_valid_outlines_pass():
    validate_outline(OUTLINE)
    validate_outline({"type": "MultiPolygon", "coordinates": [[RING], [RING]]})
    validate_outline(None)


@pytest.mark.django_db
def test_demo_places_rows_inside_the_outline_once(area):
    from ihk.demo import DEMO_OUTLINE
    from ihk.geo import outline_bounds
    from participation import demo_map
    from participation.maps import map_items

    validate_outline(DEMO_OUTLINE)
    area.outline = DEMO_OUTLINE
    area.save()
    for _ in range(3):
        MeasureFactory(area=area)
        IdeaFactory(area=area)
        EventFactory(area=area)
    demo_map.seed(area)
    items = map_items(area)
    placed = [row for rows in items.values() for row in rows]
    assert all(items.values()) and len(placed) == 6
    south, west, north, east = outline_bounds(DEMO_OUTLINE)
    assert all(south < r["lat"] < north and west < r["lon"] < east for r in placed)
    demo_map.seed(area)
    assert map_items(area) == items
