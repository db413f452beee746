"""Invitations with personal links, actors' statements with PDF attachments, and the role × URL
matrix of the internal consultation pages."""

import datetime
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from participation import consultation_services as services
from participation.models import Statement, StatementInvitation
from tests.factories import ConceptVersionFactory, ContactPersonFactory

from .consultation_helpers import build, contact

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _internal(setup, name, **kwargs):
    c = setup.consultation
    return reverse(f"participation:{name}", kwargs={"area_slug": c.area.slug, "pk": c.pk, **kwargs})


def _invite(setup, area, **actor):
    person = contact(area, **actor)
    services.invite_actors(consultation=setup.consultation, contacts=[person])
    token = re.search(r"/consultation/statement/([^/]+)/", mail.outbox[-1].body).group(1)
    url = reverse("participation:statement_submit", kwargs={"area_slug": area.slug, "token": token})
    return StatementInvitation.objects.get(actor=person.actor), token, url


# --- role × URL matrix


MATRIX = {
    # name: (anonymous, reader, manager, other_manager, superuser)
    "consultation_list": (302, 200, 200, 403, 200),
    "consultation_create": (302, 403, 200, 403, 200),
    "consultation_detail": (302, 200, 200, 403, 200),
    "consultation_update": (302, 403, 200, 403, 200),
    "consultation_invite": (302, 403, 200, 403, 200),
    "consultation_statement_record": (302, 403, 200, 403, 200),
    "consultation_weighing": (302, 200, 200, 403, 200),
    "consultation_weighing_xlsx": (302, 200, 200, 403, 200),
}
ROLES = ["anonymous", "reader", "manager", "other_manager", "superuser"]


def test_role_url_matrix(client_as, area):
    setup = build(area)
    for name, statuses in MATRIX.items():
        for role, expected in zip(ROLES, statuses, strict=True):
            if name in ("consultation_list", "consultation_create"):
                url = reverse(f"participation:{name}", kwargs={"area_slug": area.slug})
            else:
                url = _internal(setup, name)
            assert client_as(role).get(url).status_code == expected, (name, role)


def test_other_areas_consultation_is_404_for_own_manager(client_as, area, other_area):
    other = build(other_area)
    url = reverse(
        "participation:consultation_detail",
        kwargs={"area_slug": area.slug, "pk": other.consultation.pk},
    )
    assert client_as("manager").get(url).status_code == 404


def test_manager_opens_a_consultation(client_as, area):
    setup = build(area)
    url = reverse("participation:consultation_create", kwargs={"area_slug": area.slug})
    data = {
        "version": setup.draft.pk,
        "title": "Zweite Runde",
        "starts_on": "2026-01-01",
        "ends_on": "2026-02-01",
        "open_goals": "on",
    }
    response = client_as("manager").post(url, data)
    assert response.status_code == 302
    # Bad input is a form error, never a 500.
    bad = {**data, "ends_on": "2025-01-01", "starts_on": "9999-01-01"}
    assert client_as("manager").post(url, bad).status_code == 200
    adopted = {**data, "version": setup.current.pk}
    assert client_as("manager").post(url, adopted).status_code == 200
    nothing_open = {k: v for k, v in data.items() if k != "open_goals"}
    assert client_as("manager").post(url, nothing_open).status_code == 200


# --- invitations and personal links


def test_invitation_mail_carries_personal_link_only_its_hash_is_stored(client, area):
    setup = build(area)
    invitation, token, url = _invite(setup, area)
    assert token not in invitation.token_hash and len(token) >= 40
    assert mail.outbox[0].to == [invitation.email]
    response = client.get(url)
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "same-origin"


def test_actor_submits_statement_with_pdf_via_personal_link(client, area):
    setup = build(area)
    invitation, _token, url = _invite(setup, area)
    upload = SimpleUploadedFile("stellungnahme.pdf", PDF, content_type="application/pdf")
    response = client.post(url, {"text": "Wir regen an …", "consent": "on", "attachment": upload})
    assert response.status_code == 302
    statement = Statement.objects.get()
    assert statement.invitation == invitation and statement.actor == invitation.actor
    assert statement.attachment.name.startswith("consultation-statements/")
    # Only once per link.
    again = client.post(url, {"text": "Nochmal", "consent": "on"})
    assert again.status_code == 400 and Statement.objects.count() == 1


@pytest.mark.parametrize(
    "content",
    [b"MZ\x90\x00 not a pdf", b"<html>%PDF-</html>", b"%PDF-1.4 truncated without end"],
)
def test_attachment_must_be_a_pdf_by_content(client, area, content):
    setup = build(area)
    _invitation, _token, url = _invite(setup, area)
    upload = SimpleUploadedFile("x.pdf", content, content_type="application/pdf")
    response = client.post(url, {"text": "Text", "consent": "on", "attachment": upload})
    assert response.status_code == 400
    assert not Statement.objects.exists()


