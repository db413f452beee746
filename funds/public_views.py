"""Residents' pages of the fund: the call with rules, budget left and funded projects, and the
application form (no account: honeypot, rate limit, double opt-in by e-mail).

Public pages show no personal data: funded projects appear with title, short description, amount
and the group's name only where the applicant agreed.
"""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, TemplateView

from ihk.caching import cache_public_page
from ihk.mixins import PublicAreaMixin, public_crumbs
from participation import spam

from . import services
from .application_forms import ApplicationBundle
from .budget import check_sources, fund_totals
from .models import Application, Fund

RATE_LIMIT_STATUS = 429


class PublicFundMixin(PublicAreaMixin):
    @cached_property
    def fund(self) -> Fund:
        funds = Fund.objects.for_area(self.area).public().select_related("committee")
        if "year" in self.kwargs:
            return get_object_or_404(funds, year=self.kwargs["year"])
        fund = funds.order_by("-year").first()
        if fund is None:
            raise Http404
        return fund

    def fund_crumbs(self, *items):
        return public_crumbs(
            self.area, (_("Neighbourhood fund"), self.fund.get_public_url()), *items
        )


@cache_public_page()
class PublicFundView(PublicFundMixin, ListView):
    """``fund/`` (latest year) and ``fund/<year>/``: call, rules, budget left, funded projects."""

    template_name = "funds/public_fund.html"
    context_object_name = "projects"
    paginate_by = 20

    def get_queryset(self):
        return self.fund.applications.funded_public().order_by("reference", "pk")

    def get_context_data(self, **kwargs):
        fund = self.fund
        sources = list(fund.sources.all())
        kwargs.update(
            fund=fund,
            totals=fund_totals(fund),
            sources=sources,
            source_check=check_sources(sources),
            accepting=fund.accepts_applications(timezone.localdate()),
            other_years=list(
                Fund.objects.for_area(self.area)
                .public()
                .exclude(pk=fund.pk)
                .values_list("year", flat=True)
            ),
            breadcrumbs=public_crumbs(self.area, (_("Neighbourhood fund"), "")),
        )
        return super().get_context_data(**kwargs)


class ApplyView(PublicFundMixin, View):
    """``fund/<year>/apply/``: the application form; drafts and submissions both send the
    private link, and the application counts as submitted once the link was followed."""

    template_name = "funds/apply.html"

    def render_form(self, bundle, status=200):
        context = {
            "area": self.area,
            "fund": self.fund,
            "accepting": self.fund.accepts_applications(timezone.localdate()),
            "breadcrumbs": self.fund_crumbs((_("Apply"), "")),
            **bundle.context(),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_form(ApplicationBundle(fund=self.fund, online=True))

    def post(self, request, *args, **kwargs):
        bundle = ApplicationBundle(request.POST, fund=self.fund, online=True)
        if not self.fund.accepts_applications(timezone.localdate()):
            return self.render_form(bundle, status=400)
        if not bundle.is_valid():
            return self.render_form(bundle, status=400)
        data = bundle.form.cleaned_data
        try:
            services.application_create(
                fund=self.fund,
                fields=bundle.form.fields_data(),
                costs=bundle.cost_rows(),
                financing=bundle.financing_rows(),
                submit="submit" in request.POST,
                client_hash=spam.client_hash(request),
                submission_key=data.get("submission_key"),
            )
        except spam.RateLimited:
            bundle.form.add_error(
                None,
                _(
                    "Several applications were sent from your connection in a short time. "
                    "Please try again in an hour – your entries are kept below."
                ),
            )
            return self.render_form(bundle, status=RATE_LIMIT_STATUS)
        except ValidationError as error:
            for message in error.messages:
                bundle.form.add_error(None, message)
            return self.render_form(bundle, status=400)
        return HttpResponseRedirect(
            reverse(
                "funds:apply_sent", kwargs={"area_slug": self.area.slug, "year": self.fund.year}
            )
        )


class ApplySentView(PublicFundMixin, TemplateView):
    """After sending: "check your e-mail" (the private link is only in the e-mail)."""

    template_name = "funds/apply_sent.html"

    def get_context_data(self, **kwargs):
        kwargs.update(fund=self.fund, breadcrumbs=self.fund_crumbs((_("Application sent"), "")))
        return super().get_context_data(**kwargs)


def load_by_key(area, key: str) -> Application:
    """The application behind a private link of this area, or 404 (also for a tampered key)."""
    if not key or len(key) != 64:
        raise Http404
    application = (
        Application.objects.for_area(area)
        .by_access_key(key)
        .select_related("fund__committee", "area")
        .first()
    )
    if application is None:
        raise Http404
    return application
