"""Public pages: the area's current concept (at /areas/<slug>/), the public measure page, the
paginated public list of measures and the full public timeline.

Only public data appears here: public measures of a public area, actors marked public, no
internal notes, no contact persons. The area page is an overview whose queries and size do not
grow with the number of measures (``measures.overview`` aggregates in SQL); the details live on
the measure pages, the measure list (25 per page) and the timeline (50 measures per page).
"""

from types import SimpleNamespace

from django.db.models import OuterRef, Prefetch, Subquery
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView

from actors.models import ActorStatus
from ihk.caching import cache_public_page, cached_fragment, cached_value
from ihk.mixins import AreaMixin, PublicAreaMixin, public_crumbs
from ihk.views import AreaPublicView

from ..forms.public import PublicMeasureFilterForm
from ..gantt import gantt_svg
from ..indicators import traffic_light
from ..models import ConceptVersion, Goal, Indicator, IndicatorValue, Measure
from ..overview import field_filter, field_overview
from .timeline import TimelinePageMixin, summary_chart

MEASURES_PER_PAGE = 25


def _is_public_actor(actor) -> bool:
    """As ``Actor.objects.public()``: marked public and active (checked on prefetched rows)."""
    return actor.is_public and actor.status == ActorStatus.ACTIVE


def _with_latest_value(indicators):
    """Indicators with ``latest_value`` and ``latest_on`` of their newest measured value (a
    subquery each, instead of loading every value)."""
    latest = IndicatorValue.objects.filter(indicator=OuterRef("pk")).order_by("-measured_on", "-pk")
    return indicators.annotate(
        latest_value=Subquery(latest.values("value")[:1]),
        latest_on=Subquery(latest.values("measured_on")[:1]),
    )


def _fields_with_goals(version):
    """The version's fields of action with their goals (subgoals nested) and indicator lights."""
    fields = list(
        version.action_fields.order_by("order", "pk").prefetch_related(
            Prefetch(
                "goals",
                queryset=Goal.objects.order_by("order", "pk").prefetch_related(
                    Prefetch("indicators", queryset=_with_latest_value(Indicator.objects.all()))
                ),
            )
        )
    )
    for action_field in fields:
        goals = list(action_field.goals.all())
        by_pk = {g.pk: g for g in goals}
        for goal in goals:
            goal.children = [g for g in goals if g.parent_id == goal.pk]
            goal.indicator_rows = []
            for indicator in goal.indicators.all():
                latest = None
                if indicator.latest_on is not None:
                    latest = SimpleNamespace(
                        value=indicator.latest_value, measured_on=indicator.latest_on
                    )
                goal.indicator_rows.append(
                    {
                        "indicator": indicator,
                        "latest": latest,
                        "light": traffic_light(indicator, latest) if latest else None,
                    }
                )
        action_field.top_goals = [g for g in goals if g.parent_id not in by_pk]
    return fields


class CurrentVersionMixin:
    @cached_property
    def version(self):
        return ConceptVersion.objects.filter(area=self.area).current().first()


@cache_public_page()
class PublicConceptView(CurrentVersionMixin, AreaPublicView):
    """The area's public page: an overview of the concept of its current version."""

    template_name = "measures/public_concept.html"

    def get_context_data(self, **kwargs):
        version = self.version
        kwargs["version"] = version
        # The expensive parts are fragments cached under the area's generation, so a visitor
        # the page cache cannot serve (logged in, a message, the first after a change) still
        # gets them without querying: the view's work does not grow with the area's data.
        kwargs["sections_html"] = cached_fragment(
            f"concept-sections:{version.pk if version else 0}",
            area_slug=self.area.slug,
            render=lambda: render_to_string(
                "measures/partials/_public_concept_sections.html", self.sections_context(version)
            ),
        )
        kwargs["parts_html"] = cached_fragment(
            "area-parts",
            area_slug=self.area.slug,
            render=lambda: render_to_string("ihk/partials/_area_parts.html", {"area": self.area}),
        )
        return super().get_context_data(**kwargs)

    def sections_context(self, version) -> dict:
        context = {"area": self.area, "version": version}
        if version is None:
            return context
        fields = _fields_with_goals(version)
        overview = field_overview(version, area=self.area)
        context["gantt"], context["summary_rows"] = summary_chart(
            version,
            fields,
            area=self.area,
            public=True,
            id_prefix="concept-gantt",
            overview=overview,
        )
        previews, summaries = overview
        for action_field in fields:
            action_field.preview = previews.get(action_field.pk, [])
            summary = summaries.get(action_field.pk)
            action_field.measure_total = summary.total if summary else 0
        context["action_fields"] = fields
        return context


