"""Template tags for reaching residents: "follow by e-mail" and event registration.

Lower apps load this library in their templates; their Python never imports participation::

    {% load participation_reach %}
    {% follow_link area %}          link to follow the area by e-mail (area page)
    {% follow_link measure %}       link to follow one measure (public measure page)
    {% registration_for event %}    places, waiting list and the link to register (event page)

Each tag costs at most two queries and shows no personal data.
"""

from django import template
from django.urls import reverse

from ..models import Registration, RegistrationSettings
from ..registration_services import free_places, is_open

register = template.Library()


@register.inclusion_tag("participation/subscriptions/_follow_link.html", takes_context=True)
def follow_link(context, obj):
    """An area (``Area``) or a public measure (anything with ``area_id`` and ``pk``).

    The page's ``area`` is used for the slug when it is the object's, so no query is needed.
    """
    if not hasattr(obj, "area_id"):
        return {"url": reverse("participation:subscribe", kwargs={"area_slug": obj.slug})}
    area = context.get("area")
    slug = area.slug if getattr(area, "pk", None) == obj.area_id else obj.area.slug
    url = reverse(
        "participation:subscribe_measure", kwargs={"area_slug": slug, "measure_pk": obj.pk}
    )
    return {"url": url, "is_measure": True}


@register.inclusion_tag("participation/registrations/_event_registration.html")
def registration_for(event):
    settings = RegistrationSettings.objects.filter(event=event).first()
    if settings is None or not settings.enabled:
        return {"enabled": False}
    confirmed = Registration.objects.for_event(event).confirmed().count()
    free = free_places(settings, confirmed)
    return {
        "enabled": True,
        "open": is_open(event, settings),
        "capacity": settings.capacity,
        "free": free,
        "waiting_list": settings.waiting_list,
        "url": reverse(
            "participation:registration_create",
            kwargs={"area_slug": event.area.slug, "pk": event.pk},
        ),
    }
