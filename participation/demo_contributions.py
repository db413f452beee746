"""Demo data of residents' contributions: comments with answers, replies, moderation, ideas.

``seed(area, scale="small")`` writes about 150 realistic comments on the current concept, public
measures and public events (some answered, some hidden with a reason, some reported, a few
pending) and project ideas in every status; ``scale="large"`` writes 5,000 comments. Idempotent
(skips an area that already has comments or ideas) and deterministic (fixed random seed).
All names and addresses are fictional; e-mail addresses use example.net.
"""

import datetime
import random

from django.utils import timezone

from ihk.models import Area, AreaRole, Role
from measures.models import ActionField, ConceptVersion, Measure

from .models import Comment, CommentReport, Event, Idea, IdeaStatus, Moderation

SIZES = {"small": 150, "large": 5000, "xlarge": 25000}

PSEUDONYMS = [
    "Anwohnerin Lindenstraße",
    "Familie Yılmaz",
    "Herr K.",
    "Mia",
    "Nachbar aus Haus 7",
    "Jonas B.",
    "Seniorentreff Nord",
    "Elif",
    "R. Schneider",
    "Gartenfreundin",
    "Kai",
    "",
    "",
    "",
    "Mutter von zwei Kindern",
    "Ahmad",
    "Oma Gerda",
    "Tobi (16)",
    "Frau Nowak",
]

COMMENTS_ON_CONCEPT = [
    "Das Leitbild gefällt mir gut. Wichtig ist, dass die älteren Menschen im Quartier nicht "
    "vergessen werden.",
    "Mir fehlt im Konzept das Thema Sauberkeit. Die Müllecken an den Containerplätzen sind "
    "seit Jahren ein Problem.",
    "Schön, dass es endlich ein Konzept gibt. Wann geht es denn konkret los?",
    "Bitte denken Sie auch an die Jugendlichen. Abends gibt es für sie keinen Ort, an dem "
    "sie sich treffen können.",
    "Die Stärken-Schwächen-Analyse trifft es genau: Viele Nachbarn kennen sich kaum.",
    "Warum wird der Verkehr auf der Hauptstraße nicht angesprochen? Für Kinder ist der "
    "Schulweg gefährlich.",
    "Mehr Grün und Schatten wäre toll, gerade im Sommer wird es zwischen den Blöcken sehr heiß.",
    "Ich wünsche mir, dass das Konzept auch in einfacher Sprache und auf Türkisch und "
    "Arabisch erscheint.",
]

COMMENTS_ON_MEASURE = [
    "Super Idee! Ich würde mich gern ehrenamtlich beteiligen.",
    "Wo genau soll das stattfinden? Der Platz hinter der Schule ist abends nicht beleuchtet.",
    "Ich finde die Maßnahme wichtig, aber der Zeitplan ist sehr lang. Geht das nicht schneller?",
    "Bitte die Anwohnerinnen und Anwohner rechtzeitig informieren, bevor die Bauarbeiten beginnen.",
    "Wir haben als Hausgemeinschaft schon einmal so etwas versucht. Gern teilen wir unsere "
    "Erfahrungen.",
    "Wer kümmert sich nach dem Ende der Förderung darum? Das ist die entscheidende Frage.",
    "Das Angebot sollte auch am Wochenende offen sein, unter der Woche arbeiten viele.",
    "Können die Bänke bitte Rückenlehnen bekommen? Für ältere Menschen ist das wichtig.",
    "Toll, dass hier etwas passiert. Mein Sohn freut sich schon.",
    "Ich habe Bedenken wegen Lärm am Abend. Gibt es Ruhezeiten?",
    "Die Kosten erscheinen mir hoch. Gibt es günstigere Lösungen?",
    "Bitte barrierefrei planen – mit Rollator kommt man jetzt kaum durch.",
    "Das Beet vor Haus 12 pflegen wir schon seit Jahren. Bitte nicht einfach überbauen.",
    "Endlich! Darauf warten wir seit langem.",
    "Gibt es dafür Unterstützung in anderen Sprachen? Meine Nachbarin spricht wenig Deutsch.",
]

