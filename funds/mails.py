"""E-mails to applicants: the private link (double opt-in), questions, the decision letter.

Every mail is plain text from a template in ``funds/templates/funds/mail/``. The private link is
sent only by e-mail, so following it proves the address (double opt-in).
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from .models import Application


def absolute(path: str) -> str:
    base = getattr(settings, "SITE_URL", "") or "http://localhost:8000"
    return base.rstrip("/") + path


def private_url(application: Application) -> str:
    return absolute(
        reverse(
            "funds:applicant_home",
            kwargs={"area_slug": application.area.slug, "token": application.access_key},
        )
    )


def _send(application: Application, template: str, context: dict, attachments=()) -> None:
    text = render_to_string(template, {"application": application, **context})
    subject, _blank, body = text.partition("\n\n")
    message = EmailMessage(
        subject=subject.strip(), body=body.strip() + "\n", to=[application.contact_email]
    )
    for attachment in attachments:
        message.attach(*attachment)
    message.send()


def send_private_link(application: Application) -> None:
    _send(application, "funds/mail/private_link.txt", {"url": private_url(application)})


def send_question(application: Application, question) -> None:
    _send(
        application,
        "funds/mail/question.txt",
        {"url": private_url(application), "question": question},
    )


def send_letter(application: Application, decision, pdf: bytes) -> None:
    name = f"{application.reference}.pdf"
    _send(
        application,
        "funds/mail/letter.txt",
        {"url": private_url(application), "decision": decision},
        attachments=[(name, pdf, "application/pdf")],
    )
