"""Invitation e-mails of committee meetings: text with the agenda and an iCalendar attachment."""

import datetime
import logging

import icalendar
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .ical import BERLIN, PRODID
from .models import InvitationState, Meeting, MeetingInvitation

logger = logging.getLogger(__name__)

# A meeting without an end time is entered in calendars with this length.
DEFAULT_LENGTH = datetime.timedelta(hours=2)


def meeting_ics(meeting: Meeting, *, host: str) -> bytes:
    """One VEVENT for ``meeting`` (times with TZID Europe/Berlin); the UID stays the same for
    every invitation of the meeting so a calendar updates the entry instead of adding one."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    vevent = icalendar.Event()
    vevent.add("uid", f"meeting-{meeting.pk}@{host}")
    vevent.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    vevent.add("last-modified", meeting.updated_at)
    vevent.add("dtstart", meeting.starts_at.astimezone(BERLIN))
    vevent.add("dtend", (meeting.ends_at or meeting.starts_at + DEFAULT_LENGTH).astimezone(BERLIN))
    vevent.add("summary", f"{meeting.committee.name}: {meeting.title}")
    if meeting.place:
        vevent.add("location", meeting.place)
    if meeting.status == "cancelled":
        vevent.add("status", "CANCELLED")
    calendar.add_component(vevent)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _host() -> str:
    base = getattr(settings, "SITE_URL", "") or "localhost"
    return base.split("://", 1)[-1].split("/", 1)[0] or "localhost"


def invitation_message(meeting: Meeting, items, email: str) -> EmailMessage:
    """The invitation e-mail to one address, in the site's language, with ``sitzung.ics``."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Invitation: %(committee)s on %(date)s") % {
            "committee": meeting.committee.name,
            "date": timezone.localtime(meeting.starts_at).strftime("%d.%m.%Y"),
        }
        subject = " ".join(subject.split())  # a line break would be a header injection
        body = render_to_string(
            "participation/meetings/invitation_email.txt",
            {"meeting": meeting, "items": items},
        )
    message = EmailMessage(subject, body, None, [email])
    message.attach("sitzung.ics", meeting_ics(meeting, host=_host()), "text/calendar")
    return message


def send_queued_invitations(*, meeting_id: int) -> int:
    """Send every queued invitation of the meeting; returns the number of mails sent.

    Each invitation is claimed in its own transaction (``select_for_update(skip_locked)``), so two
    workers never send the same mail and a failure leaves the others untouched.
    """
    meeting = Meeting.objects.select_related("committee", "area").filter(pk=meeting_id).first()
    if meeting is None:
        return 0
    items = list(meeting.agenda_items.order_by("position", "pk"))
    sent = 0
    while True:
        with transaction.atomic():
            invitation = (
                MeetingInvitation.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("contact")
                .filter(meeting_id=meeting_id, state=InvitationState.QUEUED)
                .order_by("pk")
                .first()
            )
            if invitation is None:
                return sent
            email = invitation.contact.email if invitation.contact else ""
            try:
                if not email:
                    raise ValueError("no address")
                invitation_message(meeting, items, email).send()
            except Exception:
                logger.warning("Meeting invitation %s could not be sent", invitation.pk)
                invitation.state = InvitationState.FAILED
            else:
                invitation.state = InvitationState.SENT
                invitation.sent_at = timezone.now()
                sent += 1
            invitation.save(update_fields=["state", "sent_at"])
