"""Template filters for money, numbers and dates: ``{% load ihk_format %}``.

{{ amount|money }}      12.345,50 €      (– when empty)
{{ count|number }}      1.234            (counts never get decimals)
{{ share|number:1 }}    12,5
{{ day|short_date }}    31.12.2026       (the active language's short format)
{{ moment|short_datetime }}
"""

from django import template

from ihk import formatting

register = template.Library()


@register.filter
def money(value, places=2):
    return formatting.format_money(value, int(places))


@register.filter
def number(value, places=0):
    return formatting.format_number(value, int(places))


@register.filter
def measurement(value):
    return formatting.format_measurement(value)


@register.filter
def short_date(value):
    return formatting.format_date(value)


@register.filter
def short_datetime(value):
    return formatting.format_datetime(value)
