"""Internal measure pages: list with filters, detail with history, create/edit with inline rows."""

import re

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView, ListView, UpdateView, View

from ihk.mixins import AreaPermissionMixin, CachedListBodyMixin, internal_crumbs

from .. import services
from ..filters import MeasureFilter
from ..forms.measure import (
    FINANCING_PREFIX,
    MILESTONE_PREFIX,
    FinancingFormSet,
    MeasureForm,
    MilestoneFormSet,
    editable_versions,
)
from ..history import measure_history
from ..models import Measure, Milestone


def _list_crumb(area):
    return (_("Measures"), reverse("measures:measure_list", kwargs={"area_slug": area.slug}))


def _detail_url(measure) -> str:
    return reverse(
        "measures:measure_detail", kwargs={"area_slug": measure.area.slug, "pk": measure.pk}
    )


class MeasureListView(AreaPermissionMixin, CachedListBodyMixin, ListView):
    """The area's measures, filtered (django-filter) and 50 to a page; the filter stays in the
    page links, so it works without JavaScript. The table of a page is a cached fragment."""

    permission_required = "measures.view_internal"
    template_name = "measures/measure_list.html"
    body_template_name = "measures/partials/_measure_list_body.html"
    context_object_name = "measures"
    paginate_by = 50

    @cached_property
    def filterset(self):
        return MeasureFilter(
            self.request.GET or None,
            queryset=Measure.objects.for_area(self.area),
            area=self.area,
        )

    def get_queryset(self):
        # The filter may join the fields of action; selecting by its ids needs no DISTINCT over
        # every column of the page's rows.
        return Measure.objects.filter(pk__in=self.filterset.qs.values("pk"))

    def get_body_context(self, page):
        return {"filter_form": self.filterset.form}

    def paginate_queryset(self, queryset, page_size):
        # Only a body that is not cached needs the rows' details (CachedListBodyMixin).
        rows = queryset.for_list().with_version_state(self.area).order_by("title", "pk")
        return super().paginate_queryset(rows, page_size)

    def get_context_data(self, **kwargs):
        kwargs["breadcrumbs"] = internal_crumbs(self.area, (_("Measures"), ""))
        return super().get_context_data(**kwargs)


class MeasureDetailView(AreaPermissionMixin, DetailView):
    """Everything about one measure for managers and city staff, with its change history."""

    permission_required = "measures.view_internal"
    template_name = "measures/measure_detail.html"
    context_object_name = "measure"

    def get_queryset(self):
        return Measure.objects.for_area(self.area).for_detail().with_version_state(self.area)

    def get_context_data(self, **kwargs):
        measure = self.object
        rows = list(measure.financing_rows.all())
        kwargs["financing_total"] = sum((r.amount for r in rows), 0)
        kwargs["history"] = measure_history(measure)
        kwargs["breadcrumbs"] = internal_crumbs(
            self.area, _list_crumb(self.area), (measure.title, "")
        )
        return super().get_context_data(**kwargs)


