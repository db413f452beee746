"""Residents' side of a draft consultation: the draft beside the version in force, comments on
each open part through the usual comment machinery, the phase closing by date, outcomes."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from measures.services import make_current
from participation import consultation_services as services
from participation.models import Comment, Moderation, WeighingDecision
from tests.factories import CommentFactory

from .consultation_helpers import build

pytestmark = pytest.mark.django_db


def _url(setup, name="consultation_public", **kwargs):
    c = setup.consultation
    return reverse(f"participation:{name}", kwargs={"area_slug": c.area.slug, "pk": c.pk, **kwargs})


def _comment(setup, part, **fields):
    data = {"text": "Mehr Bänke bitte!", "consent": "on", "pseudonym": "Nachbar", **fields}
    return _url(setup, "consultation_comment", part=part), data


def test_public_page_marks_new_changed_and_unchanged_parts(client, area):
    setup = build(area)
    response = client.get(_url(setup))
    assert response.status_code == 200
    parts = response.context["parts"]
    assert parts.vision.status == "changed"
    status = {p.title: p.status for p in parts.fields}
    assert status == {"Wohnen": "changed", "Klima": "new"}
    assert {p.title: p.status for p in parts.measures}["Trinkbrunnen"] == "new"
    assert "Sagen Sie uns Ihre Meinung." in response.content.decode()


def test_part_page_shows_draft_beside_version_in_force(client, area):
    setup = build(area)
    response = client.get(_url(setup, "consultation_part", part=f"field-{setup.draft_field.pk}"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Neu formuliert" in body and "Alt" in body


def test_resident_comments_on_a_draft_goal_without_account(client, area):
    area.comments_premoderated = False
    area.save()
    setup = build(area)
    url, data = _comment(setup, f"goal-{setup.draft_goal.pk}")
    response = client.post(url, data)
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.consultation == setup.consultation
    assert comment.draft_part == f"goal-{setup.draft_goal.pk}"
    assert comment.moderation == Moderation.PUBLISHED
    page = client.get(_url(setup, "consultation_part", part=f"goal-{setup.draft_goal.pk}"))
    assert "Mehr Bänke bitte!" in page.content.decode()


def test_comment_on_the_draft_as_a_whole(client, area):
    setup = build(area)
    url, data = _comment(setup, "general")
    assert client.post(url, data).status_code == 302
    assert Comment.objects.get().draft_part == ""


@pytest.mark.parametrize("part", ["goal-999999", "field-abc", "measure-", "nonsense", "goal-١٢"])
def test_comment_on_unknown_part_is_404(client, area, part):
    setup = build(area)
    url, data = _comment(setup, "placeholder")
    assert client.post(url.replace("placeholder", quote(part)), data).status_code == 404
    assert not Comment.objects.exists()


def test_comment_on_part_that_is_not_open_is_404(client, area):
    setup = build(area)
    setup.consultation.open_goals = False
    setup.consultation.save()
    url, data = _comment(setup, f"goal-{setup.draft_goal.pk}")
    assert client.post(url, data).status_code == 404


def test_comment_on_other_areas_consultation_is_404(client, area, other_area):
    setup = build(other_area)
    url, data = _comment(setup, "vision")
    wrong = url.replace(other_area.slug, area.slug)
    assert client.post(wrong, data).status_code == 404


def test_phase_closes_by_date_without_cron(client, area):
    setup = build(area, starts_in=-20, ends_in=-1)
    assert setup.consultation.is_closed
    url, data = _comment(setup, "vision")
    assert client.post(url, data).status_code == 404
    body = client.get(_url(setup)).content.decode()
    assert "Die Beteiligung ist abgeschlossen" in body


def test_upcoming_consultation_is_hidden_from_residents_but_previewed_by_members(client_as, area):
    setup = build(area, starts_in=3, ends_in=10)
    assert client_as("anonymous").get(_url(setup)).status_code == 404
    assert client_as("reader").get(_url(setup)).status_code == 200
    assert client_as("other_manager").get(_url(setup)).status_code == 404


def test_hostile_comments_never_500(client, area):
    setup = build(area)
    url, data = _comment(setup, "vision")
    assert client.post(url, {**data, "text": "x" * 100_000}).status_code == 200
    assert client.post(url, {**data, "consent": ""}).status_code == 200
    assert client.post(url, {**data, "website": "http://spam"}).status_code == 200
    assert not Comment.objects.exists()
    assert client.post(url, {**data, "text": "Nul\x00"}).status_code == 200
    assert client.post(url, {**data, "text": "Hallo\x0bWelt\u202e"}).status_code == 302
    assert Comment.objects.get().text == "Hallo\nWelt"


def test_rate_limit_applies_to_draft_comments(client, area, settings):
    settings.PARTICIPATION_RATE_LIMITS = {"comment": (2, 600)}
    setup = build(area)
    url, data = _comment(setup, "vision")
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 429
    assert Comment.objects.count() == 2


def test_reply_to_a_draft_comment_stays_on_its_part(client, area):
    setup = build(area)
    parent = CommentFactory(
        area=area, measure=None, consultation=setup.consultation, draft_part="vision"
    )
    url = reverse("participation:comment_reply", kwargs={"area_slug": area.slug, "pk": parent.pk})
    assert client.post(url, {"text": "Stimmt!", "consent": "on"}).status_code == 302
    reply = Comment.objects.get(parent=parent)
    assert reply.consultation == setup.consultation and reply.draft_part == "vision"


def test_part_page_queries_do_not_grow_with_comments(client, area, django_assert_max_num_queries):
    setup = build(area)
    key = f"field-{setup.draft_field.pk}"

    def add(n):
        for _ in range(n):
            parent = CommentFactory(
                area=area, measure=None, consultation=setup.consultation, draft_part=key
            )
            CommentFactory(
                area=area,
                measure=None,
                consultation=setup.consultation,
                draft_part=key,
                parent=parent,
            )

    add(1)
    with django_assert_max_num_queries(40) as one:
        client.get(_url(setup, "consultation_part", part=key))
    add(30)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(_url(setup, "consultation_part", part=key))
    assert response.status_code == 200


def test_results_show_outcome_without_personal_data(client, area):
    setup = build(area)
    comment = CommentFactory(
        area=area,
        measure=None,
        consultation=setup.consultation,
        draft_part="vision",
        pseudonym="Erika Mustermann",
        email="erika@example.org",
    )
    services.weigh(
        consultation=setup.consultation,
        contribution=comment,
        decision=WeighingDecision.TAKEN,
        reason="Wir haben das Leitbild ergänzt.",
        vision_changed=True,
        action_fields=[setup.new_field],
    )
    body = client.get(_url(setup, "consultation_results")).content.decode()
    assert "Wir haben das Leitbild ergänzt." in body and "Klima" in body
    assert "Erika" not in body and "erika@example.org" not in body


def test_adopted_version_shows_what_changed_through_participation(client, area):
    setup = build(area, starts_in=-20, ends_in=-1)
    comment = CommentFactory(
        area=area, measure=None, consultation=setup.consultation, draft_part="vision"
    )
    services.weigh(
        consultation=setup.consultation,
        contribution=comment,
        decision=WeighingDecision.PARTLY,
        reason="Teilweise übernommen.",
        measures=[setup.new_measure],
    )
    setup.draft.status = "adopted"
    setup.draft.save()
    make_current(version=setup.draft)
    body = client.get(area.get_absolute_url()).content.decode()
    assert "Was sich durch die Beteiligung geändert hat" in body
    assert "Teilweise übernommen." in body and "Trinkbrunnen" in body


def test_area_page_invites_to_open_consultation(client, area):
    setup = build(area)
    body = client.get(area.get_absolute_url()).content.decode()
    assert setup.consultation.get_absolute_url() in body
