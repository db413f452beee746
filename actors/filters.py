"""The filters of the internal actor list (django-filter)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ihk.filter_forms import bootstrap_filter_form

from .models import Actor, ActorKind, ActorStatus, Committee, Quadrant, quadrant_q


class ActorFilter(django_filters.FilterSet):
    # Bounded: a 100 kB search term is no search, and SQLite refuses LIKE patterns over 50 kB.
    q = django_filters.CharFilter(label=_("Search"), method="filter_search", max_length=200)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ActorKind.choices)
    action_field = django_filters.ChoiceFilter(
        label=_("Field of action"), method="filter_action_field"
    )
    committee = django_filters.ModelChoiceFilter(
        label=_("Committee"), queryset=Committee.objects.none(), method="filter_committee"
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ActorStatus.choices)
    quadrant = django_filters.ChoiceFilter(
        label=_("Stakeholder quadrant"), choices=Quadrant.choices, method="filter_quadrant"
    )

    class Meta:
        model = Actor
        fields = ["q", "kind", "action_field", "committee", "status", "quadrant"]

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.area = area
        self.filters["committee"].queryset = Committee.objects.filter(area=area)
        # Fields of action are copied into every concept version; filter by title so one
        # choice covers all versions. Reached through the ORM: actors does not import measures.
        action_field_model = Actor._meta.get_field("action_fields").related_model
        titles = (
            action_field_model.objects.filter(version__area=area)
            .order_by("title")
            .values_list("title", flat=True)
            .distinct()
        )
        self.filters["action_field"].extra["choices"] = [(t, t) for t in titles]

    @property
    def form(self):
        return bootstrap_filter_form(super().form)

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value)
            | Q(description__icontains=value)
            | Q(address__icontains=value)
            | Q(contact_persons__name__icontains=value)
        ).distinct()

    def filter_action_field(self, queryset, name, value):
        return queryset.filter(
            action_fields__title=value, action_fields__version__area=self.area
        ).distinct()

    def filter_committee(self, queryset, name, value):
        return queryset.filter(memberships__committee=value).distinct()

    def filter_quadrant(self, queryset, name, value):
        return queryset.filter(quadrant_q(value))
