"""Moderation: role × URL matrix, bulk actions, official answers, idea status, e-mails."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from ihk.models import Role
from participation.models import Comment, CommentReport, Idea, Moderation
from participation.notifications import send_moderation_digests
from tests.factories import (
    AreaRoleFactory,
    CommentFactory,
    IdeaFactory,
    MeasureFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "reader", "manager", "other_manager", "superuser"]


def _url(name, area, **kwargs):
    return reverse(f"participation:{name}", kwargs={"area_slug": area.slug, **kwargs})


@pytest.fixture
def comment(area):
    return CommentFactory(area=area, moderation="pending", email="anna@example.net")


@pytest.fixture
def idea(area):
    return IdeaFactory(area=area, moderation="pending", contact_email="ideen@example.net")


# GET: managers, city staff and superusers read; POST: only managers and superusers.
GET_EXPECTED = [302, 200, 200, 403, 200]
POST_EXPECTED = [302, 403, None, 403, None]  # None: allowed (200/302/400 depending on data)


@pytest.mark.parametrize(("role", "expected"), list(zip(ROLES, GET_EXPECTED, strict=True)))
@pytest.mark.parametrize("view", ["moderation", "moderation_comment", "moderation_idea"])
def test_moderation_get_matrix(client_as, area, comment, idea, view, role, expected):
    kwargs = {"moderation_comment": {"pk": comment.pk}, "moderation_idea": {"pk": idea.pk}}
    response = client_as(role).get(_url(view, area, **kwargs.get(view, {})))
    assert response.status_code == expected


@pytest.mark.parametrize(("role", "expected"), list(zip(ROLES, POST_EXPECTED, strict=True)))
def test_moderation_post_matrix(client_as, area, comment, role, expected):
    url = _url("moderation_comment", area, pk=comment.pk)
    response = client_as(role).post(url, {"form": "moderate", "action": "approve"})
    comment.refresh_from_db()
    if expected is None:
        assert response.status_code == 302
        assert comment.moderation == Moderation.PUBLISHED
    else:
        assert response.status_code == expected
        assert comment.moderation == Moderation.PENDING


@pytest.mark.parametrize(
    ("role", "expected"), list(zip(ROLES, [302, 403, 200, 403, 200], strict=True))
)
def test_privacy_matrix(client_as, area, role, expected):
    assert client_as(role).get(_url("privacy", area)).status_code == expected


def test_other_areas_items_are_404(client_as, area, other_area):
    foreign_comment = CommentFactory(area=other_area)
    foreign_idea = IdeaFactory(area=other_area)
    client = client_as("manager")
    assert client.get(_url("moderation_comment", area, pk=foreign_comment.pk)).status_code == 404
    assert client.get(_url("moderation_idea", area, pk=foreign_idea.pk)).status_code == 404
    response = client.post(
        _url("moderation", area), {"action": "block", "comments": [foreign_comment.pk]}
    )
    assert response.status_code == 400
    foreign_comment.refresh_from_db()
    assert foreign_comment.moderation == Moderation.PUBLISHED


def test_reader_sees_queue_without_actions(client_as, area, comment):
    html = client_as("reader").get(_url("moderation", area)).content.decode()
    assert comment.text in html
    assert 'name="comments"' not in html
    assert "Moderieren kann nur das Quartiersmanagement" in html


def test_queue_lists_new_and_reported(client_as, area, comment, idea):
    CommentFactory(area=area, text="Schon erledigt", email="erledigt@example.net")
    reported = CommentFactory(area=area, text="Wurde gemeldet")
    CommentReport.objects.create(comment=reported, reason="beleidigend")
    html = client_as("manager").get(_url("moderation", area)).content.decode()
    assert comment.text in html and "Wurde gemeldet" in html and idea.title in html
    assert "Schon erledigt" not in html
    all_html = client_as("manager").get(_url("moderation", area) + "?show=all").content.decode()
    assert "Schon erledigt" in all_html
    # The queue names the pseudonym only: an e-mail address is personal data it never shows.
    assert "erledigt@example.net" not in all_html


def test_bulk_approve_hide_block(client_as, area, idea):
    comments = [CommentFactory(area=area, moderation="pending") for _ in range(3)]
    CommentReport.objects.create(comment=comments[0])
    client = client_as("manager")
    response = client.post(
        _url("moderation", area),
        {"action": "approve", "comments": [c.pk for c in comments[:2]], "ideas": [idea.pk]},
    )
    assert response.status_code == 302
    assert Comment.objects.filter(moderation="published").count() == 2
    assert not CommentReport.objects.filter(resolved_at=None).exists()
    idea.refresh_from_db()
    assert idea.moderation == Moderation.PUBLISHED
    assert all(c.published_at for c in Comment.objects.filter(moderation="published"))
    # Hiding needs a public reason.
    response = client.post(
        _url("moderation", area), {"action": "hide", "comments": [comments[2].pk]}
    )
    assert response.status_code == 400
    assert "Bitte geben Sie einen öffentlichen Grund" in response.content.decode()
    client.post(
        _url("moderation", area),
        {"action": "hide", "reason": "Werbung", "comments": [comments[2].pk]},
    )
    comments[2].refresh_from_db()
    assert comments[2].moderation == Moderation.HIDDEN
    assert comments[2].moderation_reason == "Werbung"
    client.post(_url("moderation", area), {"action": "block", "comments": [comments[0].pk]})
    comments[0].refresh_from_db()
    assert comments[0].moderation == Moderation.BLOCKED


def test_bulk_without_selection_or_action_is_400(client_as, area, comment):
    client = client_as("manager")
    assert client.post(_url("moderation", area), {"action": "approve"}).status_code == 400
    assert client.post(_url("moderation", area), {"comments": [comment.pk]}).status_code == 400
    response = client.post(_url("moderation", area), {"action": "x", "comments": ["abc"]})
    assert response.status_code == 400


def test_answer_is_shown_publicly_and_mailed_once(client_as, area):
    measure = MeasureFactory(area=area)
    comment = CommentFactory(
        area=area,
        measure=measure,
        moderation="pending",
        email="anna@example.net",
        text="<script>alert(1)</script>",
    )
    client = client_as("manager")
    url = _url("moderation_comment", area, pk=comment.pk)
    response = client.post(url, {"form": "answer", "official_answer": "Danke, wir prüfen das."})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.official_answer == "Danke, wir prüfen das."
    assert comment.answered_by.email == "qm@example.org"
    assert comment.answered_at and comment.answer_notified_at
    assert comment.moderation == Moderation.PUBLISHED  # answering publishes a pending comment
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.net"]
    assert "Danke, wir prüfen das." in message.body
    assert f"{measure.get_absolute_url()}#comment-{comment.pk}" in message.body
    assert not getattr(message, "alternatives", [])  # plain text only: payloads stay inert
    # Correcting the answer does not mail again.
    client.post(url, {"form": "answer", "official_answer": "Korrigierte Antwort"})
    assert len(mail.outbox) == 1
    html = client_as("anonymous").get(measure.get_absolute_url()).content.decode()
    assert "Korrigierte Antwort" in html
    assert "anna@example.net" not in html


def test_answer_without_email_sends_nothing(client_as, area):
    comment = CommentFactory(area=area, email="")
    client_as("manager").post(
        _url("moderation_comment", area, pk=comment.pk),
        {"form": "answer", "official_answer": "Antwort"},
    )
    assert mail.outbox == []


def test_empty_answer_is_400(client_as, area, comment):
    response = client_as("manager").post(
        _url("moderation_comment", area, pk=comment.pk), {"form": "answer", "official_answer": " "}
    )
    assert response.status_code == 400
    assert "Bitte schreiben Sie eine Antwort." in response.content.decode()


def test_moderation_pages_render_payloads_inert(client_as, area):
    payload = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    comment = CommentFactory(area=area, text=payload, pseudonym=payload, moderation="pending")
    idea = IdeaFactory(area=area, title=payload, description=payload, moderation="pending")
    client = client_as("manager")
    for url in (
        _url("moderation", area),
        _url("moderation", area) + "?show=all",
        _url("moderation_comment", area, pk=comment.pk),
        _url("moderation_idea", area, pk=idea.pk),
    ):
        html = client.get(url).content.decode()
        assert "<script>alert(1)" not in html and "<img src=x" not in html, url


# --- ideas


def test_idea_status_taken_up_links_measure(client_as, area, idea):
    measure = MeasureFactory(area=area, title="Gemeinschaftsgarten")
    client = client_as("manager")
    url = _url("moderation_idea", area, pk=idea.pk)
    response = client.post(url, {"form": "status", "status": "taken_up"})
    assert response.status_code == 400
    assert "Bitte wählen Sie die Maßnahme" in response.content.decode()
    client.post(url, {"form": "moderate", "action": "approve"})
    response = client.post(url, {"form": "status", "status": "taken_up", "measure": measure.pk})
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.measure == measure
    public = client_as("anonymous").get(_url("idea_detail", area, pk=idea.pk)).content.decode()
    assert "als Maßnahme aufgenommen" in public
    assert measure.get_absolute_url() in public
    measure_html = client_as("anonymous").get(measure.get_absolute_url()).content.decode()
    assert "Aus der Beteiligung" in measure_html and idea.title in measure_html


def test_idea_not_taken_up_needs_reason(client_as, area, idea, other_area):
    client = client_as("manager")
    url = _url("moderation_idea", area, pk=idea.pk)
    response = client.post(url, {"form": "status", "status": "not_taken_up"})
    assert response.status_code == 400
    client.post(url, {"form": "status", "status": "not_taken_up", "status_reason": "Kein Platz"})
    idea.refresh_from_db()
    assert idea.status == "not_taken_up" and idea.status_reason == "Kein Platz"
    foreign_measure = MeasureFactory(area=other_area)
    response = client.post(
        url, {"form": "status", "status": "taken_up", "measure": foreign_measure.pk}
    )
    assert response.status_code == 400
    idea.refresh_from_db()
    assert idea.measure is None


# --- digest


def test_digest_one_mail_per_manager_for_many_items(area, other_area, manager, reader):
    second_manager = AreaRoleFactory(area=area, role=Role.MANAGER, user__email="qm3@example.org")
    for i in range(12):
        CommentFactory(area=area, text=f"<b>Kommentar {i}</b>", moderation="pending")
    IdeaFactory(area=area, moderation="pending", title="Bolzplatz")
    sent = send_moderation_digests()
    assert sent == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["qm3@example.org", "qm@example.org"]
    body = mail.outbox[0].body
    assert "Kommentar 11" in body and "Bolzplatz" in body
    assert "12 Kommentare" in mail.outbox[0].subject
    assert not mail.outbox[0].alternatives
    assert second_manager.user.email != reader.email
    # Nothing new: nothing sent.
    assert send_moderation_digests() == 0
    assert not Comment.objects.filter(digest_sent_at=None).exists()
    assert not Idea.objects.filter(digest_sent_at=None).exists()


def test_digest_command(area, manager, capsys):
    CommentFactory(area=area)
    call_command("send_moderation_digest")
    assert len(mail.outbox) == 1
    assert "1 digest" in capsys.readouterr().out


def test_digest_without_managers_marks_items(area):
    CommentFactory(area=area)
    assert send_moderation_digests() == 0
    assert not Comment.objects.filter(digest_sent_at=None).exists()


def test_admin_lists_contributions(client_as, area, comment, idea):
    client = client_as("superuser")
    CommentReport.objects.create(comment=comment, reason="Spam")
    for name in ("comment", "idea", "commentreport"):
        assert client.get(f"/admin/participation/{name}/").status_code == 200, name
    assert client.get(f"/admin/participation/comment/{comment.pk}/change/").status_code == 200


def test_queue_query_count_is_constant(client_as, area, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as("manager")
    url = _url("moderation", area) + "?show=all"
    CommentFactory(area=area, moderation="pending")
    IdeaFactory(area=area, moderation="pending")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(50):
        comment = CommentFactory(area=area, moderation="pending")
        CommentReport.objects.create(comment=comment)
        IdeaFactory(area=area, moderation="pending")
    with django_assert_num_queries(len(one.captured_queries)):
        html = client.get(url).content.decode()
    assert html.count('name="comments"') == 50  # one page of the paginated list
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(_url("moderation", area))


def test_dashboard_card_counts_queue(client_as, area, comment, idea):
    reported = CommentFactory(area=area)
    CommentReport.objects.create(comment=reported)
    CommentReport.objects.create(comment=reported)
    html = (
        client_as("reader")
        .get(reverse("ihk:area_dashboard", kwargs={"area_slug": area.slug}))
        .content.decode()
    )
    assert "1 neuer Kommentar wartet auf Prüfung" in html
    assert "1 gemeldeter Kommentar" in html
    assert "1 neue Projektidee" in html
    assert _url("moderation", area) in html


def test_public_area_page_offers_ideas(client, area):
    IdeaFactory(area=area, title="Bücherschrank")
    IdeaFactory(area=area, title="Noch geheim", moderation="pending")
    html = client.get(area.get_absolute_url()).content.decode()
    assert "Bücherschrank" in html and "Noch geheim" not in html
    assert _url("idea_create", area) in html


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("reader", 403), ("other_manager", 403), ("manager", 302)],
)
def test_moderation_mode_switch(client_as, area, role, expected):
    url = _url("moderation_mode", area)
    response = client_as(role).post(url, {"premoderated": "0"})
    assert response.status_code == expected
    area.refresh_from_db()
    assert area.comments_premoderated is (role != "manager")


def test_moderation_mode_get_and_bad_value(client_as, area):
    client = client_as("manager")
    assert client.get(_url("moderation_mode", area)).status_code == 405
    response = client.post(
        _url("moderation_mode", area), {"premoderated": "vielleicht"}, follow=True
    )
    assert "Bitte wählen Sie" in response.content.decode()
    area.refresh_from_db()
    assert area.comments_premoderated
