"""Grant notices and draw-downs: role × URL matrix, other areas' ids, the PDF (content checked,
size capped, served only to readers), draw-downs over the notice amount, hostile input."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from measures.models import DrawDown, GrantNotice
from tests.factories import MeasureFactory

D = Decimal
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def make_notice(area, **kwargs):
    data = {
        "programme": "Sozialer Zusammenhalt",
        "programme_year": 2025,
        "funding_body": "state",
        "file_number": "StBauF-2025-1",
        "amount": D("1000.00"),
    }
    return GrantNotice.objects.create(area=area, **(data | kwargs))


def url(name, area, **kwargs):
    return reverse(f"measures:{name}", kwargs={"area_slug": area.slug, **kwargs})


def form_data(**overrides):
    data = {
        "programme": "Sozialer Zusammenhalt",
        "programme_year": "2025",
        "funding_body": "federal",
        "file_number": "AZ 1",
        "amount": "80000.00",
        "conditions": "ANBest-P",
    }
    return data | overrides


READ = ["notice_list", "deadline_list"]
WRITE = ["notice_create", "deadline_create"]
EXPECTED = {
    "anonymous": (302, 302),
    "other_manager": (403, 403),
    "reader": (200, 403),
    "manager": (200, 200),
    "superuser": (200, 200),
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_role_matrix(client_as, area, role):
    notice = make_notice(area)
    client = client_as(role)
    read, write = EXPECTED[role]
    for name in READ:
        assert client.get(url(name, area)).status_code == read, name
    assert client.get(url("notice_detail", area, pk=notice.pk)).status_code == read
    for name in WRITE:
        assert client.get(url(name, area)).status_code == write, name
    assert client.get(url("notice_update", area, pk=notice.pk)).status_code == write
    assert client.get(url("drawdown_create", area, notice_pk=notice.pk)).status_code == write


def test_other_areas_notice_and_draw_down_are_404(client_as, area, other_area):
    foreign = make_notice(other_area)
    draw = DrawDown.objects.create(notice=foreign, requested_on=datetime.date(2025, 1, 1), amount=1)
    client = client_as("manager")
    for name, kwargs in [
        ("notice_detail", {"pk": foreign.pk}),
        ("notice_update", {"pk": foreign.pk}),
        ("notice_delete", {"pk": foreign.pk}),
        ("notice_document", {"pk": foreign.pk}),
        ("drawdown_create", {"notice_pk": foreign.pk}),
        ("drawdown_update", {"notice_pk": foreign.pk, "pk": draw.pk}),
    ]:
        assert client.get(url(name, area, **kwargs)).status_code == 404, name
    assert client.post(url("notice_delete", area, pk=foreign.pk)).status_code == 404
    assert GrantNotice.objects.filter(pk=foreign.pk).exists()
    # A draw-down of another notice of the same area is not reachable through this notice.
    own = make_notice(area)
    path = url("drawdown_update", area, notice_pk=own.pk, pk=draw.pk)
    assert client.get(path).status_code == 404


def test_manager_creates_notice_with_pdf_and_measures(client_as, area, other_area):
    measure = MeasureFactory(area=area)
    foreign = MeasureFactory(area=other_area)
    client = client_as("manager")
    upload = SimpleUploadedFile("bescheid.pdf", PDF, content_type="application/pdf")
    data = form_data(measures=[measure.pk], document=upload, spend_by="2026-12-31")
    response = client.post(url("notice_create", area), data)
    assert response.status_code == 302
    notice = GrantNotice.objects.get(area=area)
    assert list(notice.measures.all()) == [measure]
    assert notice.document.name.startswith(f"grant-notices/{area.pk}/")
    assert "bescheid" not in notice.document.name  # the name is not guessable from the upload
    response = client_as("reader").get(url("notice_document", area, pk=notice.pk))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert (
        client_as("other_manager").get(url("notice_document", area, pk=notice.pk)).status_code
        == 403
    )
    assert client_as("anonymous").get(url("notice_document", area, pk=notice.pk)).status_code == 302
    # A measure of another area cannot be linked.
    client = client_as("manager")
    response = client.post(url("notice_create", area), form_data(measures=[foreign.pk]))
    assert response.status_code == 200 and GrantNotice.objects.count() == 1


@pytest.mark.parametrize(
    "content,name",
    [
        (b"MZ\x90\x00 not a pdf", "bescheid.pdf"),
        (b"<html><script>alert(1)</script></html>", "bescheid.pdf"),
        (b"%PDF-" + b"0" * (10 * 1024 * 1024), "big.pdf"),
    ],
)
def test_notice_pdf_is_checked_by_content_and_size(client_as, area, content, name):
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = client_as("manager").post(url("notice_create", area), form_data(document=upload))
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    assert not GrantNotice.objects.exists()


@pytest.mark.parametrize(
    "field,value",
    [
        ("amount", "-5"),
        ("amount", "١٠٠٠٠٠٠٠٠٠٠٠"),
        ("amount", "1e400"),
        ("programme_year", "99999"),
        ("programme_year", "٢٠٢٥x"),
        ("spend_by", "9999-12-31"),
        ("eligible_from", "0001-01-01"),
        ("funding_body", "mars"),
        ("programme", "x" * 500),
    ],
)
def test_notice_form_refuses_hostile_input(client_as, area, field, value):
    response = client_as("manager").post(url("notice_create", area), form_data(**{field: value}))
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    assert not GrantNotice.objects.exists()


def test_control_characters_and_formula_text_are_stored_clean(client_as, area):
    data = form_data(programme='=HYPERLINK("x")\x0b\u202e', conditions="a\x0bb\x1f")
    client = client_as("manager")
    assert client.post(url("notice_create", area), data).status_code == 302
    notice = GrantNotice.objects.get()
    assert "\x0b" not in notice.programme and "\u202e" not in notice.programme
    assert notice.conditions == "a\nb"
    # A NUL byte is a form error, not a 500.
    response = client.post(url("notice_create", area), form_data(conditions="a\x00b"))
    assert response.status_code == 200 and GrantNotice.objects.count() == 1


def test_eligible_period_must_not_end_before_it_starts(client_as, area):
    data = form_data(eligible_from="2026-01-01", eligible_until="2025-01-01")
    response = client_as("manager").post(url("notice_create", area), data)
    assert response.status_code == 200 and not GrantNotice.objects.exists()


def post_draw(client, area, notice, amount, state="requested", pk=None):
    name = "drawdown_update" if pk else "drawdown_create"
    kwargs = {"notice_pk": notice.pk} | ({"pk": pk} if pk else {})
    data = {"requested_on": "2025-03-01", "amount": amount, "state": state, "note": ""}
    return client.post(url(name, area, **kwargs), data)


def test_draw_downs_cannot_exceed_the_notice(client_as, area):
    notice = make_notice(area, amount=D("1000.00"))
    client = client_as("manager")
    assert post_draw(client, area, notice, "600").status_code == 302
    response = post_draw(client, area, notice, "400.01")
    assert response.status_code == 200 and "verbleibend: 400,00\xa0€" in response.content.decode()
    assert DrawDown.objects.count() == 1
    # A rejected request does not count against the notice.
    assert post_draw(client, area, notice, "900", state="rejected").status_code == 302
    assert post_draw(client, area, notice, "400").status_code == 302
    detail = client.get(url("notice_detail", area, pk=notice.pk)).content.decode()
    assert 'id="notice-remaining">0,00' in detail
    assert 'id="notice-drawn">1.000,00' in detail


def test_editing_a_draw_down_counts_the_others_only(client_as, area):
    notice = make_notice(area, amount=D("1000"))
    draw = DrawDown.objects.create(
        notice=notice, requested_on=datetime.date(2025, 1, 1), amount=900
    )
    client = client_as("manager")
    assert post_draw(client, area, notice, "1000", pk=draw.pk).status_code == 302
    draw.refresh_from_db()
    assert draw.amount == D("1000") and draw.history.count() == 2


@pytest.mark.parametrize("amount", ["0", "-1", "١٠x", "NaN", "Infinity", "1" * 40, "1,5.3"])
def test_draw_down_refuses_hostile_amounts(client_as, area, amount):
    notice = make_notice(area)
    response = post_draw(client_as("manager"), area, notice, amount)
    assert response.status_code == 200
    assert not DrawDown.objects.exists()


def test_unicode_digits_are_read_as_their_value(client_as, area):
    notice = make_notice(area)
    assert post_draw(client_as("manager"), area, notice, "١٠").status_code == 302
    assert DrawDown.objects.get().amount == D("10")


def test_reader_cannot_post_and_delete(client_as, area):
    notice = make_notice(area)
    client = client_as("reader")
    assert post_draw(client, area, notice, "1").status_code == 403
    assert client.post(url("notice_delete", area, pk=notice.pk)).status_code == 403
    assert GrantNotice.objects.exists() and not DrawDown.objects.exists()


def test_delete_removes_notice_and_its_file(client_as, area, django_capture_on_commit_callbacks):
    client = client_as("manager")
    upload = SimpleUploadedFile("b.pdf", PDF, content_type="application/pdf")
    client.post(url("notice_create", area), form_data(document=upload))
    notice = GrantNotice.objects.get()
    storage, name = notice.document.storage, notice.document.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("notice_delete", area, pk=notice.pk))
    assert response.status_code == 302
    assert not GrantNotice.objects.exists() and not storage.exists(name)


def test_notice_list_query_count_does_not_grow(client_as, area, django_assert_max_num_queries):
    client = client_as("reader")
    make_notice(area)
    with django_assert_max_num_queries(12) as one:
        client.get(url("notice_list", area))
    for i in range(20):
        notice = make_notice(area, file_number=f"AZ {i}")
        DrawDown.objects.create(notice=notice, requested_on=datetime.date(2025, 1, 1), amount=5)
    with django_assert_max_num_queries(len(one)):
        response = client.get(url("notice_list", area))
    assert response.content.decode().count("AZ ") == 20
