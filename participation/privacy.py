"""Data protection requests (Art. 15/17 GDPR): find, export and erase what an e-mail submitted.

The search covers comments (``email``) and ideas (``contact_email``) of one area, matched without
regard to case. Erasing either keeps the text and removes every author datum (pseudonym, e-mail,
contact name, client hash) or removes the contributions. A removed comment that others replied to
keeps its place in the discussion as a placeholder without text or author, so other people's
replies are not lost.
"""

import json
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from ihk.caching import invalidate_area
from ihk.models import Area
from ihk.spreadsheets import csv_bytes

from . import registration_services
from .models import Comment, Idea, Moderation, Registration, Subscription


@dataclass
class Submissions:
    comments: list[Comment]
    ideas: list[Idea]
    # E-mail subscriptions of the area and registrations for its events.
    subscriptions: list[Subscription] = field(default_factory=list)
    registrations: list[Registration] = field(default_factory=list)

    def __len__(self):
        return (
            len(self.comments) + len(self.ideas) + len(self.subscriptions) + len(self.registrations)
        )


def find_submissions(*, area: Area, email: str) -> Submissions:
    email = (email or "").strip()
    if not email:
        return Submissions([], [])
    comments = list(
        Comment.objects.filter(area=area, email__iexact=email)
        .select_related("version", "measure", "event", "idea", "consultation")
        .order_by("created_at")
    )
    ideas = list(
        Idea.objects.filter(area=area, contact_email__iexact=email)
        .select_related("action_field")
        .order_by("created_at")
    )
    subscriptions = list(
        Subscription.objects.filter(area=area, email__iexact=email)
        .select_related("measure")
        .order_by("created_at")
    )
    registrations = list(
        Registration.objects.filter(event__area=area, email__iexact=email)
        .select_related("event")
        .order_by("created_at")
    )
    return Submissions(comments, ideas, subscriptions, registrations)


def _comment_target_label(comment: Comment) -> str:
    if comment.version_id:
        return _("Concept: %s") % comment.version
    if comment.measure_id:
        return _("Measure: %s") % comment.measure
    if comment.event_id:
        return _("Event: %s") % comment.event
    if comment.consultation_id:
        return _("Consultation: %s") % comment.consultation
    return _("Project idea: %s") % comment.idea


def export_data(*, area: Area, email: str) -> dict:
    """Everything stored about the submissions of ``email`` in ``area`` (for a JSON export)."""
    found = find_submissions(area=area, email=email)
    return {
        "area": area.name,
        "email": email,
        "comments": [_comment_data(c) for c in found.comments],
        "ideas": [_idea_data(i) for i in found.ideas],
        "subscriptions": [_subscription_data(s, area) for s in found.subscriptions],
        "registrations": [_registration_data(r) for r in found.registrations],
    }


def _comment_data(c) -> dict:
    return {
        "id": c.pk,
        "about": _comment_target_label(c),
        "reply_to": c.parent_id,
        "text": c.text,
        "pseudonym": c.pseudonym,
        "email": c.email,
        "consent": c.consent,
        "moderation": c.get_moderation_display(),
        "moderation_reason": c.moderation_reason,
        "official_answer": c.official_answer,
        "written": c.created_at.isoformat(),
        "published": c.published_at.isoformat() if c.published_at else None,
    }


def _idea_data(i) -> dict:
    return {
        "id": i.pk,
        "title": i.title,
        "description": i.description,
        "field_of_action": str(i.action_field) if i.action_field else None,
        "place": i.place,
        "contact_name": i.contact_name,
        "contact_email": i.contact_email,
        "consent": i.consent,
        "status": i.get_status_display(),
        "status_reason": i.status_reason,
        "moderation": i.get_moderation_display(),
        "submitted": i.created_at.isoformat(),
    }


def _subscription_data(s, area) -> dict:
    return {
        "id": s.pk,
        "about": str(s.measure or area),
        "email": s.email,
        "topics": [str(label) for label in s.topic_labels()],
        "rhythm": s.get_rhythm_display(),
        "subscribed": s.created_at.isoformat(),
        "confirmed": s.confirmed_at.isoformat() if s.confirmed_at else None,
    }


def _registration_data(r) -> dict:
    return {
        "id": r.pk,
        "event": r.event.title,
        "name": r.name,
        "email": r.email,
        "status": r.get_status_display(),
        "accessibility_needs": r.accessibility_needs,
        "childcare_children": r.childcare_children,
        "registered": r.created_at.isoformat(),
    }


def export_json(*, area: Area, email: str) -> bytes:
    return json.dumps(export_data(area=area, email=email), ensure_ascii=False, indent=2).encode()


def export_csv(*, area: Area, email: str) -> bytes:
    """One row per contribution, through the one formula-safe spreadsheet layer."""
    data = export_data(area=area, email=email)
    header = [_("kind"), "id", _("about / title"), _("text"), _("name"), _("e-mail"), _("date")]
    comments = [
        [_("comment"), c["id"], c["about"], c["text"], c["pseudonym"], c["email"], c["written"]]
        for c in data["comments"]
    ]
    ideas = [
        [
            _("project idea"),
            i["id"],
            i["title"],
            i["description"],
            i["contact_name"],
            i["contact_email"],
            i["submitted"],
        ]
        for i in data["ideas"]
    ]
    subscriptions = [
        [
            _("subscription"),
            s["id"],
            s["about"],
            ", ".join(s["topics"]),
            "",
            s["email"],
            s["subscribed"],
        ]
        for s in data["subscriptions"]
    ]
    registrations = [
        [
            _("event registration"),
            r["id"],
            r["event"],
            r["accessibility_needs"],
            r["name"],
            r["email"],
            r["registered"],
        ]
        for r in data["registrations"]
    ]
    return csv_bytes([header, *comments, *ideas, *subscriptions, *registrations])


ERASE_MODES = ("anonymise", "delete")


@transaction.atomic
def erase_submissions(*, area: Area, email: str, mode: str) -> dict[str, int]:
    """Erase the author data of ``email`` in ``area`` (``anonymise``) or the contributions
    (``delete``). Returns counts of affected comments and ideas."""
    if mode not in ERASE_MODES:
        raise ValueError(mode)
    email = (email or "").strip()
    if not email:
        return {"comments": 0, "ideas": 0, "subscriptions": 0, "registrations": 0}
    # Subscriptions and registrations exist only for their address: erased in either mode.
    n_subscriptions, _detail = Subscription.objects.filter(area=area, email__iexact=email).delete()
    n_registrations = registration_services.erase(area=area, email=email)
    comments = Comment.objects.filter(area=area, email__iexact=email)
    ideas = Idea.objects.filter(area=area, contact_email__iexact=email)
    n_comments, n_ideas = comments.count(), ideas.count()
    invalidate_area(area)  # erased data must leave the page cache too (update() sends no signals)
    author_blank = {"pseudonym": "", "email": "", "client_hash": ""}
    if mode == "anonymise":
        comments.update(**author_blank)
        ideas.update(contact_name="", contact_email="", client_hash="")
    else:
        with_replies = comments.filter(replies__isnull=False).distinct()
        placeholder_ids = list(with_replies.values_list("pk", flat=True))
        Comment.objects.filter(pk__in=placeholder_ids).update(
            text="",
            official_answer="",
            moderation=Moderation.HIDDEN,
            moderation_reason=_("removed at the author's request"),
            **author_blank,
        )
        comments.exclude(pk__in=placeholder_ids).delete()
        ideas.delete()
    return {
        "comments": n_comments,
        "ideas": n_ideas,
        "subscriptions": n_subscriptions,
        "registrations": n_registrations,
    }
