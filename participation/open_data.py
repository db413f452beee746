"""Open data of an area: the public concept, events and published ideas as CSV and JSON.

Exactly what the public pages show, by the same rules: the current concept version's fields of
action, goals and indicators; ``Measure.objects.public_for(area)``; public events; published
ideas. Nothing personal: no contact data, no actors, no comments, no internal notes or minutes.
Every dataset is flat (one row per item, the same columns in CSV and JSON) and has a JSON Schema
in ``static/opendata/schema/<name>.schema.json``; each is read in at most three queries, however
many rows there are, and holds at most ``MAX_ROWS`` rows (``truncated`` says when more exist).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ihk.spreadsheets import csv_bytes
from measures.models import ActionField, ConceptVersion, Goal, Indicator, Measure

from .models import Event, Idea

MAX_ROWS = 10_000
LICENCE = {
    "id": "dl-de/by-2-0",
    "name": "Datenlizenz Deutschland – Namensnennung – Version 2.0",
    "url": "https://www.govdata.de/dl-de/by-2-0",
}
SCHEMA_PATH = "opendata/schema/{name}.schema.json"


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    description: str
    columns: tuple[tuple[str, str], ...]  # (name, translated description)
    rows: Callable  # (area, version, site) -> iterable of dicts


def _number(value):
    return None if value is None else float(value) if isinstance(value, Decimal) else value


def _iso(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="minutes")
    return value.isoformat() if isinstance(value, datetime.date) else value


def _url(site: str, name: str, area, pk: int) -> str:
    return site + reverse(name, kwargs={"area_slug": area.slug, "pk": pk})


# --- the concept: goals and indicators of the current version ---------------------------------


def _goal_rows(area, version, site):
    if version is None:
        return
    goals = Goal.objects.filter(action_field__version=version).select_related("action_field")
    order = ("action_field__order", "action_field_id", "order", "pk")
    for goal in goals.order_by(*order)[: MAX_ROWS + 1]:
        yield {
            "action_field_id": goal.action_field_id,
            "action_field": goal.action_field.title,
            "goal_id": goal.pk,
            "parent_goal_id": goal.parent_id,
            "goal": goal.title,
            "description": goal.description,
        }


def _indicator_rows(area, version, site):
    if version is None:
        return
    indicators = (
        Indicator.objects.filter(goal__action_field__version=version)
        .select_related("goal__action_field")
        .prefetch_related("values")
        .order_by("goal__action_field__order", "goal__order", "goal_id", "pk")
    )
    for indicator in indicators[: MAX_ROWS + 1]:
        base = {
            "action_field": indicator.goal.action_field.title,
            "goal_id": indicator.goal_id,
            "goal": indicator.goal.title,
            "indicator_id": indicator.pk,
            "indicator": indicator.name,
            "unit": indicator.unit,
            "baseline_value": _number(indicator.baseline_value),
            "baseline_on": _iso(indicator.baseline_on),
            "target_value": _number(indicator.target_value),
            "target_on": _iso(indicator.target_on),
        }
        values = sorted(indicator.values.all(), key=lambda v: (v.measured_on, v.pk))
        for value in values or [None]:
            yield {
                **base,
                "measured_on": _iso(value.measured_on) if value else None,
                "value": _number(value.value) if value else None,
            }


def _measure_rows(area, version, site):
    fields = ActionField.objects.filter(version=version).order_by("order", "pk")
    measures = (
        Measure.objects.public_for(area)
        .annotate(cost_total=Sum("financing_rows__amount"))
        .prefetch_related(Prefetch("action_fields", queryset=fields))
        .order_by("title", "pk")
    )
    for measure in measures[: MAX_ROWS + 1]:
        yield {
            "id": measure.pk,
            "title": measure.title,
            "description": measure.description,
            "action_fields": [f.title for f in measure.action_fields.all()] if version else [],
            "status": measure.status,
            "status_label": str(measure.get_status_display()),
            "progress": measure.progress,
            "planned_start": _iso(measure.planned_start),
            "planned_end": _iso(measure.planned_end),
            "actual_start": _iso(measure.actual_start),
            "actual_end": _iso(measure.actual_end),
            "cost_total": _number(measure.cost_total or Decimal("0.00")),
            "climate_relevant": measure.climate_relevant,
            "location": measure.location,
            "latitude": _number(measure.latitude),
            "longitude": _number(measure.longitude),
            "url": _url(site, "measures:measure_public", area, measure.pk),
        }


# --- participation -----------------------------------------------------------------------------


def _event_rows(area, version, site):
    events = Event.objects.for_area(area).filter(is_public=True).order_by("-starts_at", "-pk")
    for event in events[: MAX_ROWS + 1]:
        yield {
            "id": event.pk,
            "title": event.title,
            "format": event.format,
            "format_label": str(event.get_format_display()),
            "starts_at": _iso(event.starts_at),
            "ends_at": _iso(event.ends_at),
            "place": event.place,
            "latitude": _number(event.latitude),
            "longitude": _number(event.longitude),
            "target_groups": event.target_groups,
            "description": event.description,
            "url": _url(site, "participation:event_public", area, event.pk),
        }


def _idea_rows(area, version, site):
    public_measures = Measure.objects.public_for(area).filter(pk=OuterRef("measure_id"))
    ideas = (
        Idea.objects.for_area(area)
        .published()
        .select_related("action_field")
        .annotate(measure_is_public=Exists(public_measures))
        .order_by("-created_at", "-pk")
    )
    for idea in ideas[: MAX_ROWS + 1]:
        yield {
            "id": idea.pk,
            "title": idea.title,
            "description": idea.description,
            "action_field": idea.action_field.title if idea.action_field else None,
            "status": idea.status,
            "status_label": str(idea.get_status_display()),
            "status_reason": idea.status_reason,
            "measure_id": idea.measure_id if idea.measure_is_public else None,
            "place": idea.place,
            "latitude": _number(idea.latitude),
            "longitude": _number(idea.longitude),
            "submitted_on": _iso(timezone.localdate(idea.created_at)),
            "url": _url(site, "participation:idea_detail", area, idea.pk),
        }


_COMMON = {
    "latitude": _("Latitude (WGS 84), empty without a place"),
    "longitude": _("Longitude (WGS 84), empty without a place"),
    "url": _("Address of the public page"),
}

DATASETS = (
    Dataset(
        "goals",
        _("Fields of action and goals"),
        _("The fields of action of the current concept version with their goals."),
        (
            ("action_field_id", _("Number of the field of action")),
            ("action_field", _("Field of action")),
            ("goal_id", _("Number of the goal")),
            ("parent_goal_id", _("Number of the higher goal, empty for a top goal")),
            ("goal", _("Goal")),
            ("description", _("Description of the goal")),
        ),
        _goal_rows,
    ),
    Dataset(
        "indicators",
        _("Indicators and measured values"),
        _("One row per measured value (one row without value for an indicator not measured yet)."),
        (
            ("action_field", _("Field of action")),
            ("goal_id", _("Number of the goal")),
            ("goal", _("Goal")),
            ("indicator_id", _("Number of the indicator")),
            ("indicator", _("Indicator")),
            ("unit", _("Unit")),
            ("baseline_value", _("Baseline value")),
            ("baseline_on", _("Date of the baseline value")),
            ("target_value", _("Target value")),
            ("target_on", _("Target date")),
            ("measured_on", _("Date of the measured value")),
            ("value", _("Measured value")),
        ),
        _indicator_rows,
    ),
    Dataset(
        "measures",
        _("Measures"),
        _("The public measures with status, schedule and the total of their planned costs."),
        (
            ("id", _("Number of the measure")),
            ("title", _("Title")),
            ("description", _("Description")),
            (
                "action_fields",
                _("Fields of action of the current version (CSV: separated by “; ”)"),
            ),
            ("status", _("Status code: idea, planned, preparation, running, completed, dropped")),
            ("status_label", _("Status in words")),
            ("progress", _("Progress in per cent")),
            ("planned_start", _("Planned start")),
            ("planned_end", _("Planned end")),
            ("actual_start", _("Actual start")),
            ("actual_end", _("Actual end")),
            ("cost_total", _("Total of all cost and financing rows in euros")),
            ("climate_relevant", _("Relevant for climate protection or adaptation")),
            ("location", _("Location in words")),
            ("latitude", _COMMON["latitude"]),
            ("longitude", _COMMON["longitude"]),
            ("url", _COMMON["url"]),
        ),
        _measure_rows,
    ),
    Dataset(
        "events",
        _("Events"),
        _("The public participation events, newest first."),
        (
            ("id", _("Number of the event")),
            ("title", _("Title")),
            ("format", _("Format code")),
            ("format_label", _("Format in words")),
            ("starts_at", _("Start (local time with offset)")),
            ("ends_at", _("End (local time with offset)")),
            ("place", _("Place in words")),
            ("latitude", _COMMON["latitude"]),
            ("longitude", _COMMON["longitude"]),
            ("target_groups", _("Target groups")),
            ("description", _("Description")),
            ("url", _COMMON["url"]),
        ),
        _event_rows,
    ),
    Dataset(
        "ideas",
        _("Project ideas"),
        _("The published project ideas of residents, newest first, without any contact data."),
        (
            ("id", _("Number of the idea")),
            ("title", _("Title")),
            ("description", _("Description")),
            ("action_field", _("Field of action")),
            ("status", _("Status code: received, review, taken_up, not_taken_up")),
            ("status_label", _("Status in words")),
            ("status_reason", _("Reason given by the quarter management")),
            ("measure_id", _("Number of the measure it became, if that measure is public")),
            ("place", _("Place in words")),
            ("latitude", _COMMON["latitude"]),
            ("longitude", _COMMON["longitude"]),
            ("submitted_on", _("Date of submission")),
            ("url", _COMMON["url"]),
        ),
        _idea_rows,
    ),
)
BY_NAME = {dataset.name: dataset for dataset in DATASETS}


def current_version(area):
    return ConceptVersion.objects.filter(area=area).current().first()


def attribution(area) -> str:
    return _("Data: %(area)s, %(city)s – integrated action concept (dl-de/by-2-0)") % {
        "area": area.name,
        "city": area.city,
    }


def document(dataset: Dataset, area, *, site: str) -> dict:
    """The JSON file: who, which version, licence, and the rows (``items``)."""
    version = current_version(area)
    items = list(_limited(dataset.rows(area, version, site), MAX_ROWS + 1))
    return {
        "dataset": dataset.name,
        "title": str(dataset.title),
        "area": {"slug": area.slug, "name": area.name, "city": area.city},
        "concept_version": {
            "number": version.number,
            "as_of": _iso(version.as_of),
            "vision": version.vision,
        }
        if version
        else None,
        "licence": LICENCE,
        "attribution": str(attribution(area)),
        "generated_at": _iso(timezone.now()),
        "truncated": len(items) > MAX_ROWS,
        "items": items[:MAX_ROWS],
    }


def _limited(rows: Iterable[dict], count: int):
    for index, row in enumerate(rows):
        if index >= count:
            return
        yield row


def _csv_value(value):
    if isinstance(value, list):
        return "; ".join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def csv_file(dataset: Dataset, area, *, site: str) -> bytes:
    """The CSV file (UTF-8, semicolons, formula-safe cells): a header of column names, then one
    line per row; lists joined by "; ", booleans as true/false, dates in ISO format."""
    version = current_version(area)
    names = [name for name, _label in dataset.columns]

    def lines():
        yield names
        for row in _limited(dataset.rows(area, version, site), MAX_ROWS):
            yield [_csv_value(row[name]) for name in names]

    return csv_bytes(lines(), date_format="%Y-%m-%d")
