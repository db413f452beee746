"""Export of the actor register (XLSX and CSV) and the file format shared with the import.

File format: one row per contact person, with the actor's columns repeated; an actor without
contact persons has one row with empty contact columns. The header is fixed German text, so a
file exported in either UI language can be imported again. Every cell goes through the one
spreadsheet layer ``ihk.spreadsheets`` (formula guard, control characters removed).
"""

from django.utils import translation

from ihk.spreadsheets import append_row, csv_bytes, workbook_bytes

from .models import Actor, ActorKind, ActorStatus, ConsentMethod

# (column header, model attribute) — the header is part of the file format, never translated.
ACTOR_COLUMNS = [
    ("Name", "name"),
    ("Art", "kind"),
    ("Beschreibung", "description"),
    ("Adresse", "address"),
    ("Website", "website"),
    ("Öffentlich", "is_public"),
    ("Interesse", "interest"),
    ("Einfluss", "influence"),
    ("Status", "status"),
    ("Dabei seit", "joined_on"),
    ("Interne Notizen", "internal_notes"),
]
CONTACT_COLUMNS = [
    ("Ansprechperson", "name"),
    ("Funktion", "role"),
    ("E-Mail", "email"),
    ("Telefon", "phone"),
    ("Einwilligung am", "consent_on"),
    ("Einwilligung wie", "consent_method"),
    ("Einwilligung für", "consent_purpose"),
]
HEADER = [column for column, _attr in ACTOR_COLUMNS + CONTACT_COLUMNS]


def _choice_labels(choices) -> dict[str, str]:
    with translation.override("de"):
        return {value: str(label) for value, label in choices}


def _actor_cells(actor, kinds, statuses) -> list:
    return [
        actor.name,
        kinds.get(actor.kind, actor.kind),
        actor.description,
        actor.address,
        actor.website,
        "ja" if actor.is_public else "nein",
        actor.interest,
        actor.influence,
        statuses.get(actor.status, actor.status),
        actor.joined_on,
        actor.internal_notes,
    ]


def _contact_cells(person, methods) -> list:
    return [
        person.name,
        person.role,
        person.email,
        person.phone,
        person.consent_on,
        methods.get(person.consent_method, person.consent_method),
        person.consent_purpose,
    ]


def export_rows(actors) -> list[list]:
    """The table for export: header first, then one row per contact person (or per actor)."""
    kinds, statuses = _choice_labels(ActorKind.choices), _choice_labels(ActorStatus.choices)
    methods = _choice_labels(ConsentMethod.choices)
    rows = [list(HEADER)]
    for actor in actors:
        actor_part = _actor_cells(actor, kinds, statuses)
        contacts = list(actor.contact_persons.all())
        if not contacts:
            rows.append(actor_part + [""] * len(CONTACT_COLUMNS))
        for person in contacts:
            rows.append(actor_part + _contact_cells(person, methods))
    return rows


def export_queryset(area):
    return Actor.objects.for_area(area).prefetch_related("contact_persons").order_by("name", "kind")


def export_csv(area) -> bytes:
    """CSV as Excel in Germany opens it: UTF-8 with BOM, semicolons, dates as DD.MM.YYYY."""
    return csv_bytes(export_rows(export_queryset(area)))


def export_xlsx(area) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Akteure"
    for row in export_rows(export_queryset(area)):
        append_row(sheet, row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in (sheet["J"], sheet["P"]):  # "Dabei seit", "Einwilligung am"
        for cell in column[1:]:
            cell.number_format = "DD.MM.YYYY"
    sheet.freeze_panes = "A2"
    return workbook_bytes(workbook)
