"""Import and export: all or nothing, idempotent, clear German errors for bad files."""

import csv
import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook, load_workbook

from actors.exports import HEADER, export_csv, export_xlsx
from actors.imports import ImportFileError, import_actors
from actors.models import Actor, ContactPerson
from tests.factories import ActorFactory, ContactPersonFactory


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


def row(name="Grundschule am Park", kind="Schule oder Kita", contact="Anna Schneider", **extra):
    values = {
        "Name": name,
        "Art": kind,
        "Beschreibung": "",
        "Adresse": "Parkweg 1",
        "Website": "https://gs-park.example.org",
        "Öffentlich": "ja",
        "Interesse": "4",
        "Einfluss": "2",
        "Status": "aktiv",
        "Dabei seit": "01.02.2024",
        "Interne Notizen": "",
        "Ansprechperson": contact,
        "Funktion": "Schulleitung" if contact else "",
        "E-Mail": "a.schneider@example.org" if contact else "",
        "Telefon": "",
        "Einwilligung am": "15.01.2024" if contact else "",
        "Einwilligung wie": "schriftlich" if contact else "",
        "Einwilligung für": "Einladungen" if contact else "",
    }
    values.update(extra)
    return [values[column] for column in HEADER]


def csv_bytes(rows, header=HEADER):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def xlsx_bytes(rows, header=HEADER):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for values in rows:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bytes(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def snapshot():
    return (
        sorted(
            Actor.objects.values_list("name", "kind", "interest", "updated_at", "internal_notes")
        ),
        sorted(ContactPerson.objects.values_list("name", "email", "actor__name")),
    )


def test_import_creates_actors_and_contacts(area):
    data = csv_bytes(
        [
            row(),
            row(contact="Jan Wolf", **{"E-Mail": "jan@example.org"}),
            row(name="Bäckerei Kaya", kind="business", contact=""),
        ]
    )
    result = import_actors(area=area, name="liste.csv", data=data)
    assert result.ok and result.saved, result.errors
    assert result.created_actors == 2 and result.created_contacts == 2
    school = Actor.objects.get(name="Grundschule am Park")
    assert school.kind == "school" and school.area == area and school.interest == 4
    assert school.joined_on == datetime.date(2024, 2, 1)
    assert set(school.contact_persons.values_list("name", flat=True)) == {
        "Anna Schneider",
        "Jan Wolf",
    }


@pytest.mark.parametrize("maker,name", [(csv_bytes, "a.csv"), (xlsx_bytes, "a.xlsx")])
def test_reimport_of_same_file_changes_nothing(area, maker, name):
    data = maker([row(), row(name="Bäckerei Kaya", kind="Lokales Gewerbe", contact="")])
    assert import_actors(area=area, name=name, data=data).saved
    before = snapshot()
    history = Actor.history.count()
    result = import_actors(area=area, name=name, data=data)
    assert Actor.history.count() == history
    assert result.ok
    assert result.created_actors == 0 and result.updated_actors == 0
    assert result.unchanged_actors == 2 and result.created_contacts == 0
    assert snapshot() == before


def test_import_matches_on_name_and_kind_and_updates(area):
    ActorFactory(area=area, name="Grundschule am Park", kind="school", interest=1)
    ActorFactory(area=area, name="Grundschule am Park", kind="other", interest=1)
    result = import_actors(area=area, name="a.csv", data=csv_bytes([row()]))
    assert result.saved and result.updated_actors == 1 and result.created_actors == 0
    assert Actor.objects.get(kind="school").interest == 4
    assert Actor.objects.get(kind="other").interest == 1


def test_import_does_not_touch_other_area(area, other_area):
    ActorFactory(area=other_area, name="Grundschule am Park", kind="school", interest=1)
    import_actors(area=area, name="a.csv", data=csv_bytes([row()]))
    assert Actor.objects.get(area=other_area).interest == 1
    assert Actor.objects.filter(area=area).count() == 1


def test_export_round_trip_is_idempotent(area):
    actor = ActorFactory(area=area, name="Diakonie", kind="social_agency", internal_notes="x")
    ContactPersonFactory(actor=actor, name="Olga Nowak")
    ActorFactory(area=area, name="Ohne Kontakt", kind="other")
    before = snapshot()
    for name, data in [("e.xlsx", export_xlsx(area)), ("e.csv", export_csv(area))]:
        result = import_actors(area=area, name=name, data=data)
        assert result.ok, result.errors
        assert result.unchanged_actors == 2 and result.created_contacts == 0
    assert snapshot() == before


def test_export_contains_contact_persons_and_parses(area):
    actor = ActorFactory(area=area, name="Diakonie", kind="social_agency")
    ContactPersonFactory(actor=actor, name="Olga Nowak", email="olga@example.org")
    sheet = load_workbook(io.BytesIO(export_xlsx(area))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    assert rows[1][0] == "Diakonie" and rows[1][1] == "Sozialer Träger"
    assert "olga@example.org" in rows[1]
    text = export_csv(area).decode("utf-8-sig")
    assert text.splitlines()[0].split(";")[:2] == ["Name", "Art"]
    assert "olga@example.org" in text


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        (row(**{"E-Mail": "keine-mail"}), "gültige E-Mail-Adresse"),
        (row(Interesse="7"), "kleiner oder gleich 5"),
        (row(Einfluss="0"), "größer oder gleich 1"),
        (row(Interesse="viel"), "keine ganze Zahl"),
        (row(Art="Raumschiff"), "kein gültiger Eintrag"),
        (row(**{"Dabei seit": "gestern"}), "kein Datum"),
        (row(**{"Einwilligung am": ""}), "Einwilligung am"),
        (row(Name=""), "Name"),
        (row(Öffentlich="vielleicht"), "„ja“ oder „nein“"),
    ],
)
def test_one_bad_row_stores_nothing(area, bad_row, message):
    data = csv_bytes([row(name="Gute Zeile", contact=""), bad_row])
    result = import_actors(area=area, name="a.csv", data=data)
    assert not result.ok and not result.saved
    assert result.errors[0][0] == 3
    assert any(message in text for _row, text in result.errors), result.errors
    assert Actor.objects.count() == 0 and ContactPerson.objects.count() == 0


