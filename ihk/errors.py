"""Error pages (400, 403, 404, 429, 500) in the site layout, German and English, with a way back.

The 500 page renders a self-contained template without a request context: it must work while the
database is gone or the failing request left the context processors broken.
"""

from http import HTTPStatus

from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import requires_csrf_token


def _back_url(request):
    """The previous page when it was on this site, else None."""
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return None


def _render(request, status, extra=None):
    context = {"status": status, "back_url": _back_url(request), **(extra or {})}
    return render(request, f"errors/{status}.html", context, status=status)


@requires_csrf_token
def bad_request(request, exception=None):
    return _render(request, HTTPStatus.BAD_REQUEST)


@requires_csrf_token
def permission_denied(request, exception=None):
    user = getattr(request, "user", None)
    anonymous = user is None or not user.is_authenticated
    login_url = redirect_to_login(request.get_full_path()).url if anonymous else None
    return _render(request, HTTPStatus.FORBIDDEN, {"login_url": login_url})


@requires_csrf_token
def page_not_found(request, exception=None):
    return _render(request, HTTPStatus.NOT_FOUND)


@requires_csrf_token
def too_many_requests(request, exception=None):
    return _render(request, HTTPStatus.TOO_MANY_REQUESTS)


def server_error(request=None):
    template = loader.get_template("errors/500.html")
    return HttpResponseServerError(template.render({"home_url": reverse("ihk:home")}))
