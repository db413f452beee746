"""The report benchmark command prints figures and stores nothing."""

import pytest
from django.core.management import CommandError, call_command

from reports.models import StatusReport
from tests.factories import ConceptVersionFactory, MeasureFactory


@pytest.mark.django_db
def test_benchmark_prints_figures_and_stores_nothing(area, capsys):
    ConceptVersionFactory(area=area, number=1, is_current=True, status="adopted")
    MeasureFactory(area=area, title="Quartiersgarten")
    call_command("benchmark_report", area.slug)
    out = capsys.readouterr().out
    assert "1 measures" in out
    assert "snapshot: median" in out and "queries" in out
    assert "pdf:      median" in out and "pages" in out
    assert not StatusReport.objects.exists()


@pytest.mark.django_db
def test_benchmark_unknown_area_is_a_clear_error():
    with pytest.raises(CommandError, match="No area"):
        call_command("benchmark_report", "gibt-es-nicht")
