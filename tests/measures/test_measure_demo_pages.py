"""Integration with the demo data: every page of part B renders, and the edit form round-trips."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from ihk.models import Area
from measures.models import ConceptVersion, Measure


class FormValues(HTMLParser):
    """Collects what a browser would submit from the measure form of a page."""

    def __init__(self):
        super().__init__()
        self.data: list[tuple[str, str]] = []
        self._select = None
        self._textarea = None
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == "measure-form":
            self._in_form = True
        if self._in_form is not True:
            return
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "button"):
            if a.get("type") in ("checkbox", "radio"):
                if "checked" in a:
                    self.data.append((a["name"], a.get("value", "on")))
            else:
                self.data.append((a["name"], a.get("value", "")))
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self.data.append((self._select, a.get("value", "")))
        elif tag == "textarea":
            self._textarea = [a["name"], ""]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.data.append(tuple(self._textarea))
            self._textarea = None
        elif tag == "form" and self._in_form is True:
            self._in_form = "done"

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data


def form_values(html: str) -> dict:
    parser = FormValues()
    parser.feed(html)
    values: dict = {}
    for name, value in parser.data:
        values.setdefault(name, []).append(value)
    return values


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    return Area.objects.get(slug="gartenstadt-nord")


def test_demo_pages_render_and_edit_form_round_trips(client, demo):
    """Seeding is slow, so one test covers both."""
    manager = get_user_model().objects.get(email="manager@example.org")
    measure = Measure.objects.filter(area=demo, is_public=True).first()
    assert measure is not None
    assert ConceptVersion.objects.filter(area=demo, is_current=True).exists()
    slug = demo.slug
    html = client.get(f"/areas/{slug}/").content.decode()
    assert measure.title in html and "<svg" in html
    assert client.get(measure.get_absolute_url()).status_code == 200
    client.force_login(manager)
    for name in ("measure_list", "measure_create", "kuf", "kuf_xlsx", "kuf_csv", "timeline"):
        url = reverse(f"measures:{name}", kwargs={"area_slug": slug})
        assert client.get(url).status_code == 200, name
    for name in ("measure_detail", "measure_update"):
        url = reverse(f"measures:{name}", kwargs={"area_slug": slug, "pk": measure.pk})
        assert client.get(url).status_code == 200, name

    # Re-submitting the edit form as rendered passes validation and changes nothing.
    measures = list(Measure.objects.filter(area=demo).order_by("pk")[:8])
    for measure in measures:
        rows_before = sorted(measure.financing_rows.values_list("year", "source", "amount"))
        url = reverse("measures:measure_update", kwargs={"area_slug": demo.slug, "pk": measure.pk})
        data = form_values(client.get(url).content.decode())
        response = client.post(url, data)
        errors = re.findall(
            r"invalid-feedback[^>]*>\s*(?:<span[^>]*>)?<strong>([^<]*)",
            html := response.content.decode(),
        )
        assert response.status_code == 302, (measure.title, errors, html.count("alert-danger"))
        rows_after = sorted(measure.financing_rows.values_list("year", "source", "amount"))
        assert rows_after == rows_before
