"""Template tags of the draft consultation, also for other apps' pages::

    {% load participation_consultation %}
    {% consultation_on_area_page area version %}   open consultations and, for an adopted
                                                    version, "what changed through participation"

The area page (measures) only loads this library; its Python never imports participation.
Each tag costs a fixed number of queries.
"""

from django import template
from django.db.models import Count, Q
from django.template.loader import render_to_string

from ihk.caching import cached_fragment

from ..models import Consultation, Weighing, WeighingDecision

register = template.Library()

# Rows of "what changed through participation" on the area page; the rest on the results page.
OUTCOMES_SHOWN = 8


@register.simple_tag
def count_for(counts: dict, key: str) -> int:
    """``counts[key]`` or 0 (dictionary lookup with a variable key)."""
    return counts.get(key, 0) if isinstance(counts, dict) else 0


@register.simple_tag
def consultation_on_area_page(area, version=None):
    """Box on the public area page: consultations open now, and for the shown version (when it
    is not a draft) the contributions that changed it, with the parts they changed.

    A fragment cached under the area's generation (public data only, no form): the area page
    costs no query for it until a consultation, statement or weighing changes."""
    return cached_fragment(
        f"consultation-box:{version.pk if version else 0}",
        area_slug=area.slug,
        render=lambda: render_to_string(
            "participation/consultation/_area_page.html", _area_box_context(area, version)
        ),
    )


def _area_box_context(area, version) -> dict:
    open_now = list(
        Consultation.objects.for_area(area)
        .public()
        .open_now()
        .select_related("area")
        .order_by("ends_on", "pk")[:3]
    )
    consultations, outcomes, totals = [], [], {}
    if version is not None and version.status != "draft":
        consultations = list(
            Consultation.objects.filter(area=area, version=version)
            .public()
            .select_related("area")
            .annotate(
                weighed=Count("weighings", distinct=True),
                changed=Count(
                    "weighings",
                    filter=Q(
                        weighings__decision__in=[WeighingDecision.TAKEN, WeighingDecision.PARTLY]
                    ),
                    distinct=True,
                ),
            )
            .order_by("-ends_on")[:3]
        )
        if consultations:
            outcomes = list(
                Weighing.objects.filter(consultation__in=[c.pk for c in consultations])
                .changed_something()
                .filter(Q(statement__isnull=False) | Q(comment__moderation="published"))
                .select_related("statement__actor", "comment")
                .with_links()
                .order_by("-weighed_at", "-pk")[:OUTCOMES_SHOWN]
            )
            totals = {c.pk: c for c in consultations}
    return {
        "area": area,
        "open_now": open_now,
        "consultations": consultations,
        "outcomes": outcomes,
        "totals": totals,
    }


@register.simple_tag
def part_title(titles: dict, key: str) -> str:
    """The title of a draft part from ``consultation_services.part_titles``."""
    return titles.get(key or "", "–") if isinstance(titles, dict) else "–"


@register.simple_tag
def contribution_ref(kind: str, pk: int) -> str:
    """The number of a comment (K-12) or statement (S-3), as in the weighing table exports."""
    from ..consultation_exports import reference

    return reference(kind, pk)
