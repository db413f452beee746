"""Core pages: public home, public area page, staff start page, area overview, legal pages."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView

from .caching import cache_public_page
from .mixins import AreaMixin, AreaPermissionMixin
from .models import Area


@cache_public_page(scope="site")
class HomeView(ListView):
    template_name = "ihk/home.html"
    context_object_name = "areas"

    def get_queryset(self):
        return Area.objects.public()


class AreaPublicView(AreaMixin, DetailView):
    """The public page of an area; members of a non-public area see it as a preview."""

    template_name = "ihk/area_public.html"
    context_object_name = "area"

    def get_object(self, queryset=None):
        area = self.area
        if not area.is_public and not self.request.user.has_perm("ihk.view_area_internal", area):
            raise Http404
        return area

    def get_context_data(self, **kwargs):
        kwargs["breadcrumbs"] = [(_("Areas"), reverse("ihk:home")), (self.area.name, "")]
        return super().get_context_data(**kwargs)


class DashboardView(LoginRequiredMixin, ListView):
    """Start page after login: the areas in which the user holds a role."""

    template_name = "ihk/dashboard.html"
    context_object_name = "areas"

    def get_queryset(self):
        return Area.objects.for_user(self.request.user).with_role_of(self.request.user)


class AreaDashboardView(AreaPermissionMixin, TemplateView):
    """Internal overview of one area for its managers and city staff."""

    template_name = "ihk/area_dashboard.html"

    def get_context_data(self, **kwargs):
        kwargs["breadcrumbs"] = [(_("My areas"), reverse("ihk:dashboard")), (self.area.name, "")]
        return super().get_context_data(**kwargs)


def healthz(request):
    """Health check for load balancers (and the benchmark's bare view): "ok", no database."""
    return HttpResponse("ok", content_type="text/plain")
