"""The filters of the internal measure list (django-filter); every choice limited to the area."""

import django_filters
from django.utils.translation import gettext_lazy as _

from ihk.filter_forms import bootstrap_filter_form

from .models import ActionField, FundingItem, Measure, MeasureStatus, Priority


class MeasureFilter(django_filters.FilterSet):
    action_field = django_filters.ModelChoiceFilter(
        label=_("Field of action"),
        queryset=ActionField.objects.none(),
        field_name="action_fields",
        empty_label=_("all"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=MeasureStatus.choices, empty_label=_("all")
    )
    priority = django_filters.ChoiceFilter(
        label=_("Priority"), choices=Priority.choices, empty_label=_("all")
    )
    funding_item = django_filters.ChoiceFilter(
        label=_("Funding item"), choices=FundingItem.choices, empty_label=_("all")
    )
    # A name search, not a list of every lead actor: the form costs the same for 10 or 1,000.
    lead_actor = django_filters.CharFilter(
        label=_("Lead actor (name contains)"),
        field_name="lead_actor__name",
        lookup_expr="icontains",
        max_length=200,
    )

    class Meta:
        model = Measure
        fields = ["action_field", "status", "priority", "funding_item", "lead_actor"]

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.filters["action_field"]
        field.queryset = (
            ActionField.objects.for_area(area)
            .select_related("version")
            .order_by("-version__number", "order", "pk")
        )

    @property
    def form(self):
        form = super().form
        form.fields["action_field"].label_from_instance = lambda f: (
            _("%(title)s (version %(number)s)") % {"title": f.title, "number": f.version.number}
        )
        return bootstrap_filter_form(form)
