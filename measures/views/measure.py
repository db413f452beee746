"""Internal measure pages: list with filters, detail with history, create/edit with inline rows."""

from django.contrib import messages
from django.forms.utils import ErrorDict
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, View

from ihk.mixins import AreaPermissionMixin

from ..forms.measure import (
    FINANCING_PREFIX,
    MILESTONE_PREFIX,
    FinancingFormSet,
    MeasureFilterForm,
    MeasureForm,
    MilestoneFormSet,
    save_measure,
    working_version,
)
from ..history import measure_history
from ..models import Measure, Milestone


def _crumbs(area, *items):
    return [
        (_("My areas"), reverse("ihk:dashboard")),
        (area.name, reverse("ihk:area_dashboard", kwargs={"area_slug": area.slug})),
        *items,
    ]


class MeasureListView(AreaPermissionMixin, ListView):
    permission_required = "measures.view_internal"
    template_name = "measures/measure_list.html"
    context_object_name = "measures"

    @cached_property
    def filter_form(self):
        return MeasureFilterForm(self.request.GET or None, area=self.area)

    def get_queryset(self):
        queryset = Measure.objects.for_area(self.area).for_list().order_by("title")
        return self.filter_form.filter(queryset).distinct()

    def get_context_data(self, **kwargs):
        kwargs["filter_form"] = self.filter_form
        kwargs["breadcrumbs"] = _crumbs(self.area, (_("Measures"), ""))
        return super().get_context_data(**kwargs)


class MeasureDetailView(AreaPermissionMixin, DetailView):
    """Everything about one measure for managers and city staff, with its change history."""

    permission_required = "measures.view_internal"
    template_name = "measures/measure_detail.html"
    context_object_name = "measure"

    def get_object(self, queryset=None):
        return get_object_or_404(Measure.objects.for_detail(), pk=self.kwargs["pk"], area=self.area)

    def get_context_data(self, **kwargs):
        measure = self.object
        rows = list(measure.financing_rows.all())
        kwargs["financing_total"] = sum((r.amount for r in rows), 0)
        kwargs["history"] = measure_history(measure)
        kwargs["breadcrumbs"] = _crumbs(
            self.area,
            (_("Measures"), reverse("measures:measure_list", kwargs={"area_slug": self.area.slug})),
            (measure.title, ""),
        )
        return super().get_context_data(**kwargs)


