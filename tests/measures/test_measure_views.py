"""Internal measure pages: role × URL matrix, create/edit with inline rows, bad input, history."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from measures.models import FinancingRow, Measure, Milestone
from tests.factories import (
    ActionFieldFactory,
    ActorFactory,
    ConceptVersionFactory,
    FinancingRowFactory,
    MeasureFactory,
    MilestoneFactory,
)
from tests.measures.conftest import WITHOUT_SECOND_FINANCING_ROW, form_data, urls
from tests.measures.test_public import count_queries

ROLES = ["anonymous", "reader", "manager", "other_manager", "superuser"]


READ_MATRIX = {
    "list": [302, 200, 200, 403, 200],
    "detail": [302, 200, 200, 403, 200],
    "create": [302, 403, 200, 403, 200],
    "update": [302, 403, 200, 403, 200],
    "row": [302, 403, 200, 403, 200],
}


@pytest.mark.parametrize(
    ("view", "role", "expected"),
    [
        (v, r, e)
        for v, statuses in READ_MATRIX.items()
        for r, e in zip(ROLES, statuses, strict=True)
    ],
)
def test_role_url_matrix(client_as, concept, area, view, role, expected):
    url = urls(area, concept["measure"])[view]
    response = client_as(role).get(url)
    assert response.status_code == expected, f"{view} as {role}"
    if expected == 302:
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ["anonymous", "reader", "other_manager"])
def test_forged_posts_change_nothing(client_as, concept, area, role):
    measure = concept["measure"]
    client = client_as(role)
    before = Measure.objects.count()
    client.post(urls(area, measure)["create"], form_data(concept))
    client.post(urls(area, measure)["update"], form_data(concept, title="Gehackt"))
    measure.refresh_from_db()
    assert measure.title == "Spielplatz Lindenhof"
    assert Measure.objects.count() == before
    assert FinancingRow.objects.count() == 0


def test_other_areas_measure_is_404_for_its_non_member_manager(client_as, concept, other_area):
    foreign = MeasureFactory(area=other_area)
    client = client_as("manager")
    for view in ("detail", "update"):
        url = urls(concept["measure"].area, foreign)[view]
        assert client.get(url).status_code == 404
    response = client.post(urls(concept["measure"].area, foreign)["update"], form_data(concept))
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.title != "Nachbarschaftsgarten"


def test_manager_creates_measure_with_rows(client_as, concept, area):
    response = client_as("manager").post(
        urls(area, concept["measure"])["create"], form_data(concept)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    measure = Measure.objects.get(title="Nachbarschaftsgarten")
    assert measure.area == area
    assert list(measure.action_fields.all()) == [concept["housing"]]
    assert list(measure.goals.all()) == [concept["goal"]]
    assert measure.milestones.get().title == "Eröffnung"
    rows = list(measure.financing_rows.order_by("year"))
    assert [r.amount for r in rows] == [Decimal("12000.50"), Decimal("3000.00")]
    assert rows[1].actor == concept["actor"] and rows[1].in_kind
    page = client_as("manager").get(response["Location"]).content.decode()
    assert "Nachbarschaftsgarten" in page and "15.000,50" in page


def test_manager_edits_rows_and_deletes_one(client_as, concept, area):
    measure = concept["measure"]
    row = FinancingRowFactory(measure=measure, amount=Decimal("100"))
    milestone = MilestoneFactory(measure=measure)
    data = form_data(
        concept,
        **{
            "milestones-TOTAL_FORMS": "1",
            "milestones-INITIAL_FORMS": "1",
            "milestones-0-id": str(milestone.pk),
            "milestones-0-measure": str(measure.pk),
            "milestones-0-DELETE": "on",
            "financing-TOTAL_FORMS": "1",
            "financing-INITIAL_FORMS": "1",
            "financing-0-id": str(row.pk),
            "financing-0-measure": str(measure.pk),
            "financing-0-year": "2025",
            "financing-0-source": "federal",
            "financing-0-state": "paid",
            "financing-0-amount": "250",
            **WITHOUT_SECOND_FINANCING_ROW,
        },
    )
    response = client_as("manager").post(urls(area, measure)["update"], data)
    assert response.status_code == 302, response.content.decode()[:3000]
    row.refresh_from_db()
    assert row.amount == Decimal("250") and row.state == "paid"
    assert not Milestone.objects.filter(pk=milestone.pk).exists()


def test_edit_keeps_links_to_other_versions(client_as, concept, area):
    measure = concept["measure"]
    new_version = ConceptVersionFactory(area=area, number=2, kind="update")
    new_field = ActionFieldFactory(version=new_version, title="Bildung neu")
    data = form_data(concept, action_fields=[str(new_field.pk)], goals=[])
    response = client_as("manager").post(urls(area, measure)["update"], data)
    assert response.status_code == 302
    assert set(measure.action_fields.all()) == {concept["housing"], new_field}
    assert list(measure.goals.all()) == [concept["goal"]]


def test_add_row_without_javascript_rerenders_with_one_more_row(client_as, concept, area):
    data = form_data(concept, add_row="financing", title="")
    response = client_as("manager").post(urls(area, concept["measure"])["create"], data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "invalid-feedback" not in html and "is-invalid" not in html  # no save attempt
    assert 'value="Lindenstraße 4"' in html
    assert 'name="financing-TOTAL_FORMS" value="3"' in html
    assert 'name="financing-2-amount"' in html
    assert not Measure.objects.filter(title="Nachbarschaftsgarten").exists()


def test_htmx_row_returns_numbered_row_and_new_total(client_as, concept, area):
    url = urls(area, concept["measure"])["row"] + "?financing-TOTAL_FORMS=4"
    html = client_as("manager").get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'name="financing-4-amount"' in html
    assert 'id="id_financing-TOTAL_FORMS"' in html and 'value="5"' in html
    bad = reverse("measures:measure_row", kwargs={"area_slug": area.slug, "kind": "nope"})
    assert client_as("manager").get(bad).status_code == 404


def test_reader_sees_everything_read_only(client_as, concept, area):
    html = client_as("reader").get(urls(area, concept["measure"])["detail"]).content.decode()
    assert "Geheime Notiz zur Finanzierung" in html
    assert urls(area, concept["measure"])["update"] not in html
    html = client_as("reader").get(urls(area, concept["measure"])["list"]).content.decode()
    assert "Spielplatz Lindenhof" in html
    assert urls(area, concept["measure"])["create"] not in html


def test_list_filters(client_as, concept, area):
    other = MeasureFactory(area=area, title="Sprachcafé", status="running", priority="low")
    other.action_fields.add(concept["education"])
    client = client_as("reader")
    base = urls(area, concept["measure"])["list"]

    def titles(query):
        html = client.get(base + query).content.decode()
        return {t for t in ("Spielplatz Lindenhof", "Sprachcafé") if t in html}

    assert titles("") == {"Spielplatz Lindenhof", "Sprachcafé"}
    assert titles(f"?action_field={concept['education'].pk}") == {"Sprachcafé"}
    assert titles("?status=running") == {"Sprachcafé"}
    assert titles("?priority=medium") == {"Spielplatz Lindenhof"}
    assert titles("?lead_actor=stadtteilverein") == {"Spielplatz Lindenhof"}
    assert titles("?lead_actor=" + "x" * 300) == {"Spielplatz Lindenhof", "Sprachcafé"}
    assert titles("?funding_item=other") == {"Spielplatz Lindenhof", "Sprachcafé"}
    # Invalid filter values do not crash; the list shows unfiltered.
    assert client.get(base + "?status=kaputt&action_field=abc").status_code == 200


def test_history_records_edit_with_who_and_what(client_as, concept, area, manager):
    measure = concept["measure"]
    data = form_data(concept, title="Spielplatz Lindenhof", progress="40", status="running")
    response = client_as("manager").post(urls(area, measure)["update"], data)
    assert response.status_code == 302
    html = client_as("reader").get(urls(area, measure)["detail"]).content.decode()
    assert "Änderungsverlauf" in html
    assert "Fortschritt (%)" in html and "0 → 40" in html
    assert "geplant → laufend" in html
    assert str(manager) in html
    assert "Finanzierungszeile 2025" in html  # the new financing row is listed as created


def test_history_records_changed_links_to_fields_of_action_and_goals(client_as, concept, area):
    from measures.history import measure_history

    measure = concept["measure"]
    other_field = ActionFieldFactory(version=concept["version"], title="Lokale Ökonomie")
    measure.action_fields.add(other_field)
    changes = measure_history(measure)
    labels = [(label, new) for change in changes for label, _old, new in change.fields]
    assert any(
        label == "Handlungsfelder" and "Lokale Ökonomie (Fassung 1)" in new for label, new in labels
    ), labels


def test_detail_query_count_is_the_same_for_1_and_50_rows(client_as, concept, area):
    measure = concept["measure"]
    client = client_as("reader")

    def add_rows(n):
        for i in range(n):
            FinancingRowFactory(measure=measure, year=2024 + i % 5, actor=concept["actor"])
            row = FinancingRowFactory(measure=measure, year=2030)
            row.amount = Decimal(i)
            row.save()  # a second history record per row
            MilestoneFactory(measure=measure, due_on=datetime.date(2025, 1, 1))
            measure.partner_actors.add(ActorFactory(area=area))
            measure.progress = i
            measure.save()

    add_rows(1)
    one = count_queries(client, urls(area, measure)["detail"])
    add_rows(49)
    assert count_queries(client, urls(area, measure)["detail"]) == one
    assert (
        one <= 20
    )  # includes one query per linked relation of the history (actors, fields, goals)


def test_list_query_count_is_the_same_for_1_and_50_measures(client_as, concept, area):
    client = client_as("reader")

    def add_measures(n):
        for _i in range(n):
            measure = MeasureFactory(area=area, lead_actor=concept["actor"])
            measure.action_fields.add(concept["housing"], concept["education"])

    add_measures(1)
    one = count_queries(client, urls(area, concept["measure"])["list"])
    add_measures(49)
    assert count_queries(client, urls(area, concept["measure"])["list"]) == one
    assert one <= 14


def test_create_without_any_version(client_as, area):
    actor = ActorFactory(area=area)
    data = form_data({"actor": actor, "housing": actor, "goal": actor}, action_fields=[], goals=[])
    url = reverse("measures:measure_create", kwargs={"area_slug": area.slug})
    page = client_as("manager").get(url).content.decode()
    assert "noch keine Konzeptfassung" in page
    response = client_as("manager").post(url, data)
    assert response.status_code == 302
    assert Measure.objects.get(title="Nachbarschaftsgarten").area == area


def test_unknown_measure_is_404(client_as, concept, area):
    url = reverse("measures:measure_update", kwargs={"area_slug": area.slug, "pk": 999999})
    assert client_as("manager").get(url).status_code == 404
    assert client_as("manager").post(url, form_data(concept)).status_code == 404


def test_history_shows_partner_actor_goal_and_deleted_row(client_as, concept, area):
    measure = concept["measure"]
    row = FinancingRowFactory(measure=measure, year=2027, amount=Decimal("5"))
    partner = ActorFactory(area=area, name="Kita Regenbogen")
    measure.partner_actors.add(partner)
    goal = concept["goal"]
    goal.title = "Wohnumfeld grüner machen"
    goal.save()
    row.delete()
    html = client_as("reader").get(urls(area, measure)["detail"]).content.decode()
    assert "Partner" in html and "– → Kita Regenbogen" in html
    assert "Wohnumfeld aufwerten → Wohnumfeld grüner machen" in html
    assert "Finanzierungszeile 2027, Städtebauförderung – Bund: gelöscht" in html


def test_history_entries_are_escaped(client_as, concept, area):
    measure = concept["measure"]
    measure.title = "<script>alert(1)</script>"
    measure.save()
    html = client_as("reader").get(urls(area, measure)["detail"]).content.decode()
    assert "<script>alert(1)</script>" not in html


def toggle_url(area, measure, milestone):
    return reverse(
        "measures:milestone_toggle",
        kwargs={"area_slug": area.slug, "pk": measure.pk, "milestone_pk": milestone.pk},
    )


@pytest.mark.parametrize(
    ("role", "expected"), list(zip(ROLES, [302, 403, 302, 403, 302], strict=True))
)
def test_milestone_toggle_matrix(client_as, concept, area, role, expected):
    milestone = MilestoneFactory(measure=concept["measure"], done=False)
    response = client_as(role).post(toggle_url(area, concept["measure"], milestone))
    assert response.status_code == expected
    milestone.refresh_from_db()
    assert milestone.done is (role in ("manager", "superuser"))
    if role == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))


def test_milestone_toggle_htmx_and_foreign_ids(client_as, concept, area, other_area):
    measure = concept["measure"]
    milestone = MilestoneFactory(measure=measure, done=True, title="Richtfest")
    client = client_as("manager")
    assert client.get(toggle_url(area, measure, milestone)).status_code == 405
    response = client.post(toggle_url(area, measure, milestone), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert f'id="milestone-{milestone.pk}"' in html and "Als erledigt markieren" in html
    milestone.refresh_from_db()
    assert milestone.done is False
    other_measure = MeasureFactory(area=area)
    assert client.post(toggle_url(area, other_measure, milestone)).status_code == 404
    foreign = MilestoneFactory(measure=MeasureFactory(area=other_area))
    assert client.post(toggle_url(area, foreign.measure, foreign)).status_code == 404
    foreign.refresh_from_db()
    assert foreign.done is False
    detail = client.get(urls(area, measure)["detail"]).content.decode()
    assert "Meilenstein „Richtfest“" in detail and "ja → nein" in detail  # in the history


def test_edit_form_query_count_is_the_same_for_1_and_50_rows(client_as, concept, area):
    measure = concept["measure"]
    client = client_as("manager")

    def add_rows(n):
        for _i in range(n):
            FinancingRowFactory(measure=measure, actor=concept["actor"])
            MilestoneFactory(measure=measure)

    add_rows(1)
    one = count_queries(client, urls(area, measure)["update"])
    add_rows(49)
    html = client.get(urls(area, measure)["update"]).content.decode()
    assert count_queries(client, urls(area, measure)["update"]) == one
    # The shared actor list still marks each row's actor as selected.
    assert html.count(f'<option value="{concept["actor"].pk}" selected>') >= 50
