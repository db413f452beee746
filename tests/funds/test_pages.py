"""The fund's pages through HTTP: the public page (no personal data, bounded queries), the
manager's forms (fund year, paper application, check, question, decision, payout, proof)."""

import re
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from funds.models import Application, Decision, Fund, Payout, ProofOfUse, Status
from funds.review import CHECKLIST

from .conftest import application_post
from .factories import ApplicationFactory, FundFactory

pytestmark = pytest.mark.django_db


def funded(fund, n, **extra):
    rows = []
    for i in range(n):
        a = ApplicationFactory(
            fund=fund,
            status=Status.APPROVED,
            granted_amount=Decimal("100.10"),
            public_summary=f"Projekt {i}",
            **extra,
        )
        rows.append(a)
    return rows


def test_public_page_shows_projects_and_budget_but_no_personal_data(client, fund):
    funded(fund, 1, show_group_publicly=True)
    funded(fund, 1, group_name="Geheime Gruppe", show_group_publicly=False)
    ApplicationFactory(fund=fund, title="Noch nicht entschieden")
    html = client.get(
        reverse("funds:public_fund_latest", kwargs={"area_slug": fund.area.slug})
    ).content.decode()
    assert "Mieterinitiative Lindenhof" in html
    assert "Geheime Gruppe" not in html
    assert "Noch nicht entschieden" not in html
    assert "Erika" not in html and "@example.org" not in html
    assert "9.799,80\xa0€" in html  # 10.000 − 2 × 100,10, exact
    area_page = client.get(fund.area.get_absolute_url()).content.decode()
    assert "9.799,80\xa0€" in area_page


def test_unpublished_fund_and_other_year_are_404(client, fund):
    fund.is_public = False
    fund.save()
    assert client.get(fund.get_public_url()).status_code == 404
    url = reverse("funds:public_fund", kwargs={"area_slug": fund.area.slug, "year": 99999})
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("n", [1, 30])
def test_public_page_queries_do_not_grow(client, fund, n, django_assert_max_num_queries):
    funded(fund, n)
    with django_assert_max_num_queries(8):
        assert client.get(fund.get_public_url()).status_code == 200