COMMENTS_ON_EVENT = [
    "Die Veranstaltung war gut organisiert, danke an das Team!",
    "Leider zu einer Uhrzeit, zu der viele Eltern nicht können. Bitte auch mal nachmittags.",
    "Werden die Ergebnisse irgendwo veröffentlicht?",
    "Ich konnte nicht kommen. Gibt es ein Protokoll?",
    "Die Stimmung war konstruktiv, das hat Mut gemacht.",
    "Bitte nächstes Mal mit Kinderbetreuung.",
]

REPLIES = [
    "Sehe ich genauso.",
    "Da stimme ich nicht zu – ich finde den Vorschlag gut, wie er ist.",
    "Guter Punkt, das sollte unbedingt berücksichtigt werden.",
    "Bei uns im Haus ist es genauso.",
    "Ich helfe gern mit, wenn es so weit ist.",
]

ANSWERS = [
    "Vielen Dank für Ihren Hinweis. Wir nehmen ihn in die nächste Sitzung der Lenkungsgruppe mit.",
    "Danke! Die Planung sieht eine Umsetzung in zwei Bauabschnitten vor; die Anwohnerinnen und "
    "Anwohner werden vorher per Aushang informiert.",
    "Guter Hinweis. Die Barrierefreiheit ist fester Bestandteil der Ausschreibung.",
    "Das Protokoll finden Sie auf der Seite der Veranstaltung. Herzlichen Dank für Ihr Interesse!",
    "Wir prüfen gemeinsam mit dem Träger, ob erweiterte Öffnungszeiten möglich sind.",
    "Für die Zeit nach der Förderung ist ein Trägerverein im Gespräch. Wir berichten hier.",
]

HIDE_REASONS = [
    "Beleidigung einer Person",
    "Enthielt personenbezogene Daten Dritter",
    "Werbung ohne Bezug zum Quartier",
]

SPAM = [
    "Günstige Kredite ohne Schufa!!! Jetzt klicken: http://spam.example",
    "Beste Casino-Boni unter www.casino.example",
]

REPORT_REASONS = ["beleidigend", "Das ist Werbung", "Nennt den Namen meines Nachbarn", ""]

IDEAS = [
    (
        "Gemeinschaftsgarten hinter der Grundschule",
        "Auf der Brachfläche könnten Hochbeete für "
        "Familien, Schulklassen und Seniorinnen entstehen.",
        "Brache Birkenweg",
    ),
    (
        "Offener Bücherschrank am Marktplatz",
        "Ein wetterfester Schrank zum Tauschen von Büchern, betreut von der Nachbarschaft.",
        "Marktplatz",
    ),
    (
        "Reparaturcafé im Stadtteilzentrum",
        "Einmal im Monat reparieren Ehrenamtliche Fahrräder, "
        "Toaster und Kleidung gemeinsam mit den Besitzern.",
        "Stadtteilzentrum",
    ),
    (
        "Bolzplatz sanieren",
        "Der Bolzplatz an der Ahornstraße hat Löcher und kaputte Tore.",
        "Ahornstraße",
    ),
    (
        "Hausaufgabenhilfe durch Studierende",
        "Studierende der Hochschule helfen Kindern zweimal pro Woche bei den Hausaufgaben.",
        "Jugendtreff",
    ),
    (
        "Sitzbänke entlang des Weges zum Einkaufszentrum",
        "Für ältere Menschen ist der Weg zu lang ohne Pause.",
        "Lindenallee",
    ),
    (
        "Nachbarschaftsfest im Sommer",
        "Ein Fest für alle Kulturen im Quartier mit Essen aus aller Welt.",
        "Innenhof Gartenstadt",
    ),
    (
        "Beleuchtung im Park",
        "Der Weg durch den Park ist abends unheimlich dunkel.",
        "Quartierspark",
    ),
    (
        "Lastenrad zum Ausleihen",
        "Ein Lastenrad, das man beim Kiosk ausleihen kann.",
        "Kiosk Rosenstraße",
    ),
    (
        "Sprachcafé für Neuzugezogene",
        "Deutsch lernen beim Kaffee, einmal pro Woche.",
        "Familienzentrum",
    ),
    ("Tauschbörse für Kinderkleidung", "Zweimal im Jahr im Gemeindesaal.", "Gemeindesaal"),
    (
        "Graffiti-Workshop für Jugendliche",
        "Die Unterführung gemeinsam gestalten statt Schmierereien.",
        "Unterführung Bahnhofstraße",
    ),
]

