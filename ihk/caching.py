"""Page cache for anonymous public pages, invalidated by data changes, with conditional GET.

How it works:

- ``@cache_public_page()`` on a public view class (``scope="area"`` for pages under
  ``/areas/<slug>/``, ``scope="site"`` for the home page). Only GET/HEAD requests of anonymous
  visitors without pending messages use it; everyone else gets the view rendered as before.
- The key is the path with the full query string, host and scheme, language, htmx header and a
  time bucket of ``PAGE_CACHE_SECONDS`` (time-dependent parts such as "upcoming events" or "today"
  in the timeline). A stored page records the *generations* it was rendered under: a per-area
  token and a site-wide one, random values in the shared cache, replaced on every committed change
  of anything that appears on public pages (``watch_area_models`` from each app's
  ``AppConfig.ready``). A page is served only while its generations are current, so a change
  never needs to find the cached pages. Generations and page come in one cache round trip.
- Per-visitor parts are never shared: pages are rendered with markers instead of the CSRF token
  and the comment forms' submission keys; serving replaces them with ``get_token(request)`` (so
  the CSRF cookie is set as usual) and a fresh UUID per form.
- ``PageCacheMiddleware`` stores a rendered page only once the whole response is known: status
  200, the visitor still anonymous, and no cookie set other than the CSRF cookie.
- Every such page carries an ETag derived from its key and the visitor's CSRF cookie;
  a repeated conditional GET is answered 304 without rendering.

Nothing lives in process memory: generations and pages are in ``caches["default"]``, shared by
every gunicorn worker and machine.
"""

from __future__ import annotations

import hashlib
import re
import time
import uuid
import zlib

from django.conf import settings
from django.contrib.messages import get_messages
from django.http import HttpResponse, HttpResponseNotModified
from django.middleware.csrf import get_token
from django.template.response import SimpleTemplateResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags, quote_etag
from django.utils.safestring import SafeString, mark_safe

from .generations import (  # noqa: F401 – invalidate_area, watch_area_models: the apps' API
    EPOCH_KEY,
    SITE_KEY,
    area_key,
    bump_area,
    bump_everything,
    generations,
    invalidate_area,
    one_invalidation,
    remember,
    request_generations,
    shared_cache,
    watch_area_models,
)

CSRF_MARKER = "ihk-page-cache-csrf-marker"
SUBMISSION_MARKER = "ihk-page-cache-submission-marker"
# A hidden submission key (participation's double-submit guard) must be unique per visitor.
_SUBMISSION_INPUT = re.compile(
    r'(<input[^>]*\bname="submission_key"[^>]*\bvalue=")'
    r"[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}"
)
_STORE_ATTR = "_ihk_page_cache_store"
_VARY = ("Cookie", "Accept-Language")
_KEPT_HEADERS = ("Content-Type", "Content-Disposition")


def _enabled() -> bool:
    return getattr(settings, "PAGE_CACHE", True)


