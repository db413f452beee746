"""Status report, concept and continuation PDFs (always typeset in German); the WeasyPrint
settings live in ``ihk/pdf.py``."""

from collections.abc import Callable

from django.template.loader import render_to_string
from django.utils import translation

from ihk.pdf import html_to_pdf


def render_report_pdf(report, *, progress: Callable[[int, str], None] | None = None) -> bytes:
    """The PDF of a status report, rendered from its stored snapshot (never from live data)."""
    if not report.snapshot:
        raise ValueError("The report has no data snapshot to render.")
    with translation.override("de"):
        html = render_to_string(
            "reports/pdf/report.html", {"report": report, "data": report.snapshot}
        )
    return html_to_pdf(html, progress=progress)


def render_concept_pdf(*, area, data: dict) -> bytes:
    with translation.override("de"):
        html = render_to_string("reports/pdf/concept.html", {"area": area, "data": data})
    return html_to_pdf(html)


def render_continuation_pdf(*, area, data: dict, as_of) -> bytes:
    with translation.override("de"):
        html = render_to_string(
            "reports/pdf/continuation.html", {"area": area, "data": data, "as_of": as_of}
        )
    return html_to_pdf(html)