class MeasureEditView(AreaPermissionMixin, View):
    """Create (no ``pk``) or edit a measure with its milestones and financing rows in one form.

    Without JavaScript, the "add row" buttons submit the form with ``add_row`` set; the view then
    re-renders it with one more empty row instead of saving.
    """

    permission_required = "measures.change_concept"
    template_name = "measures/measure_form.html"

    @cached_property
    def measure(self) -> Measure:
        if "pk" not in self.kwargs:
            return Measure(area=self.area)
        return get_object_or_404(Measure, pk=self.kwargs["pk"], area=self.area)

    @cached_property
    def version(self):
        return working_version(self.area)

    def get_permission_object(self):
        return self.area

    def build(self, data=None, *, bounds=None, form=None):
        if form is None:
            form = MeasureForm(data, instance=self.measure, area=self.area, version=self.version)
        milestones = MilestoneFormSet(
            data, instance=self.measure, prefix=MILESTONE_PREFIX, bounds=bounds
        )
        financing = FinancingFormSet(
            data, instance=self.measure, prefix=FINANCING_PREFIX, area=self.area
        )
        return form, milestones, financing

    def render(self, form, milestones, financing, status=200):
        area = self.area
        list_url = reverse("measures:measure_list", kwargs={"area_slug": area.slug})
        if self.measure.pk:
            detail_url = reverse(
                "measures:measure_detail", kwargs={"area_slug": area.slug, "pk": self.measure.pk}
            )
            crumbs = _crumbs(
                area,
                (_("Measures"), list_url),
                (self.measure.title, detail_url),
                (_("Edit"), ""),
            )
        else:
            detail_url = list_url
            crumbs = _crumbs(area, (_("Measures"), list_url), (_("New measure"), ""))
        context = {
            "area": area,
            "measure": self.measure,
            "version": self.version,
            "form": form,
            "milestones": milestones,
            "financing": financing,
            "cancel_url": detail_url,
            "breadcrumbs": crumbs,
        }
        return TemplateResponse(self.request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        return self.render(*self.build())

    def post(self, request, *args, **kwargs):
        add_row = request.POST.get("add_row")
        if add_row in (MILESTONE_PREFIX, FINANCING_PREFIX):
            data = request.POST.copy()
            key = f"{add_row}-TOTAL_FORMS"
            try:
                data[key] = str(int(data.get(key, 0)) + 1)
            except ValueError:
                data[key] = "1"
            parts = self.build(data)
            _hide_errors(*parts)  # adding a row is not a save attempt
            return self.render(*parts)
        form = MeasureForm(
            request.POST, instance=self.measure, area=self.area, version=self.version
        )
        form_valid = form.is_valid()
        # Milestones are checked against the planned period just entered.
        bounds = form.milestone_bounds()
        form, milestones, financing = self.build(request.POST, bounds=bounds, form=form)
        # Validate every part so all errors show at once.
        milestones_valid = milestones.is_valid()
        financing_valid = financing.is_valid()
        if not (form_valid and milestones_valid and financing_valid):
            messages.error(request, _("Please correct the errors below. Nothing has been saved."))
            return self.render(form, milestones, financing, status=200)
        is_new = self.measure.pk is None
        measure = save_measure(
            area=self.area,
            version=self.version,
            form=form,
            milestones=milestones,
            financing=financing,
        )
        if is_new:
            text = _("The measure “%(title)s” has been created.")
        else:
            text = _("The measure “%(title)s” has been saved.")
        messages.success(request, text % {"title": measure.title})
        return HttpResponseRedirect(
            reverse(
                "measures:measure_detail", kwargs={"area_slug": self.area.slug, "pk": measure.pk}
            )
        )


def _hide_errors(form, *formsets) -> None:
    """Show bound forms with their typed values but without validation messages."""
    form._errors = ErrorDict()
    for formset in formsets:
        formset._errors = [ErrorDict() for _row in formset.forms]
        formset._non_form_errors = formset.error_class()
        for row in formset.forms:
            row._errors = ErrorDict()


class MeasureRowView(AreaPermissionMixin, View):
    """htmx: one more empty milestone or financing row, and the updated management count."""

    permission_required = "measures.change_concept"

    def get(self, request, *args, **kwargs):
        kind = kwargs["kind"]
        if kind not in (MILESTONE_PREFIX, FINANCING_PREFIX):
            raise Http404
        try:
            index = int(request.GET.get(f"{kind}-TOTAL_FORMS", "0"))
        except ValueError:
            index = 0
        index = max(0, min(index, 999))
        if kind == MILESTONE_PREFIX:
            formset = MilestoneFormSet(instance=Measure(area=self.area), prefix=kind)
        else:
            formset = FinancingFormSet(
                instance=Measure(area=self.area), prefix=kind, area=self.area
            )
        row = formset._construct_form(index, empty_permitted=True, use_required_attribute=False)
        template = (
            "measures/partials/_measure_milestone_row.html"
            if kind == MILESTONE_PREFIX
            else "measures/partials/_measure_financing_row.html"
        )
        return TemplateResponse(
            request,
            template,
            {"row": row, "area": self.area, "oob_total": index + 1, "prefix": kind},
        )


class MilestoneToggleView(AreaPermissionMixin, View):
    """Mark a milestone done or open again in one click (htmx swaps the item; else redirect)."""

    permission_required = "measures.change_concept"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        measure = get_object_or_404(Measure, pk=kwargs["pk"], area=self.area)
        milestone = get_object_or_404(Milestone, pk=kwargs["milestone_pk"], measure=measure)
        milestone.done = not milestone.done
        milestone.save(update_fields=["done"])
        if request.headers.get("HX-Request"):
            return TemplateResponse(
                request,
                "measures/partials/_measure_milestone_item.html",
                {"milestone": milestone, "measure": measure, "area": self.area, "can_edit": True},
            )
        return HttpResponseRedirect(
            reverse(
                "measures:measure_detail", kwargs={"area_slug": self.area.slug, "pk": measure.pk}
            )
        )