def test_attachment_size_is_limited(client, area, settings):
    setup = build(area)
    _invitation, _token, url = _invite(setup, area)
    big = PDF[:-6] + b"0" * (services.ATTACHMENT_MAX_BYTES + 10) + b"%%EOF\n"
    upload = SimpleUploadedFile("big.pdf", big, content_type="application/pdf")
    response = client.post(url, {"text": "Text", "consent": "on", "attachment": upload})
    assert response.status_code == 400


def test_tampered_tokens_are_404(client, area):
    setup = build(area)
    _invitation, token, url = _invite(setup, area)
    for bad in [
        token[:-1] + ("A" if token[-1] != "A" else "B"),
        token[:10],
        token * 5,
        token[:-2] + "ä1",
        "-",
    ]:
        assert client.get(url.replace(token, bad)).status_code == 404, bad
        assert (
            client.post(url.replace(token, bad), {"text": "x", "consent": "on"}).status_code == 404
        )
    assert not Statement.objects.exists()


def test_revoked_and_expired_links_stop_working(client, area):
    setup = build(area)
    invitation, _token, url = _invite(setup, area)
    services.invitation_revoke(invitation=invitation)
    assert client.get(url).status_code == 404
    _inv2, _token2, url2 = _invite(setup, area)
    setup.consultation.ends_on = timezone.localdate() - datetime.timedelta(days=1)
    setup.consultation.starts_on = setup.consultation.ends_on - datetime.timedelta(days=5)
    setup.consultation.save()
    assert client.get(url2).status_code == 404


def test_link_of_one_area_does_not_work_under_another(client, area, other_area):
    setup = build(area)
    _invitation, _token, url = _invite(setup, area)
    assert client.get(url.replace(area.slug, other_area.slug)).status_code == 404


def test_manager_invites_and_revokes_through_the_pages(client_as, area, other_area):
    setup = build(area)
    mine = contact(area)
    foreign = ContactPersonFactory(actor__area=other_area)
    client = client_as("manager")
    url = _internal(setup, "consultation_invite")
    assert client.post(url, {"contacts": [foreign.pk]}).status_code == 200
    assert client.post(url, {"contacts": [mine.pk]}).status_code == 302
    assert client.post(url, {"contacts": [mine.pk]}).status_code == 302  # not twice
    assert StatementInvitation.objects.count() == 1 and len(mail.outbox) == 1
    invitation = StatementInvitation.objects.get()
    revoke = _internal(setup, "consultation_invitation_revoke", invitation_pk=invitation.pk)
    assert client_as("reader").post(revoke).status_code == 403
    assert client_as("manager").post(revoke).status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_manager_records_a_letter_and_attachment_is_internal_only(client_as, area):
    setup = build(area)
    url = _internal(setup, "consultation_statement_record")
    upload = SimpleUploadedFile("brief.pdf", PDF, content_type="application/pdf")
    data = {
        "sender": "Kirchengemeinde St. Marien",
        "channel": "letter",
        "received_on": "2026-01-10",
        "text": "Per Brief.",
        "attachment": upload,
    }
    assert client_as("manager").post(url, data).status_code == 302
    statement = Statement.objects.get()
    download = _internal(setup, "consultation_statement_attachment", statement_pk=statement.pk)
    response = client_as("reader").get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert client_as("anonymous").get(download).status_code == 302
    assert client_as("other_manager").get(download).status_code == 403
    # Neither actor nor sender: refused with a message.
    no_sender = {**data, "sender": "", "attachment": ""}
    assert client_as("manager").post(url, no_sender).status_code == 200


def test_detail_page_queries_do_not_grow(client_as, area, django_assert_max_num_queries):
    setup = build(area)
    client = client_as("reader")
    url = _internal(setup, "consultation_detail")
    for _ in range(2):
        services.statement_record(
            consultation=setup.consultation,
            sender="Brief",
            channel="letter",
            received_on=timezone.localdate(),
            text="x",
        )
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for _ in range(20):
        _invite(setup, area)
        services.statement_record(
            consultation=setup.consultation,
            sender="Brief",
            channel="letter",
            received_on=timezone.localdate(),
            text="x",
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_draft_cannot_be_swapped_once_contributions_arrived(client_as, area):
    setup = build(area)
    services.statement_record(
        consultation=setup.consultation,
        sender="Brief",
        channel="letter",
        received_on=timezone.localdate(),
        text="x",
    )
    other_draft = ConceptVersionFactory(area=area, number=9)
    data = {
        "version": other_draft.pk,
        "title": "Umbenannt",
        "starts_on": setup.consultation.starts_on.isoformat(),
        "ends_on": setup.consultation.ends_on.isoformat(),
        "open_vision": "on",
    }
    assert (
        client_as("manager").post(_internal(setup, "consultation_update"), data).status_code == 302
    )
    setup.consultation.refresh_from_db()
    assert setup.consultation.title == "Umbenannt" and setup.consultation.version == setup.draft
