"""The large demo data (seeded once for this module, see ``conftest.large_area``): its size, and
reports over it. Every test that needs the large data lives here, so it is seeded once in CI.

Figures on one basis: the report counts the measures of its concept version (what the KuF total
covers) and only published contributions; and the dashboard card costs the same at any size.
"""

import datetime

from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from measures.kuf import build_kuf
from measures.models import Measure
from participation.models import Comment, Event, Idea, Moderation
from reports import demo
from reports.models import GenerationState, ReportStatus, StatusReport
from reports.sections import build_snapshot, report_version
from reports.sections.common import money
from tests.factories import IdeaFactory, StatusReportFactory


def _report(area, **kwargs):
    today = datetime.date.today()
    return StatusReportFactory(
        area=area,
        version=None,
        period_start=datetime.date(today.year - 3, 1, 1),
        period_end=today,
        **kwargs,
    )


def test_large_demo_has_200_measures_80_events_and_5000_comments(large_area):
    assert Measure.objects.filter(area=large_area).count() == 200
    assert Event.objects.filter(area=large_area).count() == 80
    assert Comment.objects.filter(area=large_area).count() == 5000


def test_report_figures_are_on_the_basis_of_the_reports_version(large_area):
    version = report_version(large_area)
    in_version = Measure.objects.filter(area=large_area).for_concept(version)
    data = build_snapshot(_report(large_area))
    ids = set(in_version.values_list("pk", flat=True))
    assert {row["id"] for row in data["measures"]["rows"]} == ids
    assert data["key_figures"]["measures"] == len(ids) >= 150
    assert data["kuf"]["totals"]["plan"] == money(build_kuf(list(in_version)).total.planned)
    # No measure outside the version shows up as "Ohne Handlungsfeld" with 0,00 €.
    assert all(row["plan"] != "0.00" for row in data["kuf"]["by_field"])


def test_pending_and_hidden_ideas_never_reach_a_report(large_area):
    IdeaFactory(
        area=large_area,
        title="<b>Ungeprüfte Idee</b> <script>alert(1)</script>",
        moderation=Moderation.PENDING,
    )
    data = build_snapshot(_report(large_area))
    titles = [idea["title"] for idea in data["participation"]["ideas"]]
    assert not any("Ungeprüfte Idee" in title for title in titles)
    start = datetime.date(datetime.date.today().year - 3, 1, 1)
    published = Idea.objects.filter(
        area=large_area, moderation=Moderation.PUBLISHED, created_at__date__gte=start
    ).count()
    assert data["key_figures"]["ideas"] == len(titles) == published > 0
    comments = data["participation"]["comments"]
    assert data["key_figures"]["comments"] == comments["published"] < comments["total"]


def test_dashboard_card_costs_the_same_for_the_small_and_the_large_area(
    large_area, area, manager, rf
):
    template = Template("{% load reports_tags %}{% reports_dashboard_card area %}")
    counts = []
    for each in (area, large_area):
        _report(each, title=f"Bericht {each.slug}")
        with CaptureQueriesContext(connection) as queries:
            html = template.render(Context({"area": each, "request": rf.get("/")}))
        assert f"Bericht {each.slug}" in html
        counts.append(len(queries))
    assert counts[0] == counts[1] == 1


def test_large_seed_queues_the_report_for_the_worker(large_area):
    """Over the large demo data the report is queued for the worker, not typeset at once."""
    demo.seed(large_area, scale="large")
    queued = StatusReport.objects.get(area=large_area, generation_state=GenerationState.QUEUED)
    assert queued.status == ReportStatus.DRAFT
    assert queued.author.has_perm("ihk.manage_area", large_area)
    assert DBTaskResult.objects.get().args_kwargs["args"] == [queued.pk, queued.author.pk]
