"""Demo data of the concept: the IHK of the fictional Gartenstadt-Nord (Musterstadt).

Version 1 (Erstfassung 2022, superseded) and version 2 (Fortschreibung 2025, current) with eight
typical Soziale-Stadt fields of action, goals with indicators and measured values, about 25
measures with timelines 2022–2030, milestones, financing rows and continuation plans, and the
area's continuation elements. Measures are first stored as they stood in 2022 and brought to
their 2025 state after the Fortschreibung was started, so the version comparison shows real
changes. ``scale="large"`` adds generated measures up to 200. Idempotent and deterministic.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction

from ihk.demo import scaled

from . import services
from .models import (
    ActionField,
    ConceptVersion,
    ContinuationElement,
    ContinuationKind,
    ContinuationState,
    FinancingRow,
    FinancingSource,
    FinancingState,
    FundingItem,
    Goal,
    Indicator,
    IndicatorValue,
    Measure,
    MeasureStatus,
    Milestone,
    Priority,
    VersionKind,
    VersionStatus,
)

REFERENCE = datetime.date(2025, 10, 1)  # the state of affairs the demo describes
D = datetime.date

VISION_1 = (
    "Die Gartenstadt-Nord ist ein lebenswertes, grünes und solidarisches Quartier, in dem "
    "Menschen aller Generationen und Herkunft gut zusammenleben, gute Bildungschancen haben "
    "und sich für ihre Nachbarschaft einsetzen."
)
VISION_2 = VISION_1 + (
    " Bis 2030 ist das Quartier klimaangepasst, sicher und barrierearm erreichbar und verfügt "
    "über tragfähige Strukturen, die auch nach dem Ende der Förderung weiterbestehen."
)
SWOT = {
    "strengths": "Viel Grün zwischen den Zeilenbauten; engagierte Vereine und Kirchengemeinden; "
    "kommunale Wohnungsgesellschaft als verlässlicher Partner; gute Anbindung an die "
    "Straßenbahn.",
    "weaknesses": "Sanierungsbedürftige Wohnungsbestände und Freiflächen; hoher Anteil von "
    "Haushalten im Transferbezug; Leerstand in der Ladenzeile Birkenstraße; wenige "
    "Treffpunkte für Jugendliche.",
    "opportunities": "Programm Sozialer Zusammenhalt; Modernisierungsprogramm der "
    "Wohnungsgesellschaft; neue Ganztagsangebote der Grundschule; Klimaanpassungsmittel "
    "von Bund und Land.",
    "risks": "Steigende Mieten nach Modernisierung; Hitzebelastung im Sommer; Rückzug "
    "von Ehrenamtlichen; Verstetigung von Angeboten nach Förderende ungesichert.",
}

# Fields of action of version 1: (title, description, goals). Each goal: (title, indicators);
# each indicator: (name, unit, baseline, target, values 2022–2024).
FIELDS = [
    (
        "Wohnen und Wohnumfeld",
        "Wohnungen, Höfe, Plätze und Spielflächen so gestalten, dass sie zum Aufenthalt einladen.",
        [
            (
                "Wohnumfeld und öffentliche Räume aufwerten",
                [("Neu gestaltete Freiflächen", "m²", 0, 12000, [1500, 4200, 6800])],
            ),
            (
                "Nachbarschaftskonflikte früh klären",
                [("Beratungsfälle Mieterberatung pro Jahr", "Fälle", 40, 120, [55, 80, 96])],
            ),
        ],
    ),
    (
        "Bildung",
        "Bildungsketten von der Kita bis zum Übergang in den Beruf stärken.",
        [
            (
                "Bildungschancen von Kindern verbessern",
                [("Kinder mit Sprachförderbedarf bei der Einschulung", "%", 38, 28, [37, 35, 34])],
            ),
            (
                "Eltern in die Bildungsarbeit einbinden",
                [("Teilnehmende Eltern im Sprachcafé", "Personen", 0, 60, [18, 31, 44])],
            ),
        ],
    ),
    (
        "Integration und Nachbarschaft",
        "Begegnung ermöglichen, Engagement fördern und Teilhabe für alle sichern.",
        [
            (
                "Nachbarschaftliches Engagement stärken",
                [("Aktive Ehrenamtliche", "Personen", 45, 120, [52, 70, 88])],
            ),
            (
                "Treffpunkte für alle Generationen schaffen",
                [
                    (
                        "Nutzungsstunden im Stadtteilzentrum pro Woche",
                        "Stunden",
                        20,
                        60,
                        [22, 30, 41],
                    )
                ],
            ),
        ],
    ),
    (
        "Lokale Ökonomie",
        "Die Ladenzeile beleben und Gründungen aus dem Quartier unterstützen.",
        [
            (
                "Leerstand in der Ladenzeile Birkenstraße abbauen",
                [("Leerstehende Ladenlokale", "Anzahl", 9, 3, [9, 8, 7])],
            ),
        ],
    ),
    (
        "Gesundheit und Bewegung",
        "Gesundheitsangebote bekannter machen und Bewegung im Alltag fördern.",
        [
            (
                "Bewegung im öffentlichen Raum fördern",
                [
                    (
                        "Nutzerinnen und Nutzer Bewegungsangebote pro Monat",
                        "Personen",
                        60,
                        250,
                        [80, 120, 190],
                    )
                ],
            ),
            (
                "Zugang zu Gesundheitsangeboten erleichtern",
                [
                    (
                        "Beratungen durch Gesundheitslotsen pro Jahr",
                        "Beratungen",
                        0,
                        300,
                        [40, 110, 150],
                    )
                ],
            ),
        ],
    ),
    (
        "Klima und Umwelt",
        "Das Quartier an Hitze und Starkregen anpassen und Ressourcen schonen.",
        [
            (
                "Flächen entsiegeln und Grün mehren",
                [("Entsiegelte Fläche", "m²", 0, 5000, [0, 600, 1400])],
            ),
        ],
    ),
    (
        "Image und Öffentlichkeitsarbeit",
        "Das Quartier nach innen und außen positiv darstellen.",
        [
            (
                "Die Gartenstadt-Nord positiv sichtbar machen",
                [("Auflage der Stadtteilzeitung", "Exemplare", 0, 6000, [3000, 4500, 5000])],
            ),
        ],
    ),
]
NEW_FIELD = (
    "Mobilität und Verkehr",
    "Sichere, barrierearme Wege und klimafreundliche Mobilität im Quartier.",
    [
        (
            "Schulwege sicherer machen",
            [("Gefahrenstellen auf Schulwegen", "Anzahl", 14, 4, [])],
        )
    ],
)

# Measures: (title, field index, funding item, priority, planned start, planned end,
#            climate, cost per year in EUR, lead actor kinds, description, only in version 2)
MEASURES = [
    (
        "Umgestaltung Quartiersplatz Lindenhof",
        0,
        FundingItem.PUBLIC_SPACE,
        Priority.HIGH,
        D(2022, 9, 1),
        D(2026, 6, 30),
        True,
        180000,
        ["city_department"],
        "Der zentrale Platz wird mit Bäumen, Sitzgelegenheiten, Wasserspiel und "
        "Fahrradbügeln neu gestaltet; die Planung entstand in zwei Planungswerkstätten.",
        False,
    ),
    (
        "Hof- und Fassadenprogramm Gartenstadt-Nord",
        0,
        FundingItem.COURTYARD_FACADE,
        Priority.MEDIUM,
        D(2022, 4, 1),
        D(2029, 12, 31),
        True,
        60000,
        ["housing"],
        "Zuschüsse für private Eigentümerinnen und Eigentümer zur Begrünung von Höfen und zur "
        "Gestaltung von Fassaden.",
        False,
    ),
    (
        "Spielplatz Ahornweg – Neugestaltung mit Kindern",
        0,
        FundingItem.PUBLIC_SPACE,
        Priority.MEDIUM,
        D(2023, 3, 1),
        D(2025, 5, 31),
        False,
        95000,
        ["city_department"],
        "Kinder aus Kita und Grundschule planen den neuen Spielplatz mit.",
        False,
    ),
    (
        "Mieterberatung und Nachbarschaftsschlichtung",
        0,
        FundingItem.QUARTER_MANAGEMENT,
        Priority.MEDIUM,
        D(2022, 1, 1),
        D(2027, 12, 31),
        False,
        25000,
        ["social_agency"],
        "Offene Sprechstunde und Schlichtung bei Konflikten in der Hausgemeinschaft.",
        False,
    ),
    (
        "Lernwerkstatt Nord an der Grundschule Am Park",
        1,
        FundingItem.BUILDINGS,
        Priority.HIGH,
        D(2022, 8, 1),
        D(2027, 7, 31),
        False,
        40000,
        ["school"],
        "Nachmittags- und Ferienangebote in einer offenen Lernwerkstatt.",
        False,
    ),
    (
        "Sprachcafé für Eltern",
        1,
        FundingItem.OTHER,
        Priority.MEDIUM,
        D(2022, 10, 1),
        D(2026, 12, 31),
        False,
        12000,
        ["association", "school"],
        "Wöchentliches Sprachcafé mit Kinderbetreuung im Familienzentrum.",
        False,
    ),
    (
        "Ausbau Familienzentrum Kita Sonnenblume",
        1,
        FundingItem.BUILDINGS,
        Priority.HIGH,
        D(2024, 2, 1),
        D(2027, 3, 31),
        True,
        210000,
        ["school", "religious"],
        "Anbau eines Elterncafés und eines Beratungsraums; Dach mit Photovoltaik.",
        False,
    ),
    (
        "Hausaufgabenhilfe im Stadtteilzentrum",
        1,
        FundingItem.OTHER,
        Priority.LOW,
        D(2022, 9, 1),
        D(2030, 7, 31),
        False,
        9000,
        ["association"],
        "Ehrenamtliche Hausaufgabenhilfe an vier Nachmittagen pro Woche.",
        False,
    ),
    (
        "Quartiersmanagement Gartenstadt-Nord",
        2,
        FundingItem.QUARTER_MANAGEMENT,
        Priority.HIGH,
        D(2022, 1, 1),
        D(2030, 12, 31),
        False,
        140000,
        ["social_agency"],
        "Vor-Ort-Büro des Quartiersmanagements mit zwei Stellen.",
        False,
    ),
    (
        "Verfügungsfonds Gartenstadt-Nord",
        2,
        FundingItem.NEIGHBOURHOOD_FUND,
        Priority.MEDIUM,
        D(2022, 3, 1),
        D(2030, 12, 31),
        False,
        15000,
        ["initiative"],
        "Kleine Projekte aus der Nachbarschaft, über die das Vergabegremium entscheidet.",
        False,
    ),
    (
        "Interkulturelles Nachbarschaftsfest",
        2,
        FundingItem.OTHER,
        Priority.LOW,
        D(2022, 6, 1),
        D(2030, 9, 30),
        False,
        6000,
        ["association", "religious"],
        "Jährliches Fest auf dem Lindenhof, organisiert von Vereinen und Gemeinden.",
        False,
    ),
    (
        "Stadtteilzentrum „Nordlicht“ – Umbau und Öffnung",
        2,
        FundingItem.BUILDINGS,
        Priority.HIGH,
        D(2023, 1, 1),
        D(2027, 6, 30),
        True,
        320000,
        ["city_department"],
        "Umbau des ehemaligen Jugendhauses zum offenen Stadtteilzentrum.",
        False,
    ),
    (
        "Leerstandsmanagement Ladenzeile Birkenstraße",
        3,
        FundingItem.OTHER,
        Priority.MEDIUM,
        D(2023, 4, 1),
        D(2026, 12, 31),
        False,
        30000,
        ["business"],
        "Zwischennutzungen, Eigentümergespräche und Vermittlung von Mietinteressierten.",
        False,
    ),
    (
        "Gründungsberatung im Quartier",
        3,
        FundingItem.OTHER,
        Priority.LOW,
        D(2024, 1, 1),
        D(2028, 12, 31),
        False,
        18000,
        ["business", "association"],
        "Monatliche Sprechstunde der Wirtschaftsförderung im Stadtteilzentrum.",
        False,
    ),
    (
        "Bewegungsparcours im Grünzug Nord",
        4,
        FundingItem.PUBLIC_SPACE,
        Priority.MEDIUM,
        D(2023, 5, 1),
        D(2025, 4, 30),
        False,
        85000,
        ["city_department"],
        "Outdoor-Fitnessgeräte und ein Rundweg mit Entfernungsangaben.",
        False,
    ),
    (
        "Gesundheitslotsinnen und -lotsen",
        4,
        FundingItem.OTHER,
        Priority.MEDIUM,
        D(2022, 7, 1),
        D(2026, 6, 30),
        False,
        22000,
        ["social_agency"],
        "Geschulte Bewohnerinnen und Bewohner begleiten zu Gesundheitsangeboten.",
        False,
    ),
    (
        "Offene Sporthalle am Wochenende",
        4,
        FundingItem.OTHER,
        Priority.LOW,
        D(2022, 10, 1),
        D(2024, 12, 31),
        False,
        8000,
        ["association"],
        "Offene Sportangebote für Jugendliche am Wochenende in der Schulturnhalle.",
        False,
    ),
    (
        "Entsiegelung Schulhof Am Park",
        5,
        FundingItem.PUBLIC_SPACE,
        Priority.HIGH,
        D(2024, 3, 1),
        D(2026, 10, 31),
        True,
        150000,
        ["school", "city_department"],
        "Der asphaltierte Schulhof wird entsiegelt, begrünt und als Spielfläche geöffnet.",
        False,
    ),
    (
        "Gemeinschaftsgarten „Grüne Ecke“",
        5,
        FundingItem.OTHER,
        Priority.LOW,
        D(2022, 4, 1),
        D(2025, 10, 31),
        True,
        7000,
        ["initiative"],
        "Hochbeete und Gartengruppe auf einer Brachfläche der Wohnungsgesellschaft.",
        False,
    ),
    (
        "Stadtteilzeitung „Nordblick“",
        6,
        FundingItem.PUBLIC_RELATIONS,
        Priority.MEDIUM,
        D(2022, 5, 1),
        D(2030, 12, 31),
        False,
        14000,
        ["association"],
        "Viermal im Jahr erscheinende Stadtteilzeitung mit Redaktion aus der Nachbarschaft.",
        False,
    ),
    (
        "Stadtteilwebsite und Social Media",
        6,
        FundingItem.PUBLIC_RELATIONS,
        Priority.LOW,
        D(2022, 2, 1),
        D(2030, 12, 31),
        False,
        5000,
        ["social_agency"],
        "Terminkalender, Projektseiten und Beteiligungsaufrufe online.",
        False,
    ),
    (
        "Fotoprojekt „Gesichter der Gartenstadt“",
        6,
        FundingItem.PUBLIC_RELATIONS,
        Priority.LOW,
        D(2023, 3, 1),
        D(2024, 9, 30),
        False,
        9000,
        ["association"],
        "Porträts von Bewohnerinnen und Bewohnern als Ausstellung im Quartier.",
        False,
    ),
    (
        "Wochenmarkt am Lindenhof",
        3,
        FundingItem.OTHER,
        Priority.MEDIUM,
        D(2025, 4, 1),
        D(2027, 12, 31),
        False,
        20000,
        ["business"],
        "Ein wöchentlicher Markt auf dem neu gestalteten Lindenhof.",
        True,
    ),
    (
        "Stadtbäume für die Birkenstraße",
        5,
        FundingItem.PUBLIC_SPACE,
        Priority.HIGH,
        D(2025, 9, 1),
        D(2028, 11, 30),
        True,
        120000,
        ["city_department"],
        "24 neue Straßenbäume mit Baumrigolen zur Regenwasserversickerung.",
        True,
    ),
    (
        "Energieberatung für Haushalte",
        5,
        FundingItem.OTHER,
        Priority.MEDIUM,
        D(2025, 6, 1),
        D(2029, 12, 31),
        True,
        16000,
        ["social_agency"],
        "Stromspar-Checks und Beratung zu Heizkosten für Haushalte mit geringem Einkommen.",
        True,
    ),
    (
        "Sichere Schulwege",
        7,
        FundingItem.PUBLIC_SPACE,
        Priority.HIGH,
        D(2025, 8, 1),
        D(2028, 7, 31),
        False,
        90000,
        ["city_department", "school"],
        "Querungshilfen, Tempo-30-Zonen und Schulwegpläne, erarbeitet mit Kindern.",
        True,
    ),
    (
        "Fahrradwerkstatt im Quartier",
        7,
        FundingItem.OTHER,
        Priority.LOW,
        D(2026, 3, 1),
        D(2027, 12, 31),
        True,
        11000,
        ["initiative"],
        "Selbsthilfewerkstatt mit Reparaturkursen für Jugendliche.",
        True,
    ),
]
DROPPED_IN_V2 = "Offene Sporthalle am Wochenende"

CONTINUATION_ELEMENTS = [
    (
        ContinuationKind.PLACE,
        "Stadtteilzentrum „Nordlicht“",
        "city_department",
        "Haushalt Jugend- und Sozialamt",
        Decimal("85000"),
        D(2031, 1, 1),
        ContinuationState.AGREED,
    ),
    (
        ContinuationKind.STRUCTURE,
        "Stadtteilbeirat Gartenstadt-Nord",
        "politics",
        "Geschäftsstelle beim Bezirksamt",
        Decimal("4000"),
        D(2031, 1, 1),
        ContinuationState.SECURED,
    ),
    (
        ContinuationKind.FUND,
        "Nachbarschaftsfonds (Nachfolge des Verfügungsfonds)",
        "housing",
        "Stiftung der Wohnungsgesellschaft",
        Decimal("10000"),
        D(2031, 1, 1),
        ContinuationState.IDEA,
    ),
    (
        ContinuationKind.PROJECT,
        "Lernwerkstatt Nord",
        "school",
        "Ganztagsmittel des Landes",
        Decimal("25000"),
        D(2027, 8, 1),
        ContinuationState.AGREED,
    ),
    (
        ContinuationKind.CONTACT,
        "Ansprechperson Quartiersarbeit",
        "social_agency",
        "Gemeinwesenarbeit des Trägers, kommunal kofinanziert",
        Decimal("55000"),
        D(2031, 1, 1),
        ContinuationState.IDEA,
    ),
    (
        ContinuationKind.PROJECT,
        "Gemeinschaftsgarten „Grüne Ecke“",
        "initiative",
        "Ehrenamt, Pacht durch die Wohnungsgesellschaft erlassen",
        Decimal("0"),
        D(2025, 11, 1),
        ContinuationState.SECURED,
    ),
]

GENERATED_TOPICS = [
    ("Nachbarschaftstreff", 2),
    ("Ferienprogramm", 1),
    ("Hofbegrünung", 0),
    ("Sprachkurs", 1),
    ("Seniorencafé", 2),
    ("Bewegungsangebot", 4),
    ("Baumpatenschaft", 5),
    ("Reparaturcafé", 5),
    ("Ladenzwischennutzung", 3),
    ("Kiezspaziergang", 6),
    ("Radfahrkurs", 7),
    ("Lesepatenschaft", 1),
]
STREETS = ["Ahornweg", "Birkenstraße", "Lindenhof", "Ulmenallee", "Eschenring", "Kastanienplatz"]


def _status_for(start, end):
    if end < REFERENCE:
        return MeasureStatus.COMPLETED, 100
    if start <= REFERENCE:
        share = (REFERENCE - start).days / max((end - start).days, 1)
        return MeasureStatus.RUNNING, max(5, min(95, int(share * 100) // 5 * 5))
    if (start - REFERENCE).days < 180:
        return MeasureStatus.PREPARATION, 0
    return MeasureStatus.PLANNED, 0


def _row_state(year, final):
    if not final:
        return FinancingState.PLANNED if year > 2022 else FinancingState.APPROVED
    if year <= 2023:
        return FinancingState.SETTLED
    if year == 2024:
        return FinancingState.PAID
    if year == 2025:
        return FinancingState.APPROVED
    if year == 2026:
        return FinancingState.APPLIED
    return FinancingState.PLANNED


def _pick_actor(actors_by_kind, all_actors, kinds, rng):
    for kind in kinds:
        if actors_by_kind.get(kind):
            return rng.choice(actors_by_kind[kind])
    return rng.choice(all_actors) if all_actors else None


def _financing(measure, per_year, rng, actors, final):
    """Städtebauförderung thirds (Bund/Land/Kommune), sometimes third-party money or own
    resources of an actor."""
    rows = []
    for year in range(measure.planned_start.year, measure.planned_end.year + 1):
        amount = Decimal(per_year) * Decimal(rng.choice([80, 90, 100, 110, 120])) / 100
        third = (amount / 3).quantize(Decimal("1"))
        state = _row_state(year, final)
        for source in (FinancingSource.FEDERAL, FinancingSource.STATE, FinancingSource.MUNICIPAL):
            rows.append(
                FinancingRow(measure=measure, year=year, source=source, state=state, amount=third)
            )
        if rng.random() < 0.25:
            rows.append(
                FinancingRow(
                    measure=measure,
                    year=year,
                    source=FinancingSource.THIRD_PARTY,
                    state=state,
                    amount=(amount * Decimal("0.1")).quantize(Decimal("1")),
                    note="Stiftung Lebendige Nachbarschaft",
                )
            )
        if actors and rng.random() < 0.3:
            rows.append(
                FinancingRow(
                    measure=measure,
                    year=year,
                    source=FinancingSource.OWN_RESOURCES,
                    state=state,
                    actor=rng.choice(actors),
                    in_kind=True,
                    amount=Decimal(rng.choice([500, 1000, 1500, 2500])),
                    note="Ehrenamtliche Arbeitsstunden",
                )
            )
    return rows


def _add_field(version, order, title, description, goals, with_values=True):
    field = ActionField.objects.create(
        version=version, title=title, description=description, order=order
    )
    created = []
    for goal_order, (goal_title, indicators) in enumerate(goals):
        goal = Goal.objects.create(action_field=field, title=goal_title, order=goal_order)
        created.append(goal)
        for name, unit, baseline, target, values in indicators:
            indicator = Indicator.objects.create(
                goal=goal,
                name=name,
                unit=unit,
                baseline_value=Decimal(baseline),
                baseline_on=D(2021, 12, 31),
                target_value=Decimal(target),
                target_on=D(2029, 12, 31),
            )
            if with_values:
                IndicatorValue.objects.bulk_create(
                    IndicatorValue(
                        indicator=indicator, measured_on=D(2022 + i, 12, 31), value=Decimal(v)
                    )
                    for i, v in enumerate(values)
                )
    return field, created


@transaction.atomic
def seed(area, *, scale: str) -> None:
    if ConceptVersion.objects.filter(area=area).exists():
        return
    rng = random.Random(4711)
    all_actors = list(area.actors.order_by("name"))
    organisations = [a for a in all_actors if a.kind != "resident"] or all_actors
    by_kind = {}
    for actor in organisations:
        by_kind.setdefault(actor.kind, []).append(actor)

    # Version 1: the Erstfassung of 2022, as it stood then.
    v1 = ConceptVersion.objects.create(
        area=area,
        number=1,
        kind=VersionKind.INITIAL,
        status=VersionStatus.ADOPTED,
        is_current=True,
        as_of=D(2022, 3, 15),
        council_decision_on=D(2022, 6, 23),
        vision=VISION_1,
        **SWOT,
    )
    fields, goals = [], []
    for order, (title, description, goal_rows) in enumerate(FIELDS):
        field, created = _add_field(v1, order, title, description, goal_rows)
        if organisations:
            field.actors.set(rng.sample(organisations, min(3, len(organisations))))
        fields.append(field)
        goals.append(created)
    # A subgoal, to show the goal hierarchy.
    Goal.objects.create(
        action_field=fields[1],
        parent=goals[1][0],
        order=5,
        title="Mehr Kinder besuchen vor der Einschulung mindestens zwei Jahre eine Kita",
    )

    measures = {}
    for (
        title,
        field_index,
        item,
        priority,
        start,
        end,
        climate,
        per_year,
        kinds,
        description,
        only_v2,
    ) in MEASURES:
        if only_v2:
            continue
        lead = _pick_actor(by_kind, organisations, kinds, rng)
        measure = Measure.objects.create(
            area=area,
            title=title,
            description=description,
            funding_item=item,
            priority=priority,
            climate_relevant=climate,
            status=MeasureStatus.PLANNED,
            progress=0,
            planned_start=start,
            planned_end=end,
            lead_actor=lead,
            location=f"{rng.choice(STREETS)}, Gartenstadt-Nord",
        )
        measure.action_fields.add(fields[field_index])
        measure.goals.add(goals[field_index][0])
        for row in _financing(measure, per_year, random.Random(title), organisations, False):
            row.save()  # one by one, so the history knows the 2022 amounts
        measures[title] = (measure, per_year)

    # Version 2: the Fortschreibung of 2025, started from version 1.
    v2 = services.start_update(version=v1)
    v2.as_of, v2.council_decision_on, v2.vision = D(2025, 3, 1), D(2025, 5, 15), VISION_2
    v2.status = VersionStatus.ADOPTED
    v2.risks = SWOT["risks"] + " Kostensteigerungen im Bau verzögern investive Maßnahmen."
    v2.save()
    services.make_current(version=v2)
    v1.refresh_from_db()
    v1.status = VersionStatus.SUPERSEDED
    v1.save()
    v2_fields = list(v2.action_fields.order_by("order"))
    new_field, new_goals = _add_field(v2, len(v2_fields), *NEW_FIELD, with_values=False)
    v2_fields.append(new_field)
    v2_goals = {f.pk: list(f.goals.order_by("order", "pk")) for f in v2_fields}
    for indicator in Indicator.objects.filter(goal__action_field__version=v2):
        last = indicator.values.order_by("-measured_on").first()
        if last is not None:
            step = (indicator.target_value - indicator.baseline_value) / 8
            IndicatorValue.objects.create(
                indicator=indicator,
                measured_on=D(2025, 6, 30),
                value=(last.value + step * Decimal(rng.choice([0.5, 1, 1.5]))).quantize(
                    Decimal("1")
                ),
                note="Halbjahreserhebung",
            )

    # The measures as they stand in 2025 (changes after the Fortschreibung was started).
    for (
        title,
        field_index,
        item,
        priority,
        start,
        end,
        climate,
        per_year,
        kinds,
        description,
        only_v2,
    ) in MEASURES:
        field = v2_fields[field_index]
        if only_v2:
            lead = _pick_actor(by_kind, organisations, kinds, rng)
            measure = Measure.objects.create(
                area=area,
                title=title,
                description=description,
                funding_item=item,
                priority=priority,
                climate_relevant=climate,
                planned_start=start,
                planned_end=end,
                lead_actor=lead,
                location=f"{rng.choice(STREETS)}, Gartenstadt-Nord",
            )
            measure.action_fields.add(field)
            measure.goals.add(v2_goals[field.pk][0])
        else:
            measure = measures[title][0]
            measure.financing_rows.all().delete()
        if title == DROPPED_IN_V2:
            measure.status, measure.progress = MeasureStatus.DROPPED, 40
            measure.actual_start = start
            measure.internal_notes = "Hallenzeiten entfallen wegen Sanierung der Turnhalle."
            measure.save()
            measure.action_fields.remove(field)
            measure.goals.remove(*v2_goals[field.pk])
            continue
        _finish(measure, start, end, per_year, organisations, rng)

    for index in range(len(MEASURES), scaled(scale, 200)):
        topic, field_index = GENERATED_TOPICS[index % len(GENERATED_TOPICS)]
        start = D(rng.randint(2022, 2028), rng.randint(1, 12), 1)
        end = D(min(start.year + rng.randint(0, 2), 2030), rng.randint(1, 12), 28)
        if end < start:
            end = D(start.year, 12, 31)
        measure = Measure.objects.create(
            area=area,
            title=f"{topic} {rng.choice(STREETS)} ({index + 1})",
            description=f"{topic} für die Nachbarschaft rund um {rng.choice(STREETS)}.",
            funding_item=rng.choice(FundingItem.values),
            priority=rng.choice(Priority.values),
            climate_relevant=field_index == 5,
            planned_start=start,
            planned_end=end,
            lead_actor=_pick_actor(by_kind, organisations, [], rng),
            location=f"{rng.choice(STREETS)}, Gartenstadt-Nord",
        )
        field = v2_fields[field_index]
        measure.action_fields.add(field)
        measure.goals.add(v2_goals[field.pk][0])
        _finish(measure, start, end, rng.choice([3000, 8000, 15000, 40000]), organisations, rng)

    for kind, title, actor_kind, source, amount, starts_on, state in CONTINUATION_ELEMENTS:
        ContinuationElement.objects.create(
            area=area,
            kind=kind,
            title=title,
            responsible_actor=_pick_actor(by_kind, organisations, [actor_kind], rng),
            financing_source=source,
            annual_amount=amount,
            starts_on=starts_on,
            state=state,
        )


def _finish(measure, start, end, per_year, actors, rng):
    """Brings a measure to its 2025 state: status, progress, dates, milestones, financing,
    continuation plan."""
    status, progress = _status_for(start, end)
    measure.status, measure.progress = status, progress
    measure.is_public = rng.random() > 0.1
    if status in (MeasureStatus.RUNNING, MeasureStatus.COMPLETED):
        delay = datetime.timedelta(days=rng.choice([0, 0, 14, 30, 60, 90]))
        measure.actual_start = start + delay
        if status == MeasureStatus.COMPLETED:
            measure.actual_end = max(end + delay, measure.actual_start)
    if actors and end.year >= 2026:
        measure.continuation_carrier = measure.lead_actor or rng.choice(actors)
        measure.continuation_financing = rng.choice(
            [
                "Regelfinanzierung im städtischen Haushalt",
                "Eigenmittel des Trägers und Spenden",
                "Landesprogramm, Antrag gestellt",
                "Ehrenamtlich, Sachkosten über den Nachbarschaftsfonds",
            ]
        )
        measure.continuation_from = D(end.year + 1, 1, 1)
        measure.continuation_state = rng.choice(list(ContinuationState.values))
    measure.full_clean()
    measure.save()
    span = (end - start).days
    milestones = [
        ("Planung abgeschlossen", start + datetime.timedelta(days=span // 4)),
        ("Umsetzung zur Hälfte", start + datetime.timedelta(days=span // 2)),
        ("Abschluss und Dokumentation", end),
    ]
    Milestone.objects.bulk_create(
        Milestone(measure=measure, title=title, due_on=due, done=due < REFERENCE)
        for title, due in milestones[: rng.choice([1, 2, 3])]
    )
    for row in _financing(measure, per_year, random.Random(f"{measure.title} 2025"), actors, True):
        row.save()  # one by one, so the history records every row
