"""Demo committee meetings of an area: a held steering group meeting with agenda, attendance,
decisions (one with a member excluded for a conflict of interest), minutes and follow-up tasks,
and a planned district council meeting with its agenda.

``seed(area, scale=...)`` is idempotent (does nothing if the area has meetings) and deterministic.
Runs after the actors and measures demo data (committees, members, measures).
"""

import datetime

from django.utils import timezone

from actors.models import CommitteeKind
from ihk.models import AreaRole, Role
from measures.models import ConceptVersion, Measure

from . import meeting_services as services
from .models import Meeting, MeetingStatus

PUBLIC_MINUTES = (
    "Die Lenkungsgruppe hat den Sachstand der Maßnahmen beraten. Die Umgestaltung des "
    "Marktplatzes wird mit Auflagen zur Barrierefreiheit weitergeführt. Die nächste Sitzung "
    "findet im kommenden Quartal statt."
)
INTERNAL_MINUTES = (
    "Die Grundstücksverhandlungen für die Brachfläche an der Bahnstraße laufen noch; "
    "Stillschweigen bis zum Abschluss vereinbart."
)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(hour, 0), tzinfo=timezone.get_current_timezone()
    )


def seed(area, *, scale: str = "small") -> None:
    if Meeting.objects.filter(area=area).exists():
        return
    committees = {c.kind: c for c in area.committees.order_by("pk")}
    steering = committees.get(CommitteeKind.STEERING_GROUP)
    council = committees.get(CommitteeKind.DISTRICT_COUNCIL)
    if steering is None:
        return
    today = timezone.localdate()
    measures = list(Measure.objects.filter(area=area, is_public=True).order_by("pk")[:2])
    version = ConceptVersion.objects.filter(area=area).order_by("-number").first()
    _held_meeting(area, steering, today - datetime.timedelta(days=20), measures, version)
    if council is not None:
        _planned_meeting(council, today + datetime.timedelta(days=16), measures)


def _held_meeting(area, committee, day, measures, version) -> None:
    meeting = services.schedule_meeting(
        committee=committee,
        title="2. Sitzung der Lenkungsgruppe",
        starts_at=_at(day, 16),
        ends_at=_at(day, 18),
        place="Rathaus, Sitzungssaal 2",
        invitation_note="Bitte bringen Sie die Unterlagen zur Marktplatzplanung mit.",
    )
    members = list(meeting.memberships())
    statuses = {m.pk: "present" for m in members}
    if len(members) > 3:
        statuses[members[-1].pk] = "excused"
    services.record_attendance(meeting, statuses=statuses, guests=3)
    eligible = services.eligible_voters(meeting)

    welcome = services.add_agenda_item(meeting, title="Begrüßung und Genehmigung der Tagesordnung")
    services.record_decision(welcome, outcome="approved", votes_for=eligible)
    first = services.add_agenda_item(
        meeting,
        title="Umgestaltung des Marktplatzes: Vorentwurf",
        description="Das Planungsbüro stellt den Vorentwurf aus der Planungswerkstatt vor.",
        measure=measures[0] if measures else None,
    )
    # The housing company's representative is excluded: it owns a plot next to the square.
    excluded = [m for m in members if m.actor.kind == "housing"][:1]
    voters = services.eligible_voters(meeting, excluded_ids=[m.pk for m in excluded])
    services.record_decision(
        first,
        outcome="approved_conditions",
        votes_for=max(voters - 1, 0),
        abstentions=min(voters, 1),
        excluded_memberships=excluded,
        conditions="Barrierefreie Wege und zusätzliche Sitzgelegenheiten werden eingeplant.",
        reason="Der Entwurf greift die Ergebnisse der Beteiligung auf.",
    )
    if version is not None:
        update = services.add_agenda_item(
            meeting,
            title=f"Fortschreibung des IHK (Fassung {version.number})",
            description="Zeitplan für die Fortschreibung und die öffentliche Beteiligung.",
            version=version,
        )
        services.record_decision(update, outcome="noted")
    internal = services.add_agenda_item(
        meeting, title="Grundstücksangelegenheit Bahnstraße", public=False
    )
    services.record_decision(internal, outcome="deferred", reason="Verhandlungen laufen noch.")

    _minutes_and_tasks(area, meeting, first)


def _minutes_and_tasks(area, meeting, item) -> None:
    meeting.status = MeetingStatus.HELD
    meeting.minutes_public = PUBLIC_MINUTES
    meeting.minutes_internal = INTERNAL_MINUTES
    meeting.minutes_published = True
    meeting.save()

    manager = AreaRole.objects.filter(area=area, role=Role.MANAGER).select_related("user").first()
    services.add_task(
        meeting,
        title="Auflagen zur Barrierefreiheit an das Planungsbüro geben",
        agenda_item=item,
        owner_user=manager.user if manager else None,
        owner_name="" if manager else "Quartiersmanagement",
        due_on=timezone.localdate() + datetime.timedelta(days=10),
    )
    done = services.add_task(
        meeting, title="Protokoll an die Mitglieder versenden", owner_name="Quartiersbüro"
    )
    services.set_task_done(done, done=True)


def _planned_meeting(committee, day, measures) -> None:
    meeting = services.schedule_meeting(
        committee=committee,
        title="Sitzung des Stadtteilbeirats",
        starts_at=_at(day, 18),
        ends_at=_at(day, 20),
        place="Stadtteilzentrum, Lindenstraße 12",
    )
    services.add_agenda_item(meeting, title="Bericht des Quartiersmanagements")
    if len(measures) > 1:
        services.add_agenda_item(
            meeting, title=f"Sachstand: {measures[1].title}", measure=measures[1]
        )
    services.add_agenda_item(meeting, title="Verschiedenes")
