"""Demo events of an area: past and upcoming, with attendance, head counts, minutes and results.

``seed(area, scale=...)`` is idempotent (does nothing if the area has events) and deterministic
(fixed random seed; dates are placed relative to today so there are always upcoming events).
Runs after the actors and measures demo data, whose actors, measures and goals it links to.
"""

import datetime
import json
import random
from pathlib import Path

from django.utils import timezone

from ihk.demo import scaled
from measures.models import ConceptVersion, Goal, Measure

from . import demo_meetings
from .models import Attendance, Event, EventFormat, EventResult, HeadCount, HeadCountGroup

TITLES = {
    EventFormat.DISTRICT_CONFERENCE: [
        "Stadtteilkonferenz: Bilanz und Ausblick",
        "Stadtteilkonferenz zum Handlungskonzept",
        "Stadtteilkonferenz Frühjahr",
        "Stadtteilkonferenz Herbst",
    ],
    EventFormat.CITIZENS_ASSEMBLY: [
        "Bürgerversammlung zur Umgestaltung des Marktplatzes",
        "Bürgerversammlung: Fortschreibung des Handlungskonzepts",
        "Einwohnerversammlung Verkehr und Parken",
    ],
    EventFormat.WORKSHOP: [
        "Workshop Nachbarschaftstreff",
        "Zukunftswerkstatt Jugend im Quartier",
        "Workshop Klimaanpassung im Hof",
        "Workshop Lokale Ökonomie",
    ],
    EventFormat.PLANNING_WORKSHOP: [
        "Planungswerkstatt Spielplatz Lindenpark",
        "Planungswerkstatt Quartiersplatz",
        "Planungswerkstatt Schulhof als Stadtteilpark",
    ],
    EventFormat.WALK: [
        "Stadtteilspaziergang: Angsträume und dunkle Ecken",
        "Barrierefreiheits-Check mit Seniorinnen und Senioren",
        "Kinderstadtplan-Spaziergang",
    ],
    EventFormat.ACTIVATING_SURVEY: [
        "Aktivierende Befragung Hochhaussiedlung",
        "Haustürgespräche Gartenstraße",
    ],
    EventFormat.COMMITTEE_MEETING: [
        "Sitzung des Quartiersbeirats",
        "Lenkungsrunde Soziale Stadt",
        "Sitzung der Jury Verfügungsfonds",
    ],
    EventFormat.INFO_STAND: [
        "Infostand auf dem Wochenmarkt",
        "Infostand beim Stadtteilfest",
    ],
    EventFormat.ONLINE: [
        "Online-Dialog zum Handlungskonzept",
        "Digitale Sprechstunde Quartiersmanagement",
    ],
    EventFormat.OTHER: [
        "Nachbarschaftsfrühstück mit Ideenwand",
        "Mitmach-Aktion Frühjahrsputz",
    ],
}

PLACES = [
    "Stadtteilzentrum, Lindenstraße 12",
    "Gemeindehaus St. Marien, Kirchweg 3",
    "Aula der Grundschule am Park",
    "Jugendclub „Kompass“, Gartenstraße 40",
    "Marktplatz, vor der Bäckerei",
    "Quartiersbüro, Ahornweg 5",
    "Online (Zugangsdaten nach Anmeldung)",
]

TARGET_GROUPS = [
    "Alle Bewohnerinnen und Bewohner",
    "Jugendliche von 12 bis 21 Jahren",
    "Seniorinnen und Senioren",
    "Familien mit Kindern",
    "Gewerbetreibende und Eigentümer",
    "Einrichtungen, Vereine und Initiativen",
]

DESCRIPTIONS = [
    "Wir stellen den Stand der Planung vor und sammeln Ihre Hinweise. "
    "Für Kinderbetreuung und Getränke ist gesorgt.",
    "Gemeinsam mit Fachleuten der Stadt entwickeln wir Ideen weiter. "
    "Eine Anmeldung ist nicht nötig; der Raum ist barrierefrei.",
    "Sie kennen Ihr Quartier am besten. Bringen Sie Ihre Ideen, Sorgen und Wünsche mit.",
]

# Results with the keywords that tie each to fitting measures and goals (demo_data/events.json).
RESULTS = json.loads((Path(__file__).parent / "demo_data" / "events.json").read_text("utf-8"))[
    "results"
]


def _matching(rows, keywords):
    """The rows whose title contains one of ``keywords`` (case-insensitive)."""
    keywords = [word.casefold() for word in keywords]
    return [row for row in rows if any(word in row.title.casefold() for word in keywords)]


MINUTES = (
    "1. Begrüßung durch das Quartiersmanagement\n"
    "2. Vorstellung des Planungsstands\n"
    "3. Arbeit in Kleingruppen an Stellwänden\n"
    "4. Vorstellung der Ergebnisse und nächste Schritte\n\n"
    "Die Teilnehmenden haben vor allem Aufenthaltsqualität, Sicherheit und Angebote für "
    "Jugendliche angesprochen. Die Hinweise werden in die weitere Planung übernommen."
)


