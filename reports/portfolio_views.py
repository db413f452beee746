"""The portfolio page, its XLSX export and the read-only JSON for a city's own controlling.

Every view shows exactly the areas the user reads (``Area.objects.for_user``: area roles, city
roles, all areas for a superuser); login is required, nothing is writable."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from ihk.models import Area

from .portfolio import portfolio, portfolio_json, portfolio_total, portfolio_xlsx

AREAS_PER_PAGE = 50


class PortfolioMixin(LoginRequiredMixin):
    """``raise_exception``: an API client without a session gets 403, not a login page."""

    def areas(self):
        return Area.objects.for_user(self.request.user).order_by("city", "name")

    def rows(self, areas):
        return portfolio(areas, today=timezone.localdate())


class PortfolioView(PortfolioMixin, TemplateView):
    template_name = "reports/portfolio/portfolio.html"

    def get_context_data(self, **kwargs):
        page = Paginator(self.areas(), AREAS_PER_PAGE).get_page(self.request.GET.get("page"))
        rows = self.rows(page.object_list)
        kwargs.update(
            page_obj=page,
            rows=rows,
            page_total=portfolio_total(rows),
            breadcrumbs=[(_("My areas"), reverse("ihk:dashboard")), (_("Portfolio"), "")],
        )
        return super().get_context_data(**kwargs)


class PortfolioXlsxView(PortfolioMixin, View):
    def get(self, request, *args, **kwargs):
        today = timezone.localdate()
        title = _("Portfolio of the areas – as of %(day)s") % {"day": today.strftime("%d.%m.%Y")}
        content = portfolio_xlsx(self.rows(self.areas()), title=title)
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="portfolio-{today}.xlsx"'
        return response


class PortfolioJsonView(PortfolioMixin, View):
    raise_exception = True

    def get(self, request, *args, **kwargs):
        today = timezone.localdate()
        data = portfolio_json(self.rows(self.areas()), today=today)
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
        response["Cache-Control"] = "private, no-store"
        return response
