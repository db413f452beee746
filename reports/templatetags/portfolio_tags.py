"""``{% portfolio_links areas %}``: the dashboard's links to the portfolio and the deadlines."""

from django import template

register = template.Library()


@register.inclusion_tag("reports/portfolio/_dashboard_links.html")
def portfolio_links(areas):
    return {"several": len(areas) > 1}
