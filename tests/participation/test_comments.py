"""Residents comment without an account: both moderation modes, bad input, spam, double submit."""

import re
import uuid

import pytest
from django.urls import reverse

from participation.models import Comment, CommentReport, Moderation
from tests.factories import (
    CommentFactory,
    ConceptVersionFactory,
    EventFactory,
    IdeaFactory,
    MeasureFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def measure(area):
    return MeasureFactory(area=area, title="Grüner Hof Lindenstraße")


def comment_url(area, kind, obj):
    return reverse(
        "participation:comment_create", kwargs={"area_slug": area.slug, "kind": kind, "pk": obj.pk}
    )


def form_data(**overrides):
    data = {
        "text": "Mehr Bänke im Hof, bitte!\nUnd Schatten.",
        "pseudonym": "Nachbarin",
        "email": "anna@example.net",
        "consent": "on",
        "website": "",
        "submission_key": str(uuid.uuid4()),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_premoderated_comment_is_pending_and_not_shown(client, area, measure):
    assert area.comments_premoderated
    response = client.post(comment_url(area, "measure", measure), form_data(), follow=True)
    assert response.status_code == 200
    comment = Comment.objects.get()
    assert comment.moderation == Moderation.PENDING
    assert comment.measure == measure and comment.area == area
    html = response.content.decode()
    assert "Ihr Kommentar wird nach Prüfung veröffentlicht" in html
    assert "Mehr Bänke im Hof" not in html
    assert response.redirect_chain[-1][0].startswith(measure.get_absolute_url())


def test_postmoderated_comment_is_published_at_once(client, area, measure):
    area.comments_premoderated = False
    area.save()
    response = client.post(comment_url(area, "measure", measure), form_data(), follow=True)
    comment = Comment.objects.get()
    assert comment.moderation == Moderation.PUBLISHED
    assert comment.published_at is not None
    html = response.content.decode()
    assert "Mehr Bänke im Hof, bitte!<br>Und Schatten." in html
    assert f'id="comment-{comment.pk}"' in html


@pytest.mark.parametrize("kind", ["concept", "event", "idea"])
def test_comment_on_other_targets(client, area, kind):
    area.comments_premoderated = False
    area.save()
    target = {
        "concept": lambda: ConceptVersionFactory(area=area, is_current=True),
        "event": lambda: EventFactory(area=area),
        "idea": lambda: IdeaFactory(area=area),
    }[kind]()
    response = client.post(comment_url(area, kind, target), form_data())
    assert response.status_code == 302
    field = {"concept": "version"}.get(kind, kind)
    assert Comment.objects.get().__getattribute__(f"{field}_id") == target.pk


def test_email_is_never_on_public_page(client, area, measure):
    CommentFactory(area=area, measure=measure, email="geheim@example.net", text="Hallo")
    html = client.get(measure.get_absolute_url()).content.decode()
    assert "Hallo" in html
    assert "geheim@example.net" not in html


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"text": ""}, "Bitte schreiben Sie einen Kommentar."),
        ({"text": "   \n  "}, "Bitte schreiben Sie einen Kommentar."),
        ({"text": "x" * 2001}, "höchstens 2000 Zeichen"),
        ({"consent": None}, "Bitte stimmen Sie der Verarbeitung Ihrer Daten zu."),
        ({"email": "keine-adresse"}, "gültige E-Mail-Adresse"),
        ({"website": "http://spam.example"}, "konnte nicht angenommen werden"),
    ],
)
def test_bad_comment_keeps_text_and_shows_german_error(client, area, measure, overrides, message):
    data = form_data(
        text=overrides.get("text", "Mein getippter Text <b>bleibt</b>"),
        **{k: v for k, v in overrides.items() if k != "text"},
    )
    response = client.post(comment_url(area, "measure", measure), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert not Comment.objects.exists()
    if "text" not in overrides:
        assert "Mein getippter Text &lt;b&gt;bleibt&lt;/b&gt;" in html
        assert data["submission_key"] in html


def test_too_long_text_is_kept(client, area, measure):
    long_text = "Sehr lang " * 250
    response = client.post(comment_url(area, "measure", measure), form_data(text=long_text))
    assert long_text.strip() in response.content.decode()


def test_nul_character_does_not_crash(client, area, measure):
    response = client.post(comment_url(area, "measure", measure), form_data(text="a\x00b"))
    assert response.status_code == 200
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "setup",
    [
        "non_public_measure",
        "other_area_measure",
        "unknown_kind",
        "missing",
        "non_public_area",
        "non_current_version",
        "pending_idea",
        "non_public_event",
    ],
)
def test_comment_on_non_public_or_foreign_target_is_404(client, area, other_area, setup):
    if setup == "non_public_measure":
        url = comment_url(area, "measure", MeasureFactory(area=area, is_public=False))
    elif setup == "other_area_measure":
        url = comment_url(area, "measure", MeasureFactory(area=other_area))
    elif setup == "unknown_kind":
        url = comment_url(area, "actor", MeasureFactory(area=area))
    elif setup == "missing":
        url = reverse(
            "participation:comment_create",
            kwargs={"area_slug": area.slug, "kind": "measure", "pk": 999999},
        )
    elif setup == "non_public_area":
        area.is_public = False
        area.save()
        url = comment_url(area, "measure", MeasureFactory(area=area))
    elif setup == "non_current_version":
        url = comment_url(area, "concept", ConceptVersionFactory(area=area, is_current=False))
    elif setup == "pending_idea":
        url = comment_url(area, "idea", IdeaFactory(area=area, moderation="pending"))
    else:
        url = comment_url(area, "event", EventFactory(area=area, is_public=False))
    assert client.post(url, form_data()).status_code == 404
    assert client.get(url).status_code == 404
    assert not Comment.objects.exists()


