"""Demo data of the core app: two fictional areas and the three demo logins."""

from django.contrib.auth import get_user_model

from .models import Area, AreaRole, FundingProgramme, Role

DEMO_PASSWORD = "ihk-demo"  # noqa: S105 - documented demo password, refused when DEBUG=False
DEMO_USERS = [
    ("admin@example.org", "Ada", "Admin", None),
    ("manager@example.org", "Mara", "Quartiersmanagerin", Role.MANAGER),
    ("stadt@example.org", "Stefan", "Stadtverwaltung", Role.READER),
]


# A fictional quarter of the fictional Musterstadt, near the geographic centre of Germany.
DEMO_OUTLINE = {
    "type": "Polygon",
    "coordinates": [
        [
            [10.4305, 51.1620],
            [10.4430, 51.1598],
            [10.4590, 51.1612],
            [10.4605, 51.1690],
            [10.4510, 51.1728],
            [10.4350, 51.1720],
            [10.4290, 51.1675],
            [10.4305, 51.1620],
        ]
    ],
}


def seed_areas() -> tuple[Area, Area]:
    area, _ = Area.objects.update_or_create(
        slug="gartenstadt-nord",
        defaults={
            "name": "Gartenstadt-Nord",
            "city": "Musterstadt",
            "programme": FundingProgramme.SOCIAL_COHESION,
            "is_public": True,
            "comments_premoderated": True,
            "outline": DEMO_OUTLINE,
            "description": (
                "Die Gartenstadt-Nord ist ein Wohnquartier der 1960er- und 1970er-Jahre mit rund "
                "9.800 Einwohnerinnen und Einwohnern aus über 60 Nationen. Seit 2022 ist das "
                "Quartier Fördergebiet im Programm „Sozialer Zusammenhalt“. Gemeinsam mit "
                "Bewohnerschaft, Vereinen, Schulen, Wohnungsunternehmen und Gewerbetreibenden "
                "entwickelt das Quartiersmanagement das Integrierte Handlungskonzept weiter."
            ),
        },
    )
    other, _ = Area.objects.update_or_create(
        slug="altstadt-ost",
        defaults={
            "name": "Altstadt-Ost",
            "city": "Musterstadt",
            "programme": FundingProgramme.LIVELY_CENTRES,
            "is_public": True,
            "description": (
                "Das Geschäftsquartier östlich des Marktplatzes mit Leerständen im Einzelhandel. "
                "Das Integrierte Handlungskonzept wird derzeit erarbeitet."
            ),
        },
    )
    return area, other


# Demo sizes: "small" is a realistic area, "large" the yardstick for load and report tests
# (200 measures, 400 actors, 80 events, 5,000 comments), "xlarge" five times "large" (to show
# that a page does not grow with the data).
SCALE_FACTORS = {"small": 0, "large": 1, "xlarge": 5}


def scaled(scale: str, large: int, small: int = 0) -> int:
    """Size of a demo collection: ``small`` at small scale, else ``large`` times the factor."""
    factor = SCALE_FACTORS[scale]
    return small if factor == 0 else large * factor


def seed_users(area: Area) -> list[str]:
    User = get_user_model()
    emails = []
    for email, first, last, role in DEMO_USERS:
        user, created = User.objects.get_or_create(
            email=email, defaults={"first_name": first, "last_name": last}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
        user.is_staff = user.is_superuser = role is None
        user.save()
        if role:
            AreaRole.objects.update_or_create(user=user, area=area, defaults={"role": role})
        emails.append(email)
    return emails
