"""Report sections on the concept itself: cover, state of the IHK, goals and indicators."""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from measures.comparison import compare_versions
from measures.indicators import traffic_light
from measures.models import ActionField, ConceptVersion, Goal, Indicator

from .common import iso


def cover_section(report, version, now) -> dict:
    area = report.area
    author = report.author
    return {
        "area": area.name,
        "city": area.city,
        "programme": area.get_programme_display(),
        "title": report.title,
        "period_start": iso(report.period_start),
        "period_end": iso(report.period_end),
        "version": str(version) if version else None,
        "author": (author.get_full_name() or author.email) if author else None,
        "issued_on": iso(timezone.localtime(now).date()),
    }


def _previous_version(area, version):
    if version.predecessor is not None:
        return version.predecessor
    return (
        ConceptVersion.objects.filter(area=area, number__lt=version.number)
        .order_by("-number")
        .first()
    )


def _changed_measure(item) -> dict:
    # Cost changes per year and source are summed up in "total costs".
    labels = dict.fromkeys(
        str(change.label) for change in item.changes if not change.name.startswith("costs_")
    )
    return {"title": str(item), "changes": ", ".join(labels) or str(_("costs"))}


def _differences(previous, version) -> dict:
    diff = compare_versions(previous, version)
    return {
        "added": [measure.title for measure in diff.measures.added],
        "dropped": [measure.title for measure in diff.measures.removed],
        "changed": [_changed_measure(item) for item in diff.measures.changed],
        "fields_added": [str(field) for field in diff.action_fields.added],
        "fields_removed": [str(field) for field in diff.action_fields.removed],
        "goals_added": [str(goal) for goal in diff.goals.added],
        "goals_removed": [str(goal) for goal in diff.goals.removed],
        "goals_changed": len(diff.goals.changed),
    }


def concept_section(area, version) -> dict | None:
    """The version and what changed since the previous one (``measures.comparison``)."""
    if version is None:
        return None
    previous = _previous_version(area, version)
    data = {
        "version": str(version),
        "status": version.get_status_display(),
        "as_of": iso(version.as_of),
        "council_decision_on": iso(version.council_decision_on),
        "vision": version.vision,
        "previous": str(previous) if previous else None,
        "added": [],
        "changed": [],
        "dropped": [],
        "fields_added": [],
        "fields_removed": [],
        "goals_added": [],
        "goals_removed": [],
        "goals_changed": 0,
    }
    if previous is not None:
        data.update(_differences(previous, version))
    return data


def _indicator(indicator) -> dict:
    values = list(indicator.values.all())
    latest = max(values, key=lambda v: (v.measured_on, v.pk)) if values else None
    light = traffic_light(indicator, latest)
    return {
        "name": indicator.name,
        "unit": indicator.unit,
        "baseline": str(indicator.baseline_value),
        "target": str(indicator.target_value),
        "target_on": iso(indicator.target_on),
        "latest": str(latest.value) if latest else None,
        "latest_on": iso(latest.measured_on) if latest else None,
        "light": light.colour,
        "light_label": str(light.label),
    }


def goals_section(version) -> list[dict]:
    if version is None:
        return []
    fields = ActionField.objects.filter(version=version).prefetch_related(
        Prefetch(
            "goals",
            queryset=Goal.objects.order_by("order", "pk").prefetch_related(
                Prefetch("indicators", queryset=Indicator.objects.prefetch_related("values"))
            ),
        )
    )
    return [
        {
            "title": field.title,
            "goals": [
                {"title": goal.title, "indicators": [_indicator(i) for i in goal.indicators.all()]}
                for goal in field.goals.all()
            ],
        }
        for field in fields
    ]
