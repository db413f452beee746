"""The internal concept page of one version: vision, SWOT, fields → goals → indicators →
measures. The other concept pages live in ``versions``, ``structure``, ``indicators`` and
``continuation``."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from actors.models import Actor

from ..comparison import states_at
from ..models import ActionField, Goal, Indicator, Measure, VersionStatus
from .mixins import ConceptReadMixin, VersionMixin


def _measure_prefetch():
    return Prefetch(
        "measures",
        queryset=Measure.objects.select_related("lead_actor").order_by("title"),
    )


def concept_fields(version) -> list[ActionField]:
    """The version's fields of action with goal tree, rated indicators and measures."""
    fields = list(
        ActionField.objects.filter(version=version)
        .order_by("order", "pk")
        .prefetch_related(
            _measure_prefetch(),
            Prefetch("actors", queryset=Actor.objects.order_by("name")),
            Prefetch(
                "goals",
                queryset=Goal.objects.order_by("order", "pk").prefetch_related(
                    _measure_prefetch(),
                    Prefetch("indicators", queryset=Indicator.objects.prefetch_related("values")),
                ),
            ),
        )
    )
    for field in fields:
        goals = list(field.goals.all())
        children: dict[int, list] = {}
        for goal in goals:
            children.setdefault(goal.parent_id, []).append(goal)
            goal.rated_indicators = [
                (indicator, indicator.latest_value(), indicator.traffic_light())
                for indicator in goal.indicators.all()
            ]
        # Goals whose parent sits in another field of action are shown at top level.
        ids = {g.pk for g in goals}
        field.top_goals = [g for g in goals if g.parent_id is None or g.parent_id not in ids]
        for goal in goals:
            goal.children = children.get(goal.pk, [])
        in_goals = {m.pk for g in goals for m in g.measures.all()}
        field.other_measures = [m for m in field.measures.all() if m.pk not in in_goals]
    return fields


def annotate_states(fields, moment) -> None:
    """Sets ``measure.as_was``: each shown measure's state at ``moment``."""
    shown = [m for f in fields for m in f.measures.all()]
    shown += [m for f in fields for g in f.goals.all() for m in g.measures.all()]
    states = states_at(Measure.history.model, {"id__in": {m.pk for m in shown}}, moment)
    for measure in shown:
        measure.as_was = states.get(measure.pk)


class ConceptView(VersionMixin, ConceptReadMixin, TemplateView):
    """The concept of one version (``?version=<number>``; default: the current version)."""

    template_name = "measures/concept_detail.html"

    def get_context_data(self, **kwargs):
        version = self.version
        fields = concept_fields(version) if version is not None else []
        # An earlier version shows its measures as they were when its successor was started;
        # the current version is the live one and shows them as they are now.
        successor = None
        if version is not None and not version.is_current:
            successor = min(
                (v for v in self.versions if v.number > version.number),
                key=lambda v: v.number,
                default=None,
            )
        if successor is not None:
            annotate_states(fields, successor.created_at)
        kwargs.update(
            fields=fields,
            measures_as_of=successor.created_at if successor else None,
            editable=version is not None and version.status != VersionStatus.SUPERSEDED,
            breadcrumbs=self.concept_crumbs()[:-1] + [(_("Concept"), "")],
        )
        return super().get_context_data(**kwargs)
