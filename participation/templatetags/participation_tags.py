"""Template tags that put participation onto other apps' public pages.

Like django-contrib-comments' ``{% render_comment_list for object %}``, the lower apps only load
this library in their templates; their Python never imports participation::

    {% load participation_tags %}
    {% comments_for measure %}              comments, answers, moderation notes and the form
    {% comments_for version per_page=5 %}   the same, fewer threads per page (area page)
    {% participation_for_measure measure %} "Aus der Beteiligung": results, ideas, comments
    {% ideas_teaser area %}                 the latest published ideas (area page)
    {% latest_comments area %}              the latest published comments of the whole area

Each tag costs a fixed number of queries, however many comments there are.
"""

from django import template
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.urls import reverse

from ihk.caching import cached_fragment, cached_value

from ..forms.contributions import CommentForm
from ..models import Comment, CommentReport, EventResult, Idea, IdeaStatus, Moderation
from ..targets import target_kind

register = template.Library()

# Newest threads per page; older ones behind "Ältere Kommentare" (?comments_page=N).
THREADS_PER_PAGE = 20
# Rows of the compact boxes on the area page and the measure page.
LATEST_SHOWN = 5
RESULTS_SHOWN = 10


def _area_of(context, obj):
    area = context.get("area")
    if area is not None and getattr(area, "pk", None) == obj.area_id:
        return area
    return obj.area


def _is_open_for_comments(area, kind, obj) -> bool:
    """Mirrors ``targets.public_target`` without a query."""
    if not area.is_public:
        return False
    if kind == "concept":
        return obj.is_current
    if kind == "idea":
        return obj.moderation == Moderation.PUBLISHED
    if kind == "consultation":
        return obj.is_open
    return obj.is_public


def _notice(request) -> str:
    """``pending``/``published`` right after a resident sent a comment (see the comment views)."""
    value = request.GET.get("comment", "") if request is not None else ""
    return value if value in ("pending", "published") else ""


def _page_number(request) -> int:
    """The requested page of threads; anything that is not a page number is the first."""
    raw = request.GET.get("comments_page", "") if request is not None else ""
    return int(raw) if raw.isascii() and raw.isdigit() and 0 < len(raw) < 6 else 1


def _threads_html(obj, *, area, kind, page_number, per_page, open_for_comments, can_moderate):
    """The heading and one page of threads, cached under the area's generation (a published or
    moderated comment invalidates it), so a busy discussion costs no queries to show again."""

    def render():
        comments = Comment.objects.about(obj)
        # Newest discussions first, per_page at a time; replies stay in their thread.
        page = Paginator(comments.threads().order_by("-created_at", "-pk"), per_page).get_page(
            page_number
        )
        return render_to_string(
            "participation/partials/_comment_threads.html",
            {
                "area": area,
                "threads": list(page.object_list),
                "comments_page": page,
                "published_count": comments.published().count(),
                "open_for_comments": open_for_comments,
                "can_moderate": can_moderate,
            },
        )

    name = f"comments:{kind}:{obj.pk}:{page_number}:{per_page}:{open_for_comments}:{can_moderate}"
    return cached_fragment(name, area_slug=area.slug, render=render)


def _comment_context(context, obj, form=None, per_page=THREADS_PER_PAGE):
    area = _area_of(context, obj)
    kind = target_kind(obj)
    request = context.get("request")
    user = context.get("user") or getattr(request, "user", None)
    open_for_comments = _is_open_for_comments(area, kind, obj)
    can_moderate = bool(
        user and user.is_authenticated and user.has_perm("participation.moderate", area)
    )
    return {
        "area": area,
        "target": obj,
        "kind": kind,
        "threads_html": _threads_html(
            obj,
            area=area,
            kind=kind,
            page_number=_page_number(request),
            per_page=max(1, min(int(per_page), THREADS_PER_PAGE)),
            open_for_comments=open_for_comments,
            can_moderate=can_moderate,
        ),
        "notice": _notice(request),
        "open_for_comments": open_for_comments,
        "form": form or CommentForm(),
        "action": reverse(
            "participation:comment_create",
            kwargs={"area_slug": area.slug, "kind": kind, "pk": obj.pk},
        ),
        "next": request.path if request is not None else "",
        "request": request,
        "user": user,
        "can_moderate": can_moderate,
    }


