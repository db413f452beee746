"""Issue 11 on the internal concept pages: Fortschreibung with a confirmation, discarding a
draft from its page, versions named "Fassung N", comparison text, units, valid HTML."""

import datetime
import re

import pytest
from django.urls import reverse

from measures import services
from measures.models import ConceptVersion
from tests.factories import IndicatorFactory, IndicatorValueFactory
from tests.measures.test_concept_views import tree  # noqa: F401 – fixture


def concept_page(area, version=None):
    url = reverse("measures:concept", kwargs={"area_slug": area.slug})
    return url + (f"?version={version.number}" if version else "")


def test_start_update_asks_first_and_says_what_happens(client_as, area, tree):  # noqa: F811
    client = client_as("manager")
    current = tree["version"]
    services.make_current(version=tree["candidate"])  # version 2 current, 3 a draft
    tree["draft"].delete()
    url = reverse(
        "measures:version_start_update",
        kwargs={"area_slug": area.slug, "pk": tree["candidate"].pk},
    )
    page = client.get(url).content.decode()
    assert "Es wird ein neuer Entwurf, Fassung 3, als Kopie von Fassung 2" in page
    assert ConceptVersion.objects.filter(area=area).count() == 2  # GET changes nothing
    response = client.post(url)
    assert response.status_code == 302
    draft = ConceptVersion.objects.get(area=area, number=3)
    assert response["Location"].endswith(f"?version={draft.number}")
    assert client_as("reader").get(url).status_code == 403
    current.refresh_from_db()
    assert current.status == "superseded" and not current.is_current  # unchanged by the draft


def test_open_draft_is_named_on_the_confirmation(client_as, area, tree):  # noqa: F811
    url = reverse(
        "measures:version_start_update", kwargs={"area_slug": area.slug, "pk": tree["version"].pk}
    )
    page = client_as("manager").get(url).content.decode()
    assert "Entwurf Fassung 3 wird bereits bearbeitet" in page
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    assert "<form" not in main  # nothing to start while the draft exists


def test_draft_page_offers_discard_not_a_new_update(client_as, area, tree):  # noqa: F811
    html = client_as("manager").get(concept_page(area, tree["draft"])).content.decode()
    assert "start-update" not in html
    delete = reverse(
        "measures:version_delete", kwargs={"area_slug": area.slug, "pk": tree["draft"].pk}
    )
    assert delete in html and "Entwurf verwerfen" in html
    html = client_as("manager").get(concept_page(area)).content.decode()
    assert "start-update" in html and delete not in html


def test_versions_are_named_fassung(client_as, area, tree):  # noqa: F811
    html = (
        client_as("reader")
        .get(reverse("measures:version_list", kwargs={"area_slug": area.slug}))
        .content.decode()
    )
    assert "Fassung 1 (beschlossen am 15.01.2025)" in html
    assert "Entwurf Fassung 3" in html
    assert "Erstfassung 1" not in html
    assert str(tree["version"]) == "Fassung 1 (01.12.2024)"


def test_english_version_name_uses_the_active_language(client_as, area, tree):  # noqa: F811
    from django.utils import translation

    with translation.override("en"):
        assert str(tree["version"]) == "Version 1 (12/01/2024)"


def test_comparison_names_the_versions(client_as, area, tree):  # noqa: F811
    url = reverse("measures:version_compare", kwargs={"area_slug": area.slug})
    html = client_as("reader").get(url + "?old=1&new=3").content.decode()
    assert "Änderungen von Fassung 1 (beschlossen am 15.01.2025) zu Entwurf Fassung 3." in html
    assert "mit ihrem heutigen Stand" in html
    assert "und vom" not in html


def test_indicator_values_show_counts_plainly(client_as, area, tree):  # noqa: F811
    indicator = IndicatorFactory(
        goal=tree["goal"], name="Gefahrenstellen", unit="Anzahl", baseline_value=14, target_value=4
    )
    IndicatorValueFactory(indicator=indicator, value=6, measured_on=datetime.date(2025, 6, 30))
    url = reverse("measures:indicator_detail", kwargs={"area_slug": area.slug, "pk": indicator.pk})
    html = client_as("reader").get(url).content.decode()
    assert "6 Anzahl" not in html and "4 Anzahl" not in html and "14 (" in html
    page = client_as("reader").get(concept_page(area)).content.decode()
    assert "Anzahl" not in page.split("Gefahrenstellen", 1)[1].split("</tr>", 1)[0]


@pytest.mark.parametrize("role", ["reader", "manager"])
def test_indicator_table_colspan_matches_columns(client_as, area, tree, role):  # noqa: F811
    indicator = IndicatorFactory(goal=tree["goal"], name="Leer")
    url = reverse("measures:indicator_detail", kwargs={"area_slug": area.slug, "pk": indicator.pk})
    html = client_as(role).get(url).content.decode()
    table = html.split("<table", 1)[1].split("</table>", 1)[0]
    columns = len(re.findall(r"<th[\s>]", table.split("</thead>")[0]))
    assert f'colspan="{columns}"' in table


def test_no_inline_style_and_valid_htmx_attributes(client_as, area, tree):  # noqa: F811
    client = client_as("manager")
    urls = [
        concept_page(area),
        reverse(
            "measures:indicator_detail", kwargs={"area_slug": area.slug, "pk": tree["indicator"].pk}
        ),
        reverse("measures:measure_create", kwargs={"area_slug": area.slug}),
        reverse("measures:version_list", kwargs={"area_slug": area.slug}),
    ]
    for url in urls:
        # The app's part of the page (the site layout belongs to the project templates).
        html = client.get(url).content.decode().split("<main", 1)[1].split("</main>", 1)[0]
        assert not re.search(r"\sstyle=", html), url
        assert not re.search(r"\shx-[a-z]", html), url
        for stamp in re.findall(r'<time datetime="([^"]+)"', html):
            assert "." not in stamp, (url, stamp)
