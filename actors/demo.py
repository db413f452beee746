"""Demo data of the actor register: fictional actors, contact persons and committees.

``seed(area, scale="small")`` creates about 40 actors, ``scale="large"`` 400. Idempotent: an
area that already has actors is left alone. Deterministic through a fixed random seed.
"""

import datetime
import random

from django.db import transaction

from ihk.demo import scaled

from .models import (
    Actor,
    ActorKind,
    ActorStatus,
    Committee,
    CommitteeKind,
    CommitteeMembership,
    ConsentMethod,
    ContactPerson,
)

K = ActorKind
# (name, kind, interest, influence, public, description, website)
ACTORS = [
    (
        "Caritasverband Musterstadt e. V.",
        K.SOCIAL_AGENCY,
        5,
        4,
        True,
        "Träger der Stadtteilsozialarbeit und der Migrationsberatung im Quartier.",
        "https://caritas-musterstadt.example.org",
    ),
    (
        "Diakonisches Werk Musterstadt",
        K.SOCIAL_AGENCY,
        4,
        4,
        True,
        "Schuldnerberatung, Seniorentreff und Tafel-Ausgabestelle.",
        "https://diakonie-musterstadt.example.org",
    ),
    (
        "AWO Kreisverband Musterstadt",
        K.SOCIAL_AGENCY,
        4,
        3,
        True,
        "Träger des Familienzentrums Lindenhof.",
        "https://awo-musterstadt.example.org",
    ),
    (
        "Jugendhilfe Nord gGmbH",
        K.SOCIAL_AGENCY,
        5,
        3,
        True,
        "Offene Kinder- und Jugendarbeit im Jugendhaus „Die Werkstatt“.",
        "",
    ),
    (
        "Grundschule am Lindenhof",
        K.SCHOOL,
        5,
        3,
        True,
        "Offene Ganztagsschule mit rund 320 Kindern.",
        "https://gs-lindenhof.example.org",
    ),
    (
        "Gesamtschule Gartenstadt",
        K.SCHOOL,
        4,
        3,
        True,
        "Schule der Sekundarstufe I und II.",
        "https://ge-gartenstadt.example.org",
    ),
    (
        "Städtische Kita Sonnenblume",
        K.SCHOOL,
        4,
        2,
        True,
        "Kindertageseinrichtung mit Familienzentrum.",
        "",
    ),
    (
        "Ev. Kita Arche Noah",
        K.SCHOOL,
        3,
        2,
        True,
        "Kindertageseinrichtung der Ev. Kirchengemeinde.",
        "",
    ),
    (
        "Gemeinnützige Wohnungsbaugesellschaft Musterstadt (GWM)",
        K.HOUSING,
        4,
        5,
        True,
        "Größte Vermieterin im Quartier mit rund 2.100 Wohnungen.",
        "https://gwm.example.org",
    ),
    (
        "Wohnungsgenossenschaft Gartenstadt eG",
        K.HOUSING,
        3,
        4,
        True,
        "Genossenschaft mit 640 Wohnungen am Nordring.",
        "https://wg-gartenstadt.example.org",
    ),
    ("Vonovia Regionalbüro Nord", K.HOUSING, 2, 4, True, "Bestand an der Hochstraße.", ""),
    ("Bäckerei Kaya", K.BUSINESS, 3, 1, True, "Familienbetrieb am Marktplatz Nord.", ""),
    ("Apotheke am Nordring", K.BUSINESS, 2, 1, True, "", ""),
    (
        "Werbegemeinschaft Nordring e. V.",
        K.BUSINESS,
        4,
        2,
        True,
        "Zusammenschluss von 23 Geschäften rund um den Nordring.",
        "",
    ),
    ("Sparkasse Musterstadt, Filiale Nord", K.BUSINESS, 2, 3, True, "", ""),
    (
        "Ev. Kirchengemeinde Gartenstadt",
        K.RELIGIOUS,
        4,
        3,
        True,
        "Gemeindezentrum mit Mittagstisch und Kleiderkammer.",
        "",
    ),
    ("Kath. Pfarrei St. Josef", K.RELIGIOUS, 3, 3, True, "", ""),
    (
        "DITIB Moscheegemeinde Gartenstadt",
        K.RELIGIOUS,
        4,
        2,
        True,
        "Moschee mit Hausaufgabenhilfe und Frauengruppe.",
        "",
    ),
    (
        "Stadtplanungsamt",
        K.CITY_DEPARTMENT,
        4,
        5,
        False,
        "Federführend für die Städtebauförderung.",
        "",
    ),
    ("Amt für Soziales und Wohnen", K.CITY_DEPARTMENT, 3, 4, False, "", ""),
    ("Grünflächenamt", K.CITY_DEPARTMENT, 3, 4, False, "Zuständig für Parks und Spielplätze.", ""),
    ("Jugendamt", K.CITY_DEPARTMENT, 3, 4, False, "", ""),
    ("Amt für Wirtschaftsförderung", K.CITY_DEPARTMENT, 2, 3, False, "", ""),
    (
        "Bezirksvertretung Nord",
        K.POLITICS,
        4,
        5,
        True,
        "Politische Vertretung des Stadtbezirks.",
        "",
    ),
    ("Integrationsrat der Stadt Musterstadt", K.POLITICS, 3, 3, True, "", ""),
    ("Ausschuss für Stadtentwicklung", K.POLITICS, 2, 5, True, "", ""),
    (
        "Stadtteilinitiative „Lebenswerte Gartenstadt“",
        K.INITIATIVE,
        5,
        2,
        True,
        "Bewohnerinnen und Bewohner, die sich für Grünflächen und Sauberkeit einsetzen.",
        "",
    ),
    ("Mieterinitiative Hochstraße", K.INITIATIVE, 5, 2, True, "", ""),
    ("Elterncafé Lindenhof", K.INITIATIVE, 4, 1, True, "", ""),
    (
        "Gemeinschaftsgarten Nordwiese",
        K.INITIATIVE,
        4,
        1,
        True,
        "Urban-Gardening-Projekt auf einer Brachfläche.",
        "",
    ),
    (
        "Sportverein Gartenstadt 1921 e. V.",
        K.ASSOCIATION,
        3,
        3,
        True,
        "Fußball, Turnen und Boxen, rund 800 Mitglieder.",
        "https://sv-gartenstadt.example.org",
    ),
    (
        "Heimatverein Gartenstadt e. V.",
        K.ASSOCIATION,
        3,
        2,
        True,
        "Organisiert das Stadtteilfest.",
        "",
    ),
    ("Deutsch-Türkischer Kulturverein e. V.", K.ASSOCIATION, 4, 2, True, "", ""),
    ("Förderverein Stadtteilbibliothek e. V.", K.ASSOCIATION, 3, 1, True, "", ""),
    ("Tafel Musterstadt e. V.", K.ASSOCIATION, 3, 2, True, "", ""),
    ("Seniorennetzwerk Nord", K.ASSOCIATION, 4, 2, True, "", ""),
    ("Polizeibezirksdienst Nord", K.OTHER, 2, 3, False, "", ""),
    ("Volkshochschule Musterstadt", K.OTHER, 3, 2, True, "Sprach- und Integrationskurse.", ""),
    (
        "Herr Yilmaz (Anwohner Nordring)",
        K.RESIDENT,
        5,
        1,
        False,
        "Engagiert sich im Stadtteilbeirat.",
        "",
    ),
    ("Frau Becker (Anwohnerin Lindenhof)", K.RESIDENT, 4, 1, False, "", ""),
]
FIRST_NAMES = [
    "Anna",
    "Mehmet",
    "Sabine",
    "Thomas",
    "Fatma",
    "Jan",
    "Olga",
    "Peter",
    "Leonie",
    "Ahmad",
    "Katrin",
    "Dirk",
    "Ayşe",
    "Michael",
    "Julia",
    "Stefan",
    "Elif",
    "Marco",
]
LAST_NAMES = [
    "Schneider",
    "Demir",
    "Wagner",
    "Hoffmann",
    "Kowalski",
    "Becker",
    "Öztürk",
    "Schulz",
    "Richter",
    "Nowak",
    "Krüger",
    "Arslan",
    "Lehmann",
    "Wolf",
]
ROLES = [
    "Geschäftsführung",
    "Einrichtungsleitung",
    "Vorsitz",
    "Schulleitung",
    "Sachbearbeitung",
    "Quartiersarbeit",
    "Pfarrer/in",
    "Inhaber/in",
    "Sprecher/in",
]
PURPOSES = [
    "Einladungen zu Veranstaltungen und Gremiensitzungen",
    "Einladungen und Newsletter des Quartiersmanagements",
    "Abstimmung zu gemeinsamen Maßnahmen",
]
COMMITTEES = [
    (
        "Lenkungsgruppe",
        CommitteeKind.STEERING_GROUP,
        "Steuert die Umsetzung des IHK; tagt vierteljährlich.",
    ),
    (
        "Stadtteilbeirat Gartenstadt-Nord",
        CommitteeKind.DISTRICT_COUNCIL,
        "Gremium aus Bewohnerschaft und Einrichtungen; berät das Quartiersmanagement.",
    ),
    (
        "Vergabegremium Verfügungsfonds",
        CommitteeKind.FUND_JURY,
        "Entscheidet über Anträge an den Verfügungsfonds.",
    ),
    ("AG Wohnumfeld", CommitteeKind.WORKING_GROUP, "Arbeitsgruppe zu Grünflächen und Höfen."),
]
EXTRA_KINDS = [K.ASSOCIATION, K.INITIATIVE, K.BUSINESS, K.RESIDENT, K.SOCIAL_AGENCY, K.OTHER]
EXTRA_PREFIX = {
    K.ASSOCIATION: "Verein",
    K.INITIATIVE: "Initiative",
    K.BUSINESS: "Geschäft",
    K.RESIDENT: "Anwohner/in",
    K.SOCIAL_AGENCY: "Projektträger",
    K.OTHER: "Einrichtung",
}


