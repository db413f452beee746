"""Fixtures of the fund tests: a fund of the test area with its jury, and mail/media settings."""

import pytest

from tests.factories import CommitteeFactory

from .factories import FundFactory


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def committee(area):
    return CommitteeFactory(area=area, name="Vergabejury", kind="fund_jury")


@pytest.fixture
def fund(area, committee):
    return FundFactory(area=area, committee=committee)


def application_post(**overrides) -> dict:
    """A valid POST of the online application form (1.000 € costs = 800 € grant + 200 € own)."""
    data = {
        "title": "Hoffest im Lindenhof",
        "description": "Wir feiern mit allen Nachbarn.",
        "beneficiaries": "Kinder und Familien im Hof",
        "place": "Lindenhof",
        "starts_on": "2026-06-01",
        "ends_on": "2026-06-30",
        "requested_amount": "800,00",
        "applicant_name": "Erika Mustermann",
        "group_name": "Mieterinitiative Lindenhof",
        "show_group_publicly": "on",
        "contact_email": "erika@example.org",
        "phone": "",
        "address": "",
        "consent": "on",
        "website": "",
        "costs-TOTAL_FORMS": "3",
        "costs-INITIAL_FORMS": "0",
        "costs-0-item": "Getränke und Essen",
        "costs-0-amount": "600",
        "costs-1-item": "Musikanlage (Miete)",
        "costs-1-amount": "400,00",
        "financing-TOTAL_FORMS": "2",
        "financing-INITIAL_FORMS": "0",
        "financing-0-kind": "own_funds",
        "financing-0-label": "Kasse der Initiative",
        "financing-0-amount": "200",
        "submit": "1",
    }
    data.update(overrides)
    return data
