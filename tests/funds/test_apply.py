"""Applying without an account: evil input first, then the double opt-in."""

import re
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from funds.models import Application, Status
from tests.factories import AreaFactory

from .conftest import application_post
from .factories import FundFactory

pytestmark = pytest.mark.django_db


def apply_url(fund):
    return reverse("funds:apply", kwargs={"area_slug": fund.area.slug, "year": fund.year})


def private_link(message) -> str:
    return re.search(r"https?://\S+/fund/application/[0-9a-f]{64}/", message.body).group(0)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"costs-1-amount": "300"}, "must be equal"),  # 900 costs vs 1000 financing
        ({"requested_amount": "1600", "costs-1-amount": "1200"}, "At most"),  # over the maximum
        ({"requested_amount": "٨٠٠"}, "Enter an amount"),  # Arabic-Indic digits
        ({"costs-0-amount": "6e2"}, "Enter an amount"),
        ({"costs-0-amount": "-600"}, "Enter an amount"),
        ({"costs-0-amount": "99999999999999999999"}, "Enter an amount"),
        ({"costs-TOTAL_FORMS": "100000"}, "at most"),  # huge formset
        ({"consent": ""}, "agree"),
        ({"website": "http://spam.example"}, "leave the last field empty"),
        ({"ends_on": "2026-05-01"}, "cannot end before"),
        ({"starts_on": "9999-01-01"}, "between"),
        (
            {"costs-0-amount": "", "costs-1-amount": "", "costs-0-item": "", "costs-1-item": ""},
            "at least one",
        ),
    ],
)
def test_bad_applications_are_refused_with_the_entries_kept(client, fund, overrides, message):
    client.cookies["django_language"] = "en"
    response = client.post(apply_url(fund), application_post(**overrides))
    assert response.status_code == 400
    assert Application.objects.count() == 0
    assert mail.outbox == []
    content = response.content.decode()
    assert message in content
    assert "Hoffest im Lindenhof" in content  # what the resident typed is kept


def test_closed_fund_and_other_areas_year_are_refused(client, fund, other_area):
    fund.is_open = False
    fund.save()
    assert client.post(apply_url(fund), application_post()).status_code == 400
    other = reverse("funds:apply", kwargs={"area_slug": other_area.slug, "year": fund.year})
    assert client.get(other).status_code == 404
    hidden = FundFactory(area=AreaFactory(is_public=False), year=2026)
    assert client.get(apply_url(hidden)).status_code == 404
    assert Application.objects.count() == 0


def test_rate_limit_keeps_the_entries(client, fund, settings):
    settings.PARTICIPATION_RATE_LIMITS = {"fund_application": (1, 3600)}
    assert client.post(apply_url(fund), application_post()).status_code == 302
    response = client.post(apply_url(fund), application_post(title="Zweites Fest"))
    assert response.status_code == 429
    assert "Zweites Fest" in response.content.decode()
    assert Application.objects.count() == 1


def test_double_submit_stores_one_application(client, fund, django_capture_on_commit_callbacks):
    data = application_post(submission_key="7c9e6679-7425-40de-944b-e07fc1f90ae7")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(apply_url(fund), data)
        client.post(apply_url(fund), data)
    assert Application.objects.count() == 1
    assert len(mail.outbox) == 1


def test_application_counts_only_after_the_emailed_link_is_confirmed(
    client, fund, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(apply_url(fund), application_post(), REMOTE_ADDR="1.2.3.4")
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.status == Status.DRAFT
    assert application.reference == "VF-2026-001"
    assert application.requested_amount == Decimal("800.00")
    assert [c.amount for c in application.costs.all()] == [Decimal("600"), Decimal("400")]
    assert application.client_hash and "1.2.3.4" not in application.client_hash
    # The link is only in the e-mail, never on the page.
    page = client.get(response["Location"]).content.decode()
    assert "/fund/application/" not in page
    assert len(mail.outbox) == 1
    link = private_link(mail.outbox[0])
    assert mail.outbox[0].to == ["erika@example.org"]
    path = link.split("://", 1)[1].split("/", 1)[1]
    # Opening the link (a mail scanner does) confirms nothing; the button does.
    assert client.get("/" + path).status_code == 200
    application.refresh_from_db()
    assert application.email_confirmed_at is None
    client.post("/" + path + "confirm/")
    application.refresh_from_db()
    assert application.email_confirmed_at is not None
    assert application.status == Status.SUBMITTED


def test_draft_stays_a_draft_until_submitted(client, fund, django_capture_on_commit_callbacks):
    data = application_post()
    data.pop("submit")
    data["draft"] = "1"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(apply_url(fund), data)
    path = "/" + private_link(mail.outbox[0]).split("://", 1)[1].split("/", 1)[1]
    client.post(path + "confirm/")
    application = Application.objects.get()
    assert application.status == Status.DRAFT
    edit = client.post(
        path + "edit/", {**application_post(title="Neuer Titel"), "costs-INITIAL_FORMS": "0"}
    )
    assert edit.status_code == 302, edit.content.decode()
    application.refresh_from_db()
    assert application.title == "Neuer Titel"
    assert application.status == Status.SUBMITTED  # the edit form's "submit" button
    # No more edits after submitting.
    assert client.get(path + "edit/").status_code == 404


def test_formula_text_is_stored_as_text(client, fund):
    client.post(apply_url(fund), application_post(title='=HYPERLINK("http://evil")\x0b'))
    assert Application.objects.get().title == '=HYPERLINK("http://evil")'
