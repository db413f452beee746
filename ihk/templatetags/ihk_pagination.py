"""The one pagination of every paginated list: ``{% load ihk_pagination %}``.

    {% pagination page_obj %}
    {% pagination comments_page parameter="comments_page" fragment="#comments" label=label %}

The links keep every other GET parameter (filters survive paging) and work without JavaScript.
Outside a request (a cached fragment) they carry only the page parameter.
"""

from django import template
from django.http import QueryDict

register = template.Library()


@register.inclusion_tag("components/pagination.html", takes_context=True)
def pagination(context, page_obj, parameter="page", fragment="", label="", previous="", next=""):
    request = context.get("request")
    query = request.GET.copy() if request is not None else QueryDict(mutable=True)
    query.pop(parameter, None)

    def url(number):
        wanted = query.copy()
        wanted[parameter] = number
        return f"?{wanted.urlencode()}{fragment}"

    return {
        "page_obj": page_obj,
        "label": label,
        "previous": previous,
        "next": next,
        "previous_url": url(page_obj.previous_page_number()) if page_obj.has_previous() else "",
        "next_url": url(page_obj.next_page_number()) if page_obj.has_next() else "",
    }