NOT_TAKEN_UP_REASONS = [
    "Die Fläche gehört nicht der Stadt; der Eigentümer hat einer Nutzung nicht zugestimmt.",
    "Das Vorhaben ist über die Städtebauförderung nicht förderfähig. Wir haben es an den "
    "Bürgerverein weitergegeben.",
]


def _pick_targets(area: Area):
    version = ConceptVersion.objects.filter(area=area, is_current=True).first()
    measures = list(Measure.objects.filter(area=area, is_public=True).order_by("pk"))
    events = list(Event.objects.filter(area=area, is_public=True).order_by("pk"))
    return version, measures, events


def _seed_ideas(area, rng, now, measures):
    fields = list(
        ActionField.objects.filter(version__area=area, version__is_current=True).order_by("pk")
    )
    statuses = [
        (IdeaStatus.RECEIVED, Moderation.PENDING),
        (IdeaStatus.RECEIVED, Moderation.PUBLISHED),
        (IdeaStatus.REVIEW, Moderation.PUBLISHED),
        (IdeaStatus.TAKEN_UP, Moderation.PUBLISHED),
        (IdeaStatus.NOT_TAKEN_UP, Moderation.PUBLISHED),
        (IdeaStatus.REVIEW, Moderation.PUBLISHED),
        (IdeaStatus.TAKEN_UP, Moderation.PUBLISHED),
        (IdeaStatus.RECEIVED, Moderation.PUBLISHED),
        (IdeaStatus.NOT_TAKEN_UP, Moderation.PUBLISHED),
        (IdeaStatus.RECEIVED, Moderation.HIDDEN),
        (IdeaStatus.REVIEW, Moderation.PUBLISHED),
        (IdeaStatus.RECEIVED, Moderation.PENDING),
    ]
    ideas = []
    for i, ((title, description, place), (status, moderation)) in enumerate(
        zip(IDEAS, statuses, strict=True)
    ):
        measure = (
            measures[i % len(measures)] if status == IdeaStatus.TAKEN_UP and measures else None
        )
        if status == IdeaStatus.TAKEN_UP and measure is None:
            status = IdeaStatus.REVIEW
        reason = ""
        if status == IdeaStatus.NOT_TAKEN_UP:
            reason = NOT_TAKEN_UP_REASONS[i % len(NOT_TAKEN_UP_REASONS)]
        elif status == IdeaStatus.TAKEN_UP:
            reason = "Die Idee ist in die Maßnahme eingeflossen. Vielen Dank!"
        idea = Idea.objects.create(
            area=area,
            title=title,
            description=description,
            place=place,
            action_field=fields[i % len(fields)] if fields else None,
            contact_name=rng.choice(["", "Erika Muster", "Nachbarschaftsinitiative Nord"]),
            contact_email=rng.choice(["", "", "ideen.nord@example.net"]),
            consent=True,
            status=status,
            status_reason=reason,
            measure=measure,
            moderation=moderation,
            moderation_reason="Doppelt eingereicht" if moderation == Moderation.HIDDEN else "",
            digest_sent_at=None if moderation == Moderation.PENDING else now,
        )
        Idea.objects.filter(pk=idea.pk).update(created_at=now - datetime.timedelta(days=90 - i * 7))
        ideas.append(idea)
    return [idea for idea in ideas if idea.moderation == Moderation.PUBLISHED]