@cache_public_page()
class PublicMeasureListView(CurrentVersionMixin, PublicAreaMixin, ListView):
    """All public measures of the current version, 25 per page, by field of action and status."""

    template_name = "measures/public_measure_list.html"
    context_object_name = "measures"
    paginate_by = MEASURES_PER_PAGE

    @cached_property
    def filter_form(self):
        return PublicMeasureFilterForm(self.request.GET or None, version=self.version)

    def get_queryset(self):
        if self.version is None:
            return Measure.objects.none()
        measures = (
            Measure.objects.in_version(self.version)
            .filter(is_public=True)
            .select_related("area")
            .only("pk", "title", "status", "progress", "planned_start", "planned_end", "area")
        )
        form = self.filter_form
        if form.is_bound and form.is_valid():
            if form.cleaned_data.get("field"):
                measures = measures.filter(field_filter(self.version, form.cleaned_data["field"]))
            if form.cleaned_data.get("status"):
                measures = measures.filter(status=form.cleaned_data["status"])
        return measures.order_by("title", "pk")

    def get_context_data(self, **kwargs):
        kwargs["version"] = self.version
        kwargs["form"] = self.filter_form
        kwargs["breadcrumbs"] = public_crumbs(self.area, (_("Measures"), ""))
        return super().get_context_data(**kwargs)


@cache_public_page()
class PublicTimelineView(TimelinePageMixin, CurrentVersionMixin, PublicAreaMixin, ListView):
    """The full public timeline (Gantt), 50 measures per page, with the summary on top."""

    template_name = "measures/public_timeline.html"
    public = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["version"] = self.version
        context["breadcrumbs"] = public_crumbs(self.area, (_("Timeline of the measures"), ""))
        return context


@cache_public_page()
class PublicMeasureView(AreaMixin, TemplateView):
    """A public measure of a public area; anything else is 404 for everyone.

    The measure's part of the page (facts, timeline, costs) is one fragment cached under the
    area's generation, 404s included; only the comment form is rendered per request, so a busy
    measure page costs two cache round trips and the area's row, however long its discussion.
    """

    template_name = "measures/public_measure.html"

    def get_context_data(self, **kwargs):
        area = self.area
        if not area.is_public and not self.request.user.has_perm("ihk.view_area_internal", area):
            raise Http404
        part = cached_value(
            f"public-measure:{self.kwargs['pk']}",
            area_slug=area.slug,
            compute=lambda: self.render_part(self.kwargs["pk"]),
        )
        if part is None:
            raise Http404
        # An unsaved stand-in with the fields the page and the comment tags read (no query).
        kwargs["measure"] = measure = Measure(**part["measure"])
        kwargs["breadcrumbs"] = [
            (_("Areas"), reverse("ihk:home")),
            (area.name, area.get_absolute_url()),
            (measure.title, ""),
        ]
        kwargs["article_html"] = mark_safe(part["html"])  # noqa: S308 – rendered by a template
        return super().get_context_data(**kwargs)

    def render_part(self, pk):
        """The HTML of the measure's facts and the fields the page needs, or None (404)."""
        queryset = Measure.objects.public_for(self.area).for_detail()
        measure = queryset.filter(pk=pk).first()
        if measure is None:
            return None
        html = render_to_string(
            "measures/partials/_public_measure_article.html", self.article_context(measure)
        )
        fields = ("id", "area_id", "title", "is_public")
        return {"measure": {name: getattr(measure, name) for name in fields}, "html": html}

    def article_context(self, measure) -> dict:
        version = ConceptVersion.objects.filter(area=self.area).current().first()
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
        return {
            "area": self.area,
            "measure": measure,
            "version": version,
            "action_fields": action_fields,
            "goals": goals,
            "lead_actor": lead if lead and _is_public_actor(lead) else None,
            "partners": [a for a in measure.partner_actors.all() if _is_public_actor(a)],
            "milestones": list(measure.milestones.all()),
            # Not "measure": its "-title" id would collide with the page's h1.
            "gantt": mark_safe(  # noqa: S308 – built from escaped values only
                gantt_svg(
                    [measure],
                    today=timezone.localdate(),
                    title=_("Timeline of “%(title)s”") % {"title": measure.title},
                    id_prefix="measure-gantt",
                    row_label=_("This measure"),
                )
            ),
            "cost_total": sum((r.amount for r in rows), 0),
            "cost_by_source": sorted(by_source.items()),
            "years": sorted({r.year for r in rows}),
        }
