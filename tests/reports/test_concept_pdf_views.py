"""Concept and continuation PDFs: who gets which one, what they contain, how the task worker
makes and stores them, and what they cost in queries."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from tests.factories import ConceptVersionFactory
from tests.reports.conftest import (
    READ,
    ROLES,
    fetch_concept_pdf,
    fetch_continuation_pdf,
    pdf_bytes,
    reports_url,
    run_queued_concept_pdf_tasks,
)
from tests.reports.test_pdf import pdf_text


@pytest.mark.parametrize("role", ROLES)
def test_continuation_pdf_matrix(client_as, area, concept, role):
    response = fetch_continuation_pdf(client_as(role), reports_url("continuation_pdf", area))
    assert response.status_code == READ[role]
    if response.status_code == 200:
        assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize("role", ROLES)
def test_concept_pdf_of_draft_version_is_internal(client_as, area, concept, role):
    version = ConceptVersionFactory(area=area, number=2, status="draft")
    response = client_as(role).get(reports_url("concept_pdf", area, version_id=version.pk))
    expected = {
        "anonymous": 404,
        "reader": 200,
        "manager": 200,
        "other_manager": 404,
        "superuser": 200,
    }[role]
    assert response.status_code == expected


@pytest.mark.parametrize("role", ["anonymous", "other_manager"])
def test_concept_pdf_of_adopted_version_is_public(client_as, area, concept, role):
    url = reports_url("concept_pdf", area, version_id=concept["version"].pk)
    response = fetch_concept_pdf(client_as(role), url)
    assert response.status_code == 200
    assert pdf_bytes(response).startswith(b"%PDF")


def test_concept_pdf_of_adopted_version_in_non_public_area_is_404(client, area, concept):
    area.is_public = False
    area.save()
    url = reports_url("concept_pdf", area, version_id=concept["version"].pk)
    assert client.get(url).status_code == 404


def test_concept_pdf_of_other_areas_version_is_404(client_as, area, other_area):
    version = ConceptVersionFactory(area=other_area, status="adopted")
    url = reports_url("concept_pdf", area, version_id=version.pk)
    assert client_as("manager").get(url).status_code == 404


def test_public_area_page_links_adopted_concept_pdf_only(client, area, concept):
    draft_version = ConceptVersionFactory(area=area, number=2, status="draft")
    content = client.get(reverse("ihk:area_public", kwargs={"area_slug": area.slug})).content
    content = content.decode()
    assert reports_url("concept_pdf", area, version_id=concept["version"].pk) in content
    assert reports_url("concept_pdf", area, version_id=draft_version.pk) not in content


def test_concept_pdf_has_no_personal_data(client, area, concept):
    from tests.factories import ContactPersonFactory

    ContactPersonFactory(actor=concept["lead"], name="Erika Mustermann", email="erika@example.org")
    url = reports_url("concept_pdf", area, version_id=concept["version"].pk)
    text = pdf_text(pdf_bytes(fetch_concept_pdf(client, url)))
    assert "Erika Mustermann" not in text
    assert "erika@example.org" not in text


def _measures_in(version, count):
    from tests.factories import FinancingRowFactory, MeasureFactory

    field = version.action_fields.first()
    for i in range(count):
        measure = MeasureFactory(area=version.area, title=f"Zusatzmaßnahme {i}")
        measure.action_fields.add(field)
        FinancingRowFactory(measure=measure)


def test_concept_pdf_query_count_bounded(client_as, area, concept, django_assert_max_num_queries):
    client = client_as("reader")
    url = reports_url("concept_pdf", area, version_id=concept["version"].pk)
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    _measures_in(concept["version"], 30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_continuation_and_preview_query_counts_bounded(
    client_as, area, draft, concept, django_assert_max_num_queries
):
    from tests.factories import ContinuationElementFactory

    client = client_as("reader")
    urls = [
        reports_url("continuation", area),
        reports_url("continuation_pdf", area),
        reports_url("report_preview", area, pk=draft.pk),
        reports_url("report_detail", area, pk=draft.pk),
    ]
    counts = []
    for url in urls:
        with django_assert_max_num_queries(60) as captured:
            client.get(url)
        counts.append(len(captured.captured_queries))
    ContinuationElementFactory.create_batch(20, area=area)
    _measures_in(concept["version"], 30)
    for url, count in zip(urls, counts, strict=True):
        with django_assert_max_num_queries(count):
            assert client.get(url).status_code == 200


def test_concept_pdf_is_stored_until_the_data_changes(client, area, concept, media_root):
    url = reports_url("concept_pdf", area, version_id=concept["version"].pk)
    first = pdf_bytes(fetch_concept_pdf(client, url))
    folder = media_root / "reports" / area.slug / "concept"
    files = list(folder.glob(f"{concept['version'].pk}-public-*.pdf"))
    assert len(files) == 1
    assert pdf_bytes(client.get(url)) == first  # served from the file, nothing queued
    assert run_queued_concept_pdf_tasks() == 0
    measure = concept["measure"]
    measure.title = "Lindenplatz neu gedacht"
    measure.save()
    # A stale file is never served: the changed concept is queued and typeset anew.
    assert "wird erstellt" in client.get(url).content.decode()
    second = pdf_bytes(fetch_concept_pdf(client, url))
    assert second != first
    assert "Lindenplatz neu gedacht" in pdf_text(second)
    remaining = [p.name for p in folder.glob(f"{concept['version'].pk}-public-*.pdf")]
    assert len(remaining) == 1 and remaining != [files[0].name]


def test_anonymous_request_never_typesets_the_concept_pdf(client, area, concept, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("WeasyPrint must not run inside a request")

    monkeypatch.setattr("reports.pdf.html_to_pdf", refuse)
    url = reports_url("concept_pdf", area, version_id=concept["version"].pk)
    for _attempt in range(3):
        response = client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        assert "wird erstellt" in page
        assert '<meta http-equiv="refresh" content="5">' in page
        assert "<script>" not in page
    # Queued once, however often readers refresh.
    queued = DBTaskResult.objects.filter(task_path="reports.tasks.generate_concept_pdf_task")
    assert [row.args_kwargs["args"] for row in queued] == [[concept["version"].pk, True]]


def test_internal_concept_pdf_is_private_and_separate_from_the_public_one(client_as, area, concept):
    url = reports_url("concept_pdf", area, version_id=concept["version"].pk)
    response = fetch_concept_pdf(client_as("reader"), url)
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    anonymous = client_as("anonymous").get(url)
    assert "wird erstellt" in anonymous.content.decode()  # the public variant is its own file


def test_concept_pdf_wait_page_polls_with_htmx_and_follows_to_the_file(client, area, concept):
    url = reports_url("concept_pdf", area, version_id=concept["version"].pk)
    waiting = client.get(url, headers={"HX-Request": "true"})
    assert waiting.status_code == 200
    assert 'id="concept-pdf-status"' in waiting.content.decode()
    assert "<html" not in waiting.content.decode()
    run_queued_concept_pdf_tasks()
    ready = client.get(url, headers={"HX-Request": "true"})
    assert ready.status_code == 204
    assert ready["HX-Redirect"] == url
