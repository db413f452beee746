"""Demo of a draft consultation: the Fortschreibung of the current version as a draft, open for
comments, with about 40 residents' comments and 6 actors' statements, half of them weighed.

``seed(area)`` is idempotent (nothing happens if the area has a consultation) and deterministic.
Runs after the concept, actors and the other contributions exist.
"""

import datetime
import random

from django.utils import timezone

from actors.models import ActorKind
from measures.models import ActionField, ConceptVersion, Goal, Measure, VersionStatus
from measures.services import open_draft, start_update

from .consultation_services import weigh
from .models import Comment, Consultation, Moderation, Statement, StatementChannel, WeighingDecision
from .models.consultation import StatementInvitation, hash_token

COMMENTS = {
    "vision": [
        "Das neue Leitbild sollte ausdrücklich auch die älteren Menschen im Quartier nennen.",
        "Gut, dass Klimaanpassung jetzt im Leitbild steht.",
        "Mir fehlt im Leitbild das Thema Sicherheit im öffentlichen Raum.",
    ],
    "field": [
        "Bei diesem Handlungsfeld sollten die Hausgemeinschaften stärker eingebunden werden.",
        "Die Beschreibung ist zu allgemein – was genau soll sich bis 2030 ändern?",
        "Bitte die Barrierefreiheit in diesem Handlungsfeld mitdenken.",
        "Hier fehlen Angebote für Jugendliche ab 14 Jahren.",
    ],
    "goal": [
        "Das Ziel ist gut, aber woran messen wir, ob es erreicht ist?",
        "Mehr Schatten auf den Spielplätzen wäre ein konkreter erster Schritt.",
        "Bitte die Mieterbeiräte an diesem Ziel beteiligen.",
        "Das Ziel sollte auch die Gewerbetreibenden an der Hauptstraße ansprechen.",
    ],
    "measure": [
        "Diese Maßnahme unterstütze ich ausdrücklich.",
        "Wann genau soll es losgehen? Der Zeitplan ist unklar.",
        "Bitte auch an Sitzgelegenheiten für Ältere denken.",
        "Die Kosten erscheinen mir hoch – gibt es Alternativen?",
    ],
    "": [
        "Insgesamt ein guter Entwurf, danke für die Möglichkeit mitzureden!",
        "Der Entwurf ist sehr lang; eine Kurzfassung in einfacher Sprache wäre hilfreich.",
    ],
}
PSEUDONYMS = ["", "", "Anwohnerin Lindenstraße", "Max", "Familie K.", "Nachbar", "Seniorin"]
STATEMENTS = [
    "Wir begrüßen die Fortschreibung. Für das Handlungsfeld Bildung regen wir an, die "
    "Kooperation mit den Schulen verbindlich zu vereinbaren.",
    "Aus Sicht der Wohnungswirtschaft sind die Ziele zur Hofbegrünung realistisch, wenn die "
    "Pflege langfristig gesichert ist.",
    "Die Kirchengemeinde stellt ihre Räume weiterhin für Nachbarschaftsangebote zur Verfügung.",
    "Wir bitten, die Öffnungszeiten des Nachbarschaftstreffs an die Bedürfnisse von "
    "Berufstätigen anzupassen.",
    "Der Gewerbeverein unterstützt den Quartiersplatz und bittet um Beteiligung an der Planung.",
    "Die Kita regt mehr Spielflächen in der Nähe der Einrichtung an.",
]
REASONS = {
    WeighingDecision.TAKEN: "Die Anregung wurde in den Entwurf übernommen.",
    WeighingDecision.PARTLY: (
        "Die Anregung wurde teilweise übernommen; der Rest wird bei der Umsetzung der Maßnahmen "
        "geprüft."
    ),
    WeighingDecision.NOT_TAKEN: (
        "Die Anregung lässt sich mit den Mitteln der Städtebauförderung nicht umsetzen."
    ),
    WeighingDecision.NOTED: "Der Hinweis wurde zur Kenntnis genommen und an die zuständige Stelle "
    "weitergegeben.",
}


