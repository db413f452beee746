"""Every write of the participation app: events with attendance and head counts, residents'
comments, replies, reports and ideas, and their moderation.

Every write is a keyword-only function inside ``transaction.atomic`` that can be tested without
HTTP. Submissions carry a ``submission_key`` (a UUID put into the form when it is rendered): the
unique constraint on it makes a double submit store one row, even when both requests arrive at
the same moment — the loser of the race gets the winner's row back.
"""

import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ihk.caching import invalidate_area
from ihk.models import Area
from ihk.submissions import save_once

from . import spam
from .models import (
    Attendance,
    Comment,
    CommentReport,
    Event,
    HeadCount,
    Idea,
    IdeaStatus,
    Moderation,
)
from .targets import TARGET_FIELDS, target_kind


@transaction.atomic
def event_save(
    *,
    event: Event,
    actors,
    head_counts: dict[str, int],
    results_formset=None,
) -> Event:
    """Save an event with its attendance, head counts and (optionally) its results formset.

    ``actors`` are the registered actors who took part; every one must belong to the event's
    area. ``head_counts`` maps a ``HeadCountGroup`` to a number; groups left out are removed.
    Everything is stored or nothing (one transaction).
    """
    event.full_clean()
    actors = list(actors)
    if any(actor.area_id != event.area_id for actor in actors):
        raise ValidationError("An actor of another area cannot attend this event.")
    event.save()

    wanted = {actor.pk for actor in actors}
    current = set(event.attendances.values_list("actor_id", flat=True))
    event.attendances.filter(actor_id__in=current - wanted).delete()
    Attendance.objects.bulk_create(
        [Attendance(event=event, actor_id=pk) for pk in sorted(wanted - current)]
    )

    event.head_counts.exclude(group__in=list(head_counts)).delete()
    for group, count in head_counts.items():
        HeadCount.objects.update_or_create(event=event, group=group, defaults={"count": count})

    if results_formset is not None:
        results_formset.instance = event
        for form in results_formset.forms:
            if form.has_changed() and form not in results_formset.deleted_forms:
                form.instance.event = event
                form.instance.full_clean()
        results_formset.save()
    return event


# --- residents' contributions


def _initial_moderation(area: Area) -> tuple[str, object]:
    if area.comments_premoderated:
        return Moderation.PENDING, None
    return Moderation.PUBLISHED, timezone.now()


def _create_once(model, submission_key, *, kind: str, client_hash: str, **fields):
    """Create a row unless one with this submission key exists; return (row, created).

    A new row counts against the client's rate limit; the check and the insert share one
    transaction (see ``spam.check_rate_limit``), so parallel requests cannot pass the limit.
    """
    with transaction.atomic():
        if submission_key:
            existing = model.objects.filter(submission_key=submission_key).first()
            if existing is not None:
                return existing, False
        spam.check_rate_limit(model.objects, kind, client_hash)
        row = model(submission_key=submission_key, client_hash=client_hash, **fields)
        row.full_clean(exclude=["submission_key"], validate_unique=False)
        # A parallel request with the same key may win the race: its row is ours.
        return save_once(row, submission_key)


def comment_create(
    *,
    area: Area,
    target,
    text: str,
    consent: bool,
    pseudonym: str = "",
    email: str = "",
    parent: Comment | None = None,
    client_hash: str = "",
    submission_key: uuid.UUID | None = None,
    draft_part: str = "",
) -> tuple[Comment, bool]:
    """Store a resident's comment (or a reply to ``parent``); returns (comment, created).

    On a consultation, ``draft_part`` names the part of the draft (checked by the caller).

    Raises ``ValidationError`` with a German message for a reply to a reply, a reply to a
    comment that is not shown, a target of another area or missing consent.
    """
    if not consent:
        raise ValidationError(_("Please agree to the processing of your data."))
    if getattr(target, "area_id", None) != area.pk:
        raise ValidationError(_("This page does not belong to the area."))
    field = TARGET_FIELDS[target_kind(target)]
    if parent is not None:
        _check_parent(parent, area, field, target)
    moderation, published_at = _initial_moderation(area)
    return _create_once(
        Comment,
        submission_key,
        kind="comment",
        area=area,
        parent=parent,
        text=text,
        pseudonym=pseudonym,
        email=email,
        consent=consent,
        moderation=moderation,
        published_at=published_at,
        client_hash=client_hash,
        **{field: target},
        **_draft_part(field, parent, draft_part),
    )


def _check_parent(parent: Comment, area: Area, field: str, target) -> None:
    """A reply goes to a published top-level comment on the same target of the same area."""
    if parent.parent_id is not None:
        raise ValidationError(_("You can only reply to a comment, not to a reply."))
    if parent.area_id != area.pk or getattr(parent, f"{field}_id") != target.pk:
        raise ValidationError(_("The comment you want to reply to does not exist."))
    if parent.moderation != Moderation.PUBLISHED:
        raise ValidationError(_("This comment can no longer be answered."))


def _draft_part(field: str, parent: Comment | None, draft_part: str) -> dict:
    """On a consultation a reply belongs to the part of the draft its thread is about."""
    if field != "consultation":
        return {}
    return {"draft_part": parent.draft_part if parent is not None else draft_part}


