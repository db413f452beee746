"""The portfolio over areas: a user with two areas versus one, XLSX and JSON with the same sums,
read-only and login only, formula text in exports, query counts for 1 and 20 areas."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from ihk.models import Role
from measures.models import AreaDeadline
from tests.factories import (
    ActionFieldFactory,
    AreaFactory,
    AreaRoleFactory,
    ConceptVersionFactory,
    FinancingRowFactory,
    GoalFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    MeasureFactory,
)

D = Decimal


def fill(area, *, amount="1000.00", title="Spielplatz"):
    """A current version with one measure, two financing rows, an overdue due date and an
    indicator that is clearly behind its target."""
    version = ConceptVersionFactory(area=area, number=1, is_current=True, status="adopted")
    field = ActionFieldFactory(version=version)
    measure = MeasureFactory(area=area, title=title, status="running")
    measure.action_fields.add(field)
    FinancingRowFactory(measure=measure, year=2025, source="federal", amount=D(amount))
    FinancingRowFactory(
        measure=measure,
        year=2026,
        source="state",
        state="approved",
        amount=D("500"),
        amount_approved=D("400"),
    )
    AreaDeadline.objects.create(area=area, title="Bericht", due_on=datetime.date(2020, 1, 1))
    indicator = IndicatorFactory(
        goal=GoalFactory(action_field=field),
        baseline_value=0,
        target_value=100,
        baseline_on=datetime.date(2020, 1, 1),
        target_on=datetime.date(2030, 1, 1),
    )
    IndicatorValueFactory(indicator=indicator, value=1, measured_on=datetime.date(2025, 1, 1))
    return version


@pytest.fixture
def two_areas(area, other_area, manager):
    """The manager of ``area`` also reads ``other_area``."""
    AreaRoleFactory(user=manager, area=other_area, role=Role.READER)
    fill(area, amount="1000.00")
    other_area.name = '=HYPERLINK("http://evil.example","Klick")'
    other_area.save()
    fill(other_area, amount="2000.50")
    return area, other_area


def test_dashboard_links_the_portfolio_only_with_several_areas(client_as, area, manager, two_areas):
    client = client_as("reader")  # reads one area
    assert (
        reverse("portfolio:overview") not in client.get(reverse("ihk:dashboard")).content.decode()
    )
    client = client_as("manager")  # two areas
    assert reverse("portfolio:overview") in client.get(reverse("ihk:dashboard")).content.decode()


def test_portfolio_of_two_areas_versus_one(client_as, two_areas):
    area, other_area = two_areas
    both = client_as("manager").get(reverse("portfolio:json")).json()
    assert {a["slug"] for a in both["areas"]} == {area.slug, other_area.slug}
    assert both["total"]["planned"] == "4000.50"  # 1000 + 500 + 2000.50 + 500
    assert both["total"]["approved"] == "800.00"
    one = client_as("reader").get(reverse("portfolio:json")).json()
    assert [a["slug"] for a in one["areas"]] == [area.slug]
    entry = one["areas"][0]
    assert entry["money"]["total"]["planned"] == "1500.00"
    assert entry["money"]["by_year"]["2026"] == {
        "planned": "500.00",
        "applied": "500.00",
        "approved": "400.00",
        "drawn": "0.00",
        "paid": "0.00",
        "difference": "-100.00",
    }
    assert entry["measures_by_status"]["running"] == 1
    assert entry["overdue_deadlines"] == 1
    assert entry["indicators"] == 1 and entry["indicators_off_track"] == 1
    assert entry["version"]["number"] == 1


def test_portfolio_page_and_xlsx_show_the_same_sums(client_as, two_areas):
    client = client_as("manager")
    html = client.get(reverse("portfolio:overview")).content.decode()
    assert 'id="portfolio-total-planned">4.000,50' in html
    assert 'id="portfolio-total-approved">800,00' in html
    response = client.get(reverse("portfolio:xlsx"))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(workbook.worksheets[0].values)
    header, total = rows[1], next(r for r in rows if r[0] == "Summe")
    planned, approved = header.index("Summe geplant"), header.index("Summe bewilligt")
    assert D(str(total[planned])) == D("4000.50") and D(str(total[approved])) == D("800")
    names = [r[0] for r in rows[2:]]
    assert '\'=HYPERLINK("http://evil.example","Klick")' in names  # text, never a formula
    by_year = list(workbook.worksheets[1].values)
    assert sum(D(str(r[3])) for r in by_year[1:]) == D("4000.50")
    # No cell of the workbook is a formula, whatever the titles say.
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in row)


def test_portfolio_is_login_only_and_read_only(client, two_areas):
    assert client.get(reverse("portfolio:overview")).status_code == 302
    assert client.get(reverse("portfolio:xlsx")).status_code == 302
    assert client.get(reverse("portfolio:json")).status_code == 403
    client.force_login(two_areas[0].memberships.first().user)
    for name in ("overview", "xlsx", "json"):
        assert client.post(reverse(f"portfolio:{name}")).status_code == 405


def test_user_without_areas_sees_an_empty_portfolio(client, db):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(reverse("portfolio:json")).json()["areas"] == []
    assert client.get(reverse("portfolio:overview")).status_code == 200


@pytest.mark.parametrize("name", ["overview", "json", "xlsx"])
def test_query_count_is_the_same_for_1_and_20_areas(
    client, superuser, name, django_assert_max_num_queries
):
    client.force_login(superuser)
    fill(AreaFactory())
    path = reverse(f"portfolio:{name}")
    with django_assert_max_num_queries(20) as one:
        client.get(path)
    for _ in range(19):
        fill(AreaFactory())
    with django_assert_max_num_queries(len(one)):
        response = client.get(path)
    assert response.status_code == 200
