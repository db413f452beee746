"""Template tags that put participation onto other apps' public pages.

Like django-contrib-comments' ``{% render_comment_list for object %}``, the lower apps only load
this library in their templates; their Python never imports participation::

    {% load participation_tags %}
    {% comments_for measure %}              comments, answers, moderation notes and the form
    {% participation_for_measure measure %} "Aus der Beteiligung": results, ideas, comments

Each tag costs a fixed number of queries, however many comments there are.
"""

from django import template
from django.core.paginator import Paginator
from django.urls import reverse

from ..forms.contributions import CommentForm
from ..models import Comment, EventResult, Idea, IdeaStatus, Moderation
from ..targets import target_kind

register = template.Library()

THREADS_PER_PAGE = 30


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
    return obj.is_public


def _notice(request) -> str:
    """``pending``/``published`` right after a resident sent a comment (see the comment views)."""
    value = request.GET.get("comment", "") if request is not None else ""
    return value if value in ("pending", "published") else ""


def _comment_context(context, obj, form=None):
    area = _area_of(context, obj)
    kind = target_kind(obj)
    request = context.get("request")
    user = context.get("user") or getattr(request, "user", None)
    comments = Comment.objects.about(obj)
    # Newest discussions first, THREADS_PER_PAGE at a time; replies stay in their thread.
    page = Paginator(comments.threads().order_by("-created_at", "-pk"), THREADS_PER_PAGE).get_page(
        request.GET.get("comments_page") if request is not None else None
    )
    threads = list(page.object_list)
    published = comments.published().count()
    return {
        "area": area,
        "target": obj,
        "kind": kind,
        "threads": threads,
        "comments_page": page,
        "published_count": published,
        "notice": _notice(request),
        "open_for_comments": _is_open_for_comments(area, kind, obj),
        "form": form or CommentForm(),
        "action": reverse(
            "participation:comment_create",
            kwargs={"area_slug": area.slug, "kind": kind, "pk": obj.pk},
        ),
        "next": request.path if request is not None else "",
        "request": request,
        "user": user,
        "can_moderate": bool(
            user and user.is_authenticated and user.has_perm("participation.moderate", area)
        ),
    }


@register.inclusion_tag("participation/partials/_comments.html", takes_context=True)
def comments_for(context, obj):
    """Comments on a public concept version, measure, event or idea, with the comment form."""
    return _comment_context(context, obj)


@register.inclusion_tag(
    "participation/partials/_participation_for_measure.html", takes_context=True
)
def participation_for_measure(context, measure):
    """How participation shaped a measure: event results, ideas taken up, and the comments."""
    results = list(
        EventResult.objects.filter(measure=measure, event__is_public=True)
        .select_related("event__area")
        .order_by("-event__starts_at", "pk")
    )
    ideas = list(
        Idea.objects.published()
        .filter(measure=measure, status=IdeaStatus.TAKEN_UP)
        .select_related("area")
        .order_by("-created_at")
    )
    return {
        **_comment_context(context, measure),
        "measure": measure,
        "results": results,
        "ideas": ideas,
    }


@register.inclusion_tag("participation/partials/_idea_teaser.html", takes_context=True)
def ideas_teaser(context, area):
    """Box on the public area page: the latest published ideas and a link to propose one."""
    ideas = list(Idea.objects.for_area(area).published().order_by("-created_at", "-pk")[:3])
    return {"area": area, "ideas": ideas, "request": context.get("request")}


@register.inclusion_tag("participation/partials/_comment_moderation_card.html", takes_context=True)
def moderation_dashboard_card(context, area):
    """Card on the internal area dashboard: what waits in the moderation queue."""
    comments = Comment.objects.for_area(area)
    return {
        "area": area,
        "pending_comments": comments.filter(moderation=Moderation.PENDING).count(),
        "reported_comments": comments.filter(reports__resolved_at__isnull=True)
        .exclude(reports=None)
        .distinct()
        .count(),
        "pending_ideas": Idea.objects.for_area(area).filter(moderation=Moderation.PENDING).count(),
        "request": context.get("request"),
    }
