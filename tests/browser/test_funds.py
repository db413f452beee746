"""The neighbourhood fund in a real browser: a resident applies without an account, confirms the
e-mailed link, uploads a receipt, gets the decision letter and sends the proof of use; axe on
the public pages."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.core import mail
from PIL import Image

from funds import money_services
from funds.models import Application, Outcome, PayoutKind, Status
from tests.browser.conftest import axe_violations
from tests.factories import CommitteeFactory
from tests.funds.factories import FundFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def mail_and_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def receipt(tmp_path):
    path = tmp_path / "quittung.png"
    Image.new("RGB", (8, 8), "white").save(path, "PNG")
    return path


def test_resident_applies_confirms_uploads_and_sends_proof(page, area, manager, tmp_path):
    fund = FundFactory(area=area, committee=CommitteeFactory(area=area, name="Vergabejury"))
    page.goto(fund.get_public_url())
    assert axe_violations(page) == []
    page.get_by_role("link", name="Jetzt beantragen").click()
    page.get_by_label("Projekttitel").fill("Hoffest im Lindenhof")
    page.get_by_label("Projektbeschreibung").fill("Ein Fest für alle im Hof.")
    page.get_by_label("Zielgruppe").fill("Familien")
    page.locator("#id_place").fill("Lindenhof")
    page.locator("#id_starts_on").fill("2026-06-01")
    page.locator("#id_ends_on").fill("2026-06-30")
    page.get_by_label("Beantragter Zuschuss (EUR)").fill("800")
    page.locator("#id_costs-0-item").fill("Getränke")
    page.locator("#id_costs-0-amount").fill("1.000,00")
    page.locator("#id_financing-0-amount").fill("200")
    page.get_by_label("Name der antragstellenden Person").fill("Erika Mustermann")
    page.locator("#id_contact_email").fill("erika@example.org")
    page.get_by_label("Ich bin einverstanden").check()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Antrag einreichen").click()
    page.wait_for_url("**/apply/sent/")
    assert "Bitte prüfen Sie Ihr E-Mail-Postfach" in page.content()

    link = re.search(r"http\S+/fund/application/[0-9a-f]{64}/", mail.outbox[0].body).group(0)
    page.goto(link.split("/areas/", 1)[1].join(["/areas/", ""]))
    page.get_by_role("button", name="Meine E-Mail-Adresse bestätigen").click()
    page.wait_for_load_state()
    assert "eingereicht" in page.locator("h1 + p").inner_text()
    page.get_by_label("Datei").set_input_files(receipt(tmp_path))
    page.get_by_label("Art").select_option("receipt")
    page.get_by_role("button", name="Hochladen").click()
    page.wait_for_load_state()
    assert "quittung.png" in page.content()
    assert axe_violations(page) == []

    application = Application.objects.get()
    assert application.status == Status.SUBMITTED
    decision = money_services.decision_record(
        application=application,
        outcome=Outcome.APPROVED,
        amount=Decimal("800"),
        reason="Stärkt die Nachbarschaft.",
        decided_on=datetime.date(2026, 5, 1),
        user=manager,
    )
    money_services.letter_send(decision=decision)
    money_services.payout_record(
        application=application,
        kind=PayoutKind.ADVANCE,
        amount=Decimal("800"),
        paid_on=datetime.date(2026, 5, 2),
        user=manager,
    )
    page.reload()
    with page.expect_download() as download:
        page.get_by_role("link", name="Bescheid herunterladen (PDF)").click()
    assert download.value.path().read_bytes().startswith(b"%PDF")
    page.get_by_label("Kurzbericht").fill("80 Gäste, alles aufgegessen.")
    page.get_by_label("Insgesamt ausgegeben (EUR)").fill("800")
    page.get_by_role("button", name="Verwendungsnachweis senden").click()
    page.wait_for_load_state()
    assert "eingereicht, zu prüfen" in page.content()
    assert Image.open(io.BytesIO(application.documents.get().file.read())).size == (8, 8)
