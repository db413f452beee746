"""URLconf for tests/ihk/test_errors.py: the site's URLs plus views that fail on purpose."""

from django.core.exceptions import BadRequest, PermissionDenied
from django.urls import path

from ihk.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def bad(request):
    raise BadRequest("broken")


def forbidden(request):
    raise PermissionDenied


def broken(request):
    raise RuntimeError("boom")


urlpatterns = [
    path("test-errors/400/", bad),
    path("test-errors/403/", forbidden),
    path("test-errors/500/", broken),
    *urlpatterns,
]