def test_conflicting_rows_for_same_actor_are_reported(area):
    data = csv_bytes([row(), row(contact="Jan Wolf", Interesse="1")])
    result = import_actors(area=area, name="a.csv", data=data)
    assert not result.saved and "Zeile 2" in result.errors[0][1]
    assert Actor.objects.count() == 0


def test_empty_row_in_between_is_an_error(area):
    data = csv_bytes([row(name="Eins", contact=""), [""] * len(HEADER), row(name="Zwei")])
    result = import_actors(area=area, name="a.csv", data=data)
    assert result.errors == [(3, "Die Zeile ist leer. Bitte löschen Sie leere Zeilen.")]
    assert Actor.objects.count() == 0


def test_empty_row_in_xlsx_is_an_error(area):
    data = xlsx_bytes([row(name="Eins", contact=""), [None] * len(HEADER), row(name="Zwei")])
    result = import_actors(area=area, name="a.xlsx", data=data)
    assert [number for number, _text in result.errors] == [3]
    assert Actor.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.csv", csv_bytes([row()], header=["Name", "Typ"]), "Spaltenüberschriften"),
        ("a.xlsx", xlsx_bytes([row()], header=list(reversed(HEADER))), "Spaltenüberschriften"),
        ("a.csv", b"", "leer"),
        ("a.csv", csv_bytes([]), "keine Datenzeilen"),
        ("bild.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "keine Tabelle"),
        ("a.xlsx", b"%PDF-1.7 not a workbook", "Excel-Arbeitsmappe"),
        ("a.xlsx", b"PK\x03\x04" + b"\x00" * 200, "Excel-Arbeitsmappe"),
        ("a.csv", b"Name;Art\x00\x01\x02", "Binärdaten"),
        ("a.xlsx", zip_bytes({"word/document.xml": b"<w/>"}), "Excel-Arbeitsmappe"),
        ("a.xlsx", zip_bytes({"[Content_Types].xml": b"<broken"}), "Excel-Arbeitsmappe"),
        ("a.csv", b"x" * (10 * 1024 * 1024 + 1), "größer als 10 MB"),
        ("a.csv", csv_bytes([row(name=f"A{i}", contact="") for i in range(5001)]), "mehr als 5000"),
    ],
)
def test_bad_files_raise_clear_german_error(area, name, data, message):
    with pytest.raises(ImportFileError) as error:
        import_actors(area=area, name=name, data=data)
    assert message in str(error.value)
    assert Actor.objects.count() == 0


