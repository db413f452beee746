"""The area map (/areas/<slug>/map/): public items only, list alternative, bounded queries."""

import json
from decimal import Decimal

import pytest
from django.urls import reverse

from ihk.models import Role
from tests.factories import AreaRoleFactory, EventFactory, IdeaFactory, MeasureFactory

OUTLINE = {
    "type": "Polygon",
    "coordinates": [[[13.40, 52.50], [13.42, 52.50], [13.42, 52.52], [13.40, 52.52], [13.40, 52.50]]],
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