def _actor_rows(scale: str, rng: random.Random):
    yield from ACTORS
    if scale == "small":
        return
    streets = ["Nordring", "Lindenhof", "Hochstraße", "Am Markt", "Gartenweg", "Nordwiese"]
    for number in range(len(ACTORS) + 1, scaled(scale, 400) + 1):
        kind = rng.choice(EXTRA_KINDS)
        name = f"{EXTRA_PREFIX[kind]} {rng.choice(streets)} {number}"
        yield (name, kind, rng.randint(1, 5), rng.randint(1, 5), kind != K.RESIDENT, "", "")


@transaction.atomic
def _actors(area, scale: str, rng) -> list[Actor]:
    start = datetime.date(2022, 3, 1)
    actors = []
    for name, kind, interest, influence, public, description, website in _actor_rows(scale, rng):
        address = ""  # residents' addresses are not in the demo (and draw no random numbers)
        if kind != K.RESIDENT:
            street = rng.choice(["Nordring", "Lindenhof", "Hochstraße"])
            address = f"{street} {rng.randint(1, 120)}, 40000 Musterstadt"
        actors.append(
            Actor(
                area=area,
                name=name,
                kind=kind,
                interest=interest,
                influence=influence,
                is_public=public,
                description=description,
                website=website,
                address=address,
                status=ActorStatus.INACTIVE if rng.random() < 0.08 else ActorStatus.ACTIVE,
                joined_on=start + datetime.timedelta(days=rng.randint(0, 1400)),
                internal_notes=rng.choice(
                    ["", "", "Bitte vor Sitzungen telefonisch erinnern.", "Hat Räume angeboten."]
                ),
            )
        )
    Actor.objects.bulk_create(actors)
    return list(Actor.objects.filter(area=area).order_by("pk"))