def test_dry_run_stores_nothing(area):
    result = import_actors(area=area, name="a.csv", data=csv_bytes([row()]), dry_run=True)
    assert result.ok and not result.saved and result.created_actors == 1
    assert Actor.objects.count() == 0


# --- through HTTP ---


def upload(client, area, name, data, **extra):
    return client.post(
        f"/areas/{area.slug}/actors/import/",
        {"file": SimpleUploadedFile(name, data), **extra},
    )


def test_import_view_shows_row_errors_and_stores_nothing(client_as, area):
    response = upload(
        client_as("manager"), area, "a.csv", csv_bytes([row(), row(name="X", Interesse="9")])
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Es wurde nichts gespeichert" in html
    assert "kleiner oder gleich 5" in html
    assert Actor.objects.count() == 0


def test_import_view_rejects_non_spreadsheet(client_as, area):
    response = upload(client_as("manager"), area, "foto.jpg", b"\xff\xd8\xff\xe0" + b"0" * 50)
    assert response.status_code == 200
    assert "keine Tabelle" in response.content.decode()
    assert Actor.objects.count() == 0


def test_import_view_rejects_large_file(client_as, area, settings):
    response = upload(client_as("manager"), area, "a.csv", b"x" * (10 * 1024 * 1024 + 5))
    assert "größer als 10 MB" in response.content.decode()
    assert Actor.objects.count() == 0


def test_import_view_success_redirects(client_as, area):
    response = upload(client_as("manager"), area, "a.xlsx", xlsx_bytes([row()]))
    assert response.status_code == 302
    assert Actor.objects.filter(area=area).count() == 1


def test_import_view_dry_run(client_as, area):
    response = upload(client_as("manager"), area, "a.xlsx", xlsx_bytes([row()]), dry_run="on")
    assert response.status_code == 200
    assert "Die Datei ist korrekt" in response.content.decode()
    assert Actor.objects.count() == 0


def test_reader_may_export_but_not_import(client_as, area):
    ActorFactory(area=area, name="Diakonie")
    client = client_as("reader")
    response = client.get(f"/areas/{area.slug}/actors/export.xlsx")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert client.get(f"/areas/{area.slug}/actors/export.pdf").status_code == 404
    assert upload(client, area, "a.csv", csv_bytes([row()])).status_code == 403
    assert Actor.objects.count() == 1


def test_export_neutralises_formulas_and_round_trips(area):
    actor = ActorFactory(area=area, name='=HYPERLINK("http://evil.example","klick")', kind="other")
    ContactPersonFactory(actor=actor, name="Max Muster", phone="+49 211 123")
    csv_text = export_csv(area).decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text and "'+49 211 123" in csv_text
    workbook = load_workbook(io.BytesIO(export_xlsx(area)))
    cell = workbook.active["A2"]
    # The one guard of ihk.spreadsheets: text cell with the protective apostrophe (as in CSV).
    assert cell.data_type == "s" and cell.value.startswith("'=HYPERLINK")
    before = snapshot()
    for name, data in [("e.csv", export_csv(area)), ("e.xlsx", export_xlsx(area))]:
        result = import_actors(area=area, name=name, data=data)
        assert result.ok and result.unchanged_actors == 1 and result.updated_contacts == 0, name
    assert snapshot() == before
