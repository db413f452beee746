"""Report section (and page) on continuation: what carries on when the funding ends."""

from decimal import Decimal

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from measures.models import ContinuationElement, ContinuationState, Measure, MeasureStatus

from .common import iso, money

CONTINUATION_YEARS = 5


def _plans(area) -> list:
    """Measures with any continuation plan (carrier, financing, start or a state)."""
    return list(
        Measure.objects.filter(area=area)
        .exclude(status=MeasureStatus.DROPPED)
        .filter(
            Q(continuation_carrier__isnull=False)
            | ~Q(continuation_financing="")
            | Q(continuation_from__isnull=False)
            | ~Q(continuation_state=ContinuationState.OPEN)
        )
        .select_related("continuation_carrier")
        .order_by("title", "pk")
    )


def _financing(elements, years) -> dict:
    """Annual amounts of the elements per year from their start; totals per year."""
    rows = []
    year_totals = [Decimal(0)] * len(years)
    for element in elements:
        if element.annual_amount is None:
            continue
        start_year = element.starts_on.year if element.starts_on else years[0]
        amounts = []
        for i, year in enumerate(years):
            amount = element.annual_amount if year >= start_year else Decimal(0)
            year_totals[i] += amount
            amounts.append(money(amount))
        rows.append(
            {
                "title": element.title,
                "source": element.financing_source,
                "secured": element.state == ContinuationState.SECURED,
                "amounts": amounts,
            }
        )
    return {"financing": rows, "year_totals": [money(v) for v in year_totals]}


def _element(element) -> dict:
    return {
        "title": element.title,
        "kind": element.get_kind_display(),
        "description": element.description,
        "carrier": element.responsible_actor.name if element.responsible_actor else None,
        "financing_source": element.financing_source,
        "annual_amount": (
            money(element.annual_amount) if element.annual_amount is not None else None
        ),
        "starts_on": iso(element.starts_on),
        "state": element.get_state_display(),
        "secured": element.state == ContinuationState.SECURED,
    }


def _plan(measure) -> dict:
    carrier = measure.continuation_carrier
    return {
        "title": measure.title,
        "carrier": carrier.name if carrier else None,
        "financing": measure.continuation_financing,
        "from": iso(measure.continuation_from),
        "state": measure.get_continuation_state_display(),
        "secured": measure.continuation_state == ContinuationState.SECURED,
    }


def _not_secured(elements, plans) -> list[dict]:
    return [
        {"title": e.title, "state": e.get_state_display(), "what": str(_("element"))}
        for e in elements
        if e.state != ContinuationState.SECURED
    ] + [
        {"title": m.title, "state": m.get_continuation_state_display(), "what": str(_("measure"))}
        for m in plans
        if m.continuation_state != ContinuationState.SECURED
    ]


def continuation_section(area, today) -> dict:
    """Area-level elements, the measures' continuation plans, financing per year, open points."""
    elements = list(
        ContinuationElement.objects.filter(area=area)
        .select_related("responsible_actor")
        .order_by("kind", "title")
    )
    plans = _plans(area)
    years = list(range(today.year, today.year + CONTINUATION_YEARS))
    return {
        "elements": [_element(e) for e in elements],
        "measures": [_plan(m) for m in plans],
        "years": years,
        **_financing(elements, years),
        "not_secured": _not_secured(elements, plans),
    }


def continuation_snapshot(area) -> dict:
    """Data of the continuation concept (page and PDF): live, not frozen."""
    return continuation_section(area, timezone.localdate())
