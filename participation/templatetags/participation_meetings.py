"""Committee meeting snippets for pages of other apps: the area dashboard card with the open
follow-up tasks and the next meeting."""

from django import template
from django.utils import timezone

from ..models import FollowUpTask, Meeting, MeetingStatus

register = template.Library()


@register.inclusion_tag("participation/meetings/_dashboard_card.html", takes_context=True)
def meetings_dashboard_card(context, area, limit=5):
    """Open follow-up tasks (soonest due first) and the next planned meeting; three queries."""
    tasks = FollowUpTask.objects.for_area(area).for_dashboard()
    return {
        "area": area,
        "user": context.get("user"),
        "csrf_token": context.get("csrf_token"),
        "tasks": list(tasks[:limit]),
        "open_count": tasks.count(),
        "next_meeting": Meeting.objects.for_area(area)
        .filter(status=MeetingStatus.PLANNED, starts_at__gte=timezone.now())
        .select_related("committee", "area")
        .order_by("starts_at", "pk")
        .first(),
        "today": timezone.localdate(),
    }
