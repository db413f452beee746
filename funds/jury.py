"""The fund's applications in the deciding committee's meetings (participation's meetings).

An application goes on a meeting's agenda as an item described by label, link and the key
``funds.application:<pk>``, so participation never imports this app. The jury's vote is recorded
on that agenda item through ``participation.meeting_services.record_decision``; members whose
actor is the applicant are excluded from the vote (conflict of interest). The fund keeps its own
decision record (outcome, amount, reason) pointing at the agenda item.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from participation import meeting_services
from participation.models.meetings import AgendaItem, DecisionOutcome, Meeting, MeetingStatus

from .models import Application, Outcome, Status

AGENDA_STATUSES = (Status.SUBMITTED, Status.IN_REVIEW, Status.READY, Status.DEFERRED)
MEETING_OUTCOME = {
    Outcome.APPROVED: DecisionOutcome.APPROVED,
    Outcome.APPROVED_MODIFIED: DecisionOutcome.APPROVED_WITH_CONDITIONS,
    Outcome.REJECTED: DecisionOutcome.REJECTED,
    Outcome.DEFERRED: DecisionOutcome.DEFERRED,
}


def subject_key(application: Application) -> str:
    return f"funds.application:{application.pk}"


def open_meetings(application: Application):
    """Planned meetings of the fund's deciding committee."""
    committee_id = application.fund.committee_id
    if committee_id is None:
        return Meeting.objects.none()
    return Meeting.objects.filter(
        area_id=application.area_id, committee_id=committee_id, status=MeetingStatus.PLANNED
    ).order_by("starts_at", "pk")


def agenda_items(application: Application):
    """The agenda items about this application, newest meeting first."""
    return (
        AgendaItem.objects.filter(
            meeting__area_id=application.area_id, subject_key=subject_key(application)
        )
        .select_related("meeting")
        .order_by("-meeting__starts_at", "-pk")
    )


@transaction.atomic
def agenda_add(*, application: Application, meeting: Meeting) -> AgendaItem:
    if application.status not in AGENDA_STATUSES:
        raise ValidationError(_("Only applications waiting for a decision go on an agenda."))
    if not open_meetings(application).filter(pk=meeting.pk).exists():
        raise ValidationError(_("Choose a planned meeting of the fund's committee."))
    if agenda_items(application).filter(meeting=meeting).exists():
        raise ValidationError(_("The application is already on this meeting's agenda."))
    return meeting_services.add_agenda_item(
        meeting,
        title=_("Neighbourhood fund: %(reference)s %(title)s")
        % {"reference": application.reference, "title": application.title},
        description=application.public_summary,
        # Undecided applications are discussed in the closed part of the meeting.
        public=False,
        subject_label=application.reference,
        subject_url=application.get_absolute_url(),
        subject_key=subject_key(application),
    )


def conflicted_memberships(application: Application, item: AgendaItem) -> list:
    """Members of the meeting's committee whose actor is the applicant: they do not vote."""
    if application.actor_id is None:
        return []
    return list(item.meeting.memberships().filter(actor_id=application.actor_id))


def record_vote(
    *, application: Application, item: AgendaItem, outcome: str, votes, reason: str, conditions: str
):
    """Record the jury's vote on the agenda item (raises ``ValidationError`` if the votes exceed
    the members present and entitled to vote, conflicted members excluded)."""
    if item.subject_key != subject_key(application) or item.meeting.area_id != application.area_id:
        raise ValidationError(_("This agenda item is about another application."))
    return meeting_services.record_decision(
        item,
        outcome=MEETING_OUTCOME[outcome],
        votes_for=votes[0] or 0,
        votes_against=votes[1] or 0,
        abstentions=votes[2] or 0,
        excluded_memberships=conflicted_memberships(application, item),
        reason=reason,
        conditions=conditions,
    )
