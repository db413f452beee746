"""Minutes of a committee meeting as a tagged PDF (always typeset in German).

The internal version has every agenda item, the members' attendance by name, who was excluded
for a conflict of interest, the internal minutes and the follow-up tasks. The public version has
only the public items and the public minutes; of the members it names only organisations that
the register shows publicly, everyone else is counted, never named.

WeasyPrint is the slow part, so the PDF is cached under a hash of the HTML it is made from: a
change of anything shown gives new HTML and so a new PDF, without any invalidation.
"""

import hashlib

from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils import translation

from actors.models import ActorKind
from ihk.pdf import html_to_pdf

from .models import AttendanceStatus, Meeting

CACHE_SECONDS = 24 * 3600


def _nameable(actor) -> bool:
    """An actor that may be named on public pages: a public organisation, never a person."""
    return actor.is_public and actor.kind != ActorKind.RESIDENT and actor.status == "active"


def minutes_context(meeting: Meeting, *, public: bool) -> dict:
    """What the minutes show; ``meeting`` comes from ``Meeting.objects.for_detail()``."""
    items = [item for item in meeting.agenda_items.all() if item.is_public or not public]
    attendances = sorted(meeting.attendances.all(), key=lambda a: a.membership.actor.name)
    present = [a for a in attendances if a.status == AttendanceStatus.PRESENT]
    context = {
        "meeting": meeting,
        "area": meeting.area,
        "public": public,
        "items": items,
        "present_count": len(present),
        "excused_count": sum(a.status == AttendanceStatus.EXCUSED for a in attendances),
        "absent_count": sum(a.status == AttendanceStatus.ABSENT for a in attendances),
    }
    if public:
        context["named_present"] = [
            a.membership.actor.name for a in present if _nameable(a.membership.actor)
        ]
    else:
        context["attendances"] = attendances
        context["tasks"] = list(meeting.tasks.all())
    return context


def render_minutes_pdf(meeting: Meeting, *, public: bool) -> bytes:
    with translation.override("de"):
        html = render_to_string(
            "participation/meetings/pdf/minutes.html", minutes_context(meeting, public=public)
        )
    key = "ihk:minutes-pdf:" + hashlib.sha256(html.encode()).hexdigest()
    cache = caches["default"]
    pdf = cache.get(key)
    if pdf is None:
        pdf = html_to_pdf(html)
        cache.set(key, pdf, CACHE_SECONDS)
    return pdf
