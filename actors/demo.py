"""Demo data of the actor register: fictional actors, contact persons and committees.

``seed(area, scale="small")`` creates about 40 actors, ``scale="large"`` 400. Idempotent: an
area that already has actors is left alone. Deterministic through a fixed random seed.
"""

import datetime
import random
import tomllib
from pathlib import Path

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
DATA = tomllib.loads((Path(__file__).parent / "demo_data" / "actors.toml").read_text("utf-8"))
# (name, kind, interest, influence, public, description, website)
ACTORS = [
    (
        a["name"],
        ActorKind(a["kind"]),
        a["interest"],
        a["influence"],
        a["public"],
        a.get("description", ""),
        a.get("website", ""),
    )
    for a in DATA["actors"]
]
FIRST_NAMES = DATA["first_names"]
LAST_NAMES = DATA["last_names"]
ROLES = DATA["roles"]
PURPOSES = DATA["purposes"]
COMMITTEES = [(c["name"], CommitteeKind(c["kind"]), c["description"]) for c in DATA["committees"]]
EXTRA_KINDS = [K.ASSOCIATION, K.INITIATIVE, K.BUSINESS, K.RESIDENT, K.SOCIAL_AGENCY, K.OTHER]
EXTRA_PREFIX = {ActorKind(kind): prefix for kind, prefix in DATA["extra_prefix"].items()}


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