def _draft(area):
    current = ConceptVersion.objects.for_area(area).current().first()
    if current is None:
        return None
    draft = open_draft(current) or start_update(version=current)
    draft.vision = (
        draft.vision + " Das Quartier passt sich an den Klimawandel an und bleibt für alle "
        "Generationen bezahlbar und sicher."
    ).strip()
    draft.save()
    fields = list(ActionField.objects.filter(version=draft).order_by("order", "pk"))
    if fields:
        first = fields[0]
        first.description = (first.description + " Fortgeschrieben 2026.").strip()
        first.save()
        goal = Goal.objects.filter(action_field=first).order_by("order", "pk").first()
        if goal is not None:
            goal.title = goal.title + " (geschärft)"
            goal.save()
        Goal.objects.create(
            action_field=first,
            title="Mehr Schatten und Trinkwasser im öffentlichen Raum",
            order=99,
        )
    return draft


def _parts(draft) -> list[str]:
    keys = ["vision", ""]
    keys += [
        f"field-{pk}"
        for pk in ActionField.objects.filter(version=draft).values_list("pk", flat=True)
    ]
    keys += [
        f"goal-{pk}" for pk in Goal.objects.for_version(draft).values_list("pk", flat=True)[:12]
    ]
    measures = Measure.objects.in_version(draft).filter(is_public=True).values_list("pk", flat=True)
    keys += [f"measure-{pk}" for pk in measures[:12]]
    return keys


def _comments(area, consultation, rng, draft) -> list[Comment]:
    comments = []
    for index, key in enumerate(rng.choices(_parts(draft), k=40)):
        kind = key.split("-")[0] if key else ""
        comments.append(
            Comment(
                area=area,
                consultation=consultation,
                draft_part=key,
                text=rng.choice(COMMENTS[kind]),
                pseudonym=rng.choice(PSEUDONYMS),
                consent=True,
                moderation=Moderation.PENDING if index % 13 == 5 else Moderation.PUBLISHED,
                published_at=timezone.now(),
            )
        )
    return Comment.objects.bulk_create(comments)


def _statements(area, consultation) -> list[Statement]:
    actors = list(area.actors.exclude(kind=ActorKind.RESIDENT).order_by("pk")[:6])
    statements = []
    for index, (actor, text) in enumerate(zip(actors, STATEMENTS, strict=False)):
        invitation = None
        channel = StatementChannel.LETTER if index >= 4 else StatementChannel.ONLINE
        if channel == StatementChannel.ONLINE:
            invitation = StatementInvitation.objects.create(
                consultation=consultation,
                actor=actor,
                email=f"stellungnahme{index}@example.org",
                token_hash=hash_token(f"demo-{consultation.pk}-{index}-{random.random()}"),
            )
        statements.append(
            Statement.objects.create(
                consultation=consultation,
                actor=actor,
                invitation=invitation,
                channel=channel,
                text=text,
                received_on=consultation.starts_on + datetime.timedelta(days=2 + index),
            )
        )
    return statements


def seed(area) -> None:
    if Consultation.objects.filter(area=area).exists():
        return
    draft = _draft(area)
    if draft is None:
        return
    draft.status = VersionStatus.PARTICIPATION
    draft.save()
    rng = random.Random(1414)
    today = timezone.localdate()
    consultation = Consultation.objects.create(
        area=area,
        version=draft,
        title="Fortschreibung des Handlungskonzepts 2026",
        introduction=(
            "Das Integrierte Handlungskonzept wird fortgeschrieben. Lesen Sie den Entwurf neben "
            "der geltenden Fassung und sagen Sie uns, was Ihnen wichtig ist. Jeder Beitrag wird "
            "abgewogen; das Ergebnis veröffentlichen wir hier."
        ),
        starts_on=today - datetime.timedelta(days=14),
        ends_on=today + datetime.timedelta(days=21),
    )
    comments = _comments(area, consultation, rng, draft)
    statements = _statements(area, consultation)
    fields = list(ActionField.objects.filter(version=draft).order_by("order", "pk")[:2])
    goals = list(Goal.objects.for_version(draft).order_by("-pk")[:1])
    decisions = list(WeighingDecision.values)
    for index, contribution in enumerate([*statements[:3], *comments[::2]]):
        decision = decisions[index % len(decisions)]
        weigh(
            consultation=consultation,
            contribution=contribution,
            decision=decision,
            reason=REASONS[decision],
            action_fields=fields[:1] if index % 3 == 0 else [],
            goals=goals if index % 3 == 1 else [],
            vision_changed=index % 5 == 0,
        )