def comment_report(*, comment: Comment, reason: str = "", client_hash: str = "") -> CommentReport:
    """A resident reports a comment; it shows up in the moderation queue.

    Raises ``spam.RateLimited`` when the client has reported too much recently.
    """
    with transaction.atomic():
        spam.check_rate_limit(CommentReport.objects, "report", client_hash)
        report = CommentReport(comment=comment, reason=reason, client_hash=client_hash)
        report.full_clean()
        report.save()
    return report


def idea_create(
    *,
    area: Area,
    title: str,
    description: str,
    consent: bool,
    action_field=None,
    place: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    contact_name: str = "",
    contact_email: str = "",
    client_hash: str = "",
    submission_key: uuid.UUID | None = None,
) -> tuple[Idea, bool]:
    """Store a proposed project idea; it is public only after moderation."""
    if not consent:
        raise ValidationError(_("Please agree to the processing of your data."))
    if action_field is not None and action_field.version.area_id != area.pk:
        raise ValidationError(_("Please choose a field of action of this area."))
    return _create_once(
        Idea,
        submission_key,
        kind="idea",
        area=area,
        title=title,
        description=description,
        action_field=action_field,
        place=place,
        latitude=latitude,
        longitude=longitude,
        contact_name=contact_name,
        contact_email=contact_email,
        consent=consent,
        client_hash=client_hash,
    )


# --- moderation (managers)


class ModerationAction:
    APPROVE = "approve"
    HIDE = "hide"
    BLOCK = "block"
    STATES = {APPROVE: Moderation.PUBLISHED, HIDE: Moderation.HIDDEN, BLOCK: Moderation.BLOCKED}


def _check_reason(action: str, reason: str):
    if action not in ModerationAction.STATES:
        raise ValidationError(_("Please choose an action."))
    if action == ModerationAction.HIDE and not reason.strip():
        raise ValidationError(_("Please give a public reason for hiding."))


def comments_moderate(*, area: Area, ids, action: str, reason: str = "") -> int:
    """Approve, hide (with a public reason) or block comments of ``area``; returns the count.

    Every moderation decision resolves the open reports of the comment.
    """
    _check_reason(action, reason)
    now = timezone.now()
    state = ModerationAction.STATES[action]
    with transaction.atomic():
        comments = Comment.objects.select_for_update().filter(area=area, pk__in=list(ids))
        ids = list(comments.values_list("pk", flat=True))
        updates = {"moderation": state, "moderation_reason": reason.strip()}
        if action == ModerationAction.APPROVE:
            updates["moderation_reason"] = ""
            Comment.objects.filter(pk__in=ids, published_at=None).update(published_at=now)
        count = Comment.objects.filter(pk__in=ids).update(**updates)
        CommentReport.objects.filter(comment_id__in=ids, resolved_at=None).update(resolved_at=now)
        invalidate_area(area)  # QuerySet.update() sends no signals: the page cache must know
    return count


def ideas_moderate(*, area: Area, ids, action: str, reason: str = "") -> int:
    """Publish, hide (with a public reason) or block ideas of ``area``; returns the count."""
    _check_reason(action, reason)
    state = ModerationAction.STATES[action]
    reason = "" if action == ModerationAction.APPROVE else reason.strip()
    with transaction.atomic():
        invalidate_area(area)  # QuerySet.update() sends no signals: the page cache must know
        return Idea.objects.filter(area=area, pk__in=list(ids)).update(
            moderation=state, moderation_reason=reason
        )


def area_set_moderation_mode(*, area: Area, premoderated: bool) -> Area:
    """The manager chooses pre-moderation (shown after approval) or post-moderation."""
    area.comments_premoderated = premoderated
    area.save(update_fields=["comments_premoderated"])
    return area


def comment_answer(*, comment: Comment, answer: str, user) -> Comment:
    """Give (or correct) the official answer; the commenter is told once, if they left an address.

    Answering publishes a pending comment: an answer under an invisible comment makes no sense.
    """
    from .notifications import send_answer_notification

    answer = answer.strip()
    if not answer:
        raise ValidationError(_("Please write an answer."))
    with transaction.atomic():
        comment.official_answer = answer
        comment.answered_at = timezone.now()
        comment.answered_by = user
        if comment.moderation == Moderation.PENDING:
            comment.moderation = Moderation.PUBLISHED
            comment.published_at = comment.published_at or comment.answered_at
        comment.full_clean(exclude=["submission_key"], validate_unique=False)
        comment.save()
    send_answer_notification(comment)
    return comment


def idea_set_status(*, idea: Idea, status: str, reason: str = "", measure=None) -> Idea:
    """Set the public status of an idea: received, under review, taken up as a measure, not."""
    if status not in IdeaStatus.values:
        raise ValidationError(_("Please choose a status."))
    if status == IdeaStatus.TAKEN_UP and measure is None:
        raise ValidationError(_("Please choose the measure the idea was taken up as."))
    if status == IdeaStatus.NOT_TAKEN_UP and not reason.strip():
        raise ValidationError(_("Please give a reason why the idea was not taken up."))
    if measure is not None and measure.area_id != idea.area_id:
        raise ValidationError(_("Please choose a measure of this area."))
    idea.status = status
    idea.status_reason = reason.strip()
    idea.measure = measure if status == IdeaStatus.TAKEN_UP else None
    with transaction.atomic():
        idea.full_clean(exclude=["submission_key"], validate_unique=False)
        idea.save()
    return idea
