"""Writes of committee meetings that touch several models: agenda, attendance, decisions with
votes, invitations and follow-up tasks.

Higher apps (the neighbourhood fund) call ``schedule_meeting``, ``add_agenda_item`` and
``record_decision``; they describe their own subjects with ``subject_label``/``subject_url``/
``subject_key`` so this app never imports them. Every function is keyword-only after its main
object, runs in one transaction and raises ``ValidationError`` with a translated message.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actors.models import Committee, CommitteeMembership
from ihk.models import AreaRole

from .meeting_tasks import send_meeting_invitations_task
from .models import (
    AgendaItem,
    AttendanceStatus,
    Decision,
    DecisionOutcome,
    FollowUpTask,
    InvitationState,
    Meeting,
    MeetingAttendance,
    MeetingInvitation,
)


@transaction.atomic
def schedule_meeting(
    *,
    committee: Committee,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime | None = None,
    place: str = "",
    is_public: bool = True,
    invitation_note: str = "",
) -> Meeting:
    """Create a planned meeting of ``committee`` (in the committee's area)."""
    meeting = Meeting(
        area_id=committee.area_id,
        committee=committee,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        is_public=is_public,
        invitation_note=invitation_note,
    )
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def add_agenda_item(
    meeting: Meeting,
    *,
    title: str,
    description: str = "",
    public: bool = True,
    subject_label: str = "",
    subject_url: str = "",
    subject_key: str = "",
    version=None,
    measure=None,
    idea=None,
) -> AgendaItem:
    """Append an item to the agenda of ``meeting``.

    ``version``, ``measure`` and ``idea`` must belong to the meeting's area. ``subject_url`` is a
    path on this site (``/areas/…``); ``subject_key`` lets the calling app find the item again.
    """
    # Lock the meeting row so two appends at the same moment get different positions.
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    last = meeting.agenda_items.aggregate(last=models.Max("position"))["last"] or 0
    item = AgendaItem(
        meeting=meeting,
        position=last + 1,
        title=title,
        description=description,
        is_public=public,
        subject_label=subject_label,
        subject_url=subject_url,
        subject_key=subject_key,
        version=version,
        measure=measure,
        idea=idea,
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def move_agenda_item(item: AgendaItem, *, up: bool) -> None:
    """Swap ``item`` with its neighbour above (``up``) or below; renumbers the agenda 1…n."""
    items = list(item.meeting.agenda_items.select_for_update().order_by("position", "pk"))
    index = next(i for i, row in enumerate(items) if row.pk == item.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
    for position, row in enumerate(items, start=1):
        if row.position != position:
            row.position = position
            row.save(update_fields=["position"])


@transaction.atomic
def remove_agenda_item(item: AgendaItem) -> None:
    """Delete ``item`` (with its decision) and close the gap in the numbering."""
    meeting = item.meeting
    item.delete()
    rows = meeting.agenda_items.select_for_update().order_by("position", "pk")
    for position, row in enumerate(rows, start=1):
        if row.position != position:
            row.position = position
            row.save(update_fields=["position"])


@transaction.atomic
def record_attendance(meeting: Meeting, *, statuses: dict[int, str], guests: int = 0) -> None:
    """Store attendance per membership id (``AttendanceStatus``); memberships left out or given
    an empty status lose their entry. Only current members of the meeting's committee count."""
    allowed = set(meeting.memberships().values_list("pk", flat=True))
    unknown = {pk for pk, status in statuses.items() if status and pk not in allowed}
    if unknown:
        raise ValidationError(_("Only members of this committee can attend."))
    if any(status and status not in AttendanceStatus.values for status in statuses.values()):
        raise ValidationError(_("Choose present, excused or absent."))
    meeting.guests = guests
    meeting.full_clean()
    meeting.save(update_fields=["guests", "updated_at"])
    wanted = {pk: status for pk, status in statuses.items() if status}
    meeting.attendances.exclude(membership_id__in=wanted).delete()
    existing = {row.membership_id: row for row in meeting.attendances.all()}
    for pk, status in wanted.items():
        row = existing.get(pk)
        if row is None:
            MeetingAttendance.objects.create(meeting=meeting, membership_id=pk, status=status)
        elif row.status != status:
            row.status = status
            row.save(update_fields=["status"])


def eligible_voters(meeting: Meeting, *, excluded_ids=()) -> int:
    """Members present, entitled to vote and not excluded for a conflict of interest."""
    return (
        meeting.attendances.filter(status=AttendanceStatus.PRESENT, membership__has_vote=True)
        .exclude(membership_id__in=list(excluded_ids))
        .count()
    )


@transaction.atomic
def record_decision(
    item: AgendaItem,
    *,
    outcome: str,
    votes_for: int = 0,
    votes_against: int = 0,
    abstentions: int = 0,
    excluded_memberships=(),
    reason: str = "",
    conditions: str = "",
) -> Decision:
    """Record (or replace) the decision on ``item``.

    ``excluded_memberships`` are members of the meeting's committee with a conflict of interest:
    they cannot vote, so the votes cast may not exceed the members present, entitled to vote and
    not excluded (attendance must be recorded first). Raises ``ValidationError`` otherwise.
    """
    meeting = item.meeting
    excluded = list(excluded_memberships)
    if any(
        not isinstance(m, CommitteeMembership) or m.committee_id != meeting.committee_id
        for m in excluded
    ):
        raise ValidationError(_("Only members of this committee can be excluded."))
    if outcome not in DecisionOutcome.values:
        raise ValidationError(_("Choose an outcome."))
    votes = [votes_for, votes_against, abstentions]
    if any(not isinstance(v, int) or v < 0 for v in votes):
        raise ValidationError(_("Votes are whole numbers from 0 upwards."))
    eligible = eligible_voters(meeting, excluded_ids=[m.pk for m in excluded])
    if sum(votes) > eligible:
        raise ValidationError(
            _(
                "%(cast)d votes were entered, but only %(eligible)d members present may vote "
                "on this item (members with a conflict of interest excluded)."
            )
            % {"cast": sum(votes), "eligible": eligible}
        )
    decision, _created = Decision.objects.select_for_update().get_or_create(
        agenda_item=item, defaults={"outcome": outcome}
    )
    decision.outcome = outcome
    decision.votes_for, decision.votes_against, decision.abstentions = votes
    decision.reason = reason
    decision.conditions = conditions
    decision.full_clean()
    decision.save()
    decision.excluded_memberships.set(excluded)
    return decision


@transaction.atomic
def queue_invitations(meeting: Meeting, *, now=None) -> list[MeetingInvitation]:
    """One invitation per current member and contact person with an e-mail address; members
    without any address get a ``no_address`` row so the manager sees who was not reached.

    The mails go out in the background (``participation.meeting_tasks``) after commit.
    """
    now = now or timezone.now()
    rows = []
    for membership in meeting.memberships().prefetch_related("actor__contact_persons"):
        contacts = [c for c in membership.actor.contact_persons.all() if c.email]
        if not contacts:
            rows.append(
                MeetingInvitation(
                    meeting=meeting,
                    membership=membership,
                    state=InvitationState.NO_ADDRESS,
                    queued_at=now,
                )
            )
        rows += [
            MeetingInvitation(meeting=meeting, membership=membership, contact=c, queued_at=now)
            for c in contacts
        ]
    MeetingInvitation.objects.bulk_create(rows)
    transaction.on_commit(lambda: send_meeting_invitations_task.enqueue(meeting_id=meeting.pk))
    return rows


def _check_owner(meeting: Meeting, owner_user) -> None:
    if owner_user is None:
        return
    has_role = AreaRole.objects.filter(area_id=meeting.area_id, user=owner_user).exists()
    if not (has_role or owner_user.is_superuser):
        raise ValidationError({"owner_user": _("Choose a person with a role in this area.")})


@transaction.atomic
def add_task(
    meeting: Meeting,
    *,
    title: str,
    agenda_item: AgendaItem | None = None,
    owner_user=None,
    owner_name: str = "",
    due_on: datetime.date | None = None,
) -> FollowUpTask:
    """A follow-up task of ``meeting`` (optionally of one of its agenda items)."""
    _check_owner(meeting, owner_user)
    task = FollowUpTask(
        meeting=meeting,
        agenda_item=agenda_item,
        title=title,
        owner_user=owner_user,
        owner_name=owner_name,
        due_on=due_on,
    )
    task.full_clean()
    task.save()
    return task


def set_task_done(task: FollowUpTask, *, done: bool, now=None) -> FollowUpTask:
    task.done = done
    task.done_at = (now or timezone.now()) if done else None
    task.save(update_fields=["done", "done_at"])
    return task
