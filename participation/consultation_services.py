"""Writes and reads of the draft consultation: its parts (compared with the version in force),
invitations with personal links, statements, and the weighing of every contribution.

The invitation mail is sent at once, inside the request that creates the invitation: the secret
of the personal link exists only in that moment (the database keeps its SHA-256 hash), so it
cannot be handed to a background task without storing it.
"""

import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage, get_connection
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from measures.comparison import compare_versions
from measures.models import ActionField, ConceptVersion, Goal, Measure

from .models import (
    Comment,
    Consultation,
    Moderation,
    Statement,
    StatementChannel,
    StatementInvitation,
    Weighing,
    WeighingDecision,
)
from .models.consultation import hash_token

# Changes of a measure that public pages do not show: actor names (some are private persons)
# and the publication flag itself.
PRIVATE_MEASURE_CHANGES = {"lead_actor", "continuation_carrier", "partner_actors", "is_public"}
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024


class PartStatus:
    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"


@dataclass
class DraftPart:
    """One part of the draft as residents see it, with its counterpart in the version in force."""

    key: str
    kind: str  # vision, field, goal, measure
    title: str
    text: str
    status: str
    is_open: bool
    context: str = ""  # the field of action of a goal
    old_title: str = ""
    old_text: str = ""
    changes: list = field(default_factory=list)


@dataclass
class DraftParts:
    base: ConceptVersion | None
    vision: DraftPart
    fields: list[DraftPart]
    goals: list[DraftPart]
    measures: list[DraftPart]
    dropped: list[tuple[str, str]]  # (kind label, title)

    def all(self) -> list[DraftPart]:
        return [self.vision, *self.fields, *self.goals, *self.measures]

    def get(self, key: str) -> DraftPart | None:
        return next((part for part in self.all() if part.key == key), None)


def base_version(consultation: Consultation) -> ConceptVersion | None:
    """The version the draft is compared with: its predecessor, else the area's current one."""
    draft = consultation.version
    if draft.predecessor_id:
        return draft.predecessor
    return ConceptVersion.objects.for_area(draft.area_id).current().exclude(pk=draft.pk).first()


def _status(obj, diff) -> tuple[str, object]:
    if any(item.pk == obj.pk for item in diff.added):
        return PartStatus.NEW, None
    for item in diff.changed:
        if item.new.pk == obj.pk:
            return PartStatus.CHANGED, item
    return PartStatus.UNCHANGED, None


def consultation_parts(consultation: Consultation) -> DraftParts:
    """The draft's vision, fields of action, goals and public measures, each marked new, changed
    or unchanged against the version in force (``measures.comparison``), and what was dropped."""
    draft, base = consultation.version, base_version(consultation)
    kinds = consultation.open_kinds()
    diff = compare_versions(base, draft) if base is not None else None
    old_vision = base.vision if base is not None else ""
    vision = DraftPart(
        key="vision",
        kind="vision",
        title=_("Vision"),
        text=draft.vision,
        status=PartStatus.UNCHANGED if old_vision == draft.vision else PartStatus.CHANGED,
        is_open="vision" in kinds,
        old_text=old_vision,
    )
    fields = []
    for obj in ActionField.objects.filter(version=draft).order_by("order", "pk"):
        fields.append(_part("field", obj, diff.action_fields if diff else None, kinds))
    goals = []
    goal_rows = (
        Goal.objects.for_version(draft)
        .select_related("action_field")
        .order_by("action_field__order", "order", "pk")
    )
    for obj in goal_rows:
        part = _part("goal", obj, diff.goals if diff else None, kinds)
        part.context = obj.action_field.title
        goals.append(part)
    measures = []
    for obj in Measure.objects.in_version(draft).filter(is_public=True).order_by("title", "pk"):
        part = _part("measure", obj, diff.measures if diff else None, kinds)
        part.changes = [c for c in part.changes if c.name not in PRIVATE_MEASURE_CHANGES]
        measures.append(part)
    dropped = []
    if diff is not None:
        dropped += [(_("Field of action"), str(obj.title)) for obj in diff.action_fields.removed]
        dropped += [(_("Goal"), str(obj.title)) for obj in diff.goals.removed]
        dropped += [
            (_("Measure"), str(obj.title)) for obj in diff.measures.removed if obj.is_public
        ]
    return DraftParts(base, vision, fields, goals, measures, dropped)


