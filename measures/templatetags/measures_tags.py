"""Template tags of the measures app: dashboard card and small concept helpers."""

from django import template

register = template.Library()


@register.inclusion_tag("measures/concept_dashboard_card.html", takes_context=True)
def concept_dashboard_card(context, area):
    """Card on the internal area dashboard: current version, counts, link to the concept page.

    The figures do not depend on the user: cached under the area's generation."""
    from ihk.caching import cached_value

    data = cached_value("dashboard-concept", area_slug=area.slug, compute=lambda: _card_data(area))
    return {"area": area, **data, "request": context.get("request")}


def _card_data(area) -> dict:
    """Constant cost: the latest value of each indicator comes from a subquery (not every value),
    the measures are counted in SQL."""
    from types import SimpleNamespace

    from django.db.models import OuterRef, Subquery

    from measures.indicators import traffic_light
    from measures.models import ConceptVersion, Indicator, IndicatorValue, Measure

    version = ConceptVersion.objects.filter(area=area).order_by("-is_current", "-number").first()
    lights = {"green": 0, "yellow": 0, "red": 0, "grey": 0}
    if version is not None:
        latest = IndicatorValue.objects.filter(indicator=OuterRef("pk")).order_by(
            "-measured_on", "-pk"
        )
        indicators = Indicator.objects.filter(goal__action_field__version=version).annotate(
            latest_value=Subquery(latest.values("value")[:1]),
            latest_on=Subquery(latest.values("measured_on")[:1]),
        )
        for indicator in indicators:
            value = None
            if indicator.latest_on is not None:
                value = SimpleNamespace(
                    value=indicator.latest_value, measured_on=indicator.latest_on
                )
            lights[traffic_light(indicator, value).colour] += 1
    return {
        "version": version,
        "lights": lights,
        "indicator_count": sum(lights.values()),
        "measure_count": Measure.objects.filter(area=area).count(),
    }


@register.filter
def diff_value(value):
    """A value of the version comparison as a German reader expects it: 1.234,50 and 01.02.2025."""
    import datetime
    from decimal import Decimal

    from django.utils import formats

    if isinstance(value, Decimal):
        return formats.number_format(value, 2, use_l10n=True, force_grouping=True)
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return value


# Units that only say "this is a count": the number alone reads better ("6", not "6 Anzahl").
COUNT_UNITS = {"", "anzahl", "stück", "stk.", "count", "number", "pieces"}


@register.filter
def with_unit(value, unit=""):
    """An indicator value in the active language with its unit, without decimals when it is
    whole and without a unit that only means "count": "12.000 m²", "34,5 %", "6"."""
    from ihk.formatting import format_number, to_decimal

    number = to_decimal(value)
    if number is None:
        return "–"
    text = format_number(number, 0 if number == number.to_integral_value() else 2)
    unit = (unit or "").strip()
    return text if unit.lower() in COUNT_UNITS else f"{text}\u00a0{unit}"
