"""Template tags of the measures app: dashboard card and small concept helpers."""

from django import template

register = template.Library()


@register.inclusion_tag("measures/concept_dashboard_card.html", takes_context=True)
def concept_dashboard_card(context, area):
    """Card on the internal area dashboard: current version, counts, link to the concept page."""
    from measures.models import ConceptVersion, Measure

    version = ConceptVersion.objects.filter(area=area).order_by("-is_current", "-number").first()
    return {
        "area": area,
        "version": version,
        "measure_count": Measure.objects.filter(area=area).count(),
        "request": context.get("request"),
    }