def _part(kind, obj, section, kinds) -> DraftPart:
    status, item = _status(obj, section) if section is not None else (PartStatus.NEW, None)
    part = DraftPart(
        key=f"{kind}-{obj.pk}",
        kind=kind,
        title=obj.title,
        text=obj.description,
        status=status,
        is_open=kind in kinds,
    )
    if item is not None:
        part.old_title = getattr(item.old, "title", "")
        part.old_text = getattr(item.old, "description", "")
        part.changes = list(item.changes)
    return part


def part_exists(consultation: Consultation, key: str) -> bool:
    """Whether ``key`` names an open part of the consulted draft ("" is the draft as a whole)."""
    if key == "":
        return True
    if key == "vision":
        return consultation.open_vision
    kind, _sep, raw = key.partition("-")
    if not (raw.isascii() and raw.isdigit() and len(raw) < 12):
        return False
    pk, draft = int(raw), consultation.version
    if kind == "field" and consultation.open_action_fields:
        return ActionField.objects.filter(version=draft, pk=pk).exists()
    if kind == "goal" and consultation.open_goals:
        return Goal.objects.filter(action_field__version=draft, pk=pk).exists()
    if kind == "measure" and consultation.open_measures:
        return Measure.objects.in_version(draft).filter(pk=pk, is_public=True).exists()
    return False


def comment_counts(consultation: Consultation) -> dict[str, int]:
    """Published comments per part (one grouped query)."""
    rows = (
        Comment.objects.filter(consultation=consultation, moderation=Moderation.PUBLISHED)
        .values_list("draft_part")
        .annotate(n=models.Count("pk"))
        .order_by()
    )
    return dict(rows)


# --- invitations and statements


def _invitation_mail(invitation, token: str, connection) -> EmailMessage:
    consultation = invitation.consultation
    path = reverse(
        "participation:statement_submit",
        kwargs={"area_slug": consultation.area.slug, "token": token},
    )
    url = getattr(settings, "SITE_URL", "").rstrip("/") + path
    context = {"invitation": invitation, "consultation": consultation, "url": url}
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Invitation to submit a statement: %(title)s") % {"title": consultation.title}
        body = render_to_string("participation/consultation/invitation_email.txt", context)
    return EmailMessage(subject, body, to=[invitation.email], connection=connection)


def invite_actors(*, consultation: Consultation, contacts) -> list[StatementInvitation]:
    """Invite the actors of the chosen contact persons; one mail each with a personal link.

    An actor already invited (and not revoked) is not invited twice.
    """
    if consultation.is_closed:
        raise ValidationError(_("The consultation is closed; no more invitations can be sent."))
    already = set(
        consultation.invitations.filter(revoked_at=None).values_list("actor_id", flat=True)
    )
    created, mails = [], []
    connection = get_connection()
    with transaction.atomic():
        for contact in contacts:
            if contact.actor.area_id != consultation.area_id:
                raise ValidationError(_("Please choose actors of this area."))
            if contact.actor_id in already or not contact.email:
                continue
            already.add(contact.actor_id)
            token = secrets.token_urlsafe(32)
            invitation = StatementInvitation.objects.create(
                consultation=consultation,
                actor=contact.actor,
                email=contact.email,
                token_hash=hash_token(token),
            )
            created.append(invitation)
            mails.append(_invitation_mail(invitation, token, connection))
    # After the rows are stored: a mail whose invitation failed to save would carry a dead link.
    connection.send_messages(mails)
    return created


def invitation_revoke(*, invitation: StatementInvitation) -> StatementInvitation:
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


def check_pdf(upload) -> bytes:
    """The bytes of an uploaded PDF; refused if too big or not a PDF by its content."""
    if upload.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(_("The attachment may be at most 10 MB."))
    data = upload.read(ATTACHMENT_MAX_BYTES + 1)
    if len(data) > ATTACHMENT_MAX_BYTES:
        raise ValidationError(_("The attachment may be at most 10 MB."))
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-2048:]:
        raise ValidationError(_("The attachment must be a PDF file."))
    return data


def _store(statement: Statement, pdf: bytes | None) -> Statement:
    if pdf:
        statement.attachment.save("statement.pdf", ContentFile(pdf), save=False)
    statement.full_clean()
    statement.save()
    return statement


