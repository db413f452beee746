"""Open due dates of areas in one list: milestones, notices' spending deadlines and proof-of-use
dates, and the areas' own due dates (reports, programme applications).

::

    open_deadlines(area_ids)  -> QuerySet of tuples (due_on, kind, title, area_id, ref_id, extra)
                                 ordered by date: one UNION query, so a Paginator fetches one page
    resolve(rows, areas)      -> [Deadline] with area, URL and "overdue" for templates and feeds
    digest_deadlines(area_ids, today, days) -> [Deadline] overdue or due within ``days``

Done milestones, done due dates and notices whose proof of use was submitted are not listed.
"""

import datetime
from dataclasses import dataclass

from django.db.models import CharField, Count, F, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import AreaDeadline, GrantNotice, Milestone

KIND_LABELS = {
    "milestone": _("Milestone"),
    "spend_by": _("Spending deadline of a grant notice"),
    "proof_of_use": _("Proof of use due"),
    "report": _("Report due"),
    "application": _("Programme application"),
    "other": _("Due date"),
}


def _kind(value: str):
    return Value(value, output_field=CharField())


def _columns(queryset, due_on, kind, title, area_id, ref_id, extra):
    """The same named columns for every part of the UNION (ordered by name afterwards)."""
    return queryset.annotate(
        d_due=F(due_on),
        d_kind=kind,
        d_title=F(title),
        d_area=F(area_id),
        d_ref=F(ref_id),
        d_extra=extra,
    ).values_list("d_due", "d_kind", "d_title", "d_area", "d_ref", "d_extra")


def open_deadlines(area_ids, *, since=None, until=None):
    """Every open due date of the areas, ordered by date (a lazy UNION queryset of tuples)."""
    milestones = Milestone.objects.filter(measure__area_id__in=area_ids, done=False)
    open_notices = GrantNotice.objects.filter(area_id__in=area_ids, proof_submitted_on__isnull=True)
    own = AreaDeadline.objects.filter(area_id__in=area_ids, done=False)
    parts = []
    for queryset, date_field, columns in (
        (
            milestones,
            "due_on",
            (_kind("milestone"), "title", "measure__area_id", "measure_id", F("measure__title")),
        ),
        (
            open_notices.filter(spend_by__isnull=False),
            "spend_by",
            (_kind("spend_by"), "programme", "area_id", "pk", F("file_number")),
        ),
        (
            open_notices.filter(proof_due_on__isnull=False),
            "proof_due_on",
            (_kind("proof_of_use"), "programme", "area_id", "pk", F("file_number")),
        ),
        (own, "due_on", (F("kind"), "title", "area_id", "pk", _kind(""))),
    ):
        if since is not None:
            queryset = queryset.filter(**{f"{date_field}__gte": since})
        if until is not None:
            queryset = queryset.filter(**{f"{date_field}__lte": until})
        parts.append(_columns(queryset.order_by(), date_field, *columns))
    return parts[0].union(*parts[1:], all=True).order_by("d_due", "d_kind", "d_title")


@dataclass
class Deadline:
    due_on: datetime.date
    kind: str
    title: str
    area: object
    ref_id: int
    extra: str
    overdue: bool

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, KIND_LABELS["other"]))

    @property
    def url(self) -> str:
        slug = self.area.slug
        if self.kind == "milestone":
            return reverse("measures:measure_detail", kwargs={"area_slug": slug, "pk": self.ref_id})
        if self.kind in ("spend_by", "proof_of_use"):
            return reverse("measures:notice_detail", kwargs={"area_slug": slug, "pk": self.ref_id})
        return reverse("measures:deadline_list", kwargs={"area_slug": slug})

    @property
    def uid(self) -> str:
        return f"deadline-{self.kind}-{self.ref_id}"


def resolve(rows, areas, *, today: datetime.date | None = None) -> list[Deadline]:
    """Rows of ``open_deadlines`` (tuples) as ``Deadline`` objects; ``areas`` maps id → Area."""
    today = today or timezone.localdate()
    result = []
    for due_on, kind, title, area_id, ref_id, extra in rows:
        if isinstance(due_on, str):  # SQLite returns dates of a UNION as text
            due_on = datetime.date.fromisoformat(due_on)
        result.append(
            Deadline(
                due_on=due_on,
                kind=kind,
                title=title,
                area=areas[area_id],
                ref_id=ref_id,
                extra=extra or "",
                overdue=due_on < today,
            )
        )
    return result


def digest_deadlines(areas, *, today: datetime.date, days: int = 14) -> list[Deadline]:
    """Open deadlines of ``areas`` that are overdue or due within ``days`` (at most 200)."""
    by_id = {area.pk: area for area in areas}
    rows = open_deadlines(list(by_id), until=today + datetime.timedelta(days=days))[:200]
    return resolve(rows, by_id, today=today)


def overdue_counts(area_ids, *, today: datetime.date) -> dict[int, int]:
    """Number of overdue open deadlines per area: four grouped queries, whatever the areas."""
    counts: dict[int, int] = {}
    notices = GrantNotice.objects.filter(area_id__in=area_ids, proof_submitted_on__isnull=True)
    for queryset, area_field in (
        (
            Milestone.objects.filter(measure__area_id__in=area_ids, done=False, due_on__lt=today),
            "measure__area_id",
        ),
        (notices.filter(spend_by__lt=today), "area_id"),
        (notices.filter(proof_due_on__lt=today), "area_id"),
        (
            AreaDeadline.objects.filter(area_id__in=area_ids, done=False, due_on__lt=today),
            "area_id",
        ),
    ):
        for row in queryset.order_by().values(area_field).annotate(n=Count("pk")):
            counts[row[area_field]] = counts.get(row[area_field], 0) + row["n"]
    return counts