def _working_day(day: datetime.date, *, weekend: bool) -> datetime.date:
    """Move a date off the Christmas holidays, to a Saturday (``weekend``) or a weekday."""
    if (day.month == 12 and day.day >= 20) or (day.month == 1 and day.day <= 6):
        day = datetime.date(day.year + (day.month == 12), 1, 8)
    if weekend:
        return day + datetime.timedelta(days=(5 - day.weekday()) % 7)
    if day.weekday() >= 5:
        return day + datetime.timedelta(days=7 - day.weekday())
    return day


def seed(area, *, scale: str) -> None:
    """Create demo events for ``area``; ``scale == "large"`` gives 80 events, else 18.

    Also seeds the committee meetings (``demo_meetings``, idempotent on its own)."""
    demo_meetings.seed(area, scale=scale)
    if Event.objects.filter(area=area).exists():
        return
    rng = random.Random(5150)
    total = scaled(scale, 80, small=18)
    upcoming = scaled(scale, 12, small=6)
    actors = list(area.actors.order_by("pk"))
    measures = list(Measure.objects.filter(area=area).order_by("pk"))
    goals = list(Goal.objects.filter(action_field__version__area=area).order_by("pk"))
    versions = list(ConceptVersion.objects.filter(area=area).order_by("number"))
    formats = list(TITLES)

    for index in range(total):
        fmt = formats[index % len(formats)] if index < len(formats) else rng.choice(formats)
        past = index >= upcoming
        day, starts, ends = _event_time(index, fmt, past=past, upcoming=upcoming, total=total)
        version = None
        if versions:
            version = next((v for v in reversed(versions) if v.as_of <= day), versions[0])
        event = Event.objects.create(
            area=area,
            version=version,
            format=fmt,
            title=rng.choice(TITLES[fmt]),
            starts_at=starts,
            ends_at=ends,
            place=rng.choice(PLACES) if fmt != EventFormat.ONLINE else "Online",
            target_groups=rng.choice(TARGET_GROUPS),
            description=rng.choice(DESCRIPTIONS),
            minutes=MINUTES if past else "",
            minutes_public=past and rng.random() < 0.7,
            is_public=fmt != EventFormat.COMMITTEE_MEETING or rng.random() < 0.5,
        )
        if not past:
            continue
        _seed_turnout(event, rng, actors)
        _seed_results(event, rng, measures, goals)


def _event_time(index, fmt, *, past, upcoming, total):
    """Day, start and end of the demo's ``index``-th event: upcoming ones every 11 days from
    next week, past ones spread over two and a half years, on a fitting weekday."""
    today = timezone.localdate()
    if past:
        day = today - datetime.timedelta(days=7 + (index - upcoming) * (900 // total))
    else:
        day = today + datetime.timedelta(days=5 + index * 11)
    weekend = fmt in (EventFormat.INFO_STAND, EventFormat.WALK)
    moved = _working_day(day, weekend=weekend)
    if past and moved >= today:
        moved = _working_day(day - datetime.timedelta(days=21), weekend=weekend)
    hour = 10 if weekend else 18
    starts = datetime.datetime.combine(
        moved, datetime.time(hour, 0), tzinfo=timezone.get_current_timezone()
    )
    ends = starts + datetime.timedelta(hours=2 if fmt != EventFormat.INFO_STAND else 4)
    return moved, starts, ends


def _seed_turnout(event, rng, actors) -> None:
    """Which actors came, and head counts by group."""
    if actors:
        chosen = rng.sample(actors, min(len(actors), rng.randint(2, 9)))
        Attendance.objects.bulk_create([Attendance(event=event, actor=actor) for actor in chosen])
    groups = rng.sample(list(HeadCountGroup.values), rng.randint(1, 4))
    HeadCount.objects.bulk_create(
        [HeadCount(event=event, group=g, count=rng.randint(3, 60)) for g in groups]
    )


def _seed_results(event, rng, measures, goals) -> None:
    """Up to three results, each linked to a measure (or goal) it is about."""
    for _ in range(rng.randint(0, 3)):
        result = rng.choice(RESULTS)
        # A result belongs to a measure (or goal) it is about, never to a random one.
        fitting = _matching(measures, result["measure_keywords"])
        measure = rng.choice(fitting) if fitting and rng.random() < 0.75 else None
        goals_fitting = _matching(goals, result["goal_keywords"])
        goal = rng.choice(goals_fitting) if goals_fitting and measure is None else None
        if measure is None and goal is None:
            continue
        EventResult.objects.create(
            event=event,
            text=result["text"],
            measure=measure,
            goal=goal,
            outcome=result["outcome"],
            reason=result["reason"],
        )
