"""Role × URL: internal pages of the fund for anonymous, city staff, managers of this and of
another area, and the superuser; another area's objects are 404."""

import pytest
from django.urls import reverse

from funds.models import Decision, Document

from .factories import ApplicationFactory

pytestmark = pytest.mark.django_db

READ = {"anonymous": 302, "reader": 200, "manager": 200, "other_manager": 403, "superuser": 200}
WRITE = {"anonymous": 302, "reader": 403, "manager": 200, "other_manager": 403, "superuser": 200}


@pytest.fixture
def objects(fund, manager):
    application = ApplicationFactory(fund=fund)
    decision = Decision.objects.create(
        application=application,
        outcome="rejected",
        reason="Nicht im Gebiet.",
        decided_on="2026-05-01",
    )
    document = Document.objects.create(
        application=application,
        kind="attachment",
        file="funds/missing",
        original_name="a.pdf",
        content_type="application/pdf",
        size=3,
    )
    return {"fund": fund, "application": application, "decision": decision, "document": document}


def urls(area, objects):
    slug = area.slug
    f, a = objects["fund"].pk, objects["application"].pk
    return [
        ("funds:fund_list", {}, READ),
        ("funds:fund_detail", {"pk": f}, READ),
        ("funds:fund_create", {}, WRITE),
        ("funds:fund_update", {"pk": f}, WRITE),
        ("funds:fund_paper_application", {"pk": f}, WRITE),
        ("funds:application_detail", {"pk": a}, READ),
        ("funds:application_update", {"pk": a}, WRITE),
        ("funds:application_decision", {"pk": a}, WRITE),
        ("funds:application_payout", {"pk": a}, WRITE),
        ("funds:application_letter", {"pk": a, "decision_pk": objects["decision"].pk}, READ),
    ], slug


@pytest.mark.parametrize("role", list(READ))
def test_role_url_matrix(client_as, area, objects, role):
    routes, slug = urls(area, objects)
    client = client_as(role)
    for name, kwargs, expected in routes:
        response = client.get(reverse(name, kwargs={"area_slug": slug, **kwargs}))
        assert response.status_code == expected[role], (name, role, response.status_code)


def test_export_for_readers_only(client_as, area, objects):
    url = reverse("funds:fund_export", kwargs={"area_slug": area.slug, "pk": objects["fund"].pk})
    assert client_as("reader").get(url).status_code == 200
    assert client_as("other_manager").get(url).status_code == 403


@pytest.mark.parametrize(
    "name",
    [
        "application_checklist",
        "application_question",
        "application_agenda",
        "application_erase",
        "application_proof",
    ],
)
def test_readers_cannot_post_review_forms(client_as, area, objects, name):
    url = reverse(f"funds:{name}", kwargs={"area_slug": area.slug, "pk": objects["application"].pk})
    assert client_as("reader").post(url, {"text": "Frage"}).status_code == 403
    assert client_as("anonymous").post(url).status_code == 302
    assert client_as("manager").get(url).status_code == 405


def test_reader_cannot_send_a_letter(client_as, area, objects):
    url = reverse(
        "funds:application_letter",
        kwargs={
            "area_slug": area.slug,
            "pk": objects["application"].pk,
            "decision_pk": objects["decision"].pk,
        },
    )
    assert client_as("reader").post(url).status_code == 403


def test_other_areas_objects_are_404_for_its_own_manager(client_as, area, other_area, objects):
    """The other area's manager, at their own area's address with this area's ids."""
    client = client_as("other_manager")
    a = objects["application"]
    for name, kwargs in [
        ("funds:fund_detail", {"pk": objects["fund"].pk}),
        ("funds:fund_update", {"pk": objects["fund"].pk}),
        ("funds:fund_export", {"pk": objects["fund"].pk}),
        ("funds:application_detail", {"pk": a.pk}),
        ("funds:application_decision", {"pk": a.pk}),
        ("funds:application_document", {"pk": a.pk, "document_pk": objects["document"].pk}),
        ("funds:application_letter", {"pk": a.pk, "decision_pk": objects["decision"].pk}),
    ]:
        response = client.get(reverse(name, kwargs={"area_slug": other_area.slug, **kwargs}))
        assert response.status_code == 404, name
    for name in ["application_checklist", "application_payout", "application_erase"]:
        response = client.post(
            reverse(f"funds:{name}", kwargs={"area_slug": other_area.slug, "pk": a.pk}), {}
        )
        assert response.status_code == 404, name
