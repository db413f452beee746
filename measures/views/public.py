"""Public pages: the area's current concept (at /areas/<slug>/) and the public measure page.

Only public data appears here: public measures of a public area, actors marked public, no
internal notes, no contact persons.
"""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from actors.models import ActorStatus
from ihk.mixins import AreaMixin
from ihk.views import AreaPublicView

from ..gantt import gantt_rows, gantt_svg
from ..indicators import traffic_light
from ..models import ConceptVersion, Goal, Indicator, IndicatorValue, Measure


def _is_public_actor(actor) -> bool:
    """As ``Actor.objects.public()``: marked public and active (checked on prefetched rows)."""
    return actor.is_public and actor.status == ActorStatus.ACTIVE


class PublicConceptView(AreaPublicView):
    """The area's public page with the concept of its current version."""

    template_name = "measures/public_concept.html"

    @cached_property
    def version(self):
        return ConceptVersion.objects.filter(area=self.area, is_current=True).first()

    def get_context_data(self, **kwargs):
        version = self.version
        kwargs["version"] = version
        if version is not None:
            fields = list(
                version.action_fields.order_by("order", "pk").prefetch_related(
                    Prefetch(
                        "goals",
                        queryset=Goal.objects.order_by("order", "pk").prefetch_related(
                            Prefetch(
                                "indicators",
                                queryset=Indicator.objects.prefetch_related(
                                    Prefetch(
                                        "values",
                                        queryset=IndicatorValue.objects.order_by("measured_on"),
                                    )
                                ),
                            )
                        ),
                    )
                )
            )
            for action_field in fields:
                goals = list(action_field.goals.all())
                # Subgoals are nested under their parent goal (parents of this field only).
                by_pk = {g.pk: g for g in goals}
                for goal in goals:
                    goal.children = [g for g in goals if g.parent_id == goal.pk]
                action_field.top_goals = [g for g in goals if g.parent_id not in by_pk]
                for goal in goals:
                    goal.indicator_rows = []
                    for indicator in goal.indicators.all():
                        values = list(indicator.values.all())
                        latest = values[-1] if values else None
                        goal.indicator_rows.append(
                            {
                                "indicator": indicator,
                                "latest": latest,
                                "light": traffic_light(indicator, latest) if latest else None,
                            }
                        )
            measures = list(
                # Not .public(): members preview a non-public area with its measures.
                Measure.objects.for_timeline(version).filter(is_public=True).order_by("title")
            )
            by_field = {f.pk: [] for f in fields}
            for measure in measures:
                field_ids = {f.pk for f in measure.action_fields.all()} or {
                    g.action_field_id for g in measure.goals.all()
                }
                for field_id in field_ids:
                    by_field[field_id].append(measure)
            for action_field in fields:
                action_field.public_measures = by_field.get(action_field.pk, [])
            kwargs["action_fields"] = fields
            kwargs["measures"] = measures
            title = _("Timeline of the measures – %(area)s") % {"area": self.area.name}
            kwargs["gantt"] = mark_safe(  # noqa: S308 – built from escaped values only
                gantt_svg(measures, today=timezone.localdate(), title=title, id_prefix="concept")
            )
            kwargs["gantt_groups"] = gantt_rows(measures)
        return super().get_context_data(**kwargs)


class PublicMeasureView(AreaMixin, DetailView):
    """A public measure of a public area; anything else is 404 for everyone."""

    template_name = "measures/public_measure.html"
    context_object_name = "measure"

    def get_object(self, queryset=None):
        area = self.area
        if not area.is_public and not self.request.user.has_perm("ihk.view_area_internal", area):
            raise Http404
        queryset = Measure.objects.public_for(area).for_detail()
        return get_object_or_404(queryset, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        measure = self.object
        version = ConceptVersion.objects.filter(area=self.area, is_current=True).first()
        action_fields = [
            f for f in measure.action_fields.all() if version and f.version_id == version.pk
        ]
        goals = [
            g for g in measure.goals.all() if version and g.action_field.version_id == version.pk
        ]
        lead = measure.lead_actor
        rows = list(measure.financing_rows.all())
        by_source: dict = {}
        for row in rows:
            by_source.setdefault(row.get_source_display(), 0)
            by_source[row.get_source_display()] += row.amount
        kwargs.update(
            {
                "version": version,
                "action_fields": action_fields,
                "goals": goals,
                "lead_actor": lead if lead and _is_public_actor(lead) else None,
                "partners": [a for a in measure.partner_actors.all() if _is_public_actor(a)],
                "milestones": list(measure.milestones.all()),
                "gantt": mark_safe(  # noqa: S308 – built from escaped values only
                    gantt_svg(
                        [measure],
                        today=timezone.localdate(),
                        title=_("Timeline of “%(title)s”") % {"title": measure.title},
                        id_prefix="measure",
                    )
                ),
                "cost_total": sum((r.amount for r in rows), 0),
                "cost_by_source": sorted(by_source.items()),
                "years": sorted({r.year for r in rows}),
                "breadcrumbs": [
                    (_("Areas"), reverse("ihk:home")),
                    (self.area.name, self.area.get_absolute_url()),
                    (measure.title, ""),
                ],
            }
        )
        return super().get_context_data(**kwargs)
