"""The router: the only module that knows every app's URLs."""

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from measures.views.public import PublicConceptView

from . import views

# The admin logs in through allauth too, so two-factor authentication protects it.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = _("IHK Beteiligung – Administration")
admin.site.site_title = _("IHK Beteiligung")

core_patterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    # The public area page shows the concept: the view lives in measures and keeps this name.
    path("areas/<slug:area_slug>/", PublicConceptView.as_view(), name="area_public"),
    path(
        "areas/<slug:area_slug>/dashboard/",
        views.AreaDashboardView.as_view(),
        name="area_dashboard",
    ),
    path("imprint/", TemplateView.as_view(template_name="pages/imprint.html"), name="imprint"),
    path("privacy/", TemplateView.as_view(template_name="pages/privacy.html"), name="privacy"),
    path(
        "accessibility/",
        TemplateView.as_view(template_name="pages/accessibility.html"),
        name="accessibility",
    ),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include((core_patterns, "ihk"))),
    path("areas/<slug:area_slug>/", include("actors.urls")),
    path("areas/<slug:area_slug>/", include("measures.urls")),
    path("areas/<slug:area_slug>/", include("participation.urls")),
    path("areas/<slug:area_slug>/", include("funds.urls")),
    path("areas/<slug:area_slug>/", include("reports.urls")),
    path("", include("measures.funding_urls")),
    path("portfolio/", include("reports.portfolio_urls")),
]

# Error pages in the site layout (ihk/errors.py); allauth's rate limits answer with handler429.
handler400 = "ihk.errors.bad_request"
handler403 = "ihk.errors.permission_denied"
handler404 = "ihk.errors.page_not_found"
handler429 = "ihk.errors.too_many_requests"
handler500 = "ihk.errors.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
