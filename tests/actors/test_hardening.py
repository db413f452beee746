"""Issue 10 in the actor register: control characters, formulas and hostile files never give
a 500 or a formula cell; text is cleaned at the edge (forms and import)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import load_workbook

from actors.exports import HEADER, export_csv, export_xlsx
from actors.imports import ImportFileError, import_actors
from actors.models import Actor, Committee, ContactPerson
from tests.actors.test_import_export import csv_bytes, row, xlsx_bytes
from tests.factories import ActorFactory, CommitteeFactory, ContactPersonFactory


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


def xlsx_text_bytes(rows) -> bytes:
    """A workbook whose cells are text, also those starting with "=" (as a user may type them)."""
    data = xlsx_bytes(rows)
    workbook = load_workbook(io.BytesIO(data))
    for line in workbook.active.iter_rows():
        for cell in line:
            if cell.data_type == "f":
                cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def formula_cells(data: bytes) -> list[str]:
    workbook = load_workbook(io.BytesIO(data))
    return [
        cell.coordinate
        for sheet in workbook.worksheets
        for line in sheet.iter_rows()
        for cell in line
        if cell.data_type == "f"
    ]


def test_control_character_stored_in_db_still_exports(client_as, area):
    # Control characters written around the forms (admin, shell, an old import); PostgreSQL
    # cannot store NUL at all, the others it stores.
    actor = ActorFactory(area=area, name="Verein\x0bmit Umbruch", description="a\x01b\x1fc")
    ContactPersonFactory(actor=actor, name="Frau\x0bX", phone="=1+1")
    response = client_as("manager").get(f"/areas/{area.slug}/actors/export.xlsx")
    assert response.status_code == 200
    assert formula_cells(response.content) == []
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == "Verein\nmit Umbruch"
    response = client_as("manager").get(f"/areas/{area.slug}/actors/export.csv")
    assert response.status_code == 200 and b"\x0b" not in response.content


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_imported_formula_names_never_become_formulas(area, start):
    name = f'{start}HYPERLINK("http://evil.example","x")'
    for maker, file_name in [(csv_bytes, "a.csv"), (xlsx_text_bytes, "a.xlsx")]:
        result = import_actors(
            area=area, name=file_name, data=maker([row(name=name, Telefon=f"{start}49 1")])
        )
        assert result.ok, result.errors
    assert Actor.objects.get().name == name  # stored as typed, protected on the way out
    assert formula_cells(export_xlsx(area)) == []
    assert f"'{start}HYPERLINK" in export_csv(area).decode("utf-8-sig")


def test_import_strips_control_characters(area):
    data = csv_bytes([row(name="Verein\x0bNord\x07", Beschreibung="Zeile 1\x0bZeile 2")])
    assert import_actors(area=area, name="a.csv", data=data).ok
    actor = Actor.objects.get()
    assert actor.name == "Verein Nord"
    assert actor.description == "Zeile 1\nZeile 2"
    assert formula_cells(export_xlsx(area)) == []


def test_forms_strip_control_characters(client_as, area):
    client = client_as("manager")
    response = client.post(
        f"/areas/{area.slug}/actors/new/",
        {
            "name": "Verein\x0bSüd\u202e",
            "kind": "association",
            "interest": 3,
            "influence": 3,
            "status": "active",
            "joined_on": "2024-02-01",
            "internal_notes": "a\x0bb",
        },
    )
    assert response.status_code == 302
    actor = Actor.objects.get()
    assert actor.name == "Verein Süd" and actor.internal_notes == "a\nb"
    response = client.post(
        f"/areas/{area.slug}/actors/{actor.pk}/contacts/new/",
        {
            "name": "Frau\x0bY",
            "consent_on": "2024-01-01",
            "consent_method": "written",
            "consent_purpose": "Einladungen\x07",
        },
    )
    assert response.status_code == 302
    person = ContactPerson.objects.get()
    assert (person.name, person.consent_purpose) == ("Frau Y", "Einladungen")
    # NUL is refused by Django's own validator: a message, the input kept, nothing stored.
    response = client.post(
        f"/areas/{area.slug}/actors/{actor.pk}/contacts/new/",
        {"name": "Z\x00", "consent_on": "2024-01-01", "consent_method": "written"},
    )
    assert response.status_code == 200 and ContactPerson.objects.count() == 1
    response = client.post(
        f"/areas/{area.slug}/actors/committees/new/",
        {"name": "Beirat\x0b", "kind": "other", "description": "x\x0by"},
    )
    assert response.status_code == 302
    assert Committee.objects.get().name == "Beirat"
    CommitteeFactory(area=area)


def huge_cell_csv() -> bytes:
    return csv_bytes([row(Beschreibung="x" * (140 * 1024))])


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.csv", huge_cell_csv(), "Zelle ist zu lang"),
        ("a.csv", b'"' + b"x" * (200 * 1024), "Zelle ist zu lang"),
        ("a.csv", b"\xff\xfe" + "Name;Art".encode("utf-16-le"), "Binärdaten"),
        ("a.csv", bytes(range(256)) * 8, "Binärdaten"),
        ("a.csv", "Näme;Ärt\r\n".encode("latin-1"), "Spaltenüberschriften"),
        ("a.csv", b"   \r\n\r\n", "keine Zeilen"),
        ("a.xlsx", b"PK\x03\x04" + b"\xff" * 2 * 1024 * 1024, "Excel-Arbeitsmappe"),
    ],
)
def test_hostile_files_give_messages(area, name, data, message):
    with pytest.raises(ImportFileError) as error:
        import_actors(area=area, name=name, data=data)
    assert message in str(error.value)
    assert Actor.objects.count() == 0


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"Dabei seit": "01.01.0001"}, "kein plausibles Datum"),
        ({"Dabei seit": "31.12.9999"}, "kein plausibles Datum"),
        ({"Einwilligung am": "1.1.3000"}, "kein plausibles Datum"),
        ({"Interesse": "99999999999999999999999"}, "kleiner oder gleich 5"),
        ({"Interesse": "²"}, "keine ganze Zahl"),
        ({"Name": "x" * 300}, "höchstens 200"),
    ],
)
def test_far_dates_and_huge_numbers_are_row_errors(area, extra, message):
    result = import_actors(area=area, name="a.csv", data=csv_bytes([row(**extra)]))
    assert not result.ok
    assert any(message in text for _row, text in result.errors), result.errors
    assert Actor.objects.count() == 0


@pytest.mark.parametrize(
    "data",
    [
        huge_cell_csv(),
        b"\x00\x01\x02" * 1000,
        b"",
        b"Name;Art\r\n=cmd|' /C calc'!A0;x\r\n",
        b"\xc3\x28\xa0\xa1" * 5000,
    ],
)
def test_import_view_never_500(client_as, area, data):
    response = client_as("manager").post(
        f"/areas/{area.slug}/actors/import/", {"file": SimpleUploadedFile("a.csv", data)}
    )
    assert response.status_code == 200
    assert 'class="invalid-feedback' in response.content.decode() or "Fehler" in (
        response.content.decode()
    )
    assert Actor.objects.count() == 0


def test_header_is_unchanged():
    assert HEADER[0] == "Name" and len(HEADER) == 18