def _contacts(actors, rng) -> None:
    contacts = []
    for actor in actors:
        for _index in range(1 if actor.kind == K.RESIDENT else rng.choice([1, 1, 2])):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            email = f"{first.lower()}.{last.lower()}@example.org"
            contacts.append(
                ContactPerson(
                    actor=actor,
                    name=f"{first} {last}",
                    role="" if actor.kind == K.RESIDENT else rng.choice(ROLES),
                    email=email.replace("ö", "oe").replace("ş", "s").replace("ü", "ue"),
                    phone=f"0211 {rng.randint(100000, 999999)}",
                    consent_on=actor.joined_on,
                    consent_method=rng.choice(ConsentMethod.values),
                    consent_purpose=rng.choice(PURPOSES),
                )
            )
    ContactPerson.objects.bulk_create(contacts)


def _members(kind, actors, by_kind, rng) -> list[Actor]:
    if kind == CommitteeKind.STEERING_GROUP:
        return (
            by_kind[K.CITY_DEPARTMENT][:3]
            + by_kind[K.HOUSING][:1]
            + by_kind[K.SOCIAL_AGENCY][:1]
            + by_kind[K.POLITICS][:1]
        )
    if kind == CommitteeKind.DISTRICT_COUNCIL:
        return rng.sample([a for a in actors if a.kind != K.CITY_DEPARTMENT], 14)
    if kind == CommitteeKind.FUND_JURY:
        return by_kind[K.RESIDENT][:2] + by_kind[K.INITIATIVE][:2] + by_kind[K.ASSOCIATION][:3]
    return rng.sample(actors, 6)


def _committees(area, actors, rng) -> None:
    by_kind = {}
    for actor in actors:
        by_kind.setdefault(actor.kind, []).append(actor)
    memberships = []
    for name, kind, description in COMMITTEES:
        committee = Committee.objects.create(
            area=area, name=name, kind=kind, description=description
        )
        for position, actor in enumerate(_members(kind, actors, by_kind, rng)):
            memberships.append(
                CommitteeMembership(
                    committee=committee,
                    actor=actor,
                    role="Vorsitz" if position == 0 else "Mitglied",
                    has_vote=actor.kind != K.CITY_DEPARTMENT
                    or kind == CommitteeKind.STEERING_GROUP,
                    start=datetime.date(2022, 9, 1) + datetime.timedelta(days=30 * position),
                )
            )
    CommitteeMembership.objects.bulk_create(memberships)


def seed(area, *, scale: str = "small") -> None:
    if Actor.objects.filter(area=area).exists():
        return
    rng = random.Random(3)  # noqa: S311 - demo data, not security
    actors = _actors(area, scale, rng)
    _contacts(actors, rng)
    _committees(area, actors, rng)
