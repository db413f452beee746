"""The area map in Chromium: drawn without any request to another host when no basemap is
configured, accessible with its list alternative (axe), no CSP violation; the open-data page
passes axe; a resident places an idea by clicking on the map."""

from decimal import Decimal
from urllib.parse import urlsplit

import pytest

from participation.models import Idea
from tests.browser.conftest import axe_violations
from tests.factories import EventFactory, IdeaFactory, MeasureFactory

pytestmark = pytest.mark.django_db(transaction=True)

OUTLINE = {
    "type": "Polygon",
    "coordinates": [
        [[13.40, 52.50], [13.42, 52.50], [13.42, 52.52], [13.40, 52.52], [13.40, 52.50]]
    ],
}


def test_map_page_is_local_accessible_and_places_an_idea(page, area, live_server, settings):
    settings.MAP_TILE_URL = ""
    area.outline = OUTLINE
    area.save()
    here = {"latitude": Decimal("52.51"), "longitude": Decimal("13.41")}
    MeasureFactory(area=area, title="Spielplatz Lindenhof", **here)
    IdeaFactory(area=area, title="Bänke am Teich", latitude=Decimal("52.505"), longitude=13.405)
    EventFactory(area=area, title="Stadtteilspaziergang", latitude=52.515, longitude=13.415)
    own_host = urlsplit(live_server.url).netloc
    foreign, csp = [], []
    page.on(
        "request",
        lambda request: (
            foreign.append(request.url) if urlsplit(request.url).netloc != own_host else None
        ),
    )
    page.on(
        "console",
        lambda msg: csp.append(msg.text) if "Content Security Policy" in msg.text else None,
    )

    page.goto(f"/areas/{area.slug}/map/")
    page.wait_for_selector("#area-map .map-pin-measure")
    assert page.locator("#area-map .leaflet-marker-icon").count() == 3
    assert page.locator("#area-map path.area-map-outline").count() == 1
    assert page.locator("#area-map .area-map-fallback").count() == 0
    page.get_by_role("button", name="Maßnahme: Spielplatz Lindenhof").click()
    assert page.locator(".leaflet-popup a", has_text="Spielplatz Lindenhof").is_visible()
    table = page.get_by_role("table", name="Maßnahmen auf der Karte")
    assert table.get_by_role("link", name="Spielplatz Lindenhof").is_visible()
    assert axe_violations(page) == []
    page.goto(f"/areas/{area.slug}/open-data/")
    assert axe_violations(page) == []

    page.goto(f"/areas/{area.slug}/ideas/new/")
    page.wait_for_selector("#place-picker.leaflet-container")
    picker = page.locator("#place-picker")
    box = picker.bounding_box()
    picker.click(position={"x": box["width"] / 2, "y": box["height"] / 2})
    assert page.get_by_label("Breitengrad (optional)").input_value() != ""
    assert axe_violations(page) == []
    page.get_by_label("Titel Ihrer Idee").fill("Trinkbrunnen")
    page.get_by_label("Beschreibung").fill("Ein Trinkbrunnen am Spielplatz.")
    page.get_by_label("Ich bin einverstanden").check()
    page.get_by_role("button", name="Idee senden").click()
    page.wait_for_url(f"**/areas/{area.slug}/ideas/")

    idea = Idea.objects.get(title="Trinkbrunnen")
    assert abs(idea.latitude - Decimal("52.51")) < Decimal("0.01")
    assert abs(idea.longitude - Decimal("13.41")) < Decimal("0.02")
    assert foreign == []
    assert csp == []
