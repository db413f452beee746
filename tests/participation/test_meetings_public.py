"""Public side of committee meetings: the list and the public minutes PDF show public items only
and name no private person; the internal minutes PDF has everything. PDFs are read back."""

import datetime
import io
import shutil
import subprocess

import pytest
from django.urls import reverse
from pypdf import PdfReader

from participation import meeting_services as services
from tests.factories import (
    ActorFactory,
    CommitteeMembershipFactory,
    ContactPersonFactory,
)
from tests.participation.meeting_factories import MeetingFactory

pytestmark = pytest.mark.django_db
PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"


def pdf_text(data: bytes) -> str:
    result = subprocess.run(  # noqa: S603 - fixed binary, test input
        [PDFTOTEXT, "-", "-"], input=data, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().replace("\xa0", " ").split())


@pytest.fixture
def held(area):
    area.is_public = True
    area.save()
    meeting = MeetingFactory(
        committee__area=area,
        committee__name="Quartiersbeirat",
        title="3. Sitzung",
        status="held",
        minutes_public="Der Beirat begrüßt die Pläne.",
        minutes_internal="Vertraulich: Grundstücksverhandlung läuft.",
        minutes_published=True,
        starts_at=datetime.datetime(2025, 6, 3, 16, 0, tzinfo=datetime.UTC),
    )
    org = CommitteeMembershipFactory(
        committee=meeting.committee, actor__name="Wohnbau Nord eG", actor__is_public=True
    )
    person = CommitteeMembershipFactory(
        committee=meeting.committee,
        actor=ActorFactory(area=area, name="Hanna Privatperson", kind="resident", is_public=True),
    )
    hidden_org = CommitteeMembershipFactory(
        committee=meeting.committee, actor__name="Stille Stiftung", actor__is_public=False
    )
    ContactPersonFactory(actor=org.actor, name="Kurt Kontakt", email="kurt@wohnbau.example")
    services.record_attendance(
        meeting,
        statuses={org.pk: "present", person.pk: "present", hidden_org.pk: "present"},
        guests=7,
    )
    public_item = services.add_agenda_item(meeting, title="Neugestaltung Marktplatz")
    services.record_decision(
        public_item,
        outcome="approved_conditions",
        votes_for=1,
        abstentions=1,
        excluded_memberships=[person],
        conditions="Mit Sitzbänken",
        reason="Breite Zustimmung",
    )
    services.add_agenda_item(meeting, title="Personalangelegenheit Geheim", public=False)
    services.add_task(meeting, title="Protokoll versenden", owner_name="Quartiersbüro")
    return meeting


def test_public_list_shows_public_items_and_no_names(client, area, held):
    MeetingFactory(committee=held.committee, title="Interne Klausur", is_public=False)
    page = client.get(reverse("participation:meeting_public_list", args=[area.slug]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Neugestaltung Marktplatz" in html and "Quartiersbeirat" in html
    for secret in ("Personalangelegenheit", "Interne Klausur", "Hanna", "Kurt", "Vertraulich"):
        assert secret not in html
    assert reverse("participation:meeting_public_minutes_pdf", args=[area.slug, held.pk]) in html


def test_public_pages_404_while_area_not_public_or_minutes_unpublished(client, area, held):
    pdf_url = reverse("participation:meeting_public_minutes_pdf", args=[area.slug, held.pk])
    for change in ({"minutes_published": False}, {"status": "planned"}, {"is_public": False}):
        type(held).objects.filter(pk=held.pk).update(**change)
        assert client.get(pdf_url).status_code == 404, change
        type(held).objects.filter(pk=held.pk).update(
            minutes_published=True, status="held", is_public=True
        )
    area.is_public = False
    area.save()
    assert client.get(pdf_url).status_code == 404
    list_url = reverse("participation:meeting_public_list", args=[area.slug])
    assert client.get(list_url).status_code == 404


def test_public_pdf_of_another_area_is_404(client, area, other_area, held):
    other_area.is_public = True
    other_area.save()
    pdf_url = reverse("participation:meeting_public_minutes_pdf", args=[other_area.slug, held.pk])
    assert client.get(pdf_url).status_code == 404


def test_public_minutes_pdf_is_tagged_and_holds_public_parts_only(client, area, held):
    pdf_url = reverse("participation:meeting_public_minutes_pdf", args=[area.slug, held.pk])
    response = client.get(pdf_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for expected in (
        "Protokoll (öffentlicher Teil)",
        "Quartiersbeirat",
        "Neugestaltung Marktplatz",
        "mit Änderungen oder Auflagen beschlossen",
        "1 dafür, 0 dagegen, 1 Enthaltungen",
        "Mit Sitzbänken",
        "Der Beirat begrüßt die Pläne.",
        "Wohnbau Nord eG",
        "wegen Befangenheit",
        "3 Mitglieder anwesend",
        "7 Gäste",
    ):
        assert expected in text, expected
    for secret in (
        "Personalangelegenheit",
        "Vertraulich",
        "Hanna",
        "Stille Stiftung",
        "Kurt",
        "Protokoll versenden",
    ):
        assert secret not in text, secret
    catalog = PdfReader(io.BytesIO(response.content)).trailer["/Root"]
    assert "/StructTreeRoot" in catalog and catalog["/Lang"] == "de"


def test_internal_minutes_pdf_has_everything(client_as, area, held):
    address = reverse("participation:meeting_minutes_pdf", args=[area.slug, held.pk])
    assert client_as("anonymous").get(address).status_code == 302
    assert client_as("other_manager").get(address).status_code == 403
    text = pdf_text(client_as("reader").get(address).content)
    for expected in (
        "Protokoll (intern)",
        "Personalangelegenheit Geheim",
        "Vertraulich: Grundstücksverhandlung läuft.",
        "Hanna Privatperson",
        "Stille Stiftung",
        "Protokoll versenden",
        "Quartiersbüro",
    ):
        assert expected in text, expected