class MeasureFormMixin(AreaPermissionMixin):
    """Create or edit a measure with its milestones and financing rows in one form.

    Without JavaScript, the "add row" buttons submit the form with ``add_row`` set; the view then
    shows it again with one more empty row (and no validation messages) instead of saving.
    """

    permission_required = "measures.change_concept"
    template_name = "measures/measure_form.html"
    form_class = MeasureForm
    context_object_name = "measure"

    def get_queryset(self):
        return Measure.objects.for_area(self.area)

    @cached_property
    def versions(self):
        return editable_versions(self.area, new=self.object.pk is None)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "area": self.area, "versions": self.versions}

    def get_formsets(self, data=None, *, bounds=None):
        milestones = MilestoneFormSet(
            data, instance=self.object, prefix=MILESTONE_PREFIX, bounds=bounds
        )
        financing = FinancingFormSet(
            data, instance=self.object, prefix=FINANCING_PREFIX, area=self.area
        )
        return milestones, financing

    def get_context_data(self, **kwargs):
        if "milestones" not in kwargs:
            kwargs["milestones"], kwargs["financing"] = self.get_formsets()
        list_crumb = _list_crumb(self.area)
        if self.object.pk:
            cancel_url = _detail_url(self.object)
            crumbs = [list_crumb, (self.object.title, cancel_url), (_("Edit"), "")]
        else:
            cancel_url = list_crumb[1]
            crumbs = [list_crumb, (_("New measure"), "")]
        kwargs.update(
            version=self.versions[0] if self.versions else None,
            versions=self.versions,
            cancel_url=cancel_url,
            breadcrumbs=internal_crumbs(self.area, *crumbs),
        )
        return super().get_context_data(**kwargs)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        add_row = request.POST.get("add_row")
        if add_row in (MILESTONE_PREFIX, FINANCING_PREFIX):
            return self.add_row(add_row)
        form = self.get_form()
        form_valid = form.is_valid()
        data = request.POST.copy()
        flooded = _clamp_row_counts(data)
        # Milestones are checked against the planned period just entered.
        milestones, financing = self.get_formsets(data, bounds=form.milestone_bounds())
        # Validate every part so all errors show at once.
        if flooded or not all([form_valid, milestones.is_valid(), financing.is_valid()]):
            for formset_class in flooded:
                if formset_class is FinancingFormSet:
                    text = _("At most %(max)s financing rows can be saved at once.")
                else:
                    text = _("At most %(max)s milestones can be saved at once.")
                messages.error(request, text % {"max": formset_class.absolute_max})
            messages.error(request, _("Please correct the errors below. Nothing has been saved."))
            context = self.get_context_data(form=form, milestones=milestones, financing=financing)
            return self.render_to_response(context)
        return self.save(form, milestones, financing)

    def add_row(self, prefix):
        data = self.request.POST.copy()
        key = f"{prefix}-TOTAL_FORMS"
        try:
            data[key] = str(int(data.get(key, 0)) + 1)
        except ValueError:
            data[key] = "1"
        form = self.get_form_class()(**{**self.get_form_kwargs(), "data": data})
        form.quiet = True  # adding a row is not a save attempt
        milestones, financing = self.get_formsets(data)
        milestones.make_quiet()
        financing.make_quiet()
        context = self.get_context_data(form=form, milestones=milestones, financing=financing)
        return self.render_to_response(context)

    def save(self, form, milestones, financing):
        is_new = self.object.pk is None
        measure = services.save_measure(
            area=self.area,
            versions=self.versions,
            form=form,
            milestones=milestones,
            financing=financing,
        )
        if is_new:
            text = _("The measure “%(title)s” has been created.")
        else:
            text = _("The measure “%(title)s” has been saved.")
        messages.success(self.request, text % {"title": measure.title})
        return HttpResponseRedirect(_detail_url(measure))


def _clamp_row_counts(data) -> list:
    """Lowers a row count above a formset's cap (``financing-TOTAL_FORMS=100000``) to the rows
    actually sent, so the answer is quick; returns the formset classes that were over."""
    flooded = []
    for prefix, formset_class in (
        (MILESTONE_PREFIX, MilestoneFormSet),
        (FINANCING_PREFIX, FinancingFormSet),
    ):
        key = f"{prefix}-TOTAL_FORMS"
        try:
            total = int(data.get(key, "0"))
        except ValueError:
            continue  # the formset reports a broken management form itself
        if total > formset_class.absolute_max:
            sent = [int(m[1]) for k in data if (m := re.match(rf"{prefix}-(\d+)-", k))]
            data[key] = str(min(max(sent, default=-1) + 1, formset_class.absolute_max))
            flooded.append(formset_class)
    return flooded


class MeasureCreateView(MeasureFormMixin, CreateView):
    def get_object(self, queryset=None):
        return Measure(area=self.area)


class MeasureUpdateView(MeasureFormMixin, UpdateView):
    pass


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
        measure = Measure(area=self.area)
        if kind == MILESTONE_PREFIX:
            formset = MilestoneFormSet(instance=measure, prefix=kind)
            template = "measures/partials/_measure_milestone_row.html"
        else:
            formset = FinancingFormSet(instance=measure, prefix=kind, area=self.area)
            template = "measures/partials/_measure_financing_row.html"
        index = max(0, min(index, formset.absolute_max - 1))
        row = formset.form(
            auto_id=formset.auto_id,
            prefix=formset.add_prefix(index),
            empty_permitted=True,
            use_required_attribute=False,
            renderer=formset.renderer,
            **formset.get_form_kwargs(index),
        )
        formset.add_fields(row, index)
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
        measure = get_object_or_404(Measure.objects.for_area(self.area), pk=kwargs["pk"])
        milestone = get_object_or_404(Milestone, pk=kwargs["milestone_pk"], measure=measure)
        milestone.done = not milestone.done
        milestone.save(update_fields=["done"])
        if request.headers.get("HX-Request"):
            return TemplateResponse(
                request,
                "measures/partials/_measure_milestone_item.html",
                {"milestone": milestone, "measure": measure, "area": self.area, "can_edit": True},
            )
        return HttpResponseRedirect(_detail_url(measure))