@pytest.mark.parametrize("n", [1, 30])
def test_internal_pages_queries_do_not_grow(
    client, manager, fund, n, django_assert_max_num_queries
):
    rows = funded(fund, n)
    client.force_login(manager)
    with django_assert_max_num_queries(12):
        assert client.get(fund.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(22):
        assert client.get(rows[0].get_absolute_url()).status_code == 200
    export = reverse("funds:fund_export", kwargs={"area_slug": fund.area.slug, "pk": fund.pk})
    with django_assert_max_num_queries(16):
        assert client.get(export).status_code == 200


def test_manager_sets_up_a_fund_year_with_sources(client, manager, area, committee):
    client.force_login(manager)
    url = reverse("funds:fund_create", kwargs={"area_slug": area.slug})
    data = {
        "year": "2027",
        "title": "Verfügungsfonds 2027",
        "budget": "20.000,00",
        "max_per_project": "2000",
        "public_share_limit": "50",
        "deadline": "",
        "is_open": "on",
        "is_public": "on",
        "committee": committee.pk,
        "call_text": "",
        "rules": "",
        "sources-TOTAL_FORMS": "2",
        "sources-INITIAL_FORMS": "0",
        "sources-0-kind": "urban_funding",
        "sources-0-label": "Bund/Land",
        "sources-0-amount": "10000",
        "sources-1-kind": "private",
        "sources-1-label": "Wohnungsbaugesellschaft",
        "sources-1-amount": "10000",
    }
    assert client.post(url, {**data, "sources-1-amount": "9000"}).status_code == 400
    assert (
        client.post(
            url, {**data, "sources-0-amount": "12000", "sources-1-amount": "8000"}
        ).status_code
        == 400
    )
    assert client.post(url, {**data, "sources-TOTAL_FORMS": "5000"}).status_code == 400
    assert not Fund.objects.exists()
    response = client.post(url, data)
    assert response.status_code == 302
    fund = Fund.objects.get()
    assert fund.budget == Decimal("20000.00") and fund.sources.count() == 2


def test_a_second_fund_for_the_same_year_is_a_form_error(client, manager, fund):
    client.force_login(manager)
    url = reverse("funds:fund_create", kwargs={"area_slug": fund.area.slug})
    data = {
        "year": str(fund.year),
        "title": "Doppelt",
        "budget": "100",
        "max_per_project": "10",
        "public_share_limit": "50",
        "sources-TOTAL_FORMS": "0",
        "sources-INITIAL_FORMS": "0",
    }
    assert client.post(url, data).status_code == 400
    assert Fund.objects.count() == 1


def test_committee_of_another_area_is_refused(client, manager, area, other_area):
    from tests.factories import CommitteeFactory

    client.force_login(manager)
    foreign = CommitteeFactory(area=other_area)
    url = reverse("funds:fund_create", kwargs={"area_slug": area.slug})
    data = {
        "year": "2027",
        "title": "x",
        "budget": "100",
        "max_per_project": "10",
        "public_share_limit": "50",
        "committee": foreign.pk,
        "sources-TOTAL_FORMS": "0",
        "sources-INITIAL_FORMS": "0",
    }
    assert client.post(url, data).status_code == 400
    assert not Fund.objects.exists()


def test_manager_enters_a_paper_application(client, manager, fund):
    client.force_login(manager)
    url = reverse(
        "funds:fund_paper_application", kwargs={"area_slug": fund.area.slug, "pk": fund.pk}
    )
    data = application_post(contact_email="", public_summary="Ein Fest.")
    response = client.post(url, data)
    assert response.status_code == 302, re.findall(
        r"(?:invalid-feedback|alert-danger)[^>]*>(.{0,200})", response.content.decode()
    )
    application = Application.objects.get()
    assert application.is_paper and application.status == Status.SUBMITTED
    assert mail.outbox == []


def test_review_decision_payout_proof_through_the_pages(
    client, manager, fund, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(fund=fund)
    client.force_login(manager)
    kw = {"area_slug": fund.area.slug, "pk": application.pk}
    checks = {key: "on" for key, _label in CHECKLIST}
    client.post(reverse("funds:application_checklist", kwargs=kw), checks)
    application.refresh_from_db()
    assert application.status == Status.READY
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("funds:application_question", kwargs=kw), {"text": "Wer räumt auf?"})
    assert "Wer räumt auf?" in mail.outbox[0].body
    decision_url = reverse("funds:application_decision", kwargs=kw)
    bad = {"outcome": "approved", "amount": "900", "reason": "ok", "decided_on": "2026-05-01"}
    assert client.post(decision_url, bad).status_code == 400  # more than requested
    good = {**bad, "amount": "800", "votes_for": "5", "votes_against": "0", "abstentions": "1"}
    assert client.post(decision_url, good).status_code == 302
    decision = Decision.objects.get()
    assert decision.votes_for == 5
    pdf = client.get(reverse("funds:application_letter", kwargs={**kw, "decision_pk": decision.pk}))
    assert pdf["Content-Type"] == "application/pdf"
    payout_url = reverse("funds:application_payout", kwargs=kw)
    assert (
        client.post(
            payout_url, {"kind": "advance", "amount": "800,01", "paid_on": "2026-05-02"}
        ).status_code
        == 400
    )
    assert (
        client.post(
            payout_url, {"kind": "advance", "amount": "800", "paid_on": "2026-05-02"}
        ).status_code
        == 302
    )
    assert Payout.objects.get().amount == Decimal("800")
    proof = ProofOfUse.objects.get()
    proof.state, proof.spent_total, proof.report = "submitted", Decimal("800"), "Fertig."
    proof.save()
    client.post(reverse("funds:application_proof", kwargs=kw), {"accepted": "1", "note": ""})
    application.refresh_from_db()
    assert application.status == Status.CLOSED


def test_another_years_fund_of_another_area_is_not_mixed_up(client, fund, other_area):
    FundFactory(area=other_area, year=2026, title="Fremder Fonds")
    html = client.get(fund.get_public_url()).content.decode()
    assert "Fremder Fonds" not in html
