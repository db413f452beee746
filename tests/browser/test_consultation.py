"""The draft consultation in a real browser: a resident comments on a draft goal, an invited
actor submits a statement via the personal link, the manager weighs both, the version is adopted
and the public pages show the outcome; axe on every public consultation page."""

import io
import re

import pytest
from django.core import mail
from openpyxl import load_workbook

from measures.services import make_current
from participation import consultation_services as services
from tests.browser.conftest import axe_violations, login
from tests.factories import PASSWORD
from tests.participation.consultation_helpers import build, contact

pytestmark = pytest.mark.django_db(transaction=True)


def _weigh(page, area, setup, ref, decision, reason, goal=None):
    page.goto(f"/areas/{area.slug}/participation/consultations/{setup.consultation.pk}/weighing/")
    page.get_by_role("link", name=f"Abwägen {ref}").click()
    page.get_by_label(decision, exact=True).check()
    page.get_by_label("Begründung (wird öffentlich angezeigt)").fill(reason)
    if goal:
        page.get_by_label(goal).check()
    page.get_by_role("button", name="Entscheidung speichern").click()
    page.wait_for_load_state()
    assert "Die Entscheidung ist gespeichert." in page.content()


def test_consultation_journey(browser, live_server, page, manager, area):
    area.comments_premoderated = False
    area.save()
    setup = build(area)
    consultation = setup.consultation

    # A resident reads the draft and comments on a draft goal, without an account.
    page.goto(consultation.get_absolute_url())
    assert axe_violations(page) == []
    page.get_by_role("link", name=setup.draft_goal.title).click()
    assert "Geltende Fassung" in page.content()
    page.get_by_label("Ihr Kommentar").fill("Bitte mehr Bäume an der Schule!")
    page.get_by_label("Ich bin einverstanden").check()
    page.get_by_role("button", name="Kommentar senden").click()
    page.wait_for_load_state()
    assert "Ihr Kommentar ist veröffentlicht" in page.content()
    assert axe_violations(page) == []
    comment = consultation.comments.get()

    # An invited actor submits a statement through the personal link.
    services.invite_actors(
        consultation=consultation, contacts=[contact(area, name="Kita Regenbogen")]
    )
    link = re.search(r"https?://\S+|/areas/\S+", mail.outbox[-1].body).group(0)
    page.goto(link[link.index("/areas/") :])
    assert axe_violations(page) == []
    page.get_by_label("Ihre Stellungnahme").fill("Die Kita unterstützt den Entwurf.")
    page.get_by_label("Ich bin einverstanden").check()
    page.get_by_role("button", name="Stellungnahme abgeben").click()
    page.wait_for_load_state()
    assert "Ihre Stellungnahme ist eingegangen" in page.content()
    statement = consultation.statements.get()

    # The manager weighs both and links the changed goal.
    login(page, "qm@example.org", PASSWORD)
    page.wait_for_url("**/dashboard/")
    _weigh(
        page,
        area,
        setup,
        f"K-{comment.pk}",
        "berücksichtigt",
        "Bäume ergänzt.",
        goal=setup.draft_goal.title,
    )
    _weigh(
        page,
        area,
        setup,
        f"S-{statement.pk}",
        "zur Kenntnis genommen",
        "Danke für die Unterstützung.",
    )
    xlsx = page.request.get(
        f"/areas/{area.slug}/participation/consultations/{consultation.pk}/weighing.xlsx"
    )
    cells = " ".join(
        str(c.value)
        for row in load_workbook(io.BytesIO(xlsx.body())).active.iter_rows()
        for c in row
    )
    assert "Bäume ergänzt." in cells and "Danke für die Unterstützung." in cells

    # The version is adopted; residents see what became of both contributions.
    setup.draft.status = "adopted"
    setup.draft.save()
    make_current(version=setup.draft)
    context = browser.new_context(base_url=live_server.url, locale="de-DE")
    resident = context.new_page()
    resident.goto(area.get_absolute_url())
    section = resident.locator("#participation-changes").inner_text()
    assert "Was sich durch die Beteiligung geändert hat" in section and "Bäume ergänzt." in section
    resident.goto(consultation.get_absolute_url() + "results/")
    body = resident.content()
    assert "Danke für die Unterstützung." in body and "Kita Regenbogen" in body
    assert "kontakt" not in body  # no contact person's e-mail
    assert axe_violations(resident) == []
    context.close()