def test_get_comment_form_page(client, area, measure):
    response = client.get(comment_url(area, "measure", measure))
    assert response.status_code == 200
    assert 'name="submission_key"' in response.content.decode()


# --- replies


def reply_url(area, comment):
    return reverse("participation:comment_reply", kwargs={"area_slug": area.slug, "pk": comment.pk})


def test_reply_to_comment(client, area, measure):
    area.comments_premoderated = False
    area.save()
    parent = CommentFactory(area=area, measure=measure, text="Erster Kommentar")
    assert client.get(reply_url(area, parent)).status_code == 200
    response = client.post(reply_url(area, parent), form_data(text="Meine Antwort"), follow=True)
    reply = Comment.objects.get(parent=parent)
    assert reply.measure == measure
    html = response.content.decode()
    assert "Meine Antwort" in html


def test_reply_to_a_reply_is_refused(client, area, measure):
    parent = CommentFactory(area=area, measure=measure)
    reply = CommentFactory(area=area, measure=measure, parent=parent)
    response = client.post(reply_url(area, reply), form_data(text="Zu tief"))
    assert response.status_code == 400
    assert "nicht auf eine Antwort" in response.content.decode()
    assert Comment.objects.count() == 2


def test_reply_to_pending_or_foreign_comment_is_404(client, area, other_area, measure):
    pending = CommentFactory(area=area, measure=measure, moderation="pending")
    foreign = CommentFactory(area=other_area)
    assert client.post(reply_url(area, pending), form_data()).status_code == 404
    assert client.post(reply_url(area, foreign), form_data()).status_code == 404
    hidden_measure = MeasureFactory(area=area, is_public=False)
    on_hidden = CommentFactory(area=area, measure=hidden_measure)
    assert client.post(reply_url(area, on_hidden), form_data()).status_code == 404
    assert Comment.objects.count() == 3


def test_reply_service_refuses_nesting(area, measure):
    from django.core.exceptions import ValidationError

    from participation.services import comment_create

    parent = CommentFactory(area=area, measure=measure)
    reply = CommentFactory(area=area, measure=measure, parent=parent)
    with pytest.raises(ValidationError):
        comment_create(area=area, target=measure, text="x", consent=True, parent=reply)


# --- double submit and spam