@register.inclusion_tag("participation/partials/_comments.html", takes_context=True)
def comments_for(context, obj, per_page=THREADS_PER_PAGE):
    """Comments on a public concept version, measure, event or idea, with the comment form.

    The newest ``per_page`` threads (at most 20) are shown, older ones page by page.
    """
    return _comment_context(context, obj, per_page=per_page)


@register.inclusion_tag(
    "participation/partials/_participation_for_measure.html", takes_context=True
)
def participation_for_measure(context, measure):
    """How participation shaped a measure: event results, ideas taken up, and the comments.

    Results and ideas are a fragment cached under the area's generation (no query to show them
    again); the comment form is the only part rendered per visitor.
    """
    area = _area_of(context, measure)

    def render():
        results = list(
            EventResult.objects.filter(measure=measure, event__is_public=True)
            .select_related("event__area")
            .order_by("-event__starts_at", "pk")[:RESULTS_SHOWN]
        )
        ideas = list(
            Idea.objects.published()
            .filter(measure=measure, status=IdeaStatus.TAKEN_UP)
            .only("pk", "area_id", "title", "status_reason")
            .order_by("-created_at")[:RESULTS_SHOWN]
        )
        return render_to_string(
            "participation/partials/_measure_participation_results.html",
            {"area": area, "results": results, "ideas": ideas},
        )

    return {
        **_comment_context(context, measure),
        "measure": measure,
        "results_html": cached_fragment(
            f"measure-participation:{measure.pk}", area_slug=area.slug, render=render
        ),
    }


@register.inclusion_tag("participation/partials/_idea_teaser.html", takes_context=True)
def ideas_teaser(context, area):
    """Box on the public area page: the latest published ideas and a link to propose one."""
    ideas = list(
        Idea.objects.for_area(area)
        .published()
        .only("pk", "area_id", "title", "status")
        .order_by("-created_at", "-pk")[:3]
    )
    return {"area": area, "ideas": ideas, "request": context.get("request")}


@register.inclusion_tag("participation/partials/_latest_comments.html")
def latest_comments(area, limit=LATEST_SHOWN):
    """Box on the public area page: the latest published comments of the area (one query).

    Each row links to the page it was written on; only comments on public targets are listed.
    """
    limit = max(1, min(int(limit), 20))
    comments = list(
        Comment.objects.for_area(area)
        .published()
        .on_public_targets()
        .select_related("measure", "event", "idea")
        .only(
            "pk",
            "text",
            "pseudonym",
            "created_at",
            "version_id",
            "measure__id",
            "measure__title",
            "event__id",
            "event__title",
            "idea__id",
            "idea__title",
        )
        .order_by("-created_at", "-pk")[:limit]
    )
    return {"area": area, "comments": comments}


@register.inclusion_tag("participation/partials/_comment_moderation_card.html", takes_context=True)
def moderation_dashboard_card(context, area):
    """Card on the internal area dashboard: what waits in the moderation queue.

    The counts are cached under the area's generation: every new comment, idea and report and
    every moderation decision (also the bulk ones, through ``invalidate_area``) renews them."""
    return {
        "area": area,
        **cached_value(
            "dashboard-moderation", area_slug=area.slug, compute=lambda: _moderation_counts(area)
        ),
        "request": context.get("request"),
    }


def _moderation_counts(area) -> dict:
    return {
        "pending_comments": Comment.objects.for_area(area)
        .filter(moderation=Moderation.PENDING)
        .count(),
        # Open reports are few: counted from the partial index on unresolved reports.
        "reported_comments": CommentReport.objects.filter(
            comment__area=area, resolved_at__isnull=True
        )
        .values("comment")
        .distinct()
        .count(),
        "pending_ideas": Idea.objects.for_area(area).filter(moderation=Moderation.PENDING).count(),
    }