def seed(area: Area, *, scale: str = "small") -> None:
    if Comment.objects.filter(area=area).exists() or Idea.objects.filter(area=area).exists():
        return
    rng = random.Random(5150)
    now = timezone.now()
    version, measures, events = _pick_targets(area)
    answerer = AreaRole.objects.filter(area=area, role=Role.MANAGER).select_related("user").first()
    answerer = answerer.user if answerer else None
    published_ideas = _seed_ideas(area, rng, now, measures)

    targets = []  # (field, object, texts)
    if version is not None:
        targets.append(("version", version, COMMENTS_ON_CONCEPT))
    targets += [("measure", m, COMMENTS_ON_MEASURE) for m in measures]
    targets += [("event", e, COMMENTS_ON_EVENT) for e in events]
    targets += [("idea", i, COMMENTS_ON_MEASURE) for i in published_ideas]
    if not targets:
        return
    total = SIZES.get(scale, SIZES["small"])
    n_top = int(total * 0.75)
    # The concept gets about a sixth of the comments, measures most of the rest.
    weights = [
        max(4, len(targets) // 2) if field == "version" else 3 if field == "measure" else 2
        for field, *_ in targets
    ]

    def moderation_for(i):
        roll = rng.random()
        if roll < 0.04:
            return Moderation.HIDDEN, rng.choice(HIDE_REASONS)
        if roll < 0.06:
            return Moderation.BLOCKED, ""
        if roll < 0.12:
            return Moderation.PENDING, ""
        return Moderation.PUBLISHED, ""

    top, dates = [], []
    for i in range(n_top):
        field, obj, texts = rng.choices(targets, weights=weights)[0]
        moderation, reason = moderation_for(i)
        text = rng.choice(SPAM) if moderation == Moderation.BLOCKED else rng.choice(texts)
        written = now - datetime.timedelta(days=rng.randint(1, 540), minutes=rng.randint(0, 1440))
        answered = moderation == Moderation.PUBLISHED and rng.random() < 0.3
        top.append(
            Comment(
                area=area,
                **{field: obj},
                text=text,
                pseudonym=rng.choice(PSEUDONYMS),
                email=rng.choice(["", "", "", "anwohnerin.k@example.net", "familie.y@example.net"]),
                consent=True,
                moderation=moderation,
                moderation_reason=reason,
                official_answer=rng.choice(ANSWERS) if answered else "",
                answered_by=answerer if answered else None,
                digest_sent_at=None if moderation == Moderation.PENDING else now,
            )
        )
        dates.append((written, answered))
    top = Comment.objects.bulk_create(top, batch_size=500)
    for comment, (written, answered) in zip(top, dates, strict=True):
        comment.created_at = written
        if comment.moderation != Moderation.PENDING:
            comment.published_at = written + datetime.timedelta(hours=rng.randint(0, 48))
        if answered:
            comment.answered_at = written + datetime.timedelta(days=rng.randint(1, 10))
            comment.answer_notified_at = comment.answered_at if comment.email else None
    Comment.objects.bulk_update(
        top, ["created_at", "published_at", "answered_at", "answer_notified_at"], batch_size=500
    )

    parents = [c for c in top if c.moderation == Moderation.PUBLISHED]
    replies, reply_dates = [], []
    for _ in range(total - n_top):
        parent = rng.choice(parents)
        field = next(
            f for f in ("version", "measure", "event", "idea") if getattr(parent, f"{f}_id")
        )
        replies.append(
            Comment(
                area=area,
                parent=parent,
                **{f"{field}_id": getattr(parent, f"{field}_id")},
                text=rng.choice(REPLIES),
                pseudonym=rng.choice(PSEUDONYMS),
                consent=True,
                moderation=Moderation.PUBLISHED,
                digest_sent_at=now,
            )
        )
        reply_dates.append(parent.created_at + datetime.timedelta(hours=rng.randint(1, 200)))
    replies = Comment.objects.bulk_create(replies, batch_size=500)
    for reply, written in zip(replies, reply_dates, strict=True):
        reply.created_at = reply.published_at = min(written, now)
    Comment.objects.bulk_update(replies, ["created_at", "published_at"], batch_size=500)

    # Residents reported a few comments; some were already decided, some wait in the queue.
    reported = rng.sample(parents, k=min(len(parents), max(4, total // 40)))
    CommentReport.objects.bulk_create(
        CommentReport(
            comment=comment,
            reason=rng.choice(REPORT_REASONS),
            resolved_at=now if i % 2 else None,
        )
        for i, comment in enumerate(reported)
    )
