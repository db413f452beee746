"""Demo data of residents' contributions: sizes, every idea status, idempotent, deterministic."""

import pytest

from participation import demo_contributions
from participation.models import Comment, CommentReport, Idea, IdeaStatus, Moderation
from tests.factories import ConceptVersionFactory, EventFactory, MeasureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def concept(area):
    ConceptVersionFactory(area=area, is_current=True)
    for _ in range(5):
        MeasureFactory(area=area)
    # Ideas are taken up only as a measure they are about (the demo matches titles).
    MeasureFactory(area=area, title="Gemeinschaftsgarten „Grüne Ecke“")
    MeasureFactory(area=area, title="Hausaufgabenhilfe im Stadtteilzentrum")
    MeasureFactory(area=area, is_public=False, title="Intern")
    EventFactory(area=area)


def test_seed_small(area, concept, manager):
    demo_contributions.seed(area, scale="small")
    comments = Comment.objects.filter(area=area)
    assert comments.count() == 150
    for state in Moderation.values:
        assert comments.filter(moderation=state).exists(), state
    assert comments.exclude(official_answer="").exists()
    assert comments.filter(parent__isnull=False).exists()
    assert comments.filter(version__isnull=False).exists()
    assert comments.filter(event__isnull=False).exists()
    assert not comments.filter(measure__is_public=False).exists()
    assert not comments.filter(parent__parent__isnull=False).exists()  # one level of replies
    assert comments.filter(moderation="hidden").exclude(moderation_reason="").exists()
    assert CommentReport.objects.filter(resolved_at=None).exists()
    statuses = set(Idea.objects.filter(area=area).values_list("status", flat=True))
    assert statuses == set(IdeaStatus.values)
    assert Idea.objects.filter(status="taken_up", measure__isnull=False).exists()
    # Idempotent and deterministic.
    texts = list(comments.order_by("pk").values_list("text", flat=True))
    demo_contributions.seed(area, scale="small")
    assert comments.count() == 150
    Comment.objects.all().delete()
    Idea.objects.all().delete()
    demo_contributions.seed(area, scale="small")
    assert list(comments.order_by("pk").values_list("text", flat=True)) == texts


def test_seed_without_concept_comments_on_ideas_only(area):
    demo_contributions.seed(area, scale="small")
    assert Idea.objects.filter(area=area, status="taken_up").count() == 0  # no measure to link
    assert not Comment.objects.filter(idea__isnull=True).exists()


def test_demo_ideas_read_true(area, concept):
    """Every reason fits its idea and a taken-up idea names the measure it is about."""
    demo_contributions.seed(area, scale="small")
    ideas = {idea.title: idea for idea in Idea.objects.filter(area=area).select_related("measure")}
    garden = ideas["Gemeinschaftsgarten hinter der Grundschule"]
    assert garden.status == "taken_up" and "Gemeinschaftsgarten" in garden.measure.title
    homework = ideas["Hausaufgabenhilfe durch Studierende"]
    assert homework.status == "taken_up" and "Hausaufgabenhilfe" in homework.measure.title
    # No fitting measure for the summer festival here: it stays in review, without a reason.
    assert ideas["Nachbarschaftsfest im Sommer"].status == "review"
    assert ideas["Nachbarschaftsfest im Sommer"].measure is None
    assert "Bolzplatz" in ideas["Bolzplatz sanieren"].status_reason
    assert "Lastenrad" in ideas["Lastenrad zum Ausleihen"].status_reason
    for idea in ideas.values():
        if idea.status == "not_taken_up":
            assert idea.status_reason
        if idea.status != "taken_up":
            assert idea.measure is None
