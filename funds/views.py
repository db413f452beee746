"""Internal pages of the fund: fund years with their sources, the overview of one year with its
applications, the paper application and the yearly XLSX export.

Every view loads the area from the URL and checks a permission of ``funds/rules.py``; objects are
loaded filtered by that area, so another area's fund is a 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView

from ihk.mixins import AreaPermissionMixin, internal_crumbs

from . import services
from .application_forms import ApplicationBundle
from .budget import check_sources, fund_totals
from .exports import fund_workbook
from .forms import FundForm, FundSourceFormSet, rows_of
from .models import Application, Fund, Status

VIEW = "funds.view_fund_internal"
MANAGE = "funds.manage_fund"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class FundsMixin(AreaPermissionMixin):
    permission_required = VIEW

    def crumbs(self, *items):
        url = reverse("funds:fund_list", kwargs={"area_slug": self.area.slug})
        return internal_crumbs(self.area, (_("Neighbourhood fund"), url), *items)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("can_manage", self.request.user.has_perm(MANAGE, self.area))
        return super().get_context_data(**kwargs)


class FundObjectMixin(FundsMixin):
    @cached_property
    def fund(self) -> Fund:
        return get_object_or_404(
            Fund.objects.for_area(self.area).select_related("committee"), pk=self.kwargs["pk"]
        )


class FundListView(FundsMixin, ListView):
    template_name = "funds/fund_list.html"
    context_object_name = "funds"
    paginate_by = 20

    def get_queryset(self):
        return (
            Fund.objects.for_area(self.area)
            .annotate(application_count=Count("applications"))
            .order_by("-year")
        )

    def get_context_data(self, **kwargs):
        kwargs["breadcrumbs"] = internal_crumbs(self.area, (_("Neighbourhood fund"), ""))
        return super().get_context_data(**kwargs)


class FundFormView(FundsMixin, TemplateView):
    """New fund year or edit one, with its sources in one form."""

    permission_required = MANAGE
    template_name = "funds/fund_form.html"

    @cached_property
    def instance(self):
        if "pk" in self.kwargs:
            return get_object_or_404(Fund.objects.for_area(self.area), pk=self.kwargs["pk"])
        return None

    def get_context_data(self, **kwargs):
        fund = self.instance
        if "form" not in kwargs:
            kwargs["form"] = FundForm(instance=fund, area=self.area)
            initial = [
                {"kind": s.kind, "label": s.label, "amount": s.amount}
                for s in (fund.sources.all() if fund else [])
            ]
            kwargs["source_formset"] = FundSourceFormSet(prefix="sources", initial=initial)
        title = _("Edit fund") if fund else _("New fund year")
        kwargs["page_title"] = title
        kwargs["breadcrumbs"] = self.crumbs(
            *([(str(fund), fund.get_absolute_url())] if fund else []), (title, "")
        )
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        form = FundForm(request.POST, instance=self.instance, area=self.area)
        formset = FundSourceFormSet(request.POST, prefix="sources")
        if form.is_valid() and formset.is_valid():
            try:
                fund = services.fund_save(fund=form.save(commit=False), sources=rows_of(formset))
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("The fund was saved."))
                return HttpResponseRedirect(fund.get_absolute_url())
        context = self.get_context_data(form=form, source_formset=formset)
        return self.render_to_response(context, status=400)


class FundDetailView(FundObjectMixin, ListView):
    """One fund year: money overview, sources, and its applications (filtered by status)."""

    template_name = "funds/fund_detail.html"
    context_object_name = "applications"
    paginate_by = 25

    @cached_property
    def status(self):
        value = self.request.GET.get("status", "")
        return value if value in Status.values else ""

    def get_queryset(self):
        applications = (
            Application.objects.filter(fund=self.fund).visible_internally().order_by("reference")
        )
        if self.status:
            applications = applications.filter(status=self.status)
        return applications.only(
            "pk",
            "area_id",
            "reference",
            "title",
            "group_name",
            "status",
            "requested_amount",
            "granted_amount",
            "is_paper",
            "email_confirmed_at",
            "submitted_at",
        )

    def get_context_data(self, **kwargs):
        fund = self.fund
        sources = list(fund.sources.all())
        kwargs.update(
            fund=fund,
            totals=fund_totals(fund),
            sources=sources,
            source_check=check_sources(sources),
            statuses=Status.choices,
            status=self.status,
            breadcrumbs=self.crumbs((str(fund), "")),
        )
        return super().get_context_data(**kwargs)


class FundExportView(FundObjectMixin, TemplateView):
    """The year's applications, decisions and payments as XLSX (no personal data)."""

    def get(self, request, *args, **kwargs):
        response = HttpResponse(fund_workbook(self.fund), content_type=XLSX_TYPE)
        name = f"verfuegungsfonds-{self.area.slug}-{self.fund.year}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class PaperApplicationView(FundObjectMixin, TemplateView):
    """The quarter management enters an application that came on paper."""

    permission_required = MANAGE
    template_name = "funds/application_form.html"

    def get_context_data(self, **kwargs):
        bundle = kwargs.pop("bundle", None) or ApplicationBundle(fund=self.fund, manager=True)
        kwargs.update(bundle.context())
        kwargs["fund"] = self.fund
        kwargs["page_title"] = _("Enter a paper application")
        kwargs["cancel_url"] = self.fund.get_absolute_url()
        kwargs["breadcrumbs"] = self.crumbs(
            (str(self.fund), self.fund.get_absolute_url()), (kwargs["page_title"], "")
        )
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        bundle = ApplicationBundle(request.POST, fund=self.fund, manager=True)
        if bundle.is_valid():
            try:
                application, _created = services.application_create(
                    fund=self.fund,
                    fields=bundle.form.fields_data(),
                    costs=bundle.cost_rows(),
                    financing=bundle.financing_rows(),
                    submit=True,
                    paper=True,
                )
            except ValidationError as error:
                for message in error.messages:
                    bundle.form.add_error(None, message)
            else:
                messages.success(request, _("The paper application was entered."))
                return HttpResponseRedirect(application.get_absolute_url())
        return self.render_to_response(self.get_context_data(bundle=bundle), status=400)
