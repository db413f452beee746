"""The whole data snapshot of a status report, assembled section by section."""

from collections.abc import Callable

from django.utils import timezone

from .actors import actors_section
from .committees import committee_section
from .common import iso, query_period, report_version
from .concept_state import concept_section, cover_section, goals_section
from .consultation import consultation_section
from .continuation import continuation_section
from .funds import fund_section
from .measures import kuf_section, measures_section, report_measures
from .participation import participation_section

SNAPSHOT_SCHEMA = 1


def _key_figures(snapshot) -> dict:
    rows = snapshot["measures"]["rows"]
    kuf = snapshot["kuf"]["totals"]
    participation = snapshot["participation"]
    return {
        "measures": len(rows),
        "measures_running": sum(1 for m in rows if m["status"] == "running"),
        "measures_completed": sum(1 for m in rows if m["status"] == "completed"),
        "average_progress": snapshot["measures"]["average_progress"],
        "deviations": len(snapshot["measures"]["deviations"]),
        "kuf_plan": kuf["plan"],
        "kuf_approved": kuf["approved"],
        "kuf_paid": kuf["paid"],
        "events": len(participation["events"]),
        "participants": participation["participants_total"],
        # Only published contributions count (issue: unmoderated ideas reached a report).
        "comments": participation["comments"]["published"],
        "ideas": len(participation["ideas"]),
        "actors": snapshot["actors"]["total"],
        "new_actors": len(snapshot["actors"]["new"]),
    }


def _appendix(snapshot, *, now, version, start, end) -> dict:
    return {
        "data_as_of": now.isoformat(),
        "version_as_of": iso(version.as_of) if version else None,
        "period_start": iso(start),
        "period_end": iso(end),
        "counts": {
            "measures": len(snapshot["measures"]["rows"]),
            "events": len(snapshot["participation"]["events"]),
            "results": len(snapshot["participation"]["results"]),
            "actors": snapshot["actors"]["total"],
            "committees": len(snapshot["actors"]["committees"]),
            "continuation_elements": len(snapshot["continuation"]["elements"]),
        },
    }


def build_snapshot(report, *, progress: Callable[[int, str], None] | None = None) -> dict:
    """All data the report shows, as JSON. ``progress(percent, step)`` is called per section."""
    now = timezone.now()
    today = timezone.localtime(now).date()
    area = report.area
    version = report_version(area, report.version)
    start, end = report.period_start, report.period_end

    def step(name, percent):
        if progress is not None:
            progress(percent, name)

    snapshot = {
        "schema": SNAPSHOT_SCHEMA,
        "generated_at": now.isoformat(),
        "today": iso(today),
        "cover": cover_section(report, version, now),
        "texts": {
            "summary": report.summary,
            "outlook": report.outlook,
            "risks": report.risks,
            "next_steps": report.next_steps,
        },
    }
    step("concept", 5)
    snapshot["concept"] = concept_section(area, version)
    step("goals", 10)
    snapshot["goals"] = goals_section(version)
    step("measures", 20)
    measures = report_measures(area, version)
    snapshot["measures"] = measures_section(measures, today)
    step("kuf", 35)
    snapshot["kuf"] = kuf_section(measures)
    step("participation", 50)
    snapshot["participation"] = participation_section(area, *query_period(start, end))
    snapshot["participation"]["consultations"] = consultation_section(
        area, *query_period(start, end)
    )
    snapshot["participation"]["committees"] = committee_section(area, *query_period(start, end))
    snapshot["participation"]["funds"] = fund_section(area, *query_period(start, end))
    step("actors", 65)
    snapshot["actors"] = actors_section(area, *query_period(start, end))
    step("continuation", 75)
    snapshot["continuation"] = continuation_section(area, today)
    snapshot["key_figures"] = _key_figures(snapshot)
    snapshot["appendix"] = _appendix(snapshot, now=now, version=version, start=start, end=end)
    return snapshot