def cached_value(name: str, *, area_slug: str, compute):
    """``compute()``'s result (anything picklable, ``None`` included), cached under the area's
    generation like a fragment: a change of the area's data computes it anew, at the latest
    after ``PAGE_CACHE_SECONDS``. Nothing personal may go in, nor anything that depends on the
    user; internal figures (KuF totals) may, once the view has checked the permission. One
    round trip to the cache for the generations (once per request), one for the value.
    ``FRAGMENT_CACHE=off`` computes every time.
    """
    if not getattr(settings, "FRAGMENT_CACHE", True):
        return compute()
    seconds = max(getattr(settings, "PAGE_CACHE_SECONDS", 300), 1)
    tokens = generations([EPOCH_KEY, area_key(area_slug)])
    parts = [
        name,
        area_slug,
        translation.get_language() or "",
        *tokens,
        str(int(time.time() // seconds)),
    ]
    key = "ihk:frag:" + hashlib.sha256("|".join(parts).encode()).hexdigest()
    cache = shared_cache()
    boxed = cache.get(key)
    if not isinstance(boxed, tuple):  # a one-tuple, so that a computed None is kept too
        boxed = (compute(),)
        cache.set(key, boxed, timeout=seconds)
    return boxed[0]


def cached_fragment(name: str, *, area_slug: str, render) -> SafeString:
    """HTML of an expensive part of a public page, cached under the area's generation.

    The page cache serves whole pages to anonymous visitors; a fragment also serves everyone
    else (logged-in members, pages with a message, the first visitor after a change) without
    querying and rendering the part again. ``render`` returns the part's HTML; it must hold
    nothing personal and no form (no CSRF token). See ``cached_value``.
    """
    html = cached_value(name, area_slug=area_slug, compute=lambda: str(render()))
    return mark_safe(html)  # noqa: S308 - rendered by an auto-escaping template


# --- serving ----------------------------------------------------------------------------------


def _usable_for(request) -> bool:
    return (
        _enabled()
        and request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and not len(get_messages(request))
    )


def _page_key(request) -> str:
    bucket = int(time.time() // max(getattr(settings, "PAGE_CACHE_SECONDS", 300), 1))
    parts = [
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
        request.headers.get("HX-Request", ""),
        str(bucket),
    ]
    return "ihk:page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _etag(request, key: str, tokens: list[str]) -> str:
    # The visitor's CSRF cookie is part of it: a page kept by the browser holds a token that is
    # valid for that cookie only.
    cookie = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
    text = "\n".join([key, *tokens, cookie])
    return quote_etag(hashlib.sha256(text.encode()).hexdigest()[:32])


_MARKERS = re.compile(f"{CSRF_MARKER}|{SUBMISSION_MARKER}".encode())


def _personalize(content: bytes, request) -> bytes:
    """One pass over the page: this visitor's CSRF token, a fresh UUID per submission key."""
    token = None

    def fill(match):
        nonlocal token
        if match.group() == SUBMISSION_MARKER.encode():
            return str(uuid.uuid4()).encode()
        if token is None:
            token = get_token(request).encode()
        return token

    return _MARKERS.sub(fill, content)


def _render_shareable(response):
    """Render the view's response with markers for per-visitor parts; None if not shareable."""
    if response.status_code != 200 or response.streaming:
        return None
    if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
        response.context_data = dict(response.context_data or {}, csrf_token=CSRF_MARKER)
        response.render()
    elif response.get("Content-Type", "").startswith("text/html"):
        return None  # rendered elsewhere: may hold a real CSRF token
    content = _SUBMISSION_INPUT.sub(rf"\g<1>{SUBMISSION_MARKER}", response.content.decode())
    headers = {name: response[name] for name in _KEPT_HEADERS if response.has_header(name)}
    return {"content": content.encode(), "headers": headers}


def _pack(entry: dict) -> dict:
    # Pages shrink about tenfold: the shared cache holds more of them, transfers less.
    compressed = zlib.compress(entry["content"], 1)
    return {"zlib": compressed, "headers": entry["headers"], "gens": entry["gens"]}


def _unpack(entry, tokens: list[str]) -> dict | None:
    """The stored page, if it was rendered under the current generations."""
    if not isinstance(entry, dict) or entry.get("gens") != tokens:
        return None
    return {"content": zlib.decompress(entry["zlib"]), "headers": entry["headers"]}


def _from_entry(entry, request):
    response = HttpResponse(_personalize(entry["content"], request))
    for name, value in entry["headers"].items():
        response[name] = value
    return response


def _finish(response, etag: str):
    response["ETag"] = etag
    patch_vary_headers(response, _VARY)
    patch_cache_control(response, private=True, no_cache=True)
    return response


def serve_cached(request, render, scope: str, area_slug: str | None = None):
    """Serve ``render()``'s page from the shared cache for anonymous visitors (see module doc)."""
    if not _usable_for(request):
        return render()
    if scope == "area" and area_slug:
        gen_keys = [EPOCH_KEY, area_key(area_slug)]
    else:
        gen_keys = [EPOCH_KEY, SITE_KEY]
    key = _page_key(request)
    # One round trip to the cache: the generations and the page together.
    found = shared_cache().get_many([*gen_keys, key])
    if all(gen in found for gen in gen_keys):
        tokens = [found[gen] for gen in gen_keys]
        remember(gen_keys, tokens)
    else:
        tokens = generations(gen_keys)
    etag = _etag(request, key, tokens)
    if etag in parse_etags(request.headers.get("If-None-Match", "")):
        return _finish(HttpResponseNotModified(), etag)
    entry = _unpack(found.get(key), tokens)
    if entry is not None:
        return _finish(_from_entry(entry, request), etag)
    response = render()
    entry = _render_shareable(response)
    if entry is None:
        return response
    if request.method == "GET":
        setattr(request, _STORE_ATTR, (key, dict(entry, gens=tokens)))
    response.content = _personalize(entry["content"], request)
    return _finish(response, etag)


def cache_public_page(view_class=None, *, scope: str = "area"):
    """Class decorator for public views: ``@cache_public_page()`` or ``(scope="site")``."""

    def decorate(cls):
        inner = getattr(cls.dispatch, "__ihk_uncached__", cls.dispatch)

        def dispatch(self, request, *args, **kwargs):
            return serve_cached(
                request,
                lambda: inner(self, request, *args, **kwargs),
                scope,
                kwargs.get("area_slug"),
            )

        dispatch.__ihk_uncached__ = inner
        dispatch.__doc__ = inner.__doc__
        cls.dispatch = dispatch
        return cls

    return decorate(view_class) if view_class is not None else decorate


def _sets_other_cookies(request, response) -> bool:
    for name, morsel in response.cookies.items():
        if name == settings.CSRF_COOKIE_NAME:
            continue
        if morsel.value or name in request.COOKIES:
            return True  # a real cookie, or a state the visitor had was changed
    return False


class PageCacheMiddleware:
    """Stores the page a cached view rendered, once the response's cookies are known."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        memo = request_generations.set({})
        try:
            response = self.get_response(request)
        finally:
            request_generations.reset(memo)
        pending = getattr(request, _STORE_ATTR, None)
        if pending is not None and self._storable(request, response):
            key, entry = pending
            timeout = getattr(settings, "PAGE_CACHE_SECONDS", 300)
            shared_cache().set(key, _pack(entry), timeout=timeout)
        return response

    @staticmethod
    def _storable(request, response) -> bool:
        user = getattr(request, "user", None)
        return (
            response.status_code == 200
            and not (user is not None and user.is_authenticated)
            and not _sets_other_cookies(request, response)
        )
