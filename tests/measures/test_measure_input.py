"""Hostile and clumsy input on the measure and concept forms: far dates, formset floods,
control characters, ``?version=`` values. Never a 500, nothing stored from a refused POST."""

import time

import pytest
from django.urls import reverse

from measures.forms.measure import MAX_FINANCING_ROWS, FinancingFormSet, MilestoneFormSet
from measures.models import FinancingRow, Measure
from tests.measures.conftest import form_data, urls
from tests.measures.test_concept_views import tree  # noqa: F401 – fixture


@pytest.mark.parametrize("field", ["planned_start", "planned_end", "actual_start"])
@pytest.mark.parametrize("value", ["0001-01-01", "9990-01-01", "9999-12-31", "1989-12-31"])
def test_far_dates_are_a_form_error(client_as, concept, area, field, value):  # noqa: F811
    data = form_data(concept, **{field: value})
    if field == "planned_start":
        data["planned_end"] = "2100-12-31"
    response = client_as("manager").post(urls(area, concept["measure"])["create"], data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Geben Sie ein Datum zwischen 01.01.1990 und 31.12.2100 ein." in html
    assert not Measure.objects.filter(title="Nachbarschaftsgarten").exists()


def test_far_date_with_an_otherwise_invalid_form_is_no_500(client_as, concept, area):  # noqa: F811
    data = form_data(concept, planned_start="0001-01-01", planned_end="9999-12-31", title="")
    data["milestones-0-due_on"] = "9999-12-31"
    response = client_as("manager").post(urls(area, concept["measure"])["create"], data)
    assert response.status_code == 200
    assert "Nichts wurde gespeichert" in response.content.decode()


def test_date_inputs_carry_the_bounds(client_as, concept, area):  # noqa: F811
    html = client_as("manager").get(urls(area, concept["measure"])["create"]).content.decode()
    assert 'min="1990-01-01"' in html and 'max="2100-12-31"' in html


def test_formsets_are_capped():
    assert FinancingFormSet.max_num == FinancingFormSet.absolute_max == MAX_FINANCING_ROWS
    assert MilestoneFormSet.absolute_max == MilestoneFormSet.max_num == 100
    assert FinancingFormSet.validate_max and MilestoneFormSet.validate_max


@pytest.mark.parametrize("total", [str(MAX_FINANCING_ROWS + 1), "100000"])
def test_financing_flood_is_answered_quickly_with_a_form_error(client_as, concept, area, total):  # noqa: F811
    client = client_as("manager")
    data = form_data(concept, **{"financing-TOTAL_FORMS": total})
    started = time.monotonic()
    response = client.post(urls(area, concept["measure"])["create"], data)
    elapsed = time.monotonic() - started
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nichts wurde gespeichert" in html
    assert f"höchstens {MAX_FINANCING_ROWS}" in html
    assert html.count('name="financing-') < 12 * (MAX_FINANCING_ROWS + 2)
    assert elapsed < 5, elapsed
    assert FinancingRow.objects.count() == 0


def test_htmx_row_index_is_capped(client_as, concept, area):  # noqa: F811
    response = client_as("manager").get(
        urls(area, concept["measure"])["row"] + "?financing-TOTAL_FORMS=99999"
    )
    assert response.status_code == 200
    assert f'name="financing-{MAX_FINANCING_ROWS - 1}-year"' in response.content.decode()


def test_control_characters_are_stripped(client_as, concept, area):  # noqa: F811
    data = form_data(concept, title="Nachbarschafts\x0bgarten\u202e", description="a\x07b\nc")
    data["milestones-0-title"] = "Er\x0böffnung"
    response = client_as("manager").post(urls(area, concept["measure"])["create"], data)
    assert response.status_code == 302
    measure = Measure.objects.get(title__startswith="Nachbarschafts")
    assert "\x0b" not in measure.title and "\u202e" not in measure.title
    assert "\x07" not in measure.description and "\n" in measure.description
    assert "\x0b" not in measure.milestones.get().title


@pytest.mark.parametrize("value", ["²", "-1", "1e9", "abc", "0", "99", "", "1.0", "٣"])
@pytest.mark.parametrize("page", ["measures:concept", "measures:kuf", "measures:timeline"])
def test_version_parameter_is_404_or_current_never_500(client_as, tree, area, page, value):  # noqa: F811
    url = reverse(page, kwargs={"area_slug": area.slug}) + f"?version={value}"
    response = client_as("reader").get(url)
    assert response.status_code in (200, 404)
    if value == "":
        assert response.status_code == 200


def test_version_parameter_is_the_number_on_every_page(client_as, tree, area):  # noqa: F811
    client = client_as("reader")
    draft = tree["draft"]  # number 3, its pk differs from the number
    for page in ("measures:concept", "measures:kuf", "measures:timeline"):
        url = reverse(page, kwargs={"area_slug": area.slug}) + f"?version={draft.number}"
        assert client.get(url).context["version"] == draft, page
    compare = reverse("measures:version_compare", kwargs={"area_slug": area.slug})
    response = client.get(compare + f"?old=1&new={draft.number}")
    assert (response.context["old"].number, response.context["new"]) == (1, draft)
    assert client.get(compare + "?old=²&new=1").status_code == 404


# --- which measures are public (issue 11, item 4) -----------------------------------------


@pytest.fixture
def with_draft(area, concept):  # noqa: F811
    """Version 1 current with the concept's measure; a Fortschreibung draft (version 2)."""
    from measures import services

    area.is_public = True
    area.save()
    draft = services.start_update(version=concept["version"])
    return {**concept, "draft": draft}


def public_status(client, area, measure):
    url = reverse("measures:measure_public", kwargs={"area_slug": area.slug, "pk": measure.pk})
    return client.get(url).status_code


def test_new_measure_offers_current_and_draft_fields_and_joins_both(client_as, with_draft, area):
    client = client_as("manager")
    page = client.get(urls(area, with_draft["measure"])["create"]).content.decode()
    current_field, draft = with_draft["housing"], with_draft["draft"]
    draft_field = draft.action_fields.get(origin=current_field)
    assert f'value="{current_field.pk}"' in page and f'value="{draft_field.pk}"' in page
    assert "Wohnen und Wohnumfeld (Fassung 1)" in page
    data = form_data(with_draft, action_fields=[str(current_field.pk)], goals=[])
    assert client.post(urls(area, with_draft["measure"])["create"], data).status_code == 302
    measure = Measure.objects.get(title="Nachbarschaftsgarten")
    assert set(measure.action_fields.all()) == {current_field, draft_field}
    assert public_status(client_as("anonymous"), area, measure) == 200


def test_measure_only_in_a_draft_or_only_in_an_old_version_is_404(client_as, with_draft, area):
    from measures import services
    from tests.factories import MeasureFactory

    anonymous = client_as("anonymous")
    only_draft = MeasureFactory(area=area, is_public=True, title="Nur im Entwurf")
    only_draft.action_fields.add(with_draft["draft"].action_fields.first())
    assert public_status(anonymous, area, only_draft) == 404
    assert public_status(anonymous, area, with_draft["measure"]) == 200
    # The draft becomes current; a measure dropped from it stays in version 1 only.
    dropped = with_draft["measure"]
    dropped.action_fields.remove(*with_draft["draft"].action_fields.all())
    dropped.goals.remove(
        *Measure.goals.field.related_model.objects.for_version(with_draft["draft"])
    )
    services.make_current(version=with_draft["draft"])
    assert public_status(anonymous, area, dropped) == 404
    assert public_status(anonymous, area, only_draft) == 200
    html = client_as("reader").get(urls(area, dropped)["detail"]).content.decode()
    assert "nicht Teil der aktuellen Fassung" in html
    listing = client_as("reader").get(urls(area, dropped)["list"]).content.decode()
    assert "nicht in der aktuellen Fassung" in listing


# --- plausibility (issue 11, item 6) -------------------------------------------------------


def test_actor_only_on_own_funds_or_in_kind_rows(client_as, concept, area):  # noqa: F811
    data = form_data(concept, **{"financing-0-actor": str(concept["actor"].pk)})  # federal row
    response = client_as("manager").post(urls(area, concept["measure"])["create"], data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ein Akteur wird nur bei Eigenmitteln oder einer Eigenleistung" in html
    assert not Measure.objects.filter(title="Nachbarschaftsgarten").exists()


def test_own_funds_and_in_kind_are_two_sources(client_as, concept, area):  # noqa: F811
    html = client_as("manager").get(urls(area, concept["measure"])["create"]).content.decode()
    assert "Eigenmittel eines Akteurs" in html and "Eigenleistung eines Akteurs" in html
    data = form_data(concept, **{"financing-1-source": "own_resources"})
    assert (
        client_as("manager").post(urls(area, concept["measure"])["create"], data).status_code == 302
    )
    money = FinancingRow.objects.get(source="own_resources")
    assert money.actor == concept["actor"] and money.in_kind is False


def test_completed_needs_full_progress(client_as, concept, area):  # noqa: F811
    client = client_as("manager")
    data = form_data(concept, status="completed", progress="20")
    response = client.post(urls(area, concept["measure"])["create"], data)
    assert response.status_code == 200
    assert (
        "Eine abgeschlossene Maßnahme hat einen Fortschritt von 100 %" in response.content.decode()
    )
    data = form_data(concept, status="completed", progress="100")
    assert client.post(urls(area, concept["measure"])["create"], data).status_code == 302


def test_in_kind_migration_splits_the_rows(db):
    import importlib

    from measures.models import FinancingRow as Row
    from tests.factories import FinancingRowFactory

    migration = importlib.import_module("measures.migrations.0004_financing_source_in_kind")
    row = FinancingRowFactory(source="own_resources", actor=None)
    Row.objects.filter(pk=row.pk).update(in_kind=True)  # as stored before the split

    class Apps:
        @staticmethod
        def get_model(app, name):
            return Row

    migration.split_in_kind(Apps, None)
    assert Row.objects.get(pk=row.pk).source == "in_kind"


def test_measure_list_is_paginated_and_keeps_the_filter(client_as, concept, area):  # noqa: F811
    from measures.models import Measure as M

    M.objects.bulk_create(
        M(area=area, title=f"Maßnahme {i:03}", status="running") for i in range(55)
    )
    client = client_as("reader")
    first = client.get(urls(area, concept["measure"])["list"] + "?status=running")
    html = first.content.decode()
    assert first.context["page_obj"].paginator.count == 55
    assert len(first.context["measures"]) == 50
    assert "status=running&amp;page=2" in html
    second = client.get(urls(area, concept["measure"])["list"] + "?status=running&page=2")
    assert len(second.context["measures"]) == 5
    assert client.get(urls(area, concept["measure"])["list"] + "?page=99").status_code == 404


def test_admin_financing_rows_open_without_error(client_as, concept, area):  # noqa: F811
    from tests.factories import FinancingRowFactory

    row = FinancingRowFactory(measure=concept["measure"], source="in_kind", actor=concept["actor"])
    client = client_as("superuser")
    assert (
        client.get(reverse("admin:measures_financingrow_change", args=[row.pk])).status_code == 200
    )
    assert client.get(reverse("admin:measures_financingrow_changelist")).status_code == 200
    assert (
        client.get(reverse("admin:measures_measure_change", args=[row.measure_id])).status_code
        == 200
    )