@transaction.atomic
def statement_submit(*, invitation: StatementInvitation, text: str, pdf: bytes | None) -> Statement:
    """An invited actor submits their statement through the personal link (once)."""
    invitation = StatementInvitation.objects.select_for_update().get(pk=invitation.pk)
    if Statement.objects.filter(invitation=invitation).exists():
        raise ValidationError(_("A statement has already been submitted with this link."))
    statement = Statement(
        consultation=invitation.consultation,
        actor=invitation.actor,
        invitation=invitation,
        channel=StatementChannel.ONLINE,
        text=text,
    )
    return _store(statement, pdf)


@transaction.atomic
def statement_record(
    *,
    consultation: Consultation,
    text: str,
    channel: str,
    received_on,
    actor=None,
    sender: str = "",
    pdf: bytes | None = None,
) -> Statement:
    """The manager records a statement received by letter or in a meeting."""
    if actor is not None and actor.area_id != consultation.area_id:
        raise ValidationError(_("Please choose an actor of this area."))
    if actor is None and not sender.strip():
        raise ValidationError(_("Please choose an actor or name the sender."))
    statement = Statement(
        consultation=consultation,
        actor=actor,
        sender=sender.strip(),
        channel=channel,
        text=text,
        received_on=received_on,
    )
    return _store(statement, pdf)


# --- weighing


def weighable_comments(consultation: Consultation):
    """Every comment of the consultation except blocked ones (spam is not weighed)."""
    return Comment.objects.filter(consultation=consultation).exclude(moderation=Moderation.BLOCKED)


@transaction.atomic
def weigh(
    *,
    consultation: Consultation,
    contribution,
    decision: str,
    reason: str,
    user=None,
    action_fields=(),
    goals=(),
    measures=(),
    vision_changed: bool = False,
) -> Weighing:
    """Record (or correct) the decision on a comment or statement and the parts it changed.

    Changed parts must belong to the consulted draft; they are only kept when the contribution
    was (partly) taken into account.
    """
    if decision not in WeighingDecision.values:
        raise ValidationError(_("Please choose a decision."))
    if not reason.strip():
        raise ValidationError(_("Please give a reason."))
    if contribution.consultation_id != consultation.pk:
        raise ValidationError(_("The contribution does not belong to this consultation."))
    draft = consultation.version
    action_fields, goals, measures = list(action_fields), list(goals), list(measures)
    if any(f.version_id != draft.pk for f in action_fields) or any(
        g.action_field.version_id != draft.pk for g in goals
    ):
        raise ValidationError(_("Please choose parts of the consulted draft."))
    draft_measures = set(Measure.objects.in_version(draft).values_list("pk", flat=True))
    if any(m.pk not in draft_measures for m in measures):
        raise ValidationError(_("Please choose parts of the consulted draft."))
    kind = "comment" if isinstance(contribution, Comment) else "statement"
    weighing = Weighing.objects.filter(**{kind: contribution}).first() or Weighing(
        consultation=consultation, **{kind: contribution}
    )
    changed = decision in (WeighingDecision.TAKEN, WeighingDecision.PARTLY)
    weighing.decision = decision
    weighing.reason = reason.strip()
    weighing.vision_changed = vision_changed and changed
    weighing.weighed_by = user
    weighing.full_clean()
    weighing.save()
    weighing.action_fields.set(action_fields if changed else [])
    weighing.goals.set(goals if changed else [])
    weighing.measures.set(measures if changed else [])
    return weighing


def part_titles(consultation: Consultation) -> dict[str, str]:
    """``{draft_part: title}`` for every part of the draft (three queries, no comparison)."""
    draft = consultation.version
    titles = {"": _("The draft as a whole"), "vision": _("Vision")}
    for pk, title in ActionField.objects.filter(version=draft).values_list("pk", "title"):
        titles[f"field-{pk}"] = _("Field of action: %(title)s") % {"title": title}
    for pk, title in Goal.objects.for_version(draft).values_list("pk", "title"):
        titles[f"goal-{pk}"] = _("Goal: %(title)s") % {"title": title}
    for pk, title in Measure.objects.in_version(draft).values_list("pk", "title"):
        titles[f"measure-{pk}"] = _("Measure: %(title)s") % {"title": title}
    return titles
