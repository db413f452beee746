"""Fund snippets for pages of lower apps: the public area page and the area dashboard."""

from django import template
from django.utils import timezone

from ihk.caching import cached_value

from ..budget import fund_totals
from ..models import Application, Fund

register = template.Library()


@register.inclusion_tag("funds/partials/_public_teaser.html")
def fund_public_teaser(area):
    """The neighbourhood fund on the public area page: the latest public year (three queries)."""
    fund = Fund.objects.for_area(area).public().order_by("-year").first()
    if fund is None:
        return {"area": area, "fund": None}
    return {
        "area": area,
        "fund": fund,
        "totals": fund_totals(fund),
        "accepting": fund.accepts_applications(timezone.localdate()),
    }


@register.inclusion_tag("funds/partials/_dashboard_card.html", takes_context=True)
def fund_dashboard_card(context, area):
    """The area dashboard card: this year's fund, money left and applications to review.

    The figures do not depend on the user: cached under the area's generation (every fund,
    application, decision and payout is watched)."""
    return {
        "area": area,
        "user": context.get("user"),
        **cached_value("dashboard-fund", area_slug=area.slug, compute=lambda: _card_data(area)),
    }


def _card_data(area) -> dict:
    fund = Fund.objects.for_area(area).order_by("-year").first()
    if fund is None:
        return {"fund": None, "totals": None, "waiting": 0}
    waiting = (
        Application.objects.filter(fund=fund, status__in=["submitted", "in_review", "ready"])
        .order_by()
        .count()
    )
    return {"fund": fund, "totals": fund_totals(fund), "waiting": waiting}
