"""The decision letter (Bewilligungs- or Ablehnungsschreiben) as a tagged PDF.

Letters are German documents, as the city sends them; they are typeset by ``ihk.pdf``.
"""

from django.template.loader import render_to_string
from django.utils import timezone, translation

from ihk.pdf import html_to_pdf

from .models import Decision


def letter_html(decision: Decision) -> str:
    application = decision.application
    with translation.override("de"):
        return render_to_string(
            "funds/pdf/letter.html",
            {
                "decision": decision,
                "application": application,
                "fund": application.fund,
                "area": application.area,
                "costs": list(application.costs.all()),
                "today": timezone.localdate(),
            },
        )


def letter_pdf(decision: Decision) -> bytes:
    return html_to_pdf(letter_html(decision))
