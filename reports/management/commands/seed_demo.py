"""Fills the database with a fictional demo area, its content and three demo logins.

Idempotent: running it again changes nothing that is already there. Refused when DEBUG=False,
because it creates logins with a published password. It lives in ``reports`` because that is the
one app allowed to know every other app (DESIGN.md §3); each app seeds its own models.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from actors import demo as actors_demo
from funds import demo as funds_demo
from ihk import demo as ihk_demo
from ihk.caching import one_invalidation
from measures import demo as measures_demo
from measures import demo_funding as funding_demo
from participation import demo as participation_demo
from participation import demo_consultation as consultation_demo
from participation import demo_contributions as contributions_demo
from participation import demo_map as map_demo
from participation import demo_reach as reach_demo
from reports import demo as reports_demo


class Command(BaseCommand):
    help = "Create demo data (fictional area, actors, concept, events) and demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=["small", "large", "xlarge"],
            default="small",
            help="small: a realistic area; large: 200 measures, 400 actors, 80 events, "
            "5,000 comments (for load and report tests); xlarge: five times large.",
        )

    def handle(self, *args, scale, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo creates logins with a published password; "
                "it is refused when DEBUG=False."
            )
        # Thousands of rows: the cached pages are invalidated once, not once per row.
        with transaction.atomic(), one_invalidation():
            area, _other = ihk_demo.seed_areas()
            emails = ihk_demo.seed_users(area)
            # Each app seeds its own models, in dependency order.
            actors_demo.seed(area, scale=scale)
            measures_demo.seed(area, scale=scale)
            emails.append(funding_demo.seed(area))
            participation_demo.seed(area, scale=scale)
            contributions_demo.seed(area, scale=scale)
            consultation_demo.seed(area)
            map_demo.seed(area, scale=scale)
            reach_demo.seed(area, scale=scale)
            funds_demo.seed(area, scale=scale)
            reports_demo.seed(area, scale=scale)

        self.stdout.write(self.style.SUCCESS(f"Demo data ready ({scale}): {area.name}"))
        self.stdout.write(f"Demo logins (password: {ihk_demo.DEMO_PASSWORD}):")
        for email in emails:
            self.stdout.write(f"  {email}")
