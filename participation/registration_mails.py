"""Mails to people who registered for an event: confirmation or waiting list, move-up, reminder.

Plain text in the site's language. A confirmed place comes with the event as an .ics file and
every mail with the personal cancel link. Functions take primary keys, so they can run after the
transaction commits (or in a task) with fresh data.
"""

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .ical import build_calendar
from .models import Registration, RegistrationStatus
from .notifications import _absolute
from .tokens import make_token

CANCEL_SALT = "participation.registration.cancel"

logger = logging.getLogger(__name__)


def cancel_url(registration: Registration) -> str:
    return _absolute(
        reverse(
            "participation:registration_cancel",
            kwargs={
                "area_slug": registration.event.area.slug,
                "token": make_token(registration, CANCEL_SALT),
            },
        )
    )


def event_ics(event) -> bytes:
    host = urlsplit(getattr(settings, "SITE_URL", "")).hostname or "localhost"
    return build_calendar(
        [event], name=event.title, host=host, url_for=lambda e: _absolute(e.get_absolute_url())
    )


def _send(pk: int, subject, template: str, *, attach_ics: bool) -> None:
    registration = Registration.objects.select_related("event__area").filter(pk=pk).first()
    if registration is None or registration.status == RegistrationStatus.CANCELLED:
        return
    event = registration.event
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            template,
            {
                "registration": registration,
                "event": event,
                "area": event.area,
                "event_url": _absolute(event.get_absolute_url()),
                "cancel_url": cancel_url(registration),
            },
        )
        message = EmailMessage(
            (subject() % {"title": event.title}).replace("\n", " ")[:200],
            body,
            None,
            [registration.email],
        )
    if attach_ics and registration.status == RegistrationStatus.CONFIRMED:
        message.attach(f"event-{event.pk}.ics", event_ics(event), "text/calendar")
    try:
        message.send()
    except Exception:  # a mail server hiccup must not undo the registration
        logger.exception("Registration mail %s for registration %s failed", template, pk)


def send_registered(pk: int) -> None:
    registration = Registration.objects.filter(pk=pk).only("status").first()
    if registration and registration.status == RegistrationStatus.WAITING:
        _send(
            pk,
            lambda: _("You are on the waiting list: %(title)s"),
            "participation/registrations/waiting_email.txt",
            attach_ics=False,
        )
    else:
        _send(
            pk,
            lambda: _("Your registration: %(title)s"),
            "participation/registrations/confirmed_email.txt",
            attach_ics=True,
        )


def send_already(pk: int) -> None:
    _send(
        pk,
        lambda: _("You are already registered: %(title)s"),
        "participation/registrations/already_email.txt",
        attach_ics=False,
    )


def send_moved_up(pk: int) -> None:
    _send(
        pk,
        lambda: _("A place has become free for you: %(title)s"),
        "participation/registrations/moved_up_email.txt",
        attach_ics=True,
    )


def send_reminder(pk: int) -> None:
    _send(
        pk,
        lambda: _("Reminder: %(title)s is tomorrow"),
        "participation/registrations/reminder_email.txt",
        attach_ics=True,
    )
