"""Demo data of the reports app."""

from django_tasks_db.models import DBTaskResult

from reports import demo
from reports.models import GenerationState, ReportStatus, StatusReport


def test_small_seed_issues_one_report_and_keeps_one_draft(area, manager, concept):
    demo.seed(area, scale="small")
    issued = StatusReport.objects.get(area=area, status=ReportStatus.ISSUED)
    assert issued.author == manager
    assert issued.pdf_file.read().startswith(b"%PDF")
    assert StatusReport.objects.filter(area=area, status=ReportStatus.DRAFT).count() == 1

    demo.seed(area, scale="small")
    assert StatusReport.objects.filter(area=area).count() == 2


def test_large_seed_queues_the_report_for_the_worker(large_area):
    """Over the large demo data the report is queued for the worker, not typeset at once."""
    demo.seed(large_area, scale="large")
    queued = StatusReport.objects.get(area=large_area, generation_state=GenerationState.QUEUED)
    assert queued.status == ReportStatus.DRAFT
    assert queued.author.has_perm("ihk.manage_area", large_area)
    assert DBTaskResult.objects.get().args_kwargs["args"] == [queued.pk, queued.author.pk]