def test_double_submit_stores_one_row(client, area, measure):
    data = form_data()
    first = client.post(comment_url(area, "measure", measure), data)
    second = client.post(comment_url(area, "measure", measure), data)
    assert first.status_code == second.status_code == 302
    assert Comment.objects.count() == 1


def test_integrity_error_on_race_returns_existing_row(area, measure, monkeypatch):
    from participation import services as contributions

    key = uuid.uuid4()
    existing = CommentFactory(area=area, measure=measure, submission_key=key)
    # Simulate the race: the pre-check sees nothing, the insert hits the unique constraint.
    real_filter = Comment.objects.filter
    calls = {"n": 0}

    def filter_once_empty(*args, **kwargs):
        if "submission_key" in kwargs and calls["n"] == 0:
            calls["n"] += 1
            return Comment.objects.none()
        return real_filter(*args, **kwargs)

    monkeypatch.setattr(Comment.objects, "filter", filter_once_empty)
    comment, created = contributions.comment_create(
        area=area, target=measure, text="Doppelt", consent=True, submission_key=key
    )
    assert not created and comment.pk == existing.pk
    assert real_filter(submission_key=key).count() == 1


def test_rate_limit_per_client(client, area, measure, settings):
    settings.PARTICIPATION_RATE_LIMITS = {"comment": (3, 600)}
    for i in range(3):
        assert (
            client.post(comment_url(area, "measure", measure), form_data(text=f"K{i}")).status_code
            == 302
        )
    response = client.post(comment_url(area, "measure", measure), form_data(text="Zu viel Text"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "in kurzer Zeit" in html
    assert "Zu viel Text" in html
    assert Comment.objects.count() == 3
    # Another client is not affected.
    other = client.post(
        comment_url(area, "measure", measure), form_data(text="Andere"), REMOTE_ADDR="10.1.2.3"
    )
    assert other.status_code == 302


def test_no_raw_ip_is_stored(client, area, measure):
    client.post(comment_url(area, "measure", measure), form_data(), REMOTE_ADDR="203.0.113.77")
    comment = Comment.objects.get()
    assert comment.client_hash and "203.0.113.77" not in comment.client_hash
    assert len(comment.client_hash) == 64


def test_resubmit_of_stored_comment_is_not_rate_limited(client, area, measure, settings):
    settings.PARTICIPATION_RATE_LIMITS = {"comment": (1, 600)}
    data = form_data()
    client.post(comment_url(area, "measure", measure), data)
    assert client.post(comment_url(area, "measure", measure), data).status_code == 302
    assert Comment.objects.count() == 1


# --- reports


def report_url(area, comment):
    return reverse(
        "participation:comment_report", kwargs={"area_slug": area.slug, "pk": comment.pk}
    )


def test_report_comment(client, area, measure):
    comment = CommentFactory(area=area, measure=measure)
    assert client.get(report_url(area, comment)).status_code == 200
    response = client.post(report_url(area, comment), {"reason": "Beleidigend <script>"})
    assert response.status_code == 302
    report = CommentReport.objects.get()
    assert report.comment == comment and report.reason == "Beleidigend <script>"


def test_report_rate_limit_and_honeypot(client, area, measure, settings):
    settings.PARTICIPATION_RATE_LIMITS = {"report": (2, 600)}
    comment = CommentFactory(area=area, measure=measure)
    spam = client.post(report_url(area, comment), {"reason": "x", "website": "bot"})
    assert spam.status_code == 200 and not CommentReport.objects.exists()
    client.post(report_url(area, comment), {"reason": "1"})
    client.post(report_url(area, comment), {"reason": "2"})
    third = client.post(report_url(area, comment), {"reason": "dritte Meldung"})
    assert third.status_code == 429
    assert "dritte Meldung" in third.content.decode()
    assert CommentReport.objects.count() == 2


def test_report_of_hidden_or_foreign_comment_is_404(client, area, other_area, measure):
    hidden = CommentFactory(area=area, measure=measure, moderation="blocked")
    foreign = CommentFactory(area=other_area)
    assert client.post(report_url(area, hidden), {"reason": "x"}).status_code == 404
    assert client.post(report_url(area, foreign), {"reason": "x"}).status_code == 404


# --- what the public page shows


def test_public_page_shows_answers_and_hidden_notes(client, area, measure):
    CommentFactory(
        area=area, measure=measure, text="Sichtbar", official_answer="Danke, machen wir."
    )
    CommentFactory(
        area=area,
        measure=measure,
        text="Beleidigung",
        moderation="hidden",
        moderation_reason="Beleidigung entfernt",
    )
    CommentFactory(area=area, measure=measure, text="Gesperrter Spam", moderation="blocked")
    CommentFactory(area=area, measure=measure, text="Wartet noch", moderation="pending")
    html = client.get(measure.get_absolute_url()).content.decode()
    assert "Sichtbar" in html and "Danke, machen wir." in html
    assert "Antwort des Quartiersmanagements" in html
    assert "Ausgeblendet durch die Moderation: Beleidigung entfernt" in html
    assert ">Beleidigung<" not in html
    assert "Gesperrter Spam" not in html and "Wartet noch" not in html


def test_no_comment_form_for_member_preview_of_non_public_measure(client_as, area):
    hidden = MeasureFactory(area=area, is_public=False)
    CommentFactory(area=area, measure=hidden, text="Intern sichtbar")
    from django.template import Context, Template

    html = Template("{% load participation_tags %}{% comments_for m %}").render(
        Context({"m": hidden, "area": area})
    )
    assert "Intern sichtbar" in html
    assert 'class="comment-form"' not in html


XSS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    '<a href="javascript:alert(3)">klick</a>',
    "javascript:alert(4)",
    "https://spam.example/kaufen",
]


def test_xss_payloads_are_inert_on_public_page(client, area, measure):
    for payload in XSS:
        CommentFactory(
            area=area, measure=measure, text=payload, pseudonym=payload, official_answer=payload
        )
    CommentFactory(
        area=area, measure=measure, text="x", moderation="hidden", moderation_reason=XSS[0]
    )
    html = client.get(measure.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert 'href="javascript:' not in html
    assert 'href="https://spam.example' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_xss_in_rerendered_form_is_inert(client, area, measure):
    response = client.post(
        comment_url(area, "measure", measure),
        form_data(text=XSS[0], consent=None, pseudonym=XSS[1]),
    )
    html = response.content.decode()
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_comment_count_and_reply_link(client, area, measure):
    parent = CommentFactory(area=area, measure=measure)
    CommentFactory(area=area, measure=measure, parent=parent)
    html = client.get(measure.get_absolute_url()).content.decode()
    # The reply link exists for the first comment only (one level of replies).
    assert len(re.findall(r"/comments/\d+/reply/", html)) == 1


ROLES = ["anonymous", "reader", "manager", "other_manager", "superuser"]


@pytest.mark.parametrize("role", ROLES)
def test_public_comment_views_role_matrix(client_as, area, measure, role):
    """Everyone may comment on public objects (staff too); nobody on non-public ones."""
    client = client_as(role)
    comment = CommentFactory(area=area, measure=measure)
    hidden = MeasureFactory(area=area, is_public=False)
    on_hidden = CommentFactory(area=area, measure=hidden)
    assert client.get(comment_url(area, "measure", measure)).status_code == 200
    assert client.get(reply_url(area, comment)).status_code == 200
    assert client.get(report_url(area, comment)).status_code == 200
    assert client.get(comment_url(area, "measure", hidden)).status_code == 404
    assert client.get(reply_url(area, on_hidden)).status_code == 404
    assert client.get(report_url(area, on_hidden)).status_code == 404
    response = client.post(comment_url(area, "measure", measure), form_data(text=f"Von {role}"))
    assert response.status_code == 302
    assert Comment.objects.filter(text=f"Von {role}").count() == 1


def test_english_comment_form(client, area, measure):
    client.cookies["django_language"] = "en"
    html = client.get(measure.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Your comment" in html and "Send comment" in html
    response = client.post(
        comment_url(area, "measure", measure), form_data(consent=None), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "Please agree to the processing of your data." in response.content.decode()
