"""Project-wide middleware: security headers, private caching, and refusal of undecodable input.

We use our own two small middlewares rather than django-csp: the policy is one fixed string
without nonces or per-view exceptions, so a dependency would add settings and upgrade work but
no function. The policy and the Permissions-Policy are settings (``ihk/settings.py``).
"""

import codecs

from django.conf import settings

from .errors import bad_request

# Content types that are downloads of internal data: never kept by a browser or proxy cache.
PRIVATE_CONTENT_TYPES = (
    "application/pdf",
    "application/vnd.openxmlformats-officedocument",
    "text/csv",
    "text/calendar",
)
PRIVATE_PATH_PREFIXES = ("/accounts/", "/admin/")
UTF8_NAMES = {"utf-8", "utf8"}


class SecurityHeadersMiddleware:
    """Content-Security-Policy, Permissions-Policy and ``Cache-Control: private, no-store``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if self._is_private(request, response):
            response["Cache-Control"] = "private, no-store"
            if "Expires" in response:
                del response["Expires"]
        return response

    @staticmethod
    def _is_private(request, response):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return True
        if request.path.startswith(PRIVATE_PATH_PREFIXES):
            return True
        content_type = response.get("Content-Type", "")
        return content_type.startswith(PRIVATE_CONTENT_TYPES)


class RejectUndecodableRequestMiddleware:
    """Answer 400 (a translated page) to a body Django cannot decode instead of a 500.

    A form post declaring ``charset=utf-16`` or an unknown charset, or whose fields cannot be
    decoded, never reaches a view. Only UTF-8 is accepted: every form of the site sends UTF-8.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD", "OPTIONS") and not self._decodable(request):
            return bad_request(request, None)
        return self.get_response(request)

    @staticmethod
    def _decodable(request):
        charset = (request.content_params or {}).get("charset")
        if charset is not None:
            try:
                name = codecs.lookup(charset.strip().strip('"')).name
            except (LookupError, ValueError):
                return False
            if name not in UTF8_NAMES:
                return False
        try:
            request.POST  # noqa: B018  (parses the body: raises on undecodable data)
        except (UnicodeDecodeError, LookupError):
            return False
        return True
