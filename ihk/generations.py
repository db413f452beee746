"""Generations: one random token per area (and one site-wide, one for everything) in the shared
cache, replaced whenever a change that shows on public pages is committed. Cached pages, fragments
and values are stored with the tokens they were made under and are used only while those are
current, so a change never needs to find what was cached (see ``ihk.caching``).

Each app registers its models with ``watch_area_models`` in ``AppConfig.ready``; writes that send
no signals (``QuerySet.update``, ``bulk_create``) call ``invalidate_area`` in their service, and
bulk writes of many rows (the demo data, a new concept version) run inside ``one_invalidation``.
Within one request the tokens are read once (a per-request memo set up by the page cache
middleware); nothing is kept in process memory between requests.
"""

import secrets
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import caches
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

EPOCH_KEY = "ihk:gen:epoch"  # everything (an area renamed, a change we cannot place)
SITE_KEY = "ihk:gen:site"  # any change in any area: the home page


def area_key(slug: str) -> str:
    return f"ihk:gen:area:{slug}"


def shared_cache():
    """The cache every process and machine shares (CACHE_URL)."""
    return caches["default"]


# --- generations ------------------------------------------------------------------------------


def _new_token() -> str:
    return secrets.token_hex(8)


# The generations read during the current request, so that a page with several fragments asks
# the shared cache once. Set empty by PageCacheMiddleware for each request and dropped after it;
# a change made during the request empties it (never shared between requests or visitors).
request_generations: ContextVar[dict | None] = ContextVar("ihk_generations", default=None)


def remember(keys: list[str], tokens: list[str]) -> None:
    memo = request_generations.get()
    if memo is not None:
        memo.update(zip(keys, tokens, strict=True))


def generations(keys: list[str]) -> list[str]:
    """The current token of each generation key; a missing one (never set, evicted) is created.

    Tokens are random, so a key that was evicted and created again never matches old pages.
    """
    memo = request_generations.get()
    if memo is not None and all(key in memo for key in keys):
        return [memo[key] for key in keys]
    cache = shared_cache()
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, _new_token(), timeout=None)
            found[key] = cache.get(key) or _new_token()
    tokens = [found[key] for key in keys]
    remember(keys, tokens)
    return tokens


def _forget_generations() -> None:
    memo = request_generations.get()
    if memo is not None:
        memo.clear()


def bump_area(slug: str) -> None:
    """Invalidate the pages of one area and the home page."""
    _forget_generations()
    shared_cache().set_many({area_key(slug): _new_token(), SITE_KEY: _new_token()}, timeout=None)


def bump_everything() -> None:
    _forget_generations()
    shared_cache().set(EPOCH_KEY, _new_token(), timeout=None)


# --- invalidation on data changes -------------------------------------------------------------

# model label → attribute path from a row to its area's primary key, e.g. "measure.area_id".
_WATCHED: dict[str, str] = {}  # filled once at start-up by AppConfig.ready(), never changed later


def _area_slug_of(instance) -> str | None:
    from .models import Area

    if isinstance(instance, Area):
        return None
    path = _WATCHED.get(instance._meta.label)
    if path is None:  # the other side of a many-to-many relation that no app registered
        return None
    target = instance
    try:
        for name in path.split("."):
            target = getattr(target, name)
    except ObjectDoesNotExist:  # the parent is already gone (cascading delete)
        return None
    if target is None:
        return None
    return Area.objects.filter(pk=target).values_list("slug", flat=True).first()


def _invalidate_for(instance) -> None:
    slug = _area_slug_of(instance)
    # After the commit: a request that starts after the bump then sees the committed data.
    if slug is None:
        transaction.on_commit(bump_everything)
    else:
        transaction.on_commit(lambda: bump_area(slug))


def invalidate_area(area) -> None:
    """For writes that send no signals (``QuerySet.update()``, ``bulk_create``): call it in the
    service that writes; the area's pages are invalidated when the transaction commits."""
    slug = area.slug
    transaction.on_commit(lambda: bump_area(slug))


# Set by ``one_invalidation``: rows saved meanwhile invalidate nothing one by one.
_bulk_write: ContextVar[bool] = ContextVar("ihk_bulk_write", default=False)


@contextmanager
def one_invalidation(area=None):
    """For bulk writes of many rows: inside, a saved or deleted row invalidates nothing (no
    lookup of its area, no callback per row); on leaving, ``area`` – or, without one, every
    area – is invalidated once, when the transaction commits. Use it only around writes whose
    areas are known: the demo data (everything) or a service that writes one area's rows.
    """
    token = _bulk_write.set(True)
    try:
        yield
    finally:
        _bulk_write.reset(token)
        if area is None:
            transaction.on_commit(bump_everything)
        else:
            invalidate_area(area)


def _on_save_or_delete(sender, instance, raw=False, **kwargs):
    if not raw and not _bulk_write.get():
        _invalidate_for(instance)


def _on_m2m_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and not _bulk_write.get():
        _invalidate_for(instance)


def watch_area_models(app_config, paths: dict[str, str]) -> None:
    """Invalidate an area's public pages whenever one of these models changes.

    ``paths`` maps a model name of ``app_config`` to the attribute path from a row to its area's
    primary key: ``{"Measure": "area_id", "Milestone": "measure.area_id"}``. Saves, deletes and
    changes of the model's many-to-many fields count. The ``Area`` model itself invalidates
    every page (a renamed slug must not keep serving the old address).
    """
    for name, path in paths.items():
        model = app_config.get_model(name)
        _WATCHED[model._meta.label] = path
        uid = f"ihk.caching:{model._meta.label}"
        post_save.connect(_on_save_or_delete, sender=model, dispatch_uid=uid)
        post_delete.connect(_on_save_or_delete, sender=model, dispatch_uid=uid)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _on_m2m_changed, sender=field.remote_field.through, dispatch_uid=f"{uid}:{field}"
            )
