"""The area's continuation concept (Verstetigung): overview and its elements."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DeleteView, TemplateView, UpdateView

from ihk.mixins import internal_crumbs

from ..forms.concept import ContinuationElementForm
from ..models import ContinuationElement, ContinuationState, Measure, MeasureStatus
from .mixins import ConceptDeleteMixin, ConceptFormMixin, ConceptReadMixin


def continuation_url(area) -> str:
    return reverse("measures:continuation", kwargs={"area_slug": area.slug})


class ContinuationOverviewView(ConceptReadMixin, TemplateView):
    """The area's continuation concept: its elements and the measures' continuation plans."""

    template_name = "measures/continuation_overview.html"

    def get_context_data(self, **kwargs):
        elements = list(
            ContinuationElement.objects.for_area(self.area).select_related("responsible_actor")
        )
        measures = list(
            Measure.objects.for_area(self.area)
            .exclude(status=MeasureStatus.DROPPED)
            .select_related("continuation_carrier", "lead_actor")
            .order_by("title")
        )
        secured = [e for e in elements if e.state == ContinuationState.SECURED]
        open_elements = [e for e in elements if e.state != ContinuationState.SECURED]
        kwargs.update(
            elements=elements,
            measures=measures,
            open_elements=open_elements,
            open_measures=[
                m for m in measures if m.continuation_state != ContinuationState.SECURED
            ],
            secured_amount=sum((e.annual_amount or 0) for e in secured),
            open_amount=sum((e.annual_amount or 0) for e in open_elements),
            breadcrumbs=internal_crumbs(self.area, (_("Continuation"), "")),
        )
        return super().get_context_data(**kwargs)


class ContinuationFormMixin(ConceptFormMixin):
    model = ContinuationElement
    form_class = ContinuationElementForm

    def get_version(self):
        return None

    def get_queryset(self):
        return ContinuationElement.objects.for_area(self.area)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "area": self.area}

    def get_success_url(self):
        return continuation_url(self.area)

    def get_cancel_url(self):
        return continuation_url(self.area)

    def get_crumbs(self):
        return internal_crumbs(
            self.area,
            (_("Continuation"), continuation_url(self.area)),
            (self.get_title(), ""),
        )


class ContinuationElementCreateView(ContinuationFormMixin, CreateView):
    def get_title(self):
        return _("New continuation element")


class ContinuationElementUpdateView(ContinuationFormMixin, UpdateView):
    def get_title(self):
        return _("Edit “%(title)s”") % {"title": self.object.title}


class ContinuationElementDeleteView(ConceptDeleteMixin, DeleteView):
    model = ContinuationElement

    def get_success_url(self):
        return continuation_url(self.area)
