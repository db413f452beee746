"""Demo data of residents' contributions: comments with answers, replies, moderation, ideas.

``seed(area, scale="small")`` writes about 150 realistic comments on the current concept, public
measures and public events (some answered, some hidden with a reason, some reported, a few
pending) and project ideas in every status; ``scale="large"`` writes 5,000 comments. Idempotent
(skips an area that already has comments or ideas) and deterministic (fixed random seed).
All names and addresses are fictional; e-mail addresses use example.net.
"""

import datetime
import json
import random
from pathlib import Path

from django.utils import timezone

from ihk.models import Area, AreaRole, Role
from measures.models import ActionField, ConceptVersion, Measure

from .models import Comment, CommentReport, Event, Idea, IdeaStatus, Moderation

SIZES = {"small": 150, "large": 5000, "xlarge": 25000}

# The prose (comments, answers, ideas with fitting reasons) lives in a data file.
TEXTS = json.loads((Path(__file__).parent / "demo_data" / "contributions.json").read_text("utf-8"))


def _matching_measure(measures, keywords):
    """The first measure whose title contains one of ``keywords``, else ``None``."""
    words = [word.casefold() for word in keywords]
    return next((m for m in measures if any(w in m.title.casefold() for w in words)), None)


def _pick_targets(area: Area):
    version = ConceptVersion.objects.filter(area=area, is_current=True).first()
    measures = list(Measure.objects.filter(area=area, is_public=True).order_by("pk"))
    events = list(Event.objects.filter(area=area, is_public=True).order_by("pk"))
    return version, measures, events


def _seed_ideas(area, rng, now, measures):
    fields = list(
        ActionField.objects.filter(version__area=area, version__is_current=True).order_by("pk")
    )
    contacts = TEXTS["idea_contacts"]
    ideas = []
    for i, item in enumerate(TEXTS["ideas"]):
        status, reason = item["status"], item.get("status_reason", "")
        # An idea is "taken up" only as the measure it is about; without one it is in review.
        measure = None
        if status == IdeaStatus.TAKEN_UP:
            measure = _matching_measure(measures, item.get("measure_keywords", []))
            if measure is None:
                status, reason = IdeaStatus.REVIEW, ""
        moderation = item["moderation"]
        idea = Idea.objects.create(
            area=area,
            title=item["title"],
            description=item["description"],
            place=item["place"],
            action_field=fields[i % len(fields)] if fields else None,
            contact_name=rng.choice(contacts["names"]),
            contact_email=rng.choice(contacts["emails"]),
            consent=True,
            status=status,
            status_reason=reason,
            measure=measure,
            moderation=moderation,
            moderation_reason=item.get("moderation_reason", ""),
            digest_sent_at=None if moderation == Moderation.PENDING else now,
        )
        Idea.objects.filter(pk=idea.pk).update(created_at=now - datetime.timedelta(days=90 - i * 7))
        ideas.append(idea)
    return [idea for idea in ideas if idea.moderation == Moderation.PUBLISHED]


def _moderation(rng) -> tuple[str, str]:
    roll = rng.random()
    if roll < 0.04:
        return Moderation.HIDDEN, rng.choice(TEXTS["hide_reasons"])
    if roll < 0.06:
        return Moderation.BLOCKED, ""
    if roll < 0.12:
        return Moderation.PENDING, ""
    return Moderation.PUBLISHED, ""


