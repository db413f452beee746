"""Filters for report documents and the template tags other apps use to show reports.

Money, numbers and dates go through ``{% load ihk_format %}`` (one formatting for the site).
"""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def css_string(value):
    """Escape text for a double-quoted CSS string inside a <style> element."""
    text = " ".join(str(value).split())
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ").replace(">", "\\3E ")
    )
    return mark_safe(escaped)  # noqa: S308 - escaped for a CSS string above


@register.filter
def days(value):
    """Signed day difference: +12 (late) / −3 (early) / – (unknown)."""
    if value is None:
        return "–"
    if value > 0:
        return f"+{value}"
    return str(value).replace("-", "−")


@register.inclusion_tag("reports/partials/_area_card.html", takes_context=True)
def reports_dashboard_card(context, area):
    from reports.models import StatusReport

    reports = list(
        StatusReport.objects.for_area(area).status_reports().for_list().order_by("-created_at")[:3]
    )
    return {"area": area, "reports": reports, "request": context.get("request")}


@register.inclusion_tag("reports/partials/_public_concept_documents.html")
def public_concept_documents(area):
    """Links to the PDF of every adopted concept version (public; nothing personal in them)."""
    from measures.models import ConceptVersion, VersionStatus

    versions = list(
        ConceptVersion.objects.filter(area=area, status=VersionStatus.ADOPTED).order_by("-number")
    )
    return {"area": area, "versions": versions if area.is_public else []}
