"""The weighing (Abwägung): decisions with reasons and changed parts, the internal table, and the
table as XLSX (formula-safe) and tagged PDF read back."""

import io
import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from participation import consultation_services as services
from participation.models import Weighing, WeighingDecision
from tests.factories import CommentFactory, GoalFactory

from .consultation_helpers import build

pytestmark = pytest.mark.django_db


def _url(setup, name, **kwargs):
    c = setup.consultation
    return reverse(f"participation:{name}", kwargs={"area_slug": c.area.slug, "pk": c.pk, **kwargs})


def _comment(setup, **fields):
    return CommentFactory(
        area=setup.consultation.area,
        measure=None,
        consultation=setup.consultation,
        draft_part="vision",
        **fields,
    )


def _statement(setup, text="Stellungnahme des Vereins"):
    return services.statement_record(
        consultation=setup.consultation,
        sender="Kita Sonnenschein",
        channel="letter",
        received_on=timezone.localdate(),
        text=text,
    )


def test_manager_weighs_a_comment_and_links_the_changed_parts(client_as, area):
    setup = build(area)
    comment = _comment(setup)
    url = _url(setup, "consultation_weigh", kind="comment", item_pk=comment.pk)
    data = {
        "decision": WeighingDecision.TAKEN,
        "reason": "Aufgenommen.",
        "action_fields": [setup.new_field.pk],
        "goals": [setup.draft_goal.pk],
        "measures": [setup.new_measure.pk],
    }
    assert client_as("reader").post(url, data).status_code == 403
    assert client_as("manager").post(url, data).status_code == 302
    weighing = Weighing.objects.get(comment=comment)
    assert list(weighing.goals.all()) == [setup.draft_goal]
    # Changing to "not taken into account" drops the links.
    data["decision"] = WeighingDecision.NOT_TAKEN
    assert client_as("manager").post(url, data).status_code == 302
    weighing.refresh_from_db()
    assert weighing.decision == WeighingDecision.NOT_TAKEN and not weighing.goals.exists()


def test_parts_of_the_version_in_force_or_other_areas_are_refused(client_as, area, other_area):
    setup = build(area)
    comment = _comment(setup)
    url = _url(setup, "consultation_weigh", kind="comment", item_pk=comment.pk)
    old_goal = setup.draft_goal.origin
    foreign_goal = GoalFactory(action_field__version__area=other_area)
    for goal in (old_goal, foreign_goal):
        data = {"decision": WeighingDecision.TAKEN, "reason": "x", "goals": [goal.pk]}
        assert client_as("manager").post(url, data).status_code == 200
    assert not Weighing.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"decision": "maybe", "reason": "x"},
        {"decision": "taken", "reason": ""},
        {"decision": "taken", "reason": "x" * 50_000},
        {"decision": "taken", "reason": "x", "measures": ["abc"]},
    ],
)
def test_bad_weighing_input_is_a_form_error(client_as, area, data):
    setup = build(area)
    comment = _comment(setup)
    url = _url(setup, "consultation_weigh", kind="comment", item_pk=comment.pk)
    assert client_as("manager").post(url, data).status_code == 200
    assert not Weighing.objects.exists()


def test_weigh_urls_of_other_consultations_and_kinds_are_404(client_as, area, other_area):
    setup = build(area)
    other = build(other_area)
    foreign = _comment(other)
    client = client_as("manager")
    assert (
        client.get(
            _url(setup, "consultation_weigh", kind="comment", item_pk=foreign.pk)
        ).status_code
        == 404
    )
    assert client.get(_url(setup, "consultation_weigh", kind="idea", item_pk=1)).status_code == 404
    statement = _statement(setup)
    assert (
        client.get(
            _url(setup, "consultation_weigh", kind="statement", item_pk=statement.pk)
        ).status_code
        == 200
    )


def test_blocked_spam_is_not_weighed(client_as, area):
    setup = build(area)
    spam = _comment(setup, moderation="blocked")
    url = _url(setup, "consultation_weigh", kind="comment", item_pk=spam.pk)
    assert client_as("manager").get(url).status_code == 404


def test_weighing_table_queries_do_not_grow(client_as, area, django_assert_max_num_queries):
    setup = build(area)

    def add(n):
        for _ in range(n):
            comment = _comment(setup)
            services.weigh(
                consultation=setup.consultation,
                contribution=comment,
                decision=WeighingDecision.TAKEN,
                reason="ok",
                action_fields=[setup.new_field],
            )
            _statement(setup)

    add(1)
    client = client_as("manager")
    url = _url(setup, "consultation_weighing")
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    add(25)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"
FORMULA = '=HYPERLINK("http://evil.example","klick")'


def test_xlsx_contains_every_contribution_and_no_formula(client_as, area):
    setup = build(area)
    comment = _comment(setup, text=FORMULA, email="geheim@example.org")
    services.weigh(
        consultation=setup.consultation,
        contribution=comment,
        decision=WeighingDecision.PARTLY,
        reason="+teilweise",
        goals=[setup.draft_goal],
    )
    _statement(setup, text="@SUM(1+1)")
    response = client_as("reader").get(_url(setup, "consultation_weighing_xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "'" + FORMULA in cells and "'+teilweise" in cells and "'@SUM(1+1)" in cells
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert setup.draft_goal.title in " ".join(str(c) for c in cells)
    assert "geheim@example.org" not in " ".join(str(c) for c in cells)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext not installed")
def test_pdf_is_tagged_and_reads_back(client_as, area):
    setup = build(area)
    comment = _comment(setup, text="Mehr Schatten am Spielplatz")
    services.weigh(
        consultation=setup.consultation,
        contribution=comment,
        decision=WeighingDecision.TAKEN,
        reason="Baumpflanzungen ergänzt",
        measures=[setup.new_measure],
    )
    _statement(setup, text="Die Kita unterstützt den Entwurf")
    response = client_as("manager").get(_url(setup, "consultation_weighing_pdf"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    root = PdfReader(io.BytesIO(response.content)).trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/Lang"] == "de"
    text = subprocess.run(  # noqa: S603 - fixed binary, test input
        [PDFTOTEXT, "-layout", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    for expected in ("Abwägungstabelle", "Mehr Schatten", "Baumpflanzungen", "Kita Sonnenschein"):
        assert expected in text, expected
