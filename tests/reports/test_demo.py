"""Demo data of the reports app."""

from reports import demo
from reports.models import ReportStatus, StatusReport


def test_small_seed_issues_one_report_and_keeps_one_draft(area, manager, concept):
    demo.seed(area, scale="small")
    issued = StatusReport.objects.get(area=area, status=ReportStatus.ISSUED)
    assert issued.author == manager
    assert issued.pdf_file.read().startswith(b"%PDF")
    assert StatusReport.objects.filter(area=area, status=ReportStatus.DRAFT).count() == 1

    demo.seed(area, scale="small")
    assert StatusReport.objects.filter(area=area).count() == 2
