"""Committee meeting snippets for pages of other apps: the area dashboard card with the open
follow-up tasks and the next meeting."""

from types import SimpleNamespace

from django import template
from django.utils import timezone

from ihk.caching import cached_value

from ..models import FollowUpTask, Meeting, MeetingStatus

register = template.Library()


@register.inclusion_tag("participation/meetings/_dashboard_card.html", takes_context=True)
def meetings_dashboard_card(context, area, limit=5):
    """Open follow-up tasks (soonest due first) and the next planned meeting: three queries,
    cached under the area's generation (tasks and meetings are watched); the "done" buttons
    and their CSRF token are rendered per request."""
    return {
        "area": area,
        "user": context.get("user"),
        "csrf_token": context.get("csrf_token"),
        "today": timezone.localdate(),
        **cached_value(
            f"dashboard-meetings:{limit}", area_slug=area.slug, compute=lambda: _card(area, limit)
        ),
    }


def _card(area, limit: int) -> dict:
    """Plain values only (no user rows in the shared cache)."""
    tasks = FollowUpTask.objects.for_area(area).for_dashboard()
    meeting = (
        Meeting.objects.for_area(area)
        .filter(status=MeetingStatus.PLANNED, starts_at__gte=timezone.now())
        .select_related("committee", "area")
        .order_by("starts_at", "pk")
        .first()
    )
    return {
        "tasks": [
            SimpleNamespace(
                pk=task.pk,
                meeting_id=task.meeting_id,
                meeting_url=task.meeting.get_absolute_url(),
                title=task.title,
                owner_display=task.owner_display,
                due_on=task.due_on,
            )
            for task in tasks[:limit]
        ],
        "open_count": tasks.count(),
        "next_meeting": meeting
        and SimpleNamespace(
            url=meeting.get_absolute_url(),
            committee_name=meeting.committee.name,
            starts_at=meeting.starts_at,
        ),
    }
