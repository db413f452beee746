"""Benchmark: how long building a status report's snapshot and PDF takes for an area's data.

Prints figures (seconds, queries, pages, bytes) and writes nothing to the database: the report
is built in memory. Run it on the demo data of either scale, e.g.

    python manage.py seed_demo --scale large
    python manage.py benchmark_report gartenstadt-nord --repeat 3
"""

import io
import statistics
import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from ihk.models import Area
from measures.models import Measure
from reports.models import StatusReport
from reports.pdf import render_report_pdf
from reports.sections import build_snapshot, report_version


class Command(BaseCommand):
    help = "Time snapshot and PDF generation of a status report (prints figures, stores nothing)."

    def add_arguments(self, parser):
        parser.add_argument("area_slug")
        parser.add_argument("--repeat", type=int, default=1)

    def handle(self, *args, area_slug, repeat, **options):
        area = Area.objects.filter(slug=area_slug).first()
        if area is None:
            raise CommandError(f"No area with the slug {area_slug!r}.")
        version = report_version(area)
        today = date.today()
        report = StatusReport(
            area=area,
            version=version,
            title="Benchmark",
            period_start=date(today.year - 1, 1, 1),
            period_end=today,
        )
        self.stdout.write(
            f"{area.name}: {Measure.objects.filter(area=area).count()} measures, "
            f"{area.actors.count()} actors, {area.events.count()} events, "
            f"{area.comments.count()} comments"
        )
        snapshot_times, pdf_times = [], []
        for _round in range(repeat):
            with translation.override("de"), CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                report.snapshot = build_snapshot(report)
                snapshot_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            data = render_report_pdf(report)
            pdf_times.append(time.perf_counter() - started)
        from pypdf import PdfReader  # a development dependency, like this command

        pages = len(PdfReader(io.BytesIO(data)).pages)
        self.stdout.write(
            f"snapshot: median {statistics.median(snapshot_times):.2f} s "
            f"({len(queries.captured_queries)} queries)"
        )
        self.stdout.write(
            f"pdf:      median {statistics.median(pdf_times):.2f} s ({pages} pages, "
            f"{len(data) / 1024:.0f} KiB) over {repeat} run(s)"
        )
