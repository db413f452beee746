"""The applicant's private link: tampered and foreign links are 404, uploads are checked by
content, questions and the proof of use go through the link only."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from funds.models import Application, Document, ProofOfUse, ProofState, Question, Status
from tests.factories import AreaFactory

from .factories import ApplicationFactory, FundFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(buffer, "JPEG")
    return buffer.getvalue()


def url(application, name="applicant_home", key=None, **kwargs):
    return reverse(
        f"funds:{name}",
        kwargs={
            "area_slug": application.area.slug,
            "token": key or application.access_key,
            **kwargs,
        },
    )


@pytest.fixture
def application(fund):
    return ApplicationFactory(fund=fund)


def test_tampered_guessed_and_foreign_links_are_404(client, application, other_area):
    key = application.access_key
    assert client.get(url(application)).status_code == 200
    for bad in [
        key[:-1] + ("0" if key[-1] != "0" else "1"),
        "0" * 64,
        key[:32],
        key + "0",
        "²" * 64,
    ]:
        assert client.get(url(application, key=bad)).status_code == 404
    # The right key under another area's address.
    foreign = reverse("funds:applicant_home", kwargs={"area_slug": other_area.slug, "token": key})
    assert client.get(foreign).status_code == 404
    # Another applicant's key does not open this application's documents.
    other = ApplicationFactory(fund=FundFactory(area=AreaFactory(), year=2026))
    document = Document.objects.create(
        application=application,
        kind="attachment",
        file="funds/x",
        original_name="a.pdf",
        content_type="application/pdf",
        size=3,
    )
    response = client.get(url(other, "applicant_document", document_pk=document.pk))
    assert response.status_code == 404


def test_private_page_is_not_cached_and_not_indexed(client, application):
    response = client.get(url(application))
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("big.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024) + b"\n%%EOF", "larger than 10 MB"),
        ("script.pdf", b"<html><script>alert(1)</script>", "Only PDF, JPEG and PNG"),
        ("photo.png", b"GIF89a....", "Only PDF, JPEG and PNG"),
        ("polyglot.jpg", None, "appended"),  # a JPEG with a ZIP behind it
        ("polyglot.pdf", PDF.replace(b"trailer", b"<script>alert(1)</script>trailer"), "web page"),
        ("broken.pdf", b"%PDF-1.4\nno end", "incomplete"),
        ("empty.pdf", b"", "empty"),
        ("fake.png", b"\x89PNG\r\n\x1a\n" + b"garbage" + b"IEND\xaeB`\x82", "cannot be read"),
    ],
)
def test_bad_uploads_are_refused(client, application, name, content, error):
    if content is None:
        content = jpeg_bytes() + b"PK\x03\x04" + b"zipdata" * 10
    client.cookies["django_language"] = "en"
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = client.post(
        url(application, "applicant_upload"), {"file": upload, "kind": "receipt"}
    )
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not Document.objects.exists()


def test_good_uploads_are_stored_privately_and_served_as_downloads(client, application, settings):
    for name, content, kind in [
        ("beleg.pdf", PDF, "application/pdf"),
        ("foto.png", png_bytes(), "image/png"),
        ("foto.jpg", jpeg_bytes(), "image/jpeg"),
    ]:
        upload = SimpleUploadedFile(name, content, content_type="text/html")
        response = client.post(
            url(application, "applicant_upload"), {"file": upload, "kind": "receipt"}
        )
        assert response.status_code == 302
        document = Document.objects.get(original_name=name)
        assert document.content_type == kind
        assert name not in document.file.name  # stored under a random name
        download = client.get(url(application, "applicant_document", document_pk=document.pk))
        assert download["Content-Type"] == kind
        assert download["Content-Disposition"].startswith("attachment")
        assert download["X-Content-Type-Options"] == "nosniff"
        assert b"".join(download.streaming_content) == content
    # The media folder is not served publicly in production; the public fund page has no link.
    page = client.get(application.fund.get_public_url()).content.decode()
    assert "beleg.pdf" not in page and "/media/" not in page


def test_questions_are_answered_once_through_the_link(client, application, manager):
    question = Question.objects.create(
        application=application, text="Wer hilft mit?", asked_by=manager
    )
    answer_url = url(application, "applicant_answer", question_pk=question.pk)
    assert client.post(answer_url, {"answer": ""}).status_code == 400
    assert client.post(answer_url, {"answer": "Der Hausverein."}).status_code == 302
    question.refresh_from_db()
    assert question.answer == "Der Hausverein."
    assert client.post(answer_url, {"answer": "Überschrieben"}).status_code == 404
    other = ApplicationFactory(fund=application.fund)
    assert (
        client.post(
            url(other, "applicant_answer", question_pk=question.pk), {"answer": "x"}
        ).status_code
        == 404
    )


def test_proof_of_use_only_when_due(client, application):
    proof_url = url(application, "applicant_proof")
    assert client.post(proof_url, {"report": "Gut.", "spent_total": "700"}).status_code == 400
    application.status = Status.APPROVED
    application.granted_amount = Decimal("800")
    application.save()
    ProofOfUse.objects.create(application=application, due_on="2026-09-30")
    assert client.post(proof_url, {"report": "Gut.", "spent_total": "٧٠٠"}).status_code == 400
    assert client.post(proof_url, {"report": "Gut.", "spent_total": "700,10"}).status_code == 302
    proof = ProofOfUse.objects.get()
    assert proof.state == ProofState.SUBMITTED
    assert proof.spent_total == Decimal("700.10")


def test_submitted_application_cannot_be_edited_or_resubmitted(client, application):
    assert client.get(url(application, "applicant_edit")).status_code == 404
    client.post(url(application, "applicant_submit"))
    assert Application.objects.get().status == Status.SUBMITTED
    client.post(url(application, "applicant_withdraw"))
    assert Application.objects.get().status == Status.WITHDRAWN