def _seed_top_comments(area, rng, now, *, targets, weights, n_top, answerer):
    top, dates = [], []
    for _ in range(n_top):
        field, obj, texts = rng.choices(targets, weights=weights)[0]
        moderation, reason = _moderation(rng)
        text = rng.choice(TEXTS["spam"]) if moderation == Moderation.BLOCKED else rng.choice(texts)
        written = now - datetime.timedelta(days=rng.randint(1, 540), minutes=rng.randint(0, 1440))
        answered = moderation == Moderation.PUBLISHED and rng.random() < 0.3
        top.append(
            Comment(
                area=area,
                **{field: obj},
                text=text,
                pseudonym=rng.choice(TEXTS["pseudonyms"]),
                email=rng.choice(["", "", "", *TEXTS["commenter_emails"]]),
                consent=True,
                moderation=moderation,
                moderation_reason=reason,
                official_answer=rng.choice(TEXTS["answers"]) if answered else "",
                answered_by=answerer if answered else None,
                digest_sent_at=None if moderation == Moderation.PENDING else now,
            )
        )
        dates.append((written, answered))
    top = Comment.objects.bulk_create(top, batch_size=500)
    for comment, (written, answered) in zip(top, dates, strict=True):
        comment.created_at = written
        if comment.moderation != Moderation.PENDING:
            comment.published_at = written + datetime.timedelta(hours=rng.randint(0, 48))
        if answered:
            comment.answered_at = written + datetime.timedelta(days=rng.randint(1, 10))
            comment.answer_notified_at = comment.answered_at if comment.email else None
    Comment.objects.bulk_update(
        top, ["created_at", "published_at", "answered_at", "answer_notified_at"], batch_size=500
    )

    return top


def _seed_replies(area, rng, now, parents, n_replies):
    replies, reply_dates = [], []
    for _ in range(n_replies):
        parent = rng.choice(parents)
        field = next(
            f for f in ("version", "measure", "event", "idea") if getattr(parent, f"{f}_id")
        )
        replies.append(
            Comment(
                area=area,
                parent=parent,
                **{f"{field}_id": getattr(parent, f"{field}_id")},
                text=rng.choice(TEXTS["replies"]),
                pseudonym=rng.choice(TEXTS["pseudonyms"]),
                consent=True,
                moderation=Moderation.PUBLISHED,
                digest_sent_at=now,
            )
        )
        reply_dates.append(parent.created_at + datetime.timedelta(hours=rng.randint(1, 200)))
    replies = Comment.objects.bulk_create(replies, batch_size=500)
    for reply, written in zip(replies, reply_dates, strict=True):
        reply.created_at = reply.published_at = min(written, now)
    Comment.objects.bulk_update(replies, ["created_at", "published_at"], batch_size=500)


def _seed_reports(rng, now, parents, total):
    # Residents reported a few comments; some were already decided, some wait in the queue.
    reported = rng.sample(parents, k=min(len(parents), max(4, total // 40)))
    CommentReport.objects.bulk_create(
        CommentReport(
            comment=comment,
            reason=rng.choice(TEXTS["report_reasons"]),
            resolved_at=now if i % 2 else None,
        )
        for i, comment in enumerate(reported)
    )


def seed(area: Area, *, scale: str = "small") -> None:
    if Comment.objects.filter(area=area).exists() or Idea.objects.filter(area=area).exists():
        return
    rng = random.Random(5150)
    now = timezone.now()
    version, measures, events = _pick_targets(area)
    answerer = AreaRole.objects.filter(area=area, role=Role.MANAGER).select_related("user").first()
    answerer = answerer.user if answerer else None
    published_ideas = _seed_ideas(area, rng, now, measures)

    texts = TEXTS["comments"]
    targets = []  # (field, object, texts)
    if version is not None:
        targets.append(("version", version, texts["version"]))
    targets += [("measure", m, texts["measure"]) for m in measures]
    targets += [("event", e, texts["event"]) for e in events]
    targets += [("idea", i, texts["idea"]) for i in published_ideas]
    if not targets:
        return
    total = SIZES.get(scale, SIZES["small"])
    n_top = int(total * 0.75)
    # The concept gets about a sixth of the comments, measures most of the rest.
    weights = [
        max(4, len(targets) // 2) if field == "version" else 3 if field == "measure" else 2
        for field, *_ in targets
    ]

    top = _seed_top_comments(
        area, rng, now, targets=targets, weights=weights, n_top=n_top, answerer=answerer
    )
    parents = [c for c in top if c.moderation == Moderation.PUBLISHED]
    _seed_replies(area, rng, now, parents, total - n_top)
    _seed_reports(rng, now, parents, total)
